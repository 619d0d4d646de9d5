/**
 * Jobs: job records (charges, tax, balance and invoice state), the job list newest first with its
 * filters and `total_balance_remaining`, and the `scheduled=` date ranges. A job belongs to a customer
 * (customers.ts, below); its notes and payments (above) put their records into a job's record through
 * `embeds`, so that this module needs nothing above it.
 */
import { FieldErrors, NotFoundError } from '../errors';
import { normPage, pageSlice, pageSliceDesc } from '../paging';
import type { AccountLists } from './account';
import type { Customers } from './customers';
import type { AccountDb, ChargeRow, CustomerRow, JobRow, ParentRef, WriteMeta } from './db';
import { JOB_STATUSES, type JobChargeRecord, type JobRecord, type JobStatus, type NoteRecord, type PaymentRecord } from './records';
import { DAY, MINUTE, bool, formatMoney, formatTimestamp, has, intOrNull, parseDateTime, parseMoney, str, type Attrs } from './values';

export const SCHEDULED_RANGES = [
	'today',
	'tomorrow',
	'this_week',
	'next_week',
	'last_week',
	'this_month',
	'next_month',
	'last_month',
] as const;
export type ScheduledRange = (typeof SCHEDULED_RANGES)[number];

export interface JobQuery {
	status?: string[];
	job_type_id?: string | number;
	job_status_id?: string | number;
	employee_number?: string | number;
	scheduled?: string;
}

export interface JobRecordOptions {
	/** embed `payments` and `job_charges` (single-job GET) */
	embed?: boolean;
	/** `include=` values: customer, job_charges, payments, notes, job_type */
	include?: ReadonlyArray<string>;
}

/** Clean input for AccountStore.seedJob (bulk seeding). */
export interface JobSeed {
	job_type_id: number;
	status: JobStatus;
	name?: string | null;
	description?: string | null;
	scheduledMs?: number | null;
	priceCents?: number;
}

/** price x quantity, less the discount, in cents. */
export function chargeTotalCents(c: ChargeRow): number {
	return Math.round(c.priceCents * c.quantity) - (c.extra?.discountCents ?? 0);
}

interface JobChanges {
	job_type_id?: number;
	status?: JobStatus;
	scheduled_on?: number | null;
	ends_at?: number | null;
	completed_on?: number | null;
	duration?: number | null;
	job_status_id?: number | null;
	employee_ids?: number[];
	name?: string | null;
	description?: string | null;
	po_number?: string | null;
	charges?: ChargeRow[];
	taxRate?: number;
}

/** Shared empty employee_ids (never mutated in place: assignments replace the array). */
const NO_IDS: number[] = [];

/** The records of a job's children that a job record embeds, set by the children's modules. */
export interface JobEmbeds {
	payments: (job: JobRow) => PaymentRecord[];
	notes: (job: JobRow) => NoteRecord[];
}

export class Jobs {
	/** Filled in by payments.ts and notes.ts when they are composed. */
	readonly embeds: JobEmbeds = { payments: () => [], notes: () => [] };

	constructor(
		private readonly db: AccountDb,
		private readonly customers: Customers,
		private readonly account: AccountLists,
	) {}

	/** Sum of every job's balance_remaining */
	get totalBalanceRemaining(): string {
		return formatMoney(this.db.totalBalanceCents);
	}

	/** Paid once it has a payment and nothing remains; unpaid again when its balance rises. */
	refreshInvoice(job: JobRow, ms: number): void {
		const paid = !!job.payments?.length && job.balanceCents <= 0;
		if (paid && job.paidOnMs === null) job.paidOnMs = ms;
		if (!paid) job.paidOnMs = null;
	}

	private parseCharges(value: unknown, errors: FieldErrors): ChargeRow[] | null {
		if (!Array.isArray(value)) {
			errors.add('job_charges', 'is invalid');
			return null;
		}
		const out: ChargeRow[] = [];
		for (const raw of value) {
			if (!raw || typeof raw !== 'object') {
				errors.add('job_charges', 'is invalid');
				return null;
			}
			const c = raw as Attrs;
			const price = parseMoney(c.price ?? 0);
			const quantity = c.quantity === undefined ? 1 : Number(c.quantity);
			if (Number.isNaN(price) || !Number.isFinite(quantity)) {
				errors.add('job_charges', 'is invalid');
				return null;
			}
			out.push({
				id: 0,
				name: str(c.name) ?? 'Service',
				description: str(c.description),
				quantity,
				priceCents: price,
				taxable: bool(c.taxable, false),
			});
		}
		return out;
	}

