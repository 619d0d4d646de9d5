/**
 * The account-level part of the store: options, clock, every resource's indexes and id counters (the
 * resource layers share them: deleting a customer deletes its jobs, notes and payments), job types and
 * employees. Each resource adds its methods in its own layer: account -> customers -> jobs -> notes ->
 * payments -> AccountStore (index.ts).
 */
import type { CustomerRow } from './customers';
import type { JobRow } from './jobs';
import type { NoteRow } from './notes';
import type { PaymentRow } from './payments';
import type { FieldErrors } from '../errors';
import { pageSlice } from '../paging';
import { BCRYPT, B64URL, fakeString, formatDate, formatTimestamp, intOrNull, parseUtcOffset } from './values';

export type EmployeeRecord = {
	id: number;
	employee_number: number;
	first_name: string;
	last_name: string;
	email: string | null;
	is_active: boolean;
};

/**
 * An employee as `/employees.json` sends it: the documented keys (`name`, `username`, `email_address`,
 * `active`, `admin`, ...) beside the short record's, and the login secrets `password_salt` and
 * `encrypted_password` [doc] that no output of the node may show.
 */
export type EmployeeFullRecord = EmployeeRecord & {
	name: string;
	username: string;
	email_address: string | null;
	active: boolean;
	admin: boolean;
	limit_access_to_assignments: boolean;
	account_id: number;
	time_zone: string;
	password_salt: string;
	encrypted_password: string;
};

export type JobTypeRecord = { id: number; name: string };

/** A note's or payment's parent, by its number (customer_number / job_number). */
export type ParentRef = { type: 'Customer' | 'Job'; number: number };

/** Optional bookkeeping for seeds: record timestamps as of `at` instead of the clock. */
export interface WriteMeta {
	at?: Date;
}

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

export abstract class AccountCore {
	readonly slug: string;
	readonly utcOffset: string;
	readonly offsetMinutes: number;
	now: () => Date;

	/** Job types ("services"): plain records, mutable by tests. */
	readonly jobTypes: JobTypeRecord[] = [];
	/** Employees: plain records, mutable by tests. The first active one is the API user. */
	readonly employees: EmployeeRecord[] = [];

	protected readonly customersByNumber = new Map<number, CustomerRow>();
	protected readonly customersById = new Map<number, CustomerRow>();
	protected readonly customersByName = new Map<string, CustomerRow>();
	/** ascending by customer_number */
	protected readonly customerOrder: CustomerRow[] = [];

	protected readonly jobsByNumber = new Map<number, JobRow>();
	protected readonly jobsById = new Map<number, JobRow>();
	/** ascending by job_number */
	protected readonly jobOrder: JobRow[] = [];

	protected readonly notes = new Map<number, NoteRow>();
	protected readonly payments = new Map<number, PaymentRow>();

	protected totalBalanceCents = 0;
	/** First job number when the account has no jobs (the demo seed sets 1001). */
	jobNumberStart: number;

	protected nextCustomerId = 2_100_001;
	protected nextJobId = 4_200_001;
	protected nextChargeId = 5_100_001;
	protected nextNoteId = 6_300_001;
	protected nextPaymentId = 8_400_001;
	protected nextApplicationId = 9_500_001;
	protected nextEmployeeId = 11_301;

	constructor(options: AccountStoreOptions = {}) {
		this.slug = options.slug ?? 'demo-hvac';
		this.utcOffset = options.utcOffset ?? '-05:00';
		this.offsetMinutes = parseUtcOffset(this.utcOffset);
		this.now = options.now ?? (() => new Date());
		this.jobNumberStart = options.jobNumberStart ?? 100;
		this.paymentsTouchJob = options.paymentsTouchJob ?? (() => true);
	}

	/** Whether a new payment changes its job's balance and updated_at (the contract does not know). */
	protected readonly paymentsTouchJob: () => boolean;

	// ----- clock & formatting ------------------------------------------------------------------

