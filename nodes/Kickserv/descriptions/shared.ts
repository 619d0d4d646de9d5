import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DEFAULT_IN_FLIGHT, MAX_IN_FLIGHT } from '../transport/parallel';
import { simplify } from '../transport/routing';

/** Shows a field only for these resource(s) and operation(s). */
export const showFor = (resource: string, operation: string[], extra: Record<string, unknown[]> = {}) => ({
	show: { resource: [resource], operation, ...extra },
});

/** The Operation picker of a resource: its operations, each carrying its own routing. */
export const operationsOf = (resource: string, options: INodePropertyOptions[], defaultOperation = 'getAll'): INodeProperties[] => [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: defaultOperation,
		options,
	},
];

const COLLECTIONS = {
	additionalFields: ['Additional Fields', 'Add Field'],
	updateFields: ['Update Fields', 'Add Field'],
	filters: ['Filters', 'Add Filter'],
} as const;

/** Additional Fields (create), Update Fields (update) or Filters (get many): a collection of optional fields. */
export const fieldCollection = (
	name: keyof typeof COLLECTIONS,
	resource: string,
	operation: string[],
	options: INodeProperties[],
): INodeProperties => ({
	displayName: COLLECTIONS[name][0],
	name,
	type: 'collection',
	placeholder: COLLECTIONS[name][1],
	default: {},
	displayOptions: showFor(resource, operation),
	options,
});

const EXPRESSION_HINT = 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** A dropdown loaded from Kickserv by a `loadOptions` method ("… Name or ID", n8n's wording). */
export const dropdown = (field: {
	displayName: string;
	name: string;
	method: string;
	description: string;
	multi?: boolean;
	required?: boolean;
	displayOptions?: INodeProperties['displayOptions'];
	routing?: INodeProperties['routing'];
}): INodeProperties => ({
	displayName: field.displayName,
	name: field.name,
	type: field.multi ? 'multiOptions' : 'options',
	typeOptions: { loadOptionsMethod: field.method },
	...(field.required ? { required: true } : {}),
	default: field.multi ? [] : '',
	description: `${field.description}. ${EXPRESSION_HINT}.`,
	...(field.displayOptions ? { displayOptions: field.displayOptions } : {}),
	...(field.routing ? { routing: field.routing } : {}),
});

/** A customer or job, picked from a searchable list, by number, or by its web-app URL. */
function locator(
	kind: 'customers' | 'jobs',
	displayOptions: INodeProperties['displayOptions'],
	description: string,
	searchListMethod = kind === 'customers' ? 'searchCustomers' : 'searchJobs',
): INodeProperties {
	const label = kind === 'customers' ? 'Customer' : 'Job';
	const example = kind === 'customers' ? '380' : '1017';
	return {
		displayName: label,
		name: kind === 'customers' ? 'customer' : 'job',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${label.toLowerCase()}...`,
				typeOptions: {
					searchListMethod,
					searchable: true,
				},
			},
			{
				// not named "id": n8n labels a mode named "id" "By ID" whatever its display name, and a
				// Kickserv record's internal id is not the number the web app shows (a saved "id" mode
				// still runs: the transport reads any mode but "url" as a number)
				displayName: 'By Number',
				name: 'number',
				type: 'string',
				placeholder: `${label} number, e.g. ${example}`,
				hint: `The ${label.toLowerCase()} number shown in the Kickserv web app (#${example}), not the internal ID`,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `Not a valid ${label.toLowerCase()} number` },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `e.g. https://app.kickserv.com/your-account/${kind}/${example}`,
				extractValue: { type: 'regex', regex: `https?://.+/${kind}/(\\d+)` },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `https?://.+/${kind}/\\d+`,
							errorMessage: `Not a Kickserv ${label.toLowerCase()} URL`,
						},
					},
				],
			},
		],
	};
}

export const customerLocator = (displayOptions: INodeProperties['displayOptions'], description?: string) =>
	locator('customers', displayOptions, description ?? 'The customer, by the customer number the Kickserv web app shows (customer_number, not the internal id)');

export const jobLocator = (displayOptions: INodeProperties['displayOptions'], description?: string, searchListMethod?: string) =>
	locator('jobs', displayOptions, description ?? 'The job, by the job number the Kickserv web app shows (job_number, not the internal id)', searchListMethod);

/**
 * A record known by an internal ID (a task, a job charge): picked From List (searchable, where a
 * list exists) or given By ID (what Get Many lists and a create returns).
 */