	/**
	 * Job attributes. Writable over the API: name, description, status, job_type_id, job_status_id,
	 * po_number, scheduled_on, ends_at, duration, completed_on, employee_ids. Store-only (seeds, tests):
	 * job_charges [{name, description?, quantity?, price, taxable?}] and tax_rate (percent of taxable charges).
	 */
	private parseJobAttrs(attrs: Attrs, creating: boolean, errors: FieldErrors): JobChanges {
		const ch: JobChanges = {};
		if (creating || has(attrs, 'job_type_id')) {
			const v = intOrNull(attrs.job_type_id);
			if (v === null) errors.add('job_type', "can't be blank");
			else if (Number.isNaN(v) || !this.db.jobTypes.some((t) => t.id === v)) errors.add('job_type', 'is invalid');
			else ch.job_type_id = v;
		}
		if (has(attrs, 'status') && !(creating && (attrs.status === null || attrs.status === ''))) {
			const s = str(attrs.status);
			if (s === null || !(JOB_STATUSES as ReadonlyArray<string>).includes(s)) errors.add('status', 'is not included in the list');
			else ch.status = s as JobStatus;
		}
		for (const f of ['scheduled_on', 'ends_at', 'completed_on'] as const) {
			if (!has(attrs, f)) continue;
			const v = attrs[f];
			if (v === null || v === '') ch[f] = null;
			else {
				const t = parseDateTime(v, this.db.offsetMinutes);
				if (Number.isNaN(t)) errors.add(f, 'is invalid');
				else ch[f] = t;
			}
		}
		if (has(attrs, 'duration')) {
			const v = attrs.duration;
			if (v === null || v === '') ch.duration = null;
			else {
				const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
				if (!Number.isFinite(n) || n < 0) errors.add('duration', 'must be greater than or equal to 0');
				else ch.duration = n;
			}
		}
		if (has(attrs, 'job_status_id')) {
			const v = intOrNull(attrs.job_status_id);
			if (Number.isNaN(v)) errors.add('job_status', 'is invalid');
			else ch.job_status_id = v;
		}
		if (has(attrs, 'employee_ids')) {
			const ids = this.account.parseEmployeeIds(attrs.employee_ids, errors);
			if (ids) ch.employee_ids = ids;
		}
		for (const f of ['name', 'description', 'po_number'] as const) if (has(attrs, f)) ch[f] = str(attrs[f]);
		if (has(attrs, 'job_charges')) {
			const charges = this.parseCharges(attrs.job_charges, errors);
			if (charges) ch.charges = charges;
		}
		if (has(attrs, 'tax_rate')) {
			const n = Number(attrs.tax_rate);
			if (!Number.isFinite(n) || n < 0) errors.add('tax_rate', 'is invalid');
			else ch.taxRate = n;
		}
		return ch;
	}

