import type { IDataObject, IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';

import { recordFilter, type FilterRule } from '../transport/filters';
import { kickservList, kickservRequest, type KickservRequest } from '../transport/request';
import { deleteRecord, requireUpdateFields, route, validate } from '../transport/routing';
import { unwrapRecord } from '../transport/paging';
import { boolean, isoDateTime, isoDay, optionalText, positiveInteger, requiredText } from '../transport/validate';
import { dropdown, fieldCollection, idLocator, jobLocator, listControls, operationsOf, showFor, simplifyField } from './shared';

const resource = 'task';

/** What Simplify keeps of a task. */
export const TASK_SIMPLE_FIELDS = ['id', 'name', 'description', 'job_id', 'employee_ids', 'starts_at', 'ends_at', 'completed'] as const;

const body = (property: string) => ({ send: { type: 'body' as const, property: `task.${property}` } });

const JOB_NUMBER_HINT = 'The job the task belongs to, by the number the Kickserv web app shows';

/**
 * The task's job: the same picker as everywhere (From List, By Number, By URL), optional. Named
 * `job_number` as before: n8n hands the routing the number the locator holds, and a plain number (an
 * expression, `$fromAI` in tool mode) works as well.
 */
const taskJob = (description: string, routing: INodeProperties['routing']): INodeProperties => ({
	...jobLocator(undefined, description),
	name: 'job_number',
	required: false,
	routing,
});

/** Task fields a workflow may write (create and update). */
const taskFieldOptions = (update: boolean): INodeProperties[] => {
	const options: INodeProperties[] = [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Details of the task',
			routing: body('description'),
		},
		dropdown({
			displayName: 'Employee Names or IDs',
			name: 'employee_ids',
			method: 'getEmployees',
			multi: true,
			description: 'Employees assigned to the task',
			routing: body('employee_ids'),
		}),
		{
			displayName: 'Ends At',
			name: 'ends_at',
			type: 'dateTime',
			default: '',
			description: 'When the task ends',
			routing: body('ends_at'),
		},
		taskJob(JOB_NUMBER_HINT, body('job_number')),
		{
			displayName: 'Starts At',
			name: 'starts_at',
			type: 'dateTime',
			default: '',
			description: 'When the task starts (its day is what the date filters of Get Many look at)',
			routing: body('starts_at'),
		},
	];
	if (update) {
		options.push(
			{
				displayName: 'Completed',
				name: 'completed',
				type: 'boolean',
				default: true,
				description: 'Whether the task is done',
				routing: body('completed'),
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'What has to be done',
				routing: body('name'),
			},
		);
	}
	return options.sort((a, b) => a.displayName.localeCompare(b.displayName));
};

/** Checks a task body before it is sent. */
const checkTaskBody = (creating: boolean) =>
	validate(function (options) {
		const task = ((options.body as IDataObject)?.task ?? {}) as IDataObject;
		if (creating || 'name' in task) task.name = requiredText(task.name, 'Name', 255);
		if ('description' in task) task.description = optionalText(task.description, 'Description');
		if ('job_number' in task) task.job_number = positiveInteger(task.job_number, 'Job');
		if ('completed' in task) task.completed = boolean(task.completed, 'Completed');
		if ('employee_ids' in task) {
			const ids = Array.isArray(task.employee_ids) ? task.employee_ids : String(task.employee_ids).split(',');
			task.employee_ids = ids.map((id) => positiveInteger(typeof id === 'string' ? id.trim() : id, 'Employee'));
		}
		for (const [key, label] of [
			['starts_at', 'Starts At'],
			['ends_at', 'Ends At'],
		]) {
			if (key in task) task[key] = isoDateTime(task[key], label, this.getTimezone());
		}
		if (task.starts_at && task.ends_at && Date.parse(String(task.ends_at)) < Date.parse(String(task.starts_at))) {
			throw new Error('Ends At must not be before Starts At');
		}
		return options;
	});

const checkTaskFilters = validate(function (options) {
	const qs = (options.qs ?? {}) as IDataObject;
	if ('job_number' in qs) qs.job_number = positiveInteger(qs.job_number, 'Job');
	if ('employee_number' in qs) qs.employee_number = positiveInteger(qs.employee_number, 'Employee');
	if ('from' in qs) qs.from = isoDay(qs.from, 'Starts At or After');
	if ('to' in qs) qs.to = isoDay(qs.to, 'Starts Before');
	if (qs.from && qs.to && String(qs.to) <= String(qs.from)) throw new Error('Starts Before must be after Starts At or After');
	return options;
});

/** Whether a task starts on or after `from` and before `to` (days), by the day its `starts_at` names. */
export function startsWithin(task: IDataObject, range: IDataObject): boolean {
	const day = typeof task.starts_at === 'string' ? task.starts_at.slice(0, 10) : undefined;
	if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return true; // no start to judge by: as Kickserv filtered it
	return (!range.from || day >= String(range.from)) && (!range.to || day < String(range.to));
}

/**
 * The job filter checked against the tasks returned ([doc]): a task of another job is left out
 * (filters.ts). The employee filter is not: a task names its employees by internal id.
 */
const TASK_FILTER_CHECKS: FilterRule[] = [{ param: 'job_id', compare: 'number', label: 'Job' }];

