import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { kickservList, kickservRequest } from '../transport/request';
import { pagesInFlight, requireUpdateFields, route, validate } from '../transport/routing';
import { unwrapRecord } from '../transport/paging';
import { recordFilter, type FilterRule } from '../transport/filters';
import {
	isoDateTime,
	oneOf,
	optionalPositiveInteger,
	optionalText,
	positiveInteger,
} from '../transport/validate';
import { JOB_STATUSES, JOB_STATUS_VALUES, customerLocator, jobLocator, listControls, showFor, simplifyField } from './shared';

const resource = 'job';

/** What Simplify keeps of a job. */
export const JOB_SIMPLE_FIELDS = [
	'job_number',
	'id',
	'customer_id',
	'name',
	'description',
	'status',
	'job_type_id',
	'scheduled_on',
	'ends_at',
	'completed_on',
	'total',
	'balance_remaining',
	'invoice_status',
	'created_at',
	'updated_at',
] as const;

const SCHEDULED_WINDOWS = [
	['Last Month', 'last_month'],
	['Last Week', 'last_week'],
	['Next Month', 'next_month'],
	['Next Week', 'next_week'],
	['This Month', 'this_month'],
	['This Week', 'this_week'],
	['Today', 'today'],
	['Tomorrow', 'tomorrow'],
].map(([name, value]) => ({ name, value }));

const body = (property: string) => ({ send: { type: 'body' as const, property: `job.${property}` } });

/** Job fields a workflow may write (create and update). */
export const jobFieldOptions = (update: boolean): INodeProperties[] => {
	const options: INodeProperties[] = [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'What the crew should do',
			routing: body('description'),
		},
		{
			displayName: 'Duration (Minutes)',
			name: 'duration',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description: 'How long the job takes, in minutes',
			routing: body('duration'),
		},
		{
			displayName: 'Employee Names or IDs',
			name: 'employee_ids',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getEmployees' },
			default: [],
			description:
				'Employees assigned to the job. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			routing: body('employee_ids'),
		},
		{
			displayName: 'Ends At',
			name: 'ends_at',
			type: 'dateTime',
			default: '',
			description: 'When the scheduled visit ends',
			routing: body('ends_at'),
		},
		{
			displayName: 'Job Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Short title of the job',
			routing: body('name'),
		},
		{
			displayName: 'PO Number',
			name: 'po_number',
			type: 'string',
			default: '',
			description: 'The customer\'s purchase order number',
			routing: body('po_number'),
		},
		{
			displayName: 'Scheduled On',
			name: 'scheduled_on',
			type: 'dateTime',
			default: '',
			description: 'When the visit starts (a scheduled job)',
			routing: body('scheduled_on'),
		},
	];
	if (update) {
		options.push(
			{
				displayName: 'Job Type Name or ID',
				name: 'job_type_id',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getJobTypes' },
				default: '',
				description:
					'The service. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: body('job_type_id'),
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: JOB_STATUSES,
				default: 'scheduled',
				description: 'New status; "New (Opportunity)" turns the job into an opportunity',
				routing: body('status'),
			},
		);
	}
	return options.sort((a, b) => a.displayName.localeCompare(b.displayName));
};

/** Checks a job body before it is sent. */
export const checkJobBody = validate(function (options) {
	const job = ((options.body as IDataObject)?.job ?? {}) as IDataObject;
	if ('job_type_id' in job) job.job_type_id = positiveInteger(job.job_type_id, 'Job Type');
	if ('duration' in job) job.duration = optionalPositiveInteger(job.duration, 'Duration (Minutes)');
	if ('status' in job) job.status = oneOf(job.status, 'Status', JOB_STATUS_VALUES);
	for (const [key, label] of [
		['scheduled_on', 'Scheduled On'],
		['ends_at', 'Ends At'],
	]) {
		if (key in job) job[key] = isoDateTime(job[key], label, this.getTimezone());
	}
	for (const [key, label, max] of [
		['description', 'Description', 10_000],
		['name', 'Job Name', 255],
		['po_number', 'PO Number', 255],
	] as const) {
		if (key in job) job[key] = optionalText(job[key], label, max);
	}
	if ('employee_ids' in job) {
		const ids = Array.isArray(job.employee_ids) ? job.employee_ids : String(job.employee_ids).split(',');
		job.employee_ids = ids.map((id) => positiveInteger(typeof id === 'string' ? id.trim() : id, 'Employee'));
	}
	return options;
});

/**
 * The filters checked against the jobs returned ([doc] for /jobs.json, [seed] for a customer's jobs): a job
 * in another status or of another job type is left out (filters.ts). Employee Number and Scheduled are
 * not checked: a job names its employees by internal id, and a window like This Week depends on the
 * account's time zone and first day of the week.
 */
const JOB_FILTER_CHECKS: FilterRule[] = [
	{ param: 'status', compare: 'status', label: 'Status' },
	{ param: 'job_type_id', compare: 'number', label: 'Job Type' },
];

const checkJobFilters = validate(function (options) {
	const qs = (options.qs ?? {}) as IDataObject;
	if ('status' in qs) {
		const statuses = Array.isArray(qs.status) ? qs.status : [qs.status];
		qs.status = statuses.map((status) => oneOf(status, 'Status', JOB_STATUS_VALUES));
		if (!(qs.status as string[]).length) delete qs.status;
	}
	if ('scheduled' in qs) {
		qs.scheduled = oneOf(qs.scheduled, 'Scheduled', SCHEDULED_WINDOWS.map((w) => w.value));
	}
	if ('job_type_id' in qs) qs.job_type_id = positiveInteger(qs.job_type_id, 'Job Type');
	if ('employee_number' in qs) qs.employee_number = positiveInteger(qs.employee_number, 'Employee Number');
	return options;
});