	private applyJobChanges(job: JobRow, ch: JobChanges, creating: boolean, ms: number): void {
		if (ch.job_type_id !== undefined) job.job_type_id = ch.job_type_id;
		if (ch.name !== undefined) job.name = ch.name;
		else if (creating) job.name = this.db.jobTypes.find((t) => t.id === job.job_type_id)?.name ?? null;
		if (ch.description !== undefined) job.description = ch.description;
		if (ch.po_number !== undefined) job.po_number = ch.po_number;
		if (ch.job_status_id !== undefined) job.job_status_id = ch.job_status_id;
		if (ch.employee_ids !== undefined) job.employee_ids = ch.employee_ids;
		if (ch.duration !== undefined) job.duration = ch.duration;
		if (ch.scheduled_on !== undefined) job.scheduledMs = ch.scheduled_on;
		if (ch.ends_at !== undefined) job.endsMs = ch.ends_at;
		else if ((ch.scheduled_on !== undefined || ch.duration !== undefined) && job.scheduledMs !== null && job.duration !== null) {
			job.endsMs = job.scheduledMs + job.duration * MINUTE;
		}
		if (ch.completed_on !== undefined) job.completedMs = ch.completed_on;

		if (ch.status !== undefined) job.status = ch.status;
		else if (creating) job.status = job.scheduledMs !== null ? 'scheduled' : 'unscheduled';
		else if (ch.scheduled_on !== undefined) {
			if (job.scheduledMs !== null && job.status === 'unscheduled') job.status = 'scheduled';
			if (job.scheduledMs === null && job.status === 'scheduled') job.status = 'unscheduled';
		}
		if (job.status === 'complete' && job.completedMs === null) job.completedMs = ms;

		if (ch.charges !== undefined || ch.taxRate !== undefined) {
			if (ch.charges !== undefined) {
				for (const c of ch.charges) c.id = this.db.nextChargeId++;
				job.charges = ch.charges.length ? ch.charges : null;
			}
			if (ch.taxRate !== undefined) job.taxRate = ch.taxRate;
			this.recomputeJobTotals(job, ms);
		}
	}

	/** Subtotal, tax, balance and invoice state from the job's charges (after any charge change). */
	recomputeJobTotals(job: JobRow, ms: number): void {
		let subtotal = 0;
		let taxable = 0;
		for (const c of job.charges ?? []) {
			const t = chargeTotalCents(c);
			subtotal += t;
			if (c.taxable) taxable += t;
		}
		const tax = Math.round((taxable * job.taxRate) / 100);
		const oldTotal = job.subtotalCents + job.taxCents;
		job.subtotalCents = subtotal;
		job.taxCents = tax;
		this.db.adjustJobBalance(job, subtotal + tax - oldTotal);
		this.refreshInvoice(job, ms);
	}

	/** customerNumber: the customer's number (not its id); both it and attrs.job_type_id are required. */
	createJob(customerNumber: number | string | null | undefined, attrs: Attrs, meta?: WriteMeta): JobRecord {
		const ms = this.db.nowMs(meta);
		const errors = new FieldErrors();
		const ch = this.parseJobAttrs(attrs, true, errors);
		let customer: CustomerRow | undefined;
		const cn = intOrNull(customerNumber);
		if (cn === null) errors.add('customer', "can't be blank");
		else {
			customer = Number.isNaN(cn) ? undefined : this.db.customersByNumber.get(cn);
			if (!customer) errors.add('customer', 'is invalid');
		}
		errors.throwIfAny();
		const job = this.newJobRow(customer as CustomerRow, ms);
		this.applyJobChanges(job, ch, true, ms);
		this.db.insertJob(job);
		return this.jobOut(job, {});
	}

	private newJobRow(customer: CustomerRow, ms: number): JobRow {
		return {
			id: 0,
			job_number: 0,
			customer,
			name: null,
			description: null,
			status: 'unscheduled',
			job_type_id: 0,
			job_status_id: null,
			po_number: null,
			scheduledMs: null,
			endsMs: null,
			duration: null,
			completedMs: null,
			charges: null,
			taxRate: 0,
			subtotalCents: 0,
			taxCents: 0,
			balanceCents: 0,
			paidOnMs: null,
			employee_ids: NO_IDS,
			createdMs: ms,
			updatedMs: ms,
			payments: null,
			notes: null,
			deleted: false,
		};
	}

	/**
	 * Bulk seeding fast path: a job with one "Service" charge of `priceCents`, from already-clean
	 * fields; returns the job_number. Throws NotFoundError for an unknown customer number.
	 */
	seedJob(customerNumber: number, seed: JobSeed, createdMs: number): number {
		const customer = this.customers.requireCustomer(customerNumber);
		const job = this.newJobRow(customer, createdMs);
		job.job_type_id = seed.job_type_id;
		job.name = seed.name ?? null;
		job.description = seed.description ?? null;
		job.status = seed.status;
		job.scheduledMs = seed.scheduledMs ?? null;
		if (job.status === 'complete') job.completedMs = job.scheduledMs ?? createdMs;
		if (seed.priceCents) {
			job.charges = [{ id: this.db.nextChargeId++, name: 'Service', description: null, quantity: 1, priceCents: seed.priceCents, taxable: false }];
			job.subtotalCents = seed.priceCents;
			this.db.adjustJobBalance(job, seed.priceCents);
		}
		this.db.insertJob(job);
		return job.job_number;
	}

