import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { kickservApiError } from '../transport/errors';
import { getAccount, kickservList, kickservPages } from '../transport/request';
import { route, validate } from '../transport/routing';
import { positiveInteger } from '../transport/validate';
import { dropdown, listControls, operationsOf, showFor, simplifyField } from './shared';

const resource = 'employee';

/** What Simplify keeps of an employee (login hashes are never kept, simplified or not). */
export const EMPLOYEE_SIMPLE_FIELDS = ['id', 'employee_number', 'name', 'email_address', 'active', 'admin'] as const;

const isActive = (e: IDataObject) => e.active !== false && e.is_active !== false;

const checkEmployeeId = validate(function (options) {
	positiveInteger(this.getNodeParameter('employeeId', undefined), 'Employee');
	return options;
});

export const employeeOperations: INodeProperties[] = operationsOf(resource, [
	{
		name: 'Get',
		value: 'get',
		action: 'Get an employee by ID',
		description: 'Get one employee by its ID (the ID that Get Many employees lists)',
		routing: route({
			method: 'GET',
			url: '/employees.json',
			preSend: [checkEmployeeId],
			async run(request) {
				const id = String(positiveInteger(this.getNodeParameter('employeeId', undefined), 'Employee'));
				for await (const { records } of kickservPages.call(this, { key: 'employees', style: 'page', path: request.path })) {
					const found = records.find((e) => String(e.id) === id);
					if (found) return [found];
				}
				const { slug } = await getAccount.call(this);
				throw kickservApiError(
					this.getNode(),
					{ statusCode: 404, body: '' },
					{ path: `/employees/${id}.json`, account: slug, method: 'GET' },
				);
			},
		}),
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many employees',
		description: 'List the employees, active ones or every one Kickserv lists; each has its ID (what jobs, tasks and time entries take) and employee_number (what the job list filter takes)',
		routing: route({
			method: 'GET',
			url: '/employees.json',
			async run(request, limit) {
				if (this.getNodeParameter('status', 'active') === 'all') {
					return await kickservList.call(this, { key: 'employees', style: 'page', path: request.path, limit });
				}
				// Kickserv's JSON list holds active employees only; a list that also holds inactive
				// ones (as the XML list does) is filtered here, so Limit counts active employees
				const out: IDataObject[] = [];
				for await (const { records } of kickservPages.call(this, { key: 'employees', style: 'page', path: request.path })) {
					for (const e of records) if (isActive(e) && out.length < (limit ?? Infinity)) out.push(e);
					if (limit !== undefined && out.length >= limit) break;
				}
				return out;
			},
		}),
	},
]);

export const employeeFields: INodeProperties[] = [
	dropdown({
		displayName: 'Employee Name or ID',
		name: 'employeeId',
		method: 'getEmployees',
		required: true,
		description: 'The employee (internal ID)',
		displayOptions: showFor(resource, ['get']),
	}),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'active',
		description: 'Which employees to return. Kickserv\'s JSON list may hold active employees only.',
		displayOptions: showFor(resource, ['getAll']),
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'All', value: 'all' },
		],
	},
	...listControls(resource, ['getAll'], EMPLOYEE_SIMPLE_FIELDS),
	...simplifyField(resource, ['get'], false, EMPLOYEE_SIMPLE_FIELDS),
];
