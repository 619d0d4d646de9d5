import type { INodeProperties } from 'n8n-workflow';

import { kickservRequest } from '../transport/request';
import { unwrapList } from '../transport/paging';
import { route } from '../transport/routing';
import { listControls, operationsOf } from './shared';

const resource = 'jobType';

/** A job type ("service") is only an id and a name. */
export const JOB_TYPE_FIELDS = ['id', 'name'] as const;

export const jobTypeOperations: INodeProperties[] = operationsOf(resource, [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many job types',
		description: 'List the job types (services) of the account: each has an ID and a name. Creating a job needs one of these IDs as its job type.',
		routing: route({
			method: 'GET',
			// the only list of job types Kickserv has: the `job_types` part of the calendar
			url: '/calendar.json',
			async run(request, limit) {
				const reply = await kickservRequest.call(this, { method: 'GET', path: request.path, transport: request.transport });
				const { records } = unwrapList(reply.body, 'job_types');
				const types = records.map((type) => ({ id: type.id, name: type.name }));
				return limit === undefined ? types : types.slice(0, limit);
			},
		}),
	},
]);

export const jobTypeFields: INodeProperties[] = [...listControls(resource, ['getAll'], JOB_TYPE_FIELDS, { paged: false })];