export const jobOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: 'getAll',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a job',
				description: 'Create a job for a customer, by customer number and job type ID (Get Many job types lists them). Returns the new job with its job_number.',
				routing: route({
					method: 'POST',
					url: '/customers/{customer}/jobs.json',
					record: 'job',
					preSend: [checkJobBody],
				}),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a job by job number',
				description: 'Delete a job with its notes and payments, by the job number the web app shows (job_number, not the internal ID)',
				routing: route({
					method: 'DELETE',
					url: '/jobs/{job}.json',
					// Kickserv deletes jobs only under their customer: find it first
					async run(request) {
						const found = await kickservRequest.call(this, {
							method: 'GET',
							path: request.path,
							qs: { include: 'customer' },
						});
						const job = unwrapRecord(found.body, 'job');
						const customer = (job.customer ?? {}) as IDataObject;
						if (!customer.customer_number) {
							throw new NodeOperationError(
								this.getNode(),
								`Kickserv did not say which customer job ${job.job_number} belongs to; nothing was deleted`,
								{ itemIndex: this.getItemIndex() },
							);
						}
						const path = `/customers/${customer.customer_number}/jobs/${job.job_number}.json`;
						await kickservRequest.call(this, { method: 'DELETE', path });
						return [{ deleted: true, job_number: job.job_number, customer_number: customer.customer_number }];
					},
				}),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a job by job number',
				description: 'Get one job (or opportunity) by the job number the web app shows (job_number, not the internal ID)',
				routing: route({ method: 'GET', url: '/jobs/{job}.json', record: 'job' }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many jobs',
				description: 'List jobs, newest first, account-wide or for one customer number, filtered by status, job type, employee or scheduled window; each has its job_number',
				routing: route({
					method: 'GET',
					url: '={{ $parameter.scope === "customer" ? "/customers/{customer}/jobs.json" : "/jobs.json" }}',
					preSend: [checkJobFilters],
					async run(request, limit) {
						// only the account-wide list documents per_page
						const style = request.path === '/jobs.json' ? 'perPage' : 'page';
						const inFlight = pagesInFlight.call(this, limit);
						const keep = recordFilter(this.getNode(), request.path, request.qs, JOB_FILTER_CHECKS);
						return await kickservList.call(this, { key: 'jobs', style, path: request.path, qs: request.qs, limit, inFlight, keep });
					},
				}),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a job by job number',
				description: 'Change fields of a job, its status included, by the job number the web app shows (job_number, not the internal ID)',
				routing: route({
					method: 'PUT',
					url: '/jobs/{job}.json',
					record: 'job',
					preSend: [checkJobBody, requireUpdateFields('job')],
				}),
			},
		],
	},
];

export const jobFields: INodeProperties[] = [
	{
		displayName: 'Jobs Of',
		name: 'scope',
		type: 'options',
		default: 'account',
		description: 'Whether to list every job in the account or one customer\'s jobs',
		displayOptions: showFor(resource, ['getAll']),
		options: [
			{ name: 'All Customers', value: 'account' },
			{ name: 'One Customer', value: 'customer' },
		],
	},
	customerLocator(showFor(resource, ['create']), 'The customer the job is for'),
	customerLocator(showFor(resource, ['getAll'], { scope: ['customer'] }), 'The customer whose jobs to list'),
	jobLocator(showFor(resource, ['get', 'update', 'delete'])),
	{
		displayName: 'Job Type Name or ID',
		name: 'jobTypeId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getJobTypes' },
		required: true,
		default: '',
		description:
			'The service to perform. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: showFor(resource, ['create']),
		routing: body('job_type_id'),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(resource, ['create']),
		options: jobFieldOptions(false),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(resource, ['update']),
		options: jobFieldOptions(true),
	},
	...listControls(resource, ['getAll'], JOB_SIMPLE_FIELDS),
	...simplifyField(resource, ['get'], false, JOB_SIMPLE_FIELDS, ['create', 'update']),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(resource, ['getAll']),
		options: [
			{
				displayName: 'Employee Number',
				name: 'employee_number',
				type: 'number',
				default: 0,
				description: 'Only jobs assigned to this employee (all customers only)',
				displayOptions: { show: { '/scope': ['account'] } },
				routing: { send: { type: 'query', property: 'employee_number' } },
			},
			{
				displayName: 'Job Type Name or ID',
				name: 'job_type_id',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getJobTypes' },
				default: '',
				description:
					'Only jobs of this service (all customers only). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { '/scope': ['account'] } },
				routing: { send: { type: 'query', property: 'job_type_id' } },
			},
			{
				displayName: 'Scheduled',
				name: 'scheduled',
				type: 'options',
				options: SCHEDULED_WINDOWS,
				default: 'today',
				description: 'Only jobs scheduled in this window (all customers only)',
				displayOptions: { show: { '/scope': ['account'] } },
				routing: { send: { type: 'query', property: 'scheduled' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: JOB_STATUSES,
				default: [],
				description: 'Only jobs in one of these statuses',
				routing: { send: { type: 'query', property: 'status' } },
			},
		],
	},
];
