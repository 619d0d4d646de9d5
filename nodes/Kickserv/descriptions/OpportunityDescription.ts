import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { inputError } from '../transport/errors';
import { kickservRequest } from '../transport/request';
import { route, validate } from '../transport/routing';
import { unwrapRecord } from '../transport/paging';
import type { FilterRule } from '../transport/filters';
import { positiveInteger } from '../transport/validate';
import { JOB_SIMPLE_FIELDS, checkJobBody, jobFieldOptions } from './JobDescription';
import { customerLocator, dropdown, fieldCollection, jobLocator, listControls, operationsOf, showFor, simplifyField } from './shared';

const resource = 'opportunity';

const OPPORTUNITY_STATUSES = [
	{ name: 'Lost', value: 'lost' },
	{ name: 'New', value: 'new' },
	{ name: 'Won', value: 'won' },
];

/** The filters checked against the opportunities returned ([doc]): another status or job type is left out (filters.ts). */
const OPPORTUNITY_FILTER_CHECKS: FilterRule[] = [
	{ param: 'status', compare: 'status', label: 'Status' },
	{ param: 'job_type_id', compare: 'number', label: 'Job Type' },
];

const checkOpportunityFilters = validate(function (options) {
	const qs = (options.qs ?? {}) as IDataObject;
	if ('job_type_id' in qs) qs.job_type_id = positiveInteger(qs.job_type_id, 'Job Type');
	return options;
});

/** Prefixes a failed step's error (keeping its HTTP status) with which step failed and what exists. */
function stepFailed(error: unknown, step: string, aftermath: string): never {
	const failure = error as { message?: string; description?: string | null };
	failure.message = `${step} failed: ${failure.message ?? String(error)}`;
	failure.description = [aftermath, failure.description].filter(Boolean).join(' ');
	throw error;
}

/** An opportunity is a job: its reply may be wrapped in either singular key. */
const OPPORTUNITY = ['opportunity', 'job'] as const;

/**
 * Mark as Won / Lost: the job is read first, so that a job that is no opportunity (any status but New)
 * gets an error that says so, instead of Kickserv's bare refusal (one request more per mark).
 */
const markAs = (outcome: 'won' | 'lost'): INodeProperties['routing'] =>
	route({
		method: 'PUT',
		url: `/opportunities/{job}/mark_as_${outcome}.json`,
		async run(request) {
			const number = request.path.split('/')[2];
			const job = unwrapRecord((await kickservRequest.call(this, { method: 'GET', path: `/jobs/${number}.json`, transport: request.transport })).body, 'job');
			if (job.status !== undefined && job.status !== 'new') {
				throw inputError(this.getNode(), `Job ${number} is not an opportunity: its status is "${String(job.status)}"`, {
					description: `Mark as ${outcome === 'won' ? 'Won' : 'Lost'} takes an open opportunity (a job with status New); nothing was changed. Opportunity > Get Many lists them, and the picker's From List shows only them.`,
					itemIndex: this.getItemIndex(),
				});
			}
			return [unwrapRecord((await kickservRequest.call(this, request)).body, OPPORTUNITY)];
		},
	});

export const opportunityOperations: INodeProperties[] = operationsOf(resource, [
	{
		name: 'Create',
		value: 'create',
		action: 'Create an opportunity',
		description: 'Create an opportunity (a job with status New) for a customer, by customer number and job type ID. Returns it with its job_number.',
		routing: route({
			method: 'POST',
			url: '/customers/{customer}/jobs.json',
			preSend: [checkJobBody],
			async run(request) {
				let created: IDataObject;
				try {
					created = unwrapRecord((await kickservRequest.call(this, request)).body, 'job');
				} catch (error) {
					stepFailed(error, 'Step 1 of 2 (create the job)', 'No opportunity was set up.');
				}
				const number = created.job_number;
				try {
					const reply = await kickservRequest.call(this, {
						method: 'PUT',
						path: `/jobs/${number}.json`,
						body: { job: { status: 'new' } },
						transport: request.transport,
					});
					return [unwrapRecord(reply.body, 'job')];
				} catch (error) {
					return stepFailed(
						error,
						`Step 2 of 2 (set job ${number} to status New)`,
						`Job ${number} was created and still exists with status "${created.status}": set its status to New (Job > Update) or delete it before running this again, or a second job will be created.`,
					);
				}
			},
		}),
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many opportunities',
		description: 'List opportunities (jobs with status New), newest first; each has its job_number',
		routing: route({
			method: 'GET',
			url: '/opportunities.json',
			preSend: [checkOpportunityFilters],
			list: { key: 'opportunities', style: 'page', filters: OPPORTUNITY_FILTER_CHECKS },
		}),
	},
	{
		name: 'Mark as Lost',
		value: 'markLost',
		action: 'Mark an opportunity as lost',
		description: 'End an open opportunity (status New) as lost, by its job number; a job in another status is refused',
		routing: markAs('lost'),
	},
	{
		name: 'Mark as Won',
		value: 'markWon',
		action: 'Mark an opportunity as won',
		description: 'End an open opportunity (status New) as won, by its job number; a job in another status is refused',
		routing: markAs('won'),
	},
]);

export const opportunityFields: INodeProperties[] = [
	customerLocator(showFor(resource, ['create']), 'The customer the opportunity is for'),
	jobLocator(showFor(resource, ['markWon', 'markLost']), 'The opportunity (a job with status New), by its job number', 'searchOpportunities'),
	dropdown({
		displayName: 'Job Type Name or ID',
		name: 'jobTypeId',
		method: 'getJobTypes',
		required: true,
		description: 'The service the customer asks about',
		displayOptions: showFor(resource, ['create']),
		routing: { send: { type: 'body', property: 'job.job_type_id' } },
	}),
	fieldCollection('additionalFields', resource, ['create'], jobFieldOptions(false)),
	...listControls(resource, ['getAll'], JOB_SIMPLE_FIELDS),
	...simplifyField(resource, ['markWon', 'markLost'], false, JOB_SIMPLE_FIELDS, ['create']),
	fieldCollection('filters', resource, ['getAll'], [
		dropdown({
			displayName: 'Job Type Name or ID',
			name: 'job_type_id',
			method: 'getJobTypes',
			description: 'Only opportunities for this service',
			routing: { send: { type: 'query', property: 'job_type_id' } },
		}),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: OPPORTUNITY_STATUSES,
			default: 'new',
			description: 'Only opportunities in this status',
			routing: { send: { type: 'query', property: 'status' } },
		},
	]),
];
