/**
 * The sandbox's options: what each account is, how replies are shaped (envelopes, error shapes, page
 * sizes, delete replies), and the named alternatives the API contract allows where it guesses. Below
 * the server and the routes: both read them from here.
 */
import type { ErrorShape } from './errors';

export type ListEnvelope = 'keyed' | 'bare';
export type RecordEnvelope = 'bare' | 'keyed';

export interface SandboxAccount {
	slug: string;
	token: string;
	/** default 'demo' */
	seed?: 'demo' | 'empty';
	/** default '-05:00' */
	utcOffset?: string;
}

export interface SandboxOptions {
	/** default [{ slug: 'demo-hvac', token: 'sandbox-token-0001', seed: 'demo' }] */
	accounts?: SandboxAccount[];
	/** default 'keyed' */
	listEnvelope?: ListEnvelope;
	/** default 'bare' */
	recordEnvelope?: RecordEnvelope;
	/** default 'errors-array' */
	errorShape?: ErrorShape;
	/** default 404; 400 answers "Invalid customer." / "Invalid job." (older recordings) */
	notFoundStatus?: 404 | 400;
	/** default 25: the server's page size for /customers.json (the client cannot change it) */
	customersPageSize?: number;
	/** default 25: notes, payments, customer jobs (paged with page=N only; per_page ignored there) */
	listPageSize?: number;
	/** default 25 for /jobs.json */
	defaultPerPage?: number;
	/** default 100: /jobs.json caps per_page at this */
	maxPerPage?: number;
	/** default 'record': what DELETE of a task or a job charge answers (undocumented): the record, `{message}` or 204 */
	deleteReply?: 'record' | 'message' | 'no-content';
	/** default 'active': `/employees.json` lists active employees only [doc] ('all': also inactive ones, as the XML list does) */
	employeesList?: 'active' | 'all';
	/** default 0, added to every request */
	latencyMs?: number;
	/**
	 * The alternatives the contract allows where it guesses ([doc], [inf], [seed]); see `ALTERNATIVES`.
	 * default 'newest-first': `/jobs.json` and a customer's jobs, by job number
	 */
	jobOrder?: 'newest-first' | 'oldest-first';
	/** default true: a payment lowers its job's balance_remaining and bumps its updated_at */
	paymentsTouchJob?: boolean;
	/** default true: payment lists carry the `meta` object */
	paymentsMeta?: boolean;
	/** default 'customers_page': the page parameter /customers.json reads */
	customersPageParam?: 'customers_page' | 'page';
	/** default 'id': `/customers.json` oldest first by id [doc][inf] ('name': by name, as a web list might) */
	customersOrder?: 'id' | 'name';
	/** default 'exclusive': the task list's `to` leaves out the day it names [doc] ('inclusive': takes it in) */
	taskTo?: 'exclusive' | 'inclusive';
	/** default 'listed': a job paid in part stays on `invoice_status=unpaid` [inf] ('left-out': on neither list) */
	unpaidPartPaid?: 'listed' | 'left-out';
	/** default 'whole': `/tasks/job_list.json` sends every active job at once, ignoring `page` [inf] ('paged': `page=N` at the list page size) */
	jobListPaging?: 'whole' | 'paged';
	/** default 'keys': the active-job list spells statuses as `/jobs.json` does ('labels': "In Progress", as the web app shows) */
	jobListStatus?: 'keys' | 'labels';
	/** default 'all': every list of the contract in JSON ('documented': `/items.json` and a job's time entries only in XML: 404 in JSON [inf]) */
	jsonLists?: 'all' | 'documented';
	/** default 'job': Mark as Won / Lost answer the job as a job ('opportunity': wrapped as an opportunity when records are wrapped) */
	opportunityKey?: 'job' | 'opportunity';
	/** clock, default () => new Date() */
	now?: () => Date;
}

const DEFAULT_ACCOUNT: SandboxAccount = { slug: 'demo-hvac', token: 'sandbox-token-0001', seed: 'demo' };

/**
 * One named alternative per guess of the contract, each a server that differs from the default in that
 * one way: the node must stay right under every one (`npm run test:alternatives` runs the engine tests
 * under each; `npm run sandbox -- --alternative NAME` serves one). Chosen for a whole test run with
 * the environment variable KICKSERV_SANDBOX_ALTERNATIVE.
 */