	hasJob(number: number): boolean {
		return this.db.jobsByNumber.has(number);
	}

	/** The customer_number of the job's customer. */
	jobOwner(number: number): number | undefined {
		return this.db.jobsByNumber.get(number)?.customer.customer_number;
	}

	getJob(number: number, options: JobRecordOptions = {}): JobRecord | undefined {
		const job = this.db.jobsByNumber.get(number);
		return job ? this.jobOut(job, options) : undefined;
	}

	updateJob(number: number, attrs: Attrs, meta?: WriteMeta): JobRecord {
		const job = this.requireJob(number);
		const ms = this.db.nowMs(meta);
		const errors = new FieldErrors();
		const ch = this.parseJobAttrs(attrs, false, errors);
		errors.throwIfAny();
		this.applyJobChanges(job, ch, false, ms);
		job.updatedMs = ms;
		return this.jobOut(job, {});
	}

	/** Deletes the job with its notes and payments; returns the record as it was. */
	deleteJob(number: number): JobRecord {
		const job = this.requireJob(number);
		const out = this.jobOut(job, {});
		this.db.removeJob(job);
		return out;
	}

	/** All jobs, newest first (job_number descending). */
	listJobs(options: JobRecordOptions = {}): JobRecord[] {
		const out: JobRecord[] = [];
		for (let i = this.db.jobOrder.length - 1; i >= 0; i--) out.push(this.jobOut(this.db.jobOrder[i], options));
		return out;
	}

	/**
	 * One page of jobs, newest first, filtered; `customerNumber` restricts to one customer's jobs
	 * (throws NotFoundError when unknown). Unfiltered: O(page).
	 * `totalBalanceRemaining` sums every matching job (not just the page).
	 */
	queryJobs(
		query: JobQuery,
		page: number,
		perPage: number,
		options: JobRecordOptions & { customerNumber?: number; oldestFirst?: boolean } = {},
	): { jobs: JobRecord[]; totalBalanceRemaining: string } {
		page = normPage(page);
		const customer = options.customerNumber === undefined ? undefined : this.customers.requireCustomer(options.customerNumber);
		const source = customer ? (customer.jobs ?? []) : this.db.jobOrder;
		const pred = this.jobPredicate(query);
		if (!pred) {
			// account-wide total is kept up to date; a customer's jobs are few enough to sum
			const total = customer ? source.reduce((s, j) => s + j.balanceCents, 0) : this.db.totalBalanceCents;
			return {
				jobs: (options.oldestFirst ? pageSlice : pageSliceDesc)(source, page, perPage).map((j) => this.jobOut(j, options)),
				totalBalanceRemaining: formatMoney(total),
			};
		}
		const start = (page - 1) * perPage;
		const out: JobRecord[] = [];
		let seen = 0;
		let total = 0;
		for (let k = 0; k < source.length; k++) {
			const j = source[options.oldestFirst ? k : source.length - 1 - k];
			if (!pred(j)) continue;
			total += j.balanceCents;
			if (seen >= start && out.length < perPage) out.push(this.jobOut(j, options));
			seen++;
		}
		return { jobs: out, totalBalanceRemaining: formatMoney(total) };
	}

	/** [start, end) epoch ms of a `scheduled=` range relative to the clock, in the account offset. */
	scheduledRange(range: ScheduledRange): [number, number] {
		const off = this.db.offsetMinutes * MINUTE;
		const local = new Date(this.db.now().getTime() + off);
		const y = local.getUTCFullYear();
		const m = local.getUTCMonth();
		const d = local.getUTCDate();
		const today = Date.UTC(y, m, d) - off;
		const dow = (local.getUTCDay() + 6) % 7; // Monday = 0
		const week = today - dow * DAY;
		const month = (k: number): number => Date.UTC(y, m + k, 1) - off;
		switch (range) {
			case 'today':
				return [today, today + DAY];
			case 'tomorrow':
				return [today + DAY, today + 2 * DAY];
			case 'this_week':
				return [week, week + 7 * DAY];
			case 'next_week':
				return [week + 7 * DAY, week + 14 * DAY];
			case 'last_week':
				return [week - 7 * DAY, week];
			case 'this_month':
				return [month(0), month(1)];
			case 'next_month':
				return [month(1), month(2)];
			case 'last_month':
				return [month(-1), month(0)];
		}
	}

