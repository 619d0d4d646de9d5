import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { kickservRequest } from '../transport/request';
import { assumptionError } from '../transport/errors';
import type { FilterRule } from '../transport/filters';
import { requireUpdateFields, route, validate } from '../transport/routing';
import { isEmptyRecord, isObject, unwrapList, unwrapRecord } from '../transport/paging';
import { boolean, email, optionalPositiveInteger, optionalText, requiredText } from '../transport/validate';
import { customerLocator, listControls, showFor, simplifyField } from './shared';

const resource = 'customer';

/** What Simplify keeps of a customer. */
export const CUSTOMER_SIMPLE_FIELDS = [
	'customer_number',
	'id',
	'name',
	'company_name',
	'first_name',
	'last_name',
	'email_address',
	'phone_number',
	'mobile',
	'service_address',
	'service_city',
	'service_state',
	'service_zip_code',
	'balance',
	'is_active',
	'created_at',
	'updated_at',
] as const;

type FieldType = 'string' | 'number' | 'boolean';

/** Customer fields a workflow may write: [key, display name, type, description]. */
const WRITABLE: Array<[string, string, FieldType, string]> = [
	['company_name', 'Company Name', 'string', 'Company the customer works for'],
	['first_name', 'First Name', 'string', 'Contact\'s first name'],
	['last_name', 'Last Name', 'string', 'Contact\'s last name'],
	['contact', 'Contact', 'string', 'Main contact person'],
	['alt_contact', 'Alternate Contact', 'string', 'Second contact person'],
	['email_address', 'Email', 'string', 'Email address'],
	['phone_number', 'Phone', 'string', 'Main phone number'],
	['mobile', 'Mobile', 'string', 'Mobile phone number'],
	['alt_phone_number', 'Alternate Phone', 'string', 'Second phone number'],
	['fax', 'Fax', 'string', 'Fax number'],
	['service_address', 'Service Address', 'string', 'Street address where the work is done'],
	['service_address_2', 'Service Address 2', 'string', 'Second line of the service address'],
	['service_city', 'Service City', 'string', 'City of the service address'],
	['service_state', 'Service State', 'string', 'State of the service address'],
	['service_zip_code', 'Service ZIP Code', 'string', 'ZIP code of the service address'],
	['service_country', 'Service Country', 'string', 'Country of the service address'],
	['billing_address', 'Billing Address', 'string', 'Street address invoices go to'],
	['billing_address_2', 'Billing Address 2', 'string', 'Second line of the billing address'],
	['billing_city', 'Billing City', 'string', 'City of the billing address'],
	['billing_state', 'Billing State', 'string', 'State of the billing address'],
	['billing_zip_code', 'Billing ZIP Code', 'string', 'ZIP code of the billing address'],
	['billing_country', 'Billing Country', 'string', 'Country of the billing address'],
	['account_number', 'Account Number', 'string', 'Your own account number for the customer'],
	['customer_type_id', 'Customer Type ID', 'number', 'Internal ID of the customer type'],
	['customer_source_id', 'Customer Source ID', 'number', 'Internal ID of the lead source'],
	['is_active', 'Is Active', 'boolean', 'Whether the customer is active'],
	['notify_via_email', 'Notify via Email', 'boolean', 'Whether Kickserv emails the customer'],
	['notify_via_sms', 'Notify via SMS', 'boolean', 'Whether Kickserv texts the customer'],
];

const NAME = (description: string): INodeProperties => ({
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Clarence Lee',
	description,
});

const writableOptions = (withName: boolean): INodeProperties[] => {
	const options: INodeProperties[] = WRITABLE.map(([key, displayName, type, description]) => ({
		displayName,
		name: key,
		type,
		default: type === 'boolean' ? false : type === 'number' ? 0 : '',
		description: type === 'boolean' ? `Whether ${description.replace(/^Whether /, '').replace(/^\w/, (c) => c.toLowerCase())}` : description,
		...(key === 'email_address' ? { placeholder: 'name@email.com' } : {}),
		routing: { send: { type: 'body', property: `customer.${key}` } },
	}));
	if (withName) {
		options.push({
			...NAME('New name (unique in the account)'),
			routing: { send: { type: 'body', property: 'customer.name' } },
		});
	}
	return options.sort((a, b) => a.displayName.localeCompare(b.displayName));
};

/** Checks a customer body before it is sent (types, lengths, email). */
const checkCustomerBody = validate(function (options) {
	const body = ((options.body as IDataObject)?.customer ?? {}) as IDataObject;
	for (const [key, displayName, type] of WRITABLE) {
		if (!(key in body)) continue;
		if (type === 'number') body[key] = optionalPositiveInteger(body[key], displayName);
		else if (type === 'string') body[key] = optionalText(body[key], displayName, 255);
		else body[key] = boolean(body[key], displayName);
		if (key === 'email_address' && body[key]) body[key] = email(body[key], displayName);
	}
	if ('name' in body) body.name = requiredText(body.name, 'Name', 255);
	return options;
});