export const ALTERNATIVES = {
	/** Kickserv's own docs: lists return 30 a page, whatever per_page says */
	'page-cap-30': { maxPerPage: 30, defaultPerPage: 30 },
	/** a smaller cap, the documented default per_page */
	'page-cap-25': { maxPerPage: 25 },
	/** the one recorded XML listing came oldest first */
	'oldest-first': { jobOrder: 'oldest-first' },
	/** declined, pending or voided payments (or ones before any charge) leave the job alone */
	'payments-leave-job': { paymentsTouchJob: false },
	/** lists as bare arrays (no plural key, no meta), records wrapped in their singular key */
	envelopes: { listEnvelope: 'bare', recordEnvelope: 'keyed' },
	/** payment lists without the (inferred) meta object */
	'no-meta': { paymentsMeta: false },
	/** /customers.json paged with page=N like every other list */
	'customers-page-param': { customersPageParam: 'page' },
	/** unknown numbers answered 400 "Invalid customer." (older recordings), errors as XML */
	'older-errors': { notFoundStatus: 400, errorShape: 'xml' },
	/** /customers.json listed by name, not oldest first (New Customer stops, naming the guess) */
	'customers-by-name': { customersOrder: 'name' },
	/** the task list's `to` includes the day it names */
	'task-to-inclusive': { taskTo: 'inclusive' },
	/** a job paid in part leaves the unpaid invoice list (the trigger's Every Open Job stops, naming the guess) */
	'part-paid-left-out': { unpaidPartPaid: 'left-out' },
	/** /tasks/job_list.json paged like the other lists */
	'job-list-paged': { jobListPaging: 'paged' },
	/** /tasks/job_list.json spells statuses as the web app shows them */
	'job-list-labels': { jobListStatus: 'labels' },
	/** /items.json and a job's time entries offered in XML only (404 in JSON) */
	'xml-only-lists': { jsonLists: 'documented' },
	/** records wrapped in their singular key, an opportunity's as `opportunity` */
	'singular-keys': { recordEnvelope: 'keyed', opportunityKey: 'opportunity' },
} as const satisfies Record<string, SandboxOptions>;

export type AlternativeName = keyof typeof ALTERNATIVES;

/** The alternative named, or an error listing the names. */
export function alternative(name: string | undefined): SandboxOptions {
	if (!name || name === 'default') return {};
	if (!(name in ALTERNATIVES)) throw new Error(`Unknown sandbox alternative "${name}"; one of: default, ${Object.keys(ALTERNATIVES).join(', ')}`);
	return ALTERNATIVES[name as AlternativeName];
}

/** Every option, the given ones over the alternative named by KICKSERV_SANDBOX_ALTERNATIVE over the defaults. */
export function defaults(given: SandboxOptions): Required<SandboxOptions> {
	const options = { ...alternative(process.env.KICKSERV_SANDBOX_ALTERNATIVE), ...given };
	return {
		jobOrder: options.jobOrder ?? 'newest-first',
		paymentsTouchJob: options.paymentsTouchJob ?? true,
		paymentsMeta: options.paymentsMeta ?? true,
		customersPageParam: options.customersPageParam ?? 'customers_page',
		accounts: options.accounts && options.accounts.length ? options.accounts : [{ ...DEFAULT_ACCOUNT }],
		listEnvelope: options.listEnvelope ?? 'keyed',
		recordEnvelope: options.recordEnvelope ?? 'bare',
		errorShape: options.errorShape ?? 'errors-array',
		notFoundStatus: options.notFoundStatus ?? 404,
		customersPageSize: options.customersPageSize ?? 25,
		listPageSize: options.listPageSize ?? 25,
		defaultPerPage: options.defaultPerPage ?? 25,
		maxPerPage: options.maxPerPage ?? 100,
		deleteReply: options.deleteReply ?? 'record',
		employeesList: options.employeesList ?? 'active',
		latencyMs: options.latencyMs ?? 0,
		customersOrder: options.customersOrder ?? 'id',
		taskTo: options.taskTo ?? 'exclusive',
		unpaidPartPaid: options.unpaidPartPaid ?? 'listed',
		jobListPaging: options.jobListPaging ?? 'whole',
		jobListStatus: options.jobListStatus ?? 'keys',
		jsonLists: options.jsonLists ?? 'all',
		opportunityKey: options.opportunityKey ?? 'job',
		now: options.now ?? (() => new Date()),
	};
}
