import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { JOB_STATUSES, customerLocator } from './descriptions/shared';
import { listSearch, loadOptions } from './methods';
import { getAccount, kickservRequest } from './transport/request';
import { locatorNumber } from './transport/locator';
import { checkOptionValues, parameterGetter } from './transport/options';
import { unwrapList, unwrapRecord } from './transport/paging';
import { boolean, positiveIntegers } from './transport/validate';
import { check, stripSecrets } from './transport/routing';
import { pollNewCustomers, sampleCustomer } from './trigger/customers';
import {
	pollJobChanges,
	type JobChangeKind,
	pollNewJobs,
	pollNewPayments,
	sampleJob,
	sampleJobChange,
	samplePayment,
	type PollOutcome,
	type PollSettings,
} from './trigger/strategies';
import type { FilterCheck } from './trigger/empty-sample';

type TriggerEvent = 'newJob' | 'newPayment' | 'jobStatusChanged' | 'jobUpdated' | 'invoicePaid' | 'newCustomer' | 'newOpportunity';

/** What the canvas shows under the node, per event: a sentence, not the raw value. */
export const EVENT_SUBTITLES: Record<TriggerEvent, string> = {
	newJob: 'When a job is created',
	newPayment: 'When a payment is recorded',
	jobStatusChanged: 'When a job changes status',
	jobUpdated: 'When a job is updated',
	invoicePaid: 'When an invoice is paid',
	newCustomer: 'When a customer is created',
	newOpportunity: 'When a job becomes an opportunity',
};

const STATE_VERSION = 1;

/**
 * Polls Kickserv and emits each new record exactly once. The state (a cursor per event, see
 * trigger/cursor.ts) lives in the node's static data; it is replaced only after a poll succeeded.
 */
