/**
 * Ground floor of the store: one typed account database. The rows of every table (timestamps as epoch
 * milliseconds, money as integer cents), the tables and their indexes, the id counters, the clock and
 * the account's settings. It knows no resource's rules (validation, records, lists: the resource modules
 * above it do that); it keeps its indexes right when a row comes or goes, the way a database does: a
 * job's row leaves with its notes and payments, and the balances summed over jobs follow their changes.
 *
 * Unfiltered listing is O(page): customers and jobs are kept in arrays sorted by number (numbers are
 * assigned max+1, so inserts append), children (jobs, notes, payments) in per-parent arrays.
 */
import type { CustomerRecord, EmployeeRecord, JobRecord, JobTypeRecord } from './records';
import { formatDate, formatTimestamp, indexByKey, parseUtcOffset, removeFrom } from './values';

/** Optional bookkeeping for seeds: record timestamps as of `at` instead of the clock. */
export interface WriteMeta {
	at?: Date;
}

/** A note's or payment's parent, by its number (customer_number / job_number). */
export type ParentRef = { type: 'Customer' | 'Job'; number: number };

export interface AccountStoreOptions {
	slug?: string;
	/** '+HH:MM' / '-HH:MM', default '-05:00' */
	utcOffset?: string;
	now?: () => Date;
	/** first job number when the account has no jobs (default 100) */
	jobNumberStart?: number;
	/** whether a payment changes its job's balance and updated_at (default: always) */
	paymentsTouchJob?: () => boolean;
}

// ----- rows ------------------------------------------------------------------------------------

/** A customer's row: the record's plain fields, money in cents, times in ms, its children's rows. */
export type CustomerRow = Omit<
	CustomerRecord,
	'balance' | 'created_at' | 'updated_at' | 'token' | 'password_digest' | 'stripe_customer_id' | 'qbo_customer_ref_id' | 'qb_list_ref_id'
> & {
	balanceCents: number;
	createdMs: number;
	updatedMs: number;
	jobs: JobRow[] | null;
	notes: NoteRow[] | null;
	payments: PaymentRow[] | null;
	deleted: boolean;
};

export interface ChargeRow {
	id: number;
	name: string;
	description: string | null;
	quantity: number;
	priceCents: number;
	taxable: boolean;
	/** set by the job-charges endpoint (charges.ts); seeds and job attrs leave them unset */
	extra?: ChargeExtra;
}

/** What a charge added through `/jobs/{n}/job_charges.json` carries besides the basics. */
export interface ChargeExtra {
	job_charge_type_id: number;
	item_id: number | null;
	discountCents: number;
	sort_order: number;
	createdMs: number;
	updatedMs: number;
}

/** A job's row: the record's plain fields, money in cents, times in ms, its customer's and children's rows. */
export type JobRow = Pick<JobRecord, 'id' | 'job_number' | 'name' | 'description' | 'status' | 'job_type_id' | 'job_status_id' | 'po_number' | 'duration' | 'employee_ids'> & {
	customer: CustomerRow;
	scheduledMs: number | null;
	endsMs: number | null;
	completedMs: number | null;
	charges: ChargeRow[] | null;
	taxRate: number;
	subtotalCents: number;
	taxCents: number;
	balanceCents: number;
	paidOnMs: number | null;
	createdMs: number;
	updatedMs: number;
	payments: PaymentRow[] | null;
	notes: NoteRow[] | null;
	deleted: boolean;
};

export interface NoteRow {
	id: number;
	parentType: 'Customer' | 'Job';
	parent: CustomerRow | JobRow;
	text: string;
	isPublic: boolean;
	creatorId: number | null;
	createdMs: number;
	updatedMs: number;
}

export interface PaymentRow {
	id: number;
	customer: CustomerRow;
	job: JobRow | null;
	applicationId: number | null;
	amountCents: number;
	date: string;
	payment_type: string | null;
	ref_number: string | null;
	notes: string | null;
	txn_id: string | null;
	status: string;
	/** whether it lowered its job's balance (a pending payment under `paymentsTouchJob: false` did not) */
	touchesJob: boolean;
	createdMs: number;
	updatedMs: number;
}

export interface ItemRow {
	id: number;
	name: string;
	description: string | null;
	item_type: string;
	priceCents: number;
	costCents: number | null;
	sku: string | null;
	taxable: boolean;
	active: boolean;
}

/** A task; one whose job was deleted is gone (read as absent: its job's row is marked deleted). */
export interface TaskRow {
	id: number;
	name: string;
	description: string | null;
	job: JobRow | null;
	employee_ids: number[];
	startsMs: number | null;
	endsMs: number | null;
	completedMs: number | null;
	createdMs: number;
	updatedMs: number;
}

export interface TimeEntryRow {
	id: number;
	job: JobRow;
	employee_id: number;
	startedMs: number;
	endedMs: number;
	notes: string | null;
	billable: boolean;
	createdMs: number;
}

// ----- the database ----------------------------------------------------------------------------

export class AccountDb {
	readonly slug: string;
	readonly utcOffset: string;
	readonly offsetMinutes: number;
	now: () => Date;
	/** Whether a new payment changes its job's balance and updated_at (the contract does not know). */
	readonly paymentsTouchJob: () => boolean;
	/** First job number when the account has no jobs (the demo seed sets 1001). */
	jobNumberStart: number;

	/** Job types ("services"): plain records, mutable by tests. */
	readonly jobTypes: JobTypeRecord[] = [];
	/** Employees: plain records, mutable by tests. The first active one is the API user. */
	readonly employees: EmployeeRecord[] = [];