	private jobPredicate(query: JobQuery): ((j: JobRow) => boolean) | null {
		const preds: Array<(j: JobRow) => boolean> = [];
		if (query.status && query.status.length) {
			const set = new Set(query.status);
			preds.push((j) => set.has(j.status));
		}
		const num = (v: string | number | undefined): number | undefined =>
			v === undefined || v === '' ? undefined : typeof v === 'number' ? v : /^\d+$/.test(v.trim()) ? Number(v) : NaN;
		const jt = num(query.job_type_id);
		if (jt !== undefined) preds.push((j) => j.job_type_id === jt);
		const js = num(query.job_status_id);
		if (js !== undefined) preds.push((j) => j.job_status_id === js);
		const en = num(query.employee_number);
		if (en !== undefined) {
			const id = this.account.employeeIdByNumber(en);
			preds.push((j) => j.employee_ids.includes(id));
		}
		if (query.scheduled !== undefined && (SCHEDULED_RANGES as ReadonlyArray<string>).includes(query.scheduled)) {
			const [from, to] = this.scheduledRange(query.scheduled as ScheduledRange);
			preds.push((j) => j.scheduledMs !== null && j.scheduledMs >= from && j.scheduledMs < to);
		}
		if (!preds.length) return null;
		return (j) => preds.every((p) => p(j));
	}

	/** The customer's or the job's row a note or payment belongs to (NotFoundError when unknown). */
	parentRow(parent: ParentRef): CustomerRow | JobRow {
		return parent.type === 'Customer' ? this.customers.requireCustomer(parent.number) : this.requireJob(parent.number);
	}

	requireJob(number: number): JobRow {
		const job = this.db.jobsByNumber.get(number);
		if (!job) throw new NotFoundError('job', number);
		return job;
	}

	private chargeOut(c: ChargeRow): JobChargeRecord {
		return {
			id: c.id,
			name: c.name,
			description: c.description,
			quantity: c.quantity.toFixed(1),
			price: formatMoney(c.priceCents),
			total: formatMoney(chargeTotalCents(c)),
			taxable: c.taxable,
		};
	}

	jobOut(j: JobRow, options: JobRecordOptions): JobRecord {
		const rec: JobRecord = {
			id: j.id,
			job_number: j.job_number,
			customer_id: j.customer.id,
			name: j.name,
			description: j.description,
			status: j.status,
			job_type_id: j.job_type_id,
			job_status_id: j.job_status_id,
			po_number: j.po_number,
			scheduled_on: this.db.ts(j.scheduledMs),
			ends_at: this.db.ts(j.endsMs),
			duration: j.duration,
			completed_on: this.db.ts(j.completedMs),
			subtotal: formatMoney(j.subtotalCents),
			tax: formatMoney(j.taxCents),
			total: formatMoney(j.subtotalCents + j.taxCents),
			balance_remaining: formatMoney(j.balanceCents),
			invoice_status: j.paidOnMs !== null ? 'paid' : 'unpaid',
			invoice_paid_on: this.db.ts(j.paidOnMs),
			employee_ids: j.employee_ids.slice(),
			created_at: formatTimestamp(j.createdMs, this.db.offsetMinutes),
			updated_at: formatTimestamp(j.updatedMs, this.db.offsetMinutes),
		};
		const inc = options.include ?? [];
		if (options.embed || inc.includes('payments')) rec.payments = this.embeds.payments(j);
		if (options.embed || inc.includes('job_charges')) rec.job_charges = (j.charges ?? []).map((c) => this.chargeOut(c));
		if (inc.includes('customer')) rec.customer = this.customers.customerOut(j.customer);
		if (inc.includes('notes')) rec.notes = this.embeds.notes(j);
		if (inc.includes('job_type')) rec.job_type = this.account.getJobType(j.job_type_id) ?? null;
		return rec;
	}
}