export const idLocator = (field: {
	displayName: string;
	name: string;
	searchListMethod: string;
	description: string;
	example: string;
	displayOptions: INodeProperties['displayOptions'];
}): INodeProperties => ({
	displayName: field.displayName,
	name: field.name,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: field.description,
	displayOptions: field.displayOptions,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select...',
			typeOptions: { searchListMethod: field.searchListMethod, searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: `e.g. ${field.example}`,
			validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `Not a valid ${field.displayName}` } }],
		},
	],
});

/**
 * The node's canvas subtitle: the resource and operation by their display names ("Time Entry: Log").
 * Not the operation's action ("Log a time entry"): n8n names a node added from the panel after that
 * action, and the subtitle would repeat the title word for word.
 */
export function operationSubtitle(operations: INodeProperties[], resources: INodePropertyOptions[]): string {
	const labels: Record<string, string> = {};
	for (const property of operations) {
		const resource = String(property.displayOptions?.show?.resource?.[0]);
		const resourceName = resources.find((option) => option.value === resource)?.name ?? resource;
		for (const option of property.options ?? []) {
			if ('value' in option) labels[`${resource}:${String(option.value)}`] = `${resourceName}: ${option.name}`;
		}
	}
	return `={{ ${JSON.stringify(labels)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}

/** Return All, Limit (stops paging as soon as it is met) and Simplify for a Get Many operation. */
export const listControls = (
	resource: string,
	operation: string[],
	simplifiedFields: readonly string[],
	{ paged = true } = {},
): INodeProperties[] => [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: showFor(resource, operation),
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: showFor(resource, operation, { returnAll: [false] }),
		routing: { output: { maxResults: '={{$value}}' } },
	},
	...(paged && operation.includes('getAll') ? [pagesInParallelField(resource)] : []),
	...simplifyField(resource, operation, true, simplifiedFields),
];

/** Return All of a paged list: how many pages are requested at once (transport/parallel.ts). */
const pagesInParallelField = (resource: string): INodeProperties => ({
	displayName: 'Pages in Parallel',
	name: 'pagesInParallel',
	type: 'number',
	default: DEFAULT_IN_FLIGHT,
	typeOptions: { minValue: 1, maxValue: MAX_IN_FLIGHT },
	description:
		'How many pages of the list to request at once (1 = one at a time). More finish sooner when Kickserv is slow to answer; when Kickserv answers that it is busy, the rest is read one page at a time.',
	displayOptions: showFor(resource, ['getAll'], { returnAll: [true] }),
});

/**
 * Simplify for these operations. In tool mode (the node as an AI tool: `kickservTool`, n8n's `@tool`) a
 * second Simplify of the same name takes over, on by default, and also covers `toolOperations` (create,
 * update...), so that a model's context gets the fields it reads, not whole records.
 */
export const simplifyField = (
	resource: string,
	operation: string[],
	defaultValue: boolean,
	simplifiedFields: readonly string[],
	toolOperations: string[] = [],
): INodeProperties[] => {
	const field: INodeProperties = {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: 'Whether to return only the fields a person usually reads instead of the full record',
		displayOptions: { ...showFor(resource, operation), hide: { '@tool': [true] } },
		routing: { output: { postReceive: [simplify(simplifiedFields)] } },
	};
	const tool: INodeProperties = {
		...field,
		default: true,
		description: 'Whether to return only the fields a model usually needs instead of the full record (keeps the tool output small)',
		displayOptions: showFor(resource, [...operation, ...toolOperations], { '@tool': [true] }),
	};
	return [defaultValue ? { ...field, default: true } : field, tool];
};

/** `/customers/{customer}` or `/jobs/{job}`, by the Parent parameter (for expression URLs). */
export const PARENT_PATH = '{{ $parameter.parent === "job" ? "/jobs/{job}" : "/customers/{customer}" }}';

export const JOB_STATUSES = [
	{ name: 'Canceled', value: 'canceled' },
	{ name: 'Complete', value: 'complete' },
	{ name: 'In Progress', value: 'in_progress' },
	{ name: 'New (Opportunity)', value: 'new' },
	{ name: 'On Hold', value: 'on_hold' },
	{ name: 'Scheduled', value: 'scheduled' },
	{ name: 'Unscheduled', value: 'unscheduled' },
];

export const JOB_STATUS_VALUES = JOB_STATUSES.map((s) => s.value);