	readonly customersByNumber = new Map<number, CustomerRow>();
	readonly customersById = new Map<number, CustomerRow>();
	readonly customersByName = new Map<string, CustomerRow>();
	/** ascending by customer_number */
	readonly customerOrder: CustomerRow[] = [];

	readonly jobsByNumber = new Map<number, JobRow>();
	readonly jobsById = new Map<number, JobRow>();
	/** ascending by job_number */
	readonly jobOrder: JobRow[] = [];

	readonly notes = new Map<number, NoteRow>();
	readonly payments = new Map<number, PaymentRow>();

	/** ascending by id */
	readonly itemRows: ItemRow[] = [];
	readonly itemsById = new Map<number, ItemRow>();

	/** ascending by id */
	readonly taskRows: TaskRow[] = [];
	readonly tasksById = new Map<number, TaskRow>();

	/** by the job's internal id, oldest first */
	readonly timeEntries = new Map<number, TimeEntryRow[]>();

	/** Sum of every job's balance */
	totalBalanceCents = 0;

	nextCustomerId = 2_100_001;
	nextJobId = 4_200_001;
	nextChargeId = 5_100_001;
	nextNoteId = 6_300_001;
	nextPaymentId = 8_400_001;
	nextApplicationId = 9_500_001;
	nextEmployeeId = 11_301;
	nextItemId = 7_700_001;
	nextTaskId = 3_300_001;
	nextTimeEntryId = 4_400_001;

	constructor(options: AccountStoreOptions = {}) {
		this.slug = options.slug ?? 'demo-hvac';
		this.utcOffset = options.utcOffset ?? '-05:00';
		this.offsetMinutes = parseUtcOffset(this.utcOffset);
		this.now = options.now ?? (() => new Date());
		this.jobNumberStart = options.jobNumberStart ?? 100;
		this.paymentsTouchJob = options.paymentsTouchJob ?? (() => true);
	}

	// ----- clock ---------------------------------------------------------------------------------

	nowMs(meta?: WriteMeta): number {
		return (meta?.at ?? this.now()).getTime();
	}

	/** ISO-8601 timestamp in the account offset */
	timestamp(ms: number): string {
		return formatTimestamp(ms, this.offsetMinutes);
	}

	/** Today's date in the account offset, 'YYYY-MM-DD' */
	today(): string {
		return formatDate(this.now().getTime(), this.offsetMinutes);
	}

	/** A timestamp or null. */
	ts(ms: number | null): string | null {
		return ms === null ? null : formatTimestamp(ms, this.offsetMinutes);
	}

	// ----- numbers -------------------------------------------------------------------------------

	nextCustomerNumber(): number {
		const last = this.customerOrder[this.customerOrder.length - 1];
		return last ? last.customer_number + 1 : 1;
	}

	nextJobNumber(): number {
		const last = this.jobOrder[this.jobOrder.length - 1];
		return last ? last.job_number + 1 : this.jobNumberStart;
	}

	// ----- rows in and out, indexes kept -----------------------------------------------------------

	/** Gives the row its id and number and indexes it. */
	insertCustomer(row: CustomerRow): void {
		row.id = this.nextCustomerId++;
		row.customer_number = this.nextCustomerNumber();
		this.customersByNumber.set(row.customer_number, row);
		this.customersById.set(row.id, row);
		this.customersByName.set(row.name, row);
		this.customerOrder.push(row);
	}

	/** Removes the customer with its jobs (and theirs), notes and payments. */
	removeCustomer(row: CustomerRow): void {
		for (const job of (row.jobs ?? []).slice()) this.removeJob(job);
		for (const note of row.notes ?? []) this.notes.delete(note.id);
		for (const p of row.payments ?? []) this.payments.delete(p.id);
		this.customersByNumber.delete(row.customer_number);
		this.customersById.delete(row.id);
		this.customersByName.delete(row.name);
		const i = indexByKey(this.customerOrder, (c) => c.customer_number, row.customer_number);
		if (i >= 0) this.customerOrder.splice(i, 1);
		row.deleted = true;
	}

	/** Gives the row its id and number and indexes it (also under its customer). */
	insertJob(job: JobRow): void {
		job.id = this.nextJobId++;
		job.job_number = this.nextJobNumber();
		this.jobsByNumber.set(job.job_number, job);
		this.jobsById.set(job.id, job);
		this.jobOrder.push(job);
		(job.customer.jobs ??= []).push(job);
	}

	/**
	 * Removes the job with its notes and payments; its balance leaves the sums. Its tasks and time
	 * entries go with it: they read the job's `deleted` mark.
	 */
	removeJob(job: JobRow): void {
		for (const p of job.payments ?? []) {
			this.payments.delete(p.id);
			removeFrom(job.customer.payments, p);
		}
		for (const n of job.notes ?? []) this.notes.delete(n.id);
		this.adjustJobBalance(job, -job.balanceCents);
		this.jobsByNumber.delete(job.job_number);
		this.jobsById.delete(job.id);
		const i = indexByKey(this.jobOrder, (j) => j.job_number, job.job_number);
		if (i >= 0) this.jobOrder.splice(i, 1);
		if (job.customer.jobs) {
			const k = indexByKey(job.customer.jobs, (j) => j.job_number, job.job_number);
			if (k >= 0) job.customer.jobs.splice(k, 1);
		}
		job.deleted = true;
	}

	/** A job's balance changed: its customer's and the account's sums follow. */
	adjustJobBalance(job: JobRow, deltaCents: number): void {
		job.balanceCents += deltaCents;
		job.customer.balanceCents += deltaCents;
		this.totalBalanceCents += deltaCents;
	}
}