const checkCustomerFilters = validate(function (options) {
	const qs = (options.qs ?? {}) as IDataObject;
	if ('customer_number' in qs) qs.customer_number = optionalPositiveInteger(qs.customer_number, 'Customer Number');
	if ('customer_source_id' in qs) qs.customer_source_id = optionalPositiveInteger(qs.customer_source_id, 'Customer Source ID');
	if ('begins_with' in qs) {
		const letter = String(qs.begins_with ?? '').trim();
		if (!/^[A-Za-z0-9]$/.test(letter)) {
			throw new Error(`Name Begins With must be a single letter or digit (got ${JSON.stringify(qs.begins_with)})`);
		}
		qs.begins_with = letter;
	}
	for (const [key, label] of TEXT_FILTERS) {
		if (!(key in qs)) continue;
		qs[key] = optionalText(qs[key], label, 255);
		if (qs[key] === '' || qs[key] === undefined) delete qs[key];
	}
	return options;
});

const EXACT_FILTERS: Array<[string, string]> = [
	['name', 'Name (Exact)'],
	['email_address', 'Email (Exact)'],
	['phone_number', 'Phone (Exact)'],
	['service_address', 'Service Address (Exact)'],
	['service_city', 'Service City (Exact)'],
	['service_state', 'Service State (Exact)'],
	['service_zip_code', 'Service ZIP Code (Exact)'],
	['service_country', 'Service Country (Exact)'],
	['billing_address', 'Billing Address (Exact)'],
	['billing_city', 'Billing City (Exact)'],
	['billing_state', 'Billing State (Exact)'],
	['billing_zip_code', 'Billing ZIP Code (Exact)'],
	['billing_country', 'Billing Country (Exact)'],
];

/**
 * How each filter is checked against the customers returned ([seed]: a server that ignores one would send
 * every customer): a customer that matches under no plausible rule is left out (filters.ts).
 */
const CUSTOMER_FILTER_CHECKS: FilterRule[] = [
	{ param: 'q', fields: ['name'], compare: 'contains', label: 'Name Contains' },
	{ param: 'begins_with', fields: ['name'], compare: 'firstLetter', label: 'Name Begins With' },
	{ param: 'customer_number', compare: 'number', label: 'Customer Number' },
	{ param: 'customer_source_id', compare: 'number', label: 'Customer Source ID' },
	// (which of a customer's phone numbers the filter looks at is not documented: any of them)
	{ param: 'phone_number', fields: ['phone_number', 'mobile', 'alt_phone_number'], compare: 'phone', label: 'Phone (Exact)' },
	...EXACT_FILTERS.filter(([key]) => key !== 'phone_number').map(([param, label]): FilterRule => ({ param, compare: 'text', label })),
];

/** Text filters and their display names (for error messages). */
const TEXT_FILTERS: Array<[string, string]> = [['q', 'Name Contains'], ...EXACT_FILTERS];

async function findByExactName(this: IExecuteSingleFunctions, request: { body?: IDataObject }) {
	const name = requiredText(request.body?.name, 'Name', 255);
	const reply = await kickservRequest.call(this, {
		method: 'POST',
		path: '/customers/customer_validation.json',
		body: { name },
	});
	const body = (reply.body ?? {}) as IDataObject;
	if (body.status === 'not found') return [{ found: false, name }];
	// "exist" or "not found" [seed]: another answer is not taken as "not found" (a workflow would then
	// create the customer a second time)
	if (body.status !== 'exist' || !isObject(body.customer)) {
		throw assumptionError(
			this.getNode(),
			'/customers/customer_validation.json answers "exist" with the customer, or "not found"',
			`It answered ${typeof body.status === 'string' ? `"${body.status}"` : 'without a status'}${isObject(body.customer) ? '' : ' and no customer'} (keys: ${Object.keys(body).join(', ') || 'none'}).`,
			'Whether the customer exists cannot be told, so nothing is returned.',
		);
	}
	const customer = unwrapRecord(body.customer, 'customer');
	return [{ found: true, ...customer, customer_url: body.customer_url }];
}