export class KickservTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kickserv Trigger',
		name: 'kickservTrigger',
		icon: { light: 'file:kickserv.svg', dark: 'file:kickserv.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ ${JSON.stringify(EVENT_SUBTITLES)}[$parameter["event"]] }}`,
		// n8n's node panel shows the node and its trigger as one entry with the trigger's description
		description: 'Manage Kickserv customers, jobs, tasks, time, invoices and more, and start workflows on new customers, jobs, opportunities, payments, paid invoices and job changes',
		defaults: { name: 'Kickserv Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kickservApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'newJob',
				description: 'What happening in Kickserv starts the workflow',
				options: [
					{ name: 'Invoice Paid', value: 'invoicePaid', description: 'The invoice of a watched job became paid' },
					{ name: 'Job Status Changed', value: 'jobStatusChanged', description: 'A watched job changed status (from/to in the output)' },
					{ name: 'Job Updated', value: 'jobUpdated', description: 'A watched job changed in any way' },
					{ name: 'New Customer', value: 'newCustomer', description: 'A customer was created in the account' },
					{ name: 'New Job', value: 'newJob', description: 'A job was created in the account' },
					{ name: 'New Opportunity', value: 'newOpportunity', description: 'A watched job became an opportunity (status New)' },
					{ name: 'New Payment', value: 'newPayment', description: 'A payment was recorded' },
				],
			},
			{
				displayName: 'Payments Of',
				name: 'paymentScope',
				type: 'options',
				default: 'account',
				description: 'Whether to watch the whole account (through its most recent jobs) or one customer',
				displayOptions: { show: { event: ['newPayment'] } },
				options: [
					{ name: 'Recent Jobs of the Account', value: 'account' },
					{ name: 'One Customer', value: 'customer' },
				],
			},
			customerLocator({ show: { event: ['newPayment'], paymentScope: ['customer'] } }, 'The customer whose payments to watch'),
			// Watch and Jobs to Watch twice: for New Payment only with Payments Of: Recent Jobs of the Account
			// (a hidden Payments Of value must not hide them for the other events)
			...watchProperties({ event: ['newPayment'], paymentScope: ['account'] }),
			...watchProperties({ event: ['jobStatusChanged', 'jobUpdated', 'invoicePaid', 'newOpportunity'] }),
			{
				displayName: 'Check Every Watched Job',
				name: 'everyJob',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the payments of every watched job on every poll, instead of only the jobs whose balance, status or last change moved. Costly: one request per watched job per poll, about 255 requests a poll with the default 250 Jobs to Watch (255 a minute when polling every minute). Turn on if your Kickserv records payments that leave the job as it was (pending, declined or voided ones): they are missed otherwise.',
				displayOptions: { show: { event: ['newPayment'] }, hide: { paymentScope: ['customer'] } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { event: ['newJob'] } },
				options: [
					// the same searchable customer picker as Payments Of > One Customer; the name stays
					// customerNumber so that a saved plain number keeps working
					{
						...customerLocator(undefined, 'Only jobs of this customer'),
						name: 'customerNumber',
						required: false,
					},
					{
						displayName: 'Job Type Names or IDs',
						name: 'jobTypeIds',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getJobTypes' },
						default: [],
						description:
							'Only jobs of these services. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Status',
						name: 'statuses',
						type: 'multiOptions',
						options: JOB_STATUSES,
						default: [],
						description: 'Only jobs in one of these statuses when they are first seen',
					},
				],
			},
			{
				displayName: 'To Status',
				name: 'toStatuses',
				type: 'multiOptions',
				options: JOB_STATUSES,
				default: [],
				description: 'Only changes into one of these statuses (all when empty)',
				displayOptions: { show: { event: ['jobStatusChanged'] } },
			},
			{
				displayName: 'Max Items per Poll',
				name: 'maxPerPoll',
				type: 'number',
				default: 200,
				typeOptions: { minValue: 1, maxValue: 1000 },
				description:
					'After downtime, new records are emitted oldest first, this many per poll; the rest follow on the next polls',
			},
		],
	};

	methods = { listSearch, loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as TriggerEvent;
		const manual = this.getMode() === 'manual';
		// Event, Payments Of, Status, To Status: only their listed values (an expression may give anything)
		check(this, () => checkOptionValues(triggerProperties(), parameterGetter(this)));
		// (read only once the settings are valid: reading creates the node's entry)
		const staticData = () => this.getWorkflowStaticData('node');
		// the state is created only by a production poll whose settings are valid
		const settings = await readSettings.call(this, event, () =>
			manual ? undefined : (staticData().customer as CustomerRef | undefined),
		);
		// the job types of a New Job filter exist in the account: checked in Fetch Test Event and whenever
		// the filter changed (so on activation), never on an idle poll
		const typesKey = settings.jobTypes?.join(',');
		if (typesKey && (manual || staticData().types !== typesKey)) await checkJobTypes.call(this, settings.jobTypes as string[]);
		if (manual) {
			// Fetch Test Event: the newest matching record (an error saying why when there is none);
			// the stored state is not touched
			const sample = await sampleFor.call(this, event, settings);
			return [this.helpers.returnJsonArray(sample.map(stripSecrets))];
		}
		const data = staticData();
		const key = stateKey(event, settings);
		const current = data.key === key && data.v === STATE_VERSION ? ((data.state ?? {}) as IDataObject) : {};
		const outcome = await pollFor.call(this, event, current, settings);
		// the whole poll succeeded: replace the state (assigned on every poll, also when nothing is new)
		data.v = STATE_VERSION;
		data.key = key;
		data.state = outcome.state;
		// the filter customer's internal id, so that an idle poll stays one request
		if (settings.customerRef) data.customer = settings.customerRef;
		else delete data.customer;
		if (typesKey) data.types = typesKey;
		else delete data.types;
		return outcome.items.length ? [this.helpers.returnJsonArray(outcome.items.map(stripSecrets))] : null;
	}
}

/** What each event watches in the mode Every Open Job, as the Watch option says it. */
const WIDE_VIEW: Record<string, string> = {
	newPayment: 'every job with an unpaid invoice, whatever its age (its payments are read when its balance moves)',
	invoicePaid: 'every job with an unpaid invoice, whatever its age',
	jobStatusChanged: 'every active job (not complete, canceled or lost), whatever its age',
	jobUpdated: "every active job's name and status, whatever its age",
};

/** What Every Open Job still cannot see, per event (docs/KickservTrigger.md, "What still escapes"). */
const ESCAPES: Record<string, string> = {
	newPayment:
		'Not seen: a payment on a job that was never invoiced and is older than the watched jobs, or one recorded on an old job before its invoice first lists it. More new jobs between two polls than Jobs to Watch may also hide their payments.',
	invoicePaid:
		'Not seen: more new jobs between two polls than Jobs to Watch, when some of them are also paid before the next poll.',
	jobStatusChanged:
		'Not seen: a move between two finished statuses (complete, canceled, lost) of a job older than the watched jobs. A finished old job reopened comes with previous_status empty.',
	jobUpdated:
		'Jobs older than the watched ones: only changes to their name or status are seen, and only while they are active.',
};

