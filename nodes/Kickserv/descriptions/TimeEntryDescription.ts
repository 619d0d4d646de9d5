import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { route, validate } from '../transport/routing';
import { boolean, isoDateTime, optionalText, positiveInteger } from '../transport/validate';
import { dropdown, jobLocator, listControls, operationsOf, showFor } from './shared';

const resource = 'timeEntry';

/** What Simplify keeps of a time entry. */
export const TIME_ENTRY_SIMPLE_FIELDS = ['id', 'job_id', 'employee_id', 'started_at', 'ended_at', 'hours', 'notes'] as const;

const body = (property: string) => ({ send: { type: 'body' as const, property: `time_entry.${property}` } });

const checkTimeEntry = validate(function (options) {
	const entry = ((options.body as IDataObject)?.time_entry ?? {}) as IDataObject;
	entry.employee_id = positiveInteger(entry.employee_id, 'Employee');
	entry.started_at = isoDateTime(entry.started_at, 'Started At', this.getTimezone());
	entry.ended_at = isoDateTime(entry.ended_at, 'Ended At', this.getTimezone());
	if (Date.parse(String(entry.ended_at)) <= Date.parse(String(entry.started_at))) {
		throw new Error('Ended At must be after Started At');
	}
	if ('notes' in entry) entry.notes = optionalText(entry.notes, 'Notes');
	if ('billable' in entry) entry.billable = boolean(entry.billable, 'Billable');
	return options;
});

export const timeEntryOperations: INodeProperties[] = operationsOf(resource, [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many time entries',
		description: 'List the hours logged on a job, by job number',
		routing: route({ method: 'GET', url: '/jobs/{job}/time_entries.json', list: { key: 'time_entries', style: 'page' } }),
	},
	{
		name: 'Log',
		value: 'log',
		action: 'Log a time entry',
		description: 'Log an employee\'s hours on a job, by job number and employee ID (Get Many employees lists them)',
		routing: route({ method: 'POST', url: '/jobs/{job}/time_entries.json', record: 'time_entry', preSend: [checkTimeEntry] }),
	},
]);

export const timeEntryFields: INodeProperties[] = [
	jobLocator(showFor(resource, ['log', 'getAll']), 'The job the hours were worked on'),
	dropdown({
		displayName: 'Employee Name or ID',
		name: 'employeeId',
		method: 'getEmployees',
		required: true,
		description: 'Who worked',
		displayOptions: showFor(resource, ['log']),
		routing: body('employee_id'),
	}),
	{
		displayName: 'Started At',
		name: 'startedAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the work started',
		displayOptions: showFor(resource, ['log']),
		routing: body('started_at'),
	},
	{
		displayName: 'Ended At',
		name: 'endedAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the work ended',
		displayOptions: showFor(resource, ['log']),
		routing: body('ended_at'),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(resource, ['log']),
		options: [
			{
				displayName: 'Billable',
				name: 'billable',
				type: 'boolean',
				default: true,
				description: 'Whether the hours are billed to the customer',
				routing: body('billable'),
			},
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				default: '',
				description: 'What was done',
				routing: body('notes'),
			},
		],
	},
	...listControls(resource, ['getAll'], TIME_ENTRY_SIMPLE_FIELDS),
];