export const customerOperations: INodeProperties[] = [
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
				action: 'Create a customer',
				description: 'Create a customer (the name must be unique in the account). Returns the new customer with its customer_number, the number every other customer operation takes.',
				routing: route({
					method: 'POST',
					url: '/customers.json',
					record: 'customer',
					preSend: [checkCustomerBody],
				}),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a customer by customer number',
				description: 'Delete a customer, by the customer number the web app shows (customer_number, not the internal ID), with its jobs, notes and payments',
				routing: route({
					method: 'DELETE',
					url: '/customers/{customer}.json',
					async run(request) {
						await kickservRequest.call(this, request);
						return [{ deleted: true, customer_number: Number(request.path.match(/(\d+)\.json$/)?.[1]) }];
					},
				}),
			},
			{
				name: 'Find by Exact Name',
				value: 'findByName',
				action: 'Find a customer by exact name',
				description: 'Look a customer up by its exact, case-sensitive name (names are unique). Returns found: true with the customer and its customer_number, or found: false.',
				routing: route({
					method: 'POST',
					url: '/customers/customer_validation.json',
					run(request) {
						return findByExactName.call(this, request);
					},
				}),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a customer by customer number',
				description: 'Get one customer by the customer number the web app shows (customer_number, not the internal ID)',
				routing: route({ method: 'GET', url: '/customers/{customer}.json', record: 'customer' }),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many customers',
				description: 'List customers, optionally filtered by exact field values; each record has its customer_number',
				routing: route({
					method: 'GET',
					url: '/customers.json',
					list: { key: 'customers', style: 'customers', filters: CUSTOMER_FILTER_CHECKS },
					preSend: [checkCustomerFilters],
				}),
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search customers by name',
				description: 'Find customers whose name contains a text (case-insensitive); each has its customer_number, the number other customer operations take',
				routing: route({
					method: 'GET',
					url: '/customers/filter.json',
					preSend: [
						validate(function (options) {
							requiredText(options.qs?.name, 'Name Contains', 255);
						}),
					],
					// not paged: the filter endpoint answers every match at once, plus an all-null record
					async run(request, limit) {
						const reply = await kickservRequest.call(this, request);
						const matches = unwrapList(reply.body, 'customers').records.filter((r) => !isEmptyRecord(r));
						return limit ? matches.slice(0, limit) : matches;
					},
				}),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a customer by customer number',
				description: 'Change fields of a customer, by the customer number the web app shows (customer_number, not the internal ID)',
				routing: route({
					method: 'PUT',
					url: '/customers/{customer}.json',
					record: 'customer',
					preSend: [checkCustomerBody, requireUpdateFields('customer')],
				}),
			},
		],
	},
];

export const customerFields: INodeProperties[] = [
	customerLocator(showFor(resource, ['get', 'update', 'delete'])),
	{
		...NAME('Customer name, unique in the account (e.g. the person or the business)'),
		required: true,
		displayOptions: showFor(resource, ['create']),
		routing: { send: { type: 'body', property: 'customer.name' } },
	},
	{
		...NAME('The exact, case-sensitive name to look for'),
		required: true,
		displayOptions: showFor(resource, ['findByName']),
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Name Contains',
		name: 'nameContains',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. obert',
		description: 'Text the customer name contains (case-insensitive)',
		displayOptions: showFor(resource, ['search']),
		routing: { send: { type: 'query', property: 'name' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(resource, ['create']),
		options: writableOptions(false),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(resource, ['update']),
		options: writableOptions(true),
	},
	...listControls(resource, ['getAll', 'search'], CUSTOMER_SIMPLE_FIELDS),
	...simplifyField(resource, ['get'], false, CUSTOMER_SIMPLE_FIELDS, ['create', 'update']),
	// a miss is `{found: false, name}`: `found` stays in the simplified record, hit or miss
	...simplifyField(resource, ['findByName'], false, ['found', ...CUSTOMER_SIMPLE_FIELDS]),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(resource, ['getAll']),
		options: ([
			{
				displayName: 'Name Contains',
				name: 'q',
				type: 'string',
				default: '',
				description: 'Partial match on the name only',
				routing: { send: { type: 'query', property: 'q' } },
			},
			{
				displayName: 'Name Begins With',
				name: 'begins_with',
				type: 'string',
				default: '',
				placeholder: 'e.g. A',
				description: 'First letter of the name (case-insensitive)',
				routing: { send: { type: 'query', property: 'begins_with' } },
			},
			{
				displayName: 'Customer Number',
				name: 'customer_number',
				type: 'number',
				default: 0,
				description: 'Exact customer number',
				routing: { send: { type: 'query', property: 'customer_number' } },
			},
			{
				displayName: 'Customer Source ID',
				name: 'customer_source_id',
				type: 'number',
				default: 0,
				description: 'Internal ID of the lead source',
				routing: { send: { type: 'query', property: 'customer_source_id' } },
			},
			...EXACT_FILTERS.map(([key, displayName]): INodeProperties => ({
				displayName,
				name: key,
				type: 'string',
				default: '',
				description: `Exact match on ${displayName.replace(' (Exact)', '').toLowerCase()} (no wildcards)`,
				routing: { send: { type: 'query', property: key } },
			})),
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];
