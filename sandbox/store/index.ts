/**
 * In-memory Kickserv account: customers, jobs, notes, payments, job charges, items, tasks, time entries,
 * invoices, opportunities, job types and employees. Pure (no HTTP). The sandbox server maps its methods
 * onto the API paths; tests, seeds and benchmarks may call it directly.
 *
 * Every public method returns fresh plain JSON-able records (records.ts), so callers can never corrupt
 * the store by mutating a result.
 *
 * Built as a house, each floor importing only the floors below it:
 * - ground: values.ts, records.ts (what the API sends) and db.ts (one typed account database: rows,
 *   tables, indexes, counters, the clock);
 * - one module per resource, composed (never inherited): account.ts (job types, employees),
 *   customers.ts and items.ts on the ground; jobs.ts on customers; notes.ts, payments.ts, charges.ts,
 *   tasks.ts, timeEntries.ts, invoices.ts and opportunities.ts on jobs;
 * - this facade, which composes them and answers the store's flat methods (`store.createJob(...)`) by
 *   handing each to its module (`store.jobs.createJob(...)`): the method lists below name them.
 */
import { AccountLists } from './account';
import { JobCharges } from './charges';
import { Customers } from './customers';
import { AccountDb, type AccountStoreOptions } from './db';
import { Invoices } from './invoices';
import { Items } from './items';
import { Jobs } from './jobs';
import { Notes } from './notes';
import { Opportunities } from './opportunities';
import { Payments } from './payments';
import { Tasks } from './tasks';
import { TimeEntries } from './timeEntries';

export { NotFoundError, ValidationError, type NotFoundEntity } from '../errors';
export type { PageMeta } from '../paging';
export type { AccountStoreOptions, ParentRef, WriteMeta } from './db';
export {
	JOB_STATUSES,
	type CustomerRecord,
	type CustomerRef,
	type EmployeeFullRecord,
	type EmployeeRecord,
	type InvoiceRecord,
	type ItemRecord,
	type JobChargeFullRecord,
	type JobChargeRecord,
	type JobRecord,
	type JobStatus,
	type JobTypeRecord,
	type NoteRecord,
	type PaymentRecord,
	type TaskRecord,
	type TimeEntryRecord,
} from './records';
export type { ItemSeed } from './items';
export { OPPORTUNITY_STATUSES } from './opportunities';
export type { TaskQuery } from './tasks';
export { CUSTOMER_EXACT_FILTERS, CUSTOMER_KEYS, type CustomerQuery, type CustomerSeed } from './customers';
export { SCHEDULED_RANGES, type JobQuery, type JobRecordOptions, type JobSeed, type ScheduledRange } from './jobs';
export {
	formatDate,
	formatMoney,
	formatTimestamp,
	isValidDate,
	mulberry32,
	parseDateTime,
	parseMoney,
	parseUtcOffset,
	type Attrs,
} from './values';

/**
 * The store's flat methods, by the field of the module that answers them and its class: a method is
 * called on the module, anything else (a getter, a field) is read, and written, through.
 */
const ANSWERS = {
	db: { by: AccountDb, names: ['slug', 'utcOffset', 'offsetMinutes', 'now', 'jobNumberStart', 'jobTypes', 'employees', 'timestamp', 'today'] },
	account: { by: AccountLists, names: ['addJobType', 'getJobType', 'addEmployee', 'listEmployees', 'apiUser', 'listEmployeeRecords'] },
	customers: {
		by: Customers,
		names: [
			'createCustomer',
			'seedCustomer',
			'getCustomer',
			'hasCustomer',
			'getCustomerById',
			'findCustomerByName',
			'updateCustomer',
			'deleteCustomer',
			'listCustomers',
			'queryCustomers',
			'searchCustomersByName',
			'emptyCustomer',
		],
	},
	jobs: {
		by: Jobs,
		names: ['totalBalanceRemaining', 'createJob', 'seedJob', 'hasJob', 'jobOwner', 'getJob', 'updateJob', 'deleteJob', 'listJobs', 'queryJobs', 'scheduledRange'],
	},
	notes: { by: Notes, names: ['createNote', 'getNote', 'updateNote', 'deleteNote', 'listNotes', 'pageNotes', 'noteOwner'] },
	payments: { by: Payments, names: ['createPayment', 'getPayment', 'paymentOwner', 'updatePayment', 'deletePayment', 'listPayments', 'pagePayments'] },
	items: { by: Items, names: ['addItem', 'getItem', 'listItems', 'pageItems'] },
	charges: { by: JobCharges, names: ['listJobCharges', 'pageJobCharges', 'addJobCharge', 'updateJobCharge', 'deleteJobCharge', 'hasJobCharge'] },
	tasks: { by: Tasks, names: ['createTask', 'getTask', 'updateTask', 'deleteTask', 'listTasks', 'queryTasks', 'taskJobList', 'taskCount'] },
	timeEntries: { by: TimeEntries, names: ['logTimeEntry', 'listTimeEntries', 'pageTimeEntries'] },
	invoices: { by: Invoices, names: ['queryInvoices'] },
	opportunities: { by: Opportunities, names: ['queryOpportunities', 'createOpportunity', 'markOpportunity', 'isOpportunity'] },
} as const;