/** Watch (where the event has an account-wide view) and Jobs to Watch, shown where `show` says. */
function watchProperties(show: { event: TriggerEvent[]; paymentScope?: string[] }): INodeProperties[] {
	const wide = show.event.filter((event) => WIDE_VIEW[event]);
	const watch: INodeProperties = {
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		default: 'openJobs',
		description:
			'Which jobs to watch. Every Open Job also covers old jobs (payments weeks after the job, a job finished a month after it was created), at the cost of reading the account-wide list on each poll.',
		displayOptions: { show: { ...show, event: wide } },
		options: [
			{
				name: 'Every Open Job',
				value: 'openJobs',
				description: `The most recent jobs, and ${wide.map((event) => WIDE_VIEW[event]).filter((text, i, all) => all.indexOf(text) === i).join('; ')}. One request per page of that list per poll.`,
			},
			{
				name: 'Recent Jobs Only',
				value: 'recentJobs',
				description: 'Only the most recent jobs (Jobs to Watch): a change to an older job is not seen',
			},
		],
	};
	const jobsToWatch: INodeProperties = {
		displayName: 'Jobs to Watch',
		name: 'jobsToWatch',
		type: 'number',
		default: 250,
		typeOptions: { minValue: 25, maxValue: 500 },
		description:
			'How many of the most recent jobs to watch for changes (new jobs, and jobs created and changed between two polls). With Recent Jobs Only, a change to an older job is not seen.',
		displayOptions: { show },
	};
	const escapes = wide.map(
		(event): INodeProperties => ({
			displayName: ESCAPES[event],
			name: 'escapes',
			type: 'notice',
			default: '',
			displayOptions: { show: { ...show, event: [event], watch: ['openJobs'] } },
		}),
	);
	return wide.length ? [watch, ...escapes, jobsToWatch] : [jobsToWatch];
}

/** The New Job customer filter: the number the user gave and the customer's internal id. */
interface CustomerRef {
	number: number;
	id: string;
}

async function readSettings(
	this: IPollFunctions,
	event: TriggerEvent,
	knownCustomer: () => CustomerRef | undefined,
): Promise<PollSettings & { customerRef?: CustomerRef; jobTypes?: string[] }> {
	const cap = this.getNodeParameter('maxPerPoll', 200) as number;
	if (!Number.isInteger(cap) || cap < 1 || cap > 1000) {
		throw new NodeOperationError(this.getNode(), `Max Items per Poll must be a whole number from 1 to 1000 (got ${cap})`);
	}
	const settings: PollSettings & { customerRef?: CustomerRef; jobTypes?: string[] } = { cap, jobsToWatch: 250, match: () => true };
	if (event === 'newCustomer') return settings;
	if (event !== 'newJob') {
		if (event === 'newPayment' && this.getNodeParameter('paymentScope', 'account') === 'customer') {
			const account = await getAccount.call(this);
			settings.customer = check(this, () =>
				locatorNumber(this.getNodeParameter('customer', undefined), 'customers', 'Customer', account),
			);
			return settings;
		}
		const watch = this.getNodeParameter('jobsToWatch', 250) as number;
		if (!Number.isInteger(watch) || watch < 25 || watch > 500) {
			throw new NodeOperationError(this.getNode(), `Jobs to Watch must be a whole number from 25 to 500 (got ${watch})`);
		}
		settings.jobsToWatch = watch;
		const view = this.getNodeParameter('watch', 'openJobs') as string;
		settings.wholeAccount = view === 'openJobs' && event !== 'newOpportunity';
		if (event === 'newPayment') settings.everyJob = check(this, () => boolean(this.getNodeParameter('everyJob', false), 'Check Every Watched Job'));
		if (event === 'jobStatusChanged') settings.toStatuses = this.getNodeParameter('toStatuses', []) as string[];
		return settings;
	}
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const statuses = (filters.statuses as string[] | undefined) ?? [];
	const rawTypes = filters.jobTypeIds ?? [];
	const types = check(this, () => positiveIntegers(rawTypes, 'Job Type Names or IDs')).map(String);
	if (types.length) settings.jobTypes = types;
	let customerId: string | undefined;
	const checks: FilterCheck[] = [];
	if (statuses.length) {
		const names = statuses.map((value) => JOB_STATUSES.find((s) => s.value === value)?.name ?? value);
		checks.push({ label: `Status ${names.join(' or ')}`, test: (job) => statuses.includes(String(job.status)) });
	}
	if (types.length) {
		checks.push({ label: `Job Type ID ${types.join(' or ')}`, test: (job) => types.includes(String(job.job_type_id)) });
	}
	// a plain number (saved before the filter was a customer picker) or a resource locator
	const customerFilter = filters.customerNumber as { value?: unknown } | number | string | undefined;
	const customerGiven = typeof customerFilter === 'object' && customerFilter !== null ? customerFilter.value : customerFilter;
	if (customerGiven !== undefined && customerGiven !== null && customerGiven !== '' && customerGiven !== 0) {
		const account = await getAccount.call(this);
		const number = check(this, () => locatorNumber(customerFilter, 'customers', 'Customer', account));
		// jobs name their customer by internal id: read it once, then keep it with the state
		const known = knownCustomer();
		if (known?.number === number) {
			customerId = known.id;
		} else {
			const reply = await kickservRequest.call(this, { method: 'GET', path: `/customers/${number}.json` });
			customerId = String(unwrapRecord(reply.body, 'customer').id);
		}
		settings.customer = number;
		settings.customerRef = { number, id: customerId };
		const id = customerId;
		checks.push({ label: `Customer ${number}`, test: (job) => String(job.customer_id) === id });
	}
	settings.filters = checks;
	settings.match = (job) => checks.every((filter) => filter.test(job));
	return settings;
}