	protected nowMs(meta?: WriteMeta): number {
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

	protected ts(ms: number | null): string | null {
		return ms === null ? null : formatTimestamp(ms, this.offsetMinutes);
	}

	get counts(): { customers: number; jobs: number; notes: number; payments: number; jobTypes: number; employees: number } {
		return {
			customers: this.customerOrder.length,
			jobs: this.jobOrder.length,
			notes: this.notes.size,
			payments: this.payments.size,
			jobTypes: this.jobTypes.length,
			employees: this.employees.length,
		};
	}

	// ----- job types & employees ---------------------------------------------------------------

	addJobType(name: string, id?: number): JobTypeRecord {
		const nextId = id ?? this.jobTypes.reduce((max, t) => Math.max(max, t.id), 60) + 1;
		if (this.jobTypes.some((t) => t.id === nextId)) throw new Error(`Job type id ${nextId} exists`);
		const rec = { id: nextId, name };
		this.jobTypes.push(rec);
		return { ...rec };
	}

	getJobType(id: number): JobTypeRecord | undefined {
		const t = this.jobTypes.find((jt) => jt.id === id);
		return t ? { ...t } : undefined;
	}

	addEmployee(attrs: { first_name: string; last_name: string; email?: string | null; is_active?: boolean }): EmployeeRecord {
		const rec: EmployeeRecord = {
			id: this.nextEmployeeId++,
			employee_number: this.employees.reduce((max, e) => Math.max(max, e.employee_number), 0) + 1,
			first_name: attrs.first_name,
			last_name: attrs.last_name,
			email: attrs.email ?? null,
			is_active: attrs.is_active ?? true,
		};
		this.employees.push(rec);
		return { ...rec };
	}

	listEmployees(activeOnly = true): EmployeeRecord[] {
		return this.employees.filter((e) => !activeOnly || e.is_active).map((e) => ({ ...e }));
	}

	/** The employee the API token belongs to: the first active employee. */
	get apiUser(): EmployeeRecord | null {
		const e = this.employees.find((x) => x.is_active);
		return e ? { ...e } : null;
	}

	/**
	 * Employees as `/employees.json` sends them (secrets included), active ones only unless told; one
	 * page of them when `range` is given (only that page's records are built).
	 */
	listEmployeeRecords(activeOnly = true, range?: { page: number; size: number }): EmployeeFullRecord[] {
		const adminId = this.employees[0]?.id;
		const rows = this.employees.filter((e) => !activeOnly || e.is_active);
		return (range ? pageSlice(rows, range.page, range.size) : rows)
			.map((e) => ({
				...e,
				name: `${e.first_name} ${e.last_name}`.trim(),
				username: (e.email ?? `${e.first_name}.${e.last_name}`).split('@')[0].toLowerCase(),
				email_address: e.email,
				active: e.is_active,
				admin: e.id === adminId,
				limit_access_to_assignments: e.id !== adminId,
				account_id: 880_001,
				time_zone: 'Eastern Time (US & Canada)',
				password_salt: fakeString(e.id * 11 + 1, 22, B64URL),
				encrypted_password: '$2a$10$' + fakeString(e.id * 11 + 2, 53, BCRYPT),
			}));
	}

	/** `employee_ids` as sent (a list, one id, or blank for none): existing employees' ids, or an error. */
	protected parseEmployeeIds(value: unknown, errors: FieldErrors): number[] | undefined {
		const list = value === null || value === '' ? [] : Array.isArray(value) ? value : [value];
		const ids = list.map((x) => intOrNull(x));
		if (ids.some((x) => x === null || Number.isNaN(x) || !this.employees.some((e) => e.id === x))) {
			errors.add('employees', 'is invalid');
			return undefined;
		}
		return [...new Set(ids as number[])];
	}

	protected employeeRecord(id: number | null): EmployeeRecord | null {
		if (id === null) return null;
		const e = this.employees.find((x) => x.id === id);
		return e ? { ...e } : null;
	}
}