/** The flat methods of module class M named in N. */
type On<M, N extends ReadonlyArray<keyof M>> = Pick<M, N[number]>;

/** The flat methods, typed as their modules declare them (declaration merging with the class below). */
export interface AccountStore
	extends On<AccountDb, typeof ANSWERS.db.names>,
		On<AccountLists, typeof ANSWERS.account.names>,
		On<Customers, typeof ANSWERS.customers.names>,
		On<Jobs, typeof ANSWERS.jobs.names>,
		On<Notes, typeof ANSWERS.notes.names>,
		On<Payments, typeof ANSWERS.payments.names>,
		On<Items, typeof ANSWERS.items.names>,
		On<JobCharges, typeof ANSWERS.charges.names>,
		On<Tasks, typeof ANSWERS.tasks.names>,
		On<TimeEntries, typeof ANSWERS.timeEntries.names>,
		On<Invoices, typeof ANSWERS.invoices.names>,
		On<Opportunities, typeof ANSWERS.opportunities.names> {}

/** The account's store: the database and one module per resource, composed. */
export class AccountStore {
	readonly db: AccountDb;
	readonly account: AccountLists;
	readonly customers: Customers;
	readonly items: Items;
	readonly jobs: Jobs;
	readonly notes: Notes;
	readonly payments: Payments;
	readonly charges: JobCharges;
	readonly tasks: Tasks;
	readonly timeEntries: TimeEntries;
	readonly invoices: Invoices;
	readonly opportunities: Opportunities;

	constructor(options: AccountStoreOptions = {}) {
		const db = (this.db = new AccountDb(options));
		this.account = new AccountLists(db);
		this.customers = new Customers(db);
		this.items = new Items(db);
		this.jobs = new Jobs(db, this.customers, this.account);
		this.notes = new Notes(db, this.jobs, this.account);
		this.payments = new Payments(db, this.customers, this.jobs);
		this.charges = new JobCharges(db, this.jobs, this.items);
		this.tasks = new Tasks(db, this.jobs, this.account);
		this.timeEntries = new TimeEntries(db, this.jobs, this.account);
		this.invoices = new Invoices(db);
		this.opportunities = new Opportunities(db, this.jobs);
	}

	get counts(): { customers: number; jobs: number; notes: number; payments: number; jobTypes: number; employees: number } {
		const { db } = this;
		return {
			customers: db.customerOrder.length,
			jobs: db.jobOrder.length,
			notes: db.notes.size,
			payments: db.payments.size,
			jobTypes: db.jobTypes.length,
			employees: db.employees.length,
		};
	}

	/** The numbers/ids the next created records will get. */
	get nextNumbers(): { customerNumber: number; jobNumber: number; noteId: number; paymentId: number } {
		return {
			customerNumber: this.db.nextCustomerNumber(),
			jobNumber: this.db.nextJobNumber(),
			noteId: this.db.nextNoteId,
			paymentId: this.db.nextPaymentId,
		};
	}
}

/** Puts the flat methods of ANSWERS on AccountStore's prototype, each handed to its module. */
function answer(field: keyof typeof ANSWERS, by: { prototype: object }, names: ReadonlyArray<string>): void {
	for (const name of names) {
		const method = Object.getOwnPropertyDescriptor(by.prototype, name)?.value as ((...args: unknown[]) => unknown) | undefined;
		Object.defineProperty(
			AccountStore.prototype,
			name,
			typeof method === 'function'
				? {
						value(this: AccountStore, ...args: unknown[]) {
							return method.apply(this[field], args);
						},
						writable: true,
						configurable: true,
					}
				: {
						get(this: AccountStore) {
							return (this[field] as unknown as Record<string, unknown>)[name];
						},
						set(this: AccountStore, value: unknown) {
							(this[field] as unknown as Record<string, unknown>)[name] = value;
						},
						configurable: true,
					},
		);
	}
}

for (const field of Object.keys(ANSWERS) as Array<keyof typeof ANSWERS>) answer(field, ANSWERS[field].by, ANSWERS[field].names);