/** The trigger's own parameters, for the options check (one description, read once). */
let properties: INodeProperties[] | undefined;
const triggerProperties = () => (properties ??= new KickservTrigger().description.properties);

/** Refuses job type IDs the account does not have: such a filter could never match. */
async function checkJobTypes(this: IPollFunctions, ids: string[]): Promise<void> {
	const reply = await kickservRequest.call(this, { method: 'GET', path: '/calendar.json' });
	const known = unwrapList(reply.body, 'job_types').records;
	const names = new Map(known.map((type) => [String(type.id), String(type.name)]));
	const missing = ids.filter((id) => !names.has(id));
	if (missing.length) {
		throw new NodeOperationError(
			this.getNode(),
			`Job Type Names or IDs has ${missing.length === 1 ? 'an ID' : 'IDs'} the account does not have: ${missing.join(', ')}`,
			{ description: `The account's job types: ${[...names].map(([id, name]) => `${name} (${id})`).join(', ') || 'none'}. A filter on a job type that does not exist would never match.` },
		);
	}
}

/** A changed event or scope starts a fresh cursor; changed filters on New Job do not. */
function stateKey(event: TriggerEvent, settings: PollSettings): string {
	if (event === 'newPayment') return `newPayment:${settings.customer ?? `window${settings.jobsToWatch}`}`;
	if (event === 'newJob' || event === 'newCustomer') return event;
	return `${event}:window${settings.jobsToWatch}`;
}

async function pollFor(this: IPollFunctions, event: TriggerEvent, state: IDataObject, settings: PollSettings): Promise<PollOutcome> {
	if (event === 'newJob') return await pollNewJobs.call(this, state, settings);
	if (event === 'newCustomer') return await pollNewCustomers.call(this, state, settings);
	if (event === 'newPayment') return await pollNewPayments.call(this, state, settings);
	return await pollJobChanges.call(this, state, settings, changeKind(event));
}

async function sampleFor(this: IPollFunctions, event: TriggerEvent, settings: PollSettings): Promise<IDataObject[]> {
	if (event === 'newJob') return await sampleJob.call(this, settings);
	if (event === 'newCustomer') return await sampleCustomer.call(this);
	if (event === 'newPayment') return await samplePayment.call(this, settings);
	return await sampleJobChange.call(this, changeKind(event));
}

const changeKind = (event: TriggerEvent): JobChangeKind =>
	event === 'jobStatusChanged' ? 'status' : event === 'invoicePaid' ? 'paid' : event === 'newOpportunity' ? 'opportunity' : 'updated';