/** Tasks take their job by internal id: a job number (what people see) is looked up first. */
async function withJobId(this: IExecutePaginationFunctions, fields: IDataObject, request: KickservRequest): Promise<IDataObject> {
	if (fields.job_number === undefined) return fields;
	const { job_number: jobNumber, ...rest } = fields;
	const reply = await kickservRequest.call(this, { method: 'GET', path: `/jobs/${jobNumber}.json`, transport: request.transport });
	return { ...rest, job_id: unwrapRecord(reply.body, 'job').id };
}

/** Create or update: the job number becomes the job's id, then the task is written. */
async function writeTask(this: IExecutePaginationFunctions, request: KickservRequest): Promise<IDataObject[]> {
	const task = await withJobId.call(this, ((request.body ?? {}).task ?? {}) as IDataObject, request);
	const reply = await kickservRequest.call(this, { ...request, body: { task } });
	return [unwrapRecord(reply.body, 'task')];
}

export const taskOperations: INodeProperties[] = operationsOf(resource, [
	{
		name: 'Complete',
		value: 'complete',
		action: 'Complete a task',
		description: 'Mark a task as done, by its ID (Get Many tasks lists them)',
		routing: route({
			method: 'PUT',
			url: '/tasks/{taskId}.json',
			async run(request) {
				const reply = await kickservRequest.call(this, { ...request, body: { task: { completed: true } } });
				return [unwrapRecord(reply.body, 'task')];
			},
		}),
	},
	{
		name: 'Create',
		value: 'create',
		action: 'Create a task',
		description: 'Create a task, for a job or on its own. Returns the task with its ID.',
		routing: route({ method: 'POST', url: '/tasks.json', preSend: [checkTaskBody(true)], run: writeTask }),
	},
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a task',
		description: 'Delete a task by its ID (Get Many tasks lists them)',
		routing: route({ method: 'DELETE', url: '/tasks/{taskId}.json', run: deleteRecord('task') }),
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a task',
		description: 'Get one task by its ID (Get Many tasks lists them)',
		routing: route({ method: 'GET', url: '/tasks/{taskId}.json', record: 'task' }),
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many tasks',
		description: 'List tasks, filtered by job, employee or the day they start; each has the ID that Get, Update, Complete and Delete take',
		routing: route({
			method: 'GET',
			url: '/tasks.json',
			preSend: [checkTaskFilters],
			async run(request, limit) {
				const qs = await withJobId.call(this, request.qs ?? {}, request);
				// the range is kept as the labels say whatever Kickserv does with its ends (a `to` that turns
				// out inclusive [doc: "effectively exclusive"]): each task carries its start, in the account's time
				const ranged = Boolean(qs.from || qs.to);
				const ofJob = recordFilter(this.getNode(), request.path, qs, TASK_FILTER_CHECKS);
				const keep = ranged || ofJob ? (task: IDataObject) => (!ranged || startsWithin(task, qs)) && (!ofJob || ofJob(task)) : undefined;
				return await kickservList.call(this, { key: 'tasks', style: 'page', path: request.path, qs, transport: request.transport, limit, keep });
			},
		}),
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a task',
		description: 'Change fields of a task, by its ID (Get Many tasks lists them)',
		routing: route({
			method: 'PUT',
			url: '/tasks/{taskId}.json',
			preSend: [checkTaskBody(false), requireUpdateFields('task')],
			run: writeTask,
		}),
	},
]);

export const taskFields: INodeProperties[] = [
	idLocator({
		displayName: 'Task ID',
		name: 'taskId',
		searchListMethod: 'searchTasks',
		example: '3300001',
		description: 'The task, from the list or by its ID (Get Many tasks lists them; Create returns it)',
		displayOptions: showFor(resource, ['get', 'update', 'delete', 'complete']),
	}),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Call the customer before arrival',
		description: 'What has to be done',
		displayOptions: showFor(resource, ['create']),
		routing: body('name'),
	},
	fieldCollection('additionalFields', resource, ['create'], taskFieldOptions(false)),
	fieldCollection('updateFields', resource, ['update'], taskFieldOptions(true)),
	...listControls(resource, ['getAll'], TASK_SIMPLE_FIELDS),
	...simplifyField(resource, ['get'], false, TASK_SIMPLE_FIELDS, ['create', 'update', 'complete']),
	fieldCollection('filters', resource, ['getAll'], [
		dropdown({
			displayName: 'Employee Name or ID',
			name: 'employee_number',
			method: 'getEmployeeNumbers',
			description: 'Only tasks assigned to this employee (by employee number)',
			routing: { send: { type: 'query', property: 'employee_number' } },
		}),
		taskJob('Only the tasks of this job, by the number the Kickserv web app shows', { send: { type: 'query', property: 'job_number' } }),
		{
			displayName: 'Starts At or After',
			name: 'from',
			type: 'dateTime',
			default: '',
			description: 'Only tasks starting on this day or later',
			routing: { send: { type: 'query', property: 'from' } },
		},
		{
			displayName: 'Starts Before',
			name: 'to',
			type: 'dateTime',
			default: '',
			description: 'Only tasks starting before this day (the day itself excluded)',
			routing: { send: { type: 'query', property: 'to' } },
		},
	]),
];
