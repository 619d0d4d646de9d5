/**
 * In-memory Kickserv account: customers, jobs, notes, payments, job types and employees.
 * Pure (no HTTP). The sandbox server maps its methods onto the API paths; tests may call it directly.
 *
 * Internal rows keep timestamps as epoch milliseconds and money as integer cents; every public method
 * returns fresh plain JSON-able records (timestamps ISO-8601 in the account's UTC offset, money as
 * decimal strings), so callers can never corrupt the store by mutating a result.
 *
 * Unfiltered listing is O(page): customers and jobs are kept in arrays sorted by number (numbers are
 * assigned max+1, so inserts append), children (jobs, notes, payments) in per-parent arrays.
 */

export const JOB_STATUSES = ['new', 'unscheduled', 'scheduled', 'in_progress', 'on_hold', 'complete', 'canceled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

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

/** Thrown on invalid input; the server answers 422 with `messages` (and `fields` for keyed error shapes). */
export class ValidationError extends Error {
	readonly messages: string[];
	readonly fields: Record<string, string[]>;
	constructor(messages: string[], fields?: Record<string, string[]>) {
		super(messages.join(', '));
		this.name = 'ValidationError';
		this.messages = messages;
		this.fields = fields ?? { base: messages.slice() };
	}
}

export type NotFoundEntity = 'customer' | 'job' | 'note' | 'payment';

/** Thrown by update/delete/create-under-parent when the record (or parent) does not exist. */
export class NotFoundError extends Error {
	readonly entity: NotFoundEntity;
	readonly key: number;
	constructor(entity: NotFoundEntity, key: number) {
		super(`${entity} ${key} not found`);
		this.name = 'NotFoundError';
		this.entity = entity;
		this.key = key;
	}
}

// ---------------------------------------------------------------------------------------------
// Public record shapes
// ---------------------------------------------------------------------------------------------

export type CustomerRecord = {
	id: number;
	customer_number: number;
	name: string;
	company: boolean;
	company_name: string | null;
	first_name: string | null;
	last_name: string | null;
	contact: string | null;
	alt_contact: string | null;
	is_active: boolean;
	email_address: string | null;
	phone_number: string | null;
	mobile: string | null;
	fax: string | null;
	alt_phone_number: string | null;
	service_address: string | null;
	service_address_2: string | null;
	service_city: string | null;
	service_state: string | null;
	service_zip_code: string | null;
	service_country: string | null;
	billing_address: string | null;
	billing_address_2: string | null;
	billing_city: string | null;
	billing_state: string | null;
	billing_zip_code: string | null;
	billing_country: string | null;
	customer_type_id: number | null;
	customer_source_id: number | null;
	account_number: string | null;
	notify_via_email: boolean;
	notify_via_sms: boolean;
	balance: string;
	created_at: string;
	updated_at: string;
	// secrets / legacy keys a simplified output must never show
	token: string;
	password_digest: string;
	stripe_customer_id: string;
	qbo_customer_ref_id: string;
	qb_list_ref_id: string;
};

/** Every key a customer record carries, in output order. */
export const CUSTOMER_KEYS: ReadonlyArray<keyof CustomerRecord> = [
	'id',
	'customer_number',
	'name',
	'company',
	'company_name',
	'first_name',
	'last_name',
	'contact',
	'alt_contact',
	'is_active',
	'email_address',
	'phone_number',
	'mobile',
	'fax',
	'alt_phone_number',
	'service_address',
	'service_address_2',
	'service_city',
	'service_state',
	'service_zip_code',
	'service_country',
	'billing_address',
	'billing_address_2',
	'billing_city',
	'billing_state',
	'billing_zip_code',
	'billing_country',
	'customer_type_id',
	'customer_source_id',
	'account_number',
	'notify_via_email',
	'notify_via_sms',
	'balance',
	'created_at',
	'updated_at',
	'token',
	'password_digest',
	'stripe_customer_id',
	'qbo_customer_ref_id',
	'qb_list_ref_id',
];

export type JobChargeRecord = {
	id: number;
	name: string;
	description: string | null;
	quantity: string;
	price: string;
	total: string;
	taxable: boolean;
};

export type EmployeeRecord = {
	id: number;
	employee_number: number;
	first_name: string;
	last_name: string;
	email: string | null;
	is_active: boolean;
};

export type JobTypeRecord = { id: number; name: string };

export type CustomerRef = { id: number; customer_number: number; name: string };

export type PaymentRecord = {
	id: number;
	date: string;
	amount: string;
	payment_type: string | null;
	ref_number: string | null;
	notes: string | null;
	txn_id: string | null;
	status: string;
	payment_application_ids: number[];
	created_at: string;
	updated_at: string;
	customer: CustomerRef;
};

export type NoteRecord = {
	id: number;
	note: string;
	public: boolean;
	noteable_id: number;
	noteable_type: 'Customer' | 'Job';
	created_at: string;
	updated_at: string;
	creator?: EmployeeRecord | null;
};

export type JobRecord = {
	id: number;
	job_number: number;
	customer_id: number;
	name: string | null;
	description: string | null;
	status: JobStatus;
	job_type_id: number;
	job_status_id: number | null;
	po_number: string | null;
	scheduled_on: string | null;
	ends_at: string | null;
	duration: number | null;
	completed_on: string | null;
	subtotal: string;
	tax: string;
	total: string;
	balance_remaining: string;
	invoice_status: 'paid' | 'unpaid';
	invoice_paid_on: string | null;
	employee_ids: number[];
	created_at: string;
	updated_at: string;
	payments?: PaymentRecord[];
	job_charges?: JobChargeRecord[];
	customer?: CustomerRecord;
	notes?: NoteRecord[];
	job_type?: JobTypeRecord | null;
};

export type ParentRef = { type: 'Customer' | 'Job'; number: number };

/** Input attributes as they come from a JSON body: validated and coerced by the store. */
export type Attrs = Record<string, unknown>;

export interface CustomerQuery {
	customer_number?: string;
	name?: string;
	service_address?: string;
	service_city?: string;
	service_state?: string;
	service_zip_code?: string;
	service_country?: string;
	billing_address?: string;
	billing_city?: string;
	billing_state?: string;
	billing_zip_code?: string;
	billing_country?: string;
	phone_number?: string;
	email_address?: string;
	customer_source_id?: string;
	/** partial name, case-insensitive */
	q?: string;
	/** first letter of the name, case-insensitive */
	begins_with?: string;
}

/** Keys of CustomerQuery that are exact-match filters. */
export const CUSTOMER_EXACT_FILTERS = [
	'customer_number',
	'name',
	'service_address',
	'service_city',
	'service_state',
	'service_zip_code',
	'service_country',
	'billing_address',
	'billing_city',
	'billing_state',
	'billing_zip_code',
	'billing_country',
	'phone_number',
	'email_address',
	'customer_source_id',
] as const;

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

export interface PageMeta {
	current_page: number;
	total_pages: number;
	total_count: number;
	per_page: number;
}

/** Optional bookkeeping for seeds: record timestamps as of `at` instead of the clock. */
export interface WriteMeta {
	at?: Date;
}

/** Clean input for AccountStore.seedCustomer (bulk seeding). */
export interface CustomerSeed {
	name: string;
	first_name?: string | null;
	last_name?: string | null;
	email_address?: string | null;
	phone_number?: string | null;
	service_address?: string | null;
	service_city?: string | null;
	service_state?: string | null;
	service_zip_code?: string | null;
	is_active?: boolean;
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

export interface AccountStoreOptions {
	slug?: string;
	/** '+HH:MM' / '-HH:MM', default '-05:00' */
	utcOffset?: string;
	now?: () => Date;
	/** first job number when the account has no jobs (default 100) */
	jobNumberStart?: number;
}

// ---------------------------------------------------------------------------------------------
// Internal rows
// ---------------------------------------------------------------------------------------------

const CUSTOMER_STRING_FIELDS = [
	'company_name',
	'first_name',
	'last_name',
	'contact',
	'alt_contact',
	'email_address',
	'phone_number',
	'mobile',
	'fax',
	'alt_phone_number',
	'service_address',
	'service_address_2',
	'service_city',
	'service_state',
	'service_zip_code',
	'service_country',
	'billing_address',
	'billing_address_2',
	'billing_city',
	'billing_state',
	'billing_zip_code',
	'billing_country',
	'account_number',
] as const;
const CUSTOMER_BOOL_FIELDS = ['company', 'is_active', 'notify_via_email', 'notify_via_sms'] as const;
const CUSTOMER_INT_FIELDS = ['customer_type_id', 'customer_source_id'] as const;

type CustomerStringField = (typeof CUSTOMER_STRING_FIELDS)[number];
type CustomerBoolField = (typeof CUSTOMER_BOOL_FIELDS)[number];
type CustomerIntField = (typeof CUSTOMER_INT_FIELDS)[number];

type CustomerRow = { [K in CustomerStringField]: string | null } & { [K in CustomerBoolField]: boolean } & {
	[K in CustomerIntField]: number | null;
} & {
	id: number;
	customer_number: number;
	name: string;
	balanceCents: number;
	createdMs: number;
	updatedMs: number;
	jobs: JobRow[] | null;
	notes: NoteRow[] | null;
	payments: PaymentRow[] | null;
	deleted: boolean;
};

interface ChargeRow {
	id: number;
	name: string;
	description: string | null;
	quantity: number;
	priceCents: number;
	taxable: boolean;
}

interface JobRow {
	id: number;
	job_number: number;
	customer: CustomerRow;
	name: string | null;
	description: string | null;
	status: JobStatus;
	job_type_id: number;
	job_status_id: number | null;
	po_number: string | null;
	scheduledMs: number | null;
	endsMs: number | null;
	duration: number | null;
	completedMs: number | null;
	charges: ChargeRow[] | null;
	taxRate: number;
	subtotalCents: number;
	taxCents: number;
	balanceCents: number;
	paidOnMs: number | null;
	employee_ids: number[];
	createdMs: number;
	updatedMs: number;
	payments: PaymentRow[] | null;
	notes: NoteRow[] | null;
	deleted: boolean;
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

interface PaymentChanges {
	amountCents?: number;
	date?: string;
	payment_type?: string | null;
	ref_number?: string | null;
	notes?: string | null;
}

interface NoteRow {
	id: number;
	parentType: 'Customer' | 'Job';
	parent: CustomerRow | JobRow;
	text: string;
	isPublic: boolean;
	creatorId: number | null;
	createdMs: number;
	updatedMs: number;
}

interface PaymentRow {
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
	createdMs: number;
	updatedMs: number;
}

// ---------------------------------------------------------------------------------------------
// Helpers (exported where tests or the server can use them)
// ---------------------------------------------------------------------------------------------

// Module-level copies of hot globals: global lookups are slow inside jest's VM context.
const { floor, round, imul, abs } = Math;
const DateCtor = Date;
const MINUTE = 60_000;
/** Shared empty employee_ids (never mutated in place: assignments replace the array). */
const NO_IDS: number[] = [];
const DAY = 86_400_000;

/** '-05:00' -> -300 */
export function parseUtcOffset(offset: string): number {
	const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim());
	if (!m) {
		if (offset.trim() === 'Z') return 0;
		throw new Error(`Invalid UTC offset: ${offset}`);
	}
	const minutes = Number(m[2]) * 60 + Number(m[3]);
	return m[1] === '-' ? -minutes : minutes;
}

const offsetStrings = new Map<number, string>();

function offsetString(minutes: number): string {
	let s = offsetStrings.get(minutes);
	if (s === undefined) {
		const sign = minutes < 0 ? '-' : '+';
		const a = abs(minutes);
		s = `${sign}${String(floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
		offsetStrings.set(minutes, s);
	}
	return s;
}

/** Epoch ms -> '2026-11-28T10:04:14-05:00' (second precision) */
export function formatTimestamp(ms: number, offsetMinutes: number): string {
	return new DateCtor(ms + offsetMinutes * MINUTE).toISOString().slice(0, 19) + offsetString(offsetMinutes);
}

/** Epoch ms -> local 'YYYY-MM-DD' in the given offset */
export function formatDate(ms: number, offsetMinutes: number): string {
	return new DateCtor(ms + offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** 12345 -> '123.45', -50 -> '-0.50' */
export function formatMoney(cents: number): string {
	const neg = cents < 0;
	const a = abs(round(cents));
	const cents2 = a % 100;
	const s = `${floor(a / 100)}.${cents2 < 10 ? '0' : ''}${cents2}`;
	return neg ? `-${s}` : s;
}

/** '125.00' / 125 / '125' -> 12500; NaN when not a number */
export function parseMoney(value: unknown): number {
	if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 100) : NaN;
	if (typeof value !== 'string') return NaN;
	const s = value.trim();
	if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return NaN;
	return Math.round(Number(s) * 100);
}

function validYmd(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1 || d > 31) return false;
	const t = new Date(Date.UTC(y, m - 1, d));
	return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isValidDate(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	return !!m && validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * 'YYYY-MM-DD' (local midnight), 'YYYY-MM-DDTHH:MM[:SS]' (local) or with 'Z' / '+HH:MM' -> epoch ms.
 * NaN when invalid.
 */
export function parseDateTime(value: unknown, offsetMinutes: number): number {
	if (value instanceof Date) return value.getTime();
	if (typeof value !== 'string') return NaN;
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
		value.trim(),
	);
	if (!m) return NaN;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (!validYmd(y, mo, d)) return NaN;
	const h = m[4] ? Number(m[4]) : 0;
	const mi = m[5] ? Number(m[5]) : 0;
	const s = m[6] ? Number(m[6]) : 0;
	if (h > 23 || mi > 59 || s > 59) return NaN;
	const zone = m[7] === undefined ? offsetMinutes : parseUtcOffset(m[7]);
	return Date.UTC(y, mo - 1, d, h, mi, s) - zone * MINUTE;
}

/** Small deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = imul(t ^ (t >>> 15), t | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BCRYPT = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789ABCDEF';

function fakeString(seed: number, length: number, alphabet: string): string {
	const rnd = mulberry32(seed);
	const n = alphabet.length;
	let s = '';
	while (s.length < length) {
		let bits = floor(rnd() * 1073741824); // 30 bits -> 5 characters
		for (let k = 0; k < 5 && s.length < length; k++) {
			s += alphabet[(bits & 63) % n];
			bits >>>= 6;
		}
	}
	return s;
}

function str(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return null;
}

function bool(value: unknown, fallback: boolean): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === '1' || value === 'true' || value === 'TRUE' || value === 't') return true;
	if (value === 0 || value === '0' || value === 'false' || value === 'FALSE' || value === 'f') return false;
	return fallback;
}

/** integer or null; NaN when present but not an integer */
function intOrNull(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	return Number.isInteger(n) ? n : NaN;
}

/** Present in the input (JSON bodies never carry `undefined`; a plain check is much faster than hasOwnProperty in jest's VM). */
function has(attrs: Attrs, key: string): boolean {
	return attrs[key] !== undefined;
}

function humanize(field: string): string {
	const s = field.replace(/_id$/, '').replace(/_/g, ' ');
	return s.charAt(0).toUpperCase() + s.slice(1);
}

class Errors {
	readonly messages: string[] = [];
	readonly fields: Record<string, string[]> = {};
	add(field: string, message: string): void {
		this.messages.push(`${humanize(field)} ${message}`);
		(this.fields[field] ??= []).push(message);
	}
	throwIfAny(): void {
		if (this.messages.length) throw new ValidationError(this.messages, this.fields);
	}
}

/** Binary search in an array sorted ascending by `key`. */
function indexByKey<T>(arr: T[], key: (t: T) => number, value: number): number {
	let lo = 0;
	let hi = arr.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const v = key(arr[mid]);
		if (v === value) return mid;
		if (v < value) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

function removeFrom<T>(arr: T[] | null, item: T): void {
	if (!arr) return;
	const i = arr.indexOf(item);
	if (i >= 0) arr.splice(i, 1);
}

function pageSlice<T>(arr: T[], page: number, size: number): T[] {
	const start = (page - 1) * size;
	if (start >= arr.length) return [];
	return arr.slice(start, start + size);
}

/** Page of an ascending array in descending order (newest first), without copying the array. */
function pageSliceDesc<T>(arr: T[], page: number, size: number): T[] {
	const out: T[] = [];
	const start = arr.length - 1 - (page - 1) * size;
	for (let i = start; i >= 0 && i > start - size; i--) out.push(arr[i]);
	return out;
}

function normPage(page: number): number {
	return Number.isInteger(page) && page >= 1 ? page : 1;
}

// ---------------------------------------------------------------------------------------------
// The store
// ---------------------------------------------------------------------------------------------

export class AccountStore {
	readonly slug: string;
	readonly utcOffset: string;
	readonly offsetMinutes: number;
	now: () => Date;

	/** Job types ("services"): plain records, mutable by tests. */
	readonly jobTypes: JobTypeRecord[] = [];
	/** Employees: plain records, mutable by tests. The first active one is the API user. */
	readonly employees: EmployeeRecord[] = [];

	private readonly customersByNumber = new Map<number, CustomerRow>();
	private readonly customersById = new Map<number, CustomerRow>();
	private readonly customersByName = new Map<string, CustomerRow>();
	/** ascending by customer_number */
	private readonly customerOrder: CustomerRow[] = [];

	private readonly jobsByNumber = new Map<number, JobRow>();
	private readonly jobsById = new Map<number, JobRow>();
	/** ascending by job_number */
	private readonly jobOrder: JobRow[] = [];

	private readonly notes = new Map<number, NoteRow>();
	private readonly payments = new Map<number, PaymentRow>();

	private totalBalanceCents = 0;
	/** First job number when the account has no jobs (the demo seed sets 1001). */
	jobNumberStart: number;

	private nextCustomerId = 2_100_001;
	private nextJobId = 4_200_001;
	private nextChargeId = 5_100_001;
	private nextNoteId = 6_300_001;
	private nextPaymentId = 8_400_001;
	private nextApplicationId = 9_500_001;
	private nextEmployeeId = 11_301;

	constructor(options: AccountStoreOptions = {}) {
		this.slug = options.slug ?? 'demo-hvac';
		this.utcOffset = options.utcOffset ?? '-05:00';
		this.offsetMinutes = parseUtcOffset(this.utcOffset);
		this.now = options.now ?? (() => new Date());
		this.jobNumberStart = options.jobNumberStart ?? 100;
	}

	// ----- clock & formatting ------------------------------------------------------------------

	private nowMs(meta?: WriteMeta): number {
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

	private ts(ms: number | null): string | null {
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

	/** The numbers/ids the next created records will get. */
	get nextNumbers(): { customerNumber: number; jobNumber: number; noteId: number; paymentId: number } {
		return {
			customerNumber: this.nextCustomerNumber(),
			jobNumber: this.nextJobNumber(),
			noteId: this.nextNoteId,
			paymentId: this.nextPaymentId,
		};
	}

	/** Sum of every job's balance_remaining */
	get totalBalanceRemaining(): string {
		return formatMoney(this.totalBalanceCents);
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

	private employeeRecord(id: number | null): EmployeeRecord | null {
		if (id === null) return null;
		const e = this.employees.find((x) => x.id === id);
		return e ? { ...e } : null;
	}

	// ----- customers ---------------------------------------------------------------------------

	private nextCustomerNumber(): number {
		const last = this.customerOrder[this.customerOrder.length - 1];
		return last ? last.customer_number + 1 : 1;
	}

	/** Validates and applies customer attributes; on update also re-keys the name index. */
	private applyCustomerAttrs(row: CustomerRow, attrs: Attrs, creating: boolean): void {
		const errors = new Errors();
		if (creating || has(attrs, 'name')) {
			const name = str(attrs.name);
			if (name === null || name.trim() === '') {
				errors.add('name', "can't be blank");
			} else {
				const other = this.customersByName.get(name);
				if (other && other !== row) errors.add('name', 'has already been taken');
			}
		}
		for (const f of CUSTOMER_INT_FIELDS) {
			if (!has(attrs, f)) continue;
			const v = intOrNull(attrs[f]);
			if (Number.isNaN(v)) errors.add(f, 'is not a number');
		}
		errors.throwIfAny();
		const r = row as unknown as Record<string, unknown>;
		if (creating || has(attrs, 'name')) {
			const name = str(attrs.name) as string;
			if (!creating) {
				this.customersByName.delete(row.name);
				this.customersByName.set(name, row);
			}
			row.name = name;
		}
		for (const f of CUSTOMER_STRING_FIELDS) if (has(attrs, f)) r[f] = str(attrs[f]);
		for (const f of CUSTOMER_BOOL_FIELDS) if (has(attrs, f)) r[f] = bool(attrs[f], r[f] as boolean);
		for (const f of CUSTOMER_INT_FIELDS) if (has(attrs, f)) r[f] = intOrNull(attrs[f]);
	}

	createCustomer(attrs: Attrs, meta?: WriteMeta): CustomerRecord {
		const row = this.newCustomerRow(this.nowMs(meta));
		this.applyCustomerAttrs(row, attrs, true);
		this.registerCustomer(row);
		return this.customerOut(row);
	}

	private newCustomerRow(ms: number): CustomerRow {
		return {
			id: 0,
			customer_number: 0,
			name: '',
			company: false,
			company_name: null,
			first_name: null,
			last_name: null,
			contact: null,
			alt_contact: null,
			is_active: true,
			email_address: null,
			phone_number: null,
			mobile: null,
			fax: null,
			alt_phone_number: null,
			service_address: null,
			service_address_2: null,
			service_city: null,
			service_state: null,
			service_zip_code: null,
			service_country: null,
			billing_address: null,
			billing_address_2: null,
			billing_city: null,
			billing_state: null,
			billing_zip_code: null,
			billing_country: null,
			customer_type_id: null,
			customer_source_id: null,
			account_number: null,
			notify_via_email: true,
			notify_via_sms: false,
			balanceCents: 0,
			createdMs: ms,
			updatedMs: ms,
			jobs: null,
			notes: null,
			payments: null,
			deleted: false,
		};
	}

	private registerCustomer(row: CustomerRow): void {
		row.id = this.nextCustomerId++;
		row.customer_number = this.nextCustomerNumber();
		this.customersByNumber.set(row.customer_number, row);
		this.customersById.set(row.id, row);
		this.customersByName.set(row.name, row);
		this.customerOrder.push(row);
	}

	/**
	 * Bulk seeding fast path: inserts a customer from already-clean fields (no coercion, only the
	 * uniqueness check); returns the customer_number.
	 */
	seedCustomer(seed: CustomerSeed, createdMs: number): number {
		const errors = new Errors();
		if (this.customersByName.has(seed.name)) errors.add('name', 'has already been taken');
		errors.throwIfAny();
		const row = this.newCustomerRow(createdMs);
		row.name = seed.name;
		row.first_name = seed.first_name ?? null;
		row.last_name = seed.last_name ?? null;
		row.email_address = seed.email_address ?? null;
		row.phone_number = seed.phone_number ?? null;
		row.service_address = seed.service_address ?? null;
		row.service_city = seed.service_city ?? null;
		row.service_state = seed.service_state ?? null;
		row.service_zip_code = seed.service_zip_code ?? null;
		row.billing_address = row.service_address;
		row.billing_city = row.service_city;
		row.billing_state = row.service_state;
		row.billing_zip_code = row.service_zip_code;
		if (seed.is_active !== undefined) row.is_active = seed.is_active;
		this.registerCustomer(row);
		return row.customer_number;
	}

	getCustomer(number: number): CustomerRecord | undefined {
		const row = this.customersByNumber.get(number);
		return row ? this.customerOut(row) : undefined;
	}

	hasCustomer(number: number): boolean {
		return this.customersByNumber.has(number);
	}

	getCustomerById(id: number): CustomerRecord | undefined {
		const row = this.customersById.get(id);
		return row ? this.customerOut(row) : undefined;
	}

	/** Exact, case-sensitive name lookup (customer_validation). */
	findCustomerByName(name: string): CustomerRecord | undefined {
		const row = this.customersByName.get(name);
		return row ? this.customerOut(row) : undefined;
	}

	updateCustomer(number: number, attrs: Attrs, meta?: WriteMeta): CustomerRecord {
		const row = this.requireCustomer(number);
		this.applyCustomerAttrs(row, attrs, false);
		row.updatedMs = this.nowMs(meta);
		return this.customerOut(row);
	}

	/** Deletes the customer with its jobs, notes and payments; returns the record as it was. */
	deleteCustomer(number: number): CustomerRecord {
		const row = this.requireCustomer(number);
		const out = this.customerOut(row);
		for (const job of (row.jobs ?? []).slice()) this.removeJob(job);
		for (const note of row.notes ?? []) this.notes.delete(note.id);
		for (const p of row.payments ?? []) this.payments.delete(p.id);
		this.customersByNumber.delete(row.customer_number);
		this.customersById.delete(row.id);
		this.customersByName.delete(row.name);
		const i = indexByKey(this.customerOrder, (c) => c.customer_number, row.customer_number);
		if (i >= 0) this.customerOrder.splice(i, 1);
		row.deleted = true;
		return out;
	}

	/** All customers, ascending by customer_number. */
	listCustomers(): CustomerRecord[] {
		return this.customerOrder.map((c) => this.customerOut(c));
	}

	/**
	 * One page of customers (ascending customer_number), filtered. Unfiltered: O(page).
	 */
	queryCustomers(query: CustomerQuery, page: number, size: number): CustomerRecord[] {
		page = normPage(page);
		const preds: Array<(c: CustomerRow) => boolean> = [];
		for (const key of CUSTOMER_EXACT_FILTERS) {
			const want = query[key];
			if (want === undefined) continue;
			preds.push((c) => {
				const v = (c as unknown as Record<string, unknown>)[key];
				return v !== null && v !== undefined && String(v) === want;
			});
		}
		if (query.q !== undefined && query.q !== '') {
			const q = query.q.toLowerCase();
			preds.push((c) => c.name.toLowerCase().includes(q));
		}
		if (query.begins_with !== undefined && query.begins_with !== '') {
			const b = query.begins_with.toLowerCase();
			preds.push((c) => c.name.toLowerCase().startsWith(b));
		}
		if (!preds.length) return pageSlice(this.customerOrder, page, size).map((c) => this.customerOut(c));
		const start = (page - 1) * size;
		const out: CustomerRecord[] = [];
		let seen = 0;
		for (const c of this.customerOrder) {
			if (!preds.every((p) => p(c))) continue;
			if (seen >= start && out.length < size) out.push(this.customerOut(c));
			seen++;
			if (out.length >= size) break;
		}
		return out;
	}

	/** Names containing `text`, case-insensitive, ascending customer_number (filter.json, without its EMPTY tail). */
	searchCustomersByName(text: string): CustomerRecord[] {
		const t = text.toLowerCase();
		const out: CustomerRecord[] = [];
		for (const c of this.customerOrder) if (c.name.toLowerCase().includes(t)) out.push(this.customerOut(c));
		return out;
	}

	/** A customer object with every key null (the tail element of filter.json). */
	emptyCustomer(): Record<keyof CustomerRecord, null> {
		const out = {} as Record<keyof CustomerRecord, null>;
		for (const k of CUSTOMER_KEYS) out[k] = null;
		return out;
	}

	private requireCustomer(number: number): CustomerRow {
		const row = this.customersByNumber.get(number);
		if (!row) throw new NotFoundError('customer', number);
		return row;
	}

	private customerRef(c: CustomerRow): CustomerRef {
		return { id: c.id, customer_number: c.customer_number, name: c.name };
	}

	private customerOut(c: CustomerRow): CustomerRecord {
		return {
			id: c.id,
			customer_number: c.customer_number,
			name: c.name,
			company: c.company,
			company_name: c.company_name,
			first_name: c.first_name,
			last_name: c.last_name,
			contact: c.contact,
			alt_contact: c.alt_contact,
			is_active: c.is_active,
			email_address: c.email_address,
			phone_number: c.phone_number,
			mobile: c.mobile,
			fax: c.fax,
			alt_phone_number: c.alt_phone_number,
			service_address: c.service_address,
			service_address_2: c.service_address_2,
			service_city: c.service_city,
			service_state: c.service_state,
			service_zip_code: c.service_zip_code,
			service_country: c.service_country,
			billing_address: c.billing_address,
			billing_address_2: c.billing_address_2,
			billing_city: c.billing_city,
			billing_state: c.billing_state,
			billing_zip_code: c.billing_zip_code,
			billing_country: c.billing_country,
			customer_type_id: c.customer_type_id,
			customer_source_id: c.customer_source_id,
			account_number: c.account_number,
			notify_via_email: c.notify_via_email,
			notify_via_sms: c.notify_via_sms,
			balance: formatMoney(c.balanceCents),
			created_at: formatTimestamp(c.createdMs, this.offsetMinutes),
			updated_at: formatTimestamp(c.updatedMs, this.offsetMinutes),
			token: fakeString(c.id * 7 + 1, 43, B64URL),
			password_digest: '$2a$10$' + fakeString(c.id * 7 + 2, 53, BCRYPT),
			stripe_customer_id: 'cus_' + fakeString(c.id * 7 + 3, 14, B64URL.slice(0, 62)),
			qbo_customer_ref_id: String(100 + (c.id % 9000)),
			qb_list_ref_id: `8000${fakeString(c.id * 7 + 4, 4, HEX)}-${1_220_000_000 + (c.id % 99_999_999)}`,
		};
	}

	// ----- jobs --------------------------------------------------------------------------------

	private nextJobNumber(): number {
		const last = this.jobOrder[this.jobOrder.length - 1];
		return last ? last.job_number + 1 : this.jobNumberStart;
	}

	private adjustJobBalance(job: JobRow, deltaCents: number): void {
		job.balanceCents += deltaCents;
		job.customer.balanceCents += deltaCents;
		this.totalBalanceCents += deltaCents;
	}

	private refreshInvoice(job: JobRow, ms: number): void {
		const paid = !!job.payments?.length && job.balanceCents <= 0;
		if (paid && job.paidOnMs === null) job.paidOnMs = ms;
		if (!paid) job.paidOnMs = null;
	}

	private parseCharges(value: unknown, errors: Errors): ChargeRow[] | null {
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
	private parseJobAttrs(attrs: Attrs, creating: boolean, errors: Errors): JobChanges {
		const ch: JobChanges = {};
		if (creating || has(attrs, 'job_type_id')) {
			const v = intOrNull(attrs.job_type_id);
			if (v === null) errors.add('job_type', "can't be blank");
			else if (Number.isNaN(v) || !this.jobTypes.some((t) => t.id === v)) errors.add('job_type', 'is invalid');
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
				const t = parseDateTime(v, this.offsetMinutes);
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
			const v = attrs.employee_ids;
			const list = v === null || v === '' ? [] : Array.isArray(v) ? v : [v];
			const ids = list.map((x) => intOrNull(x));
			if (ids.some((x) => x === null || Number.isNaN(x) || !this.employees.some((e) => e.id === x))) {
				errors.add('employees', 'is invalid');
			} else ch.employee_ids = [...new Set(ids as number[])];
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
		else if (creating) job.name = this.jobTypes.find((t) => t.id === job.job_type_id)?.name ?? null;
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
				for (const c of ch.charges) c.id = this.nextChargeId++;
				job.charges = ch.charges.length ? ch.charges : null;
			}
			if (ch.taxRate !== undefined) job.taxRate = ch.taxRate;
			let subtotal = 0;
			let taxable = 0;
			for (const c of job.charges ?? []) {
				const t = Math.round(c.priceCents * c.quantity);
				subtotal += t;
				if (c.taxable) taxable += t;
			}
			const tax = Math.round((taxable * job.taxRate) / 100);
			const oldTotal = job.subtotalCents + job.taxCents;
			job.subtotalCents = subtotal;
			job.taxCents = tax;
			this.adjustJobBalance(job, subtotal + tax - oldTotal);
			this.refreshInvoice(job, ms);
		}
	}

	/** customerNumber: the customer's number (not its id); both it and attrs.job_type_id are required. */
	createJob(customerNumber: number | string | null | undefined, attrs: Attrs, meta?: WriteMeta): JobRecord {
		const ms = this.nowMs(meta);
		const errors = new Errors();
		const ch = this.parseJobAttrs(attrs, true, errors);
		let customer: CustomerRow | undefined;
		const cn = intOrNull(customerNumber);
		if (cn === null) errors.add('customer', "can't be blank");
		else {
			customer = Number.isNaN(cn) ? undefined : this.customersByNumber.get(cn);
			if (!customer) errors.add('customer', 'is invalid');
		}
		errors.throwIfAny();
		const job = this.newJobRow(customer as CustomerRow, ms);
		this.applyJobChanges(job, ch, true, ms);
		this.registerJob(job);
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

	private registerJob(job: JobRow): void {
		job.id = this.nextJobId++;
		job.job_number = this.nextJobNumber();
		this.jobsByNumber.set(job.job_number, job);
		this.jobsById.set(job.id, job);
		this.jobOrder.push(job);
		(job.customer.jobs ??= []).push(job);
	}

	/**
	 * Bulk seeding fast path: a job with one "Service" charge of `priceCents`, from already-clean
	 * fields; returns the job_number. Throws NotFoundError for an unknown customer number.
	 */
	seedJob(customerNumber: number, seed: JobSeed, createdMs: number): number {
		const customer = this.requireCustomer(customerNumber);
		const job = this.newJobRow(customer, createdMs);
		job.job_type_id = seed.job_type_id;
		job.name = seed.name ?? null;
		job.description = seed.description ?? null;
		job.status = seed.status;
		job.scheduledMs = seed.scheduledMs ?? null;
		if (job.status === 'complete') job.completedMs = job.scheduledMs ?? createdMs;
		if (seed.priceCents) {
			job.charges = [{ id: this.nextChargeId++, name: 'Service', description: null, quantity: 1, priceCents: seed.priceCents, taxable: false }];
			job.subtotalCents = seed.priceCents;
			this.adjustJobBalance(job, seed.priceCents);
		}
		this.registerJob(job);
		return job.job_number;
	}

	hasJob(number: number): boolean {
		return this.jobsByNumber.has(number);
	}

	/** The customer_number of the job's customer. */
	jobOwner(number: number): number | undefined {
		return this.jobsByNumber.get(number)?.customer.customer_number;
	}

	getJob(number: number, options: JobRecordOptions = {}): JobRecord | undefined {
		const job = this.jobsByNumber.get(number);
		return job ? this.jobOut(job, options) : undefined;
	}

	updateJob(number: number, attrs: Attrs, meta?: WriteMeta): JobRecord {
		const job = this.requireJob(number);
		const ms = this.nowMs(meta);
		const errors = new Errors();
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
		this.removeJob(job);
		return out;
	}

	private removeJob(job: JobRow): void {
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

	/** All jobs, newest first (job_number descending). */
	listJobs(options: JobRecordOptions = {}): JobRecord[] {
		const out: JobRecord[] = [];
		for (let i = this.jobOrder.length - 1; i >= 0; i--) out.push(this.jobOut(this.jobOrder[i], options));
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
		options: JobRecordOptions & { customerNumber?: number } = {},
	): { jobs: JobRecord[]; totalBalanceRemaining: string } {
		page = normPage(page);
		const customer = options.customerNumber === undefined ? undefined : this.requireCustomer(options.customerNumber);
		const source = customer ? (customer.jobs ?? []) : this.jobOrder;
		const pred = this.jobPredicate(query);
		if (!pred) {
			// account-wide total is kept up to date; a customer's jobs are few enough to sum
			const total = customer ? source.reduce((s, j) => s + j.balanceCents, 0) : this.totalBalanceCents;
			return {
				jobs: pageSliceDesc(source, page, perPage).map((j) => this.jobOut(j, options)),
				totalBalanceRemaining: formatMoney(total),
			};
		}
		const start = (page - 1) * perPage;
		const out: JobRecord[] = [];
		let seen = 0;
		let total = 0;
		for (let i = source.length - 1; i >= 0; i--) {
			const j = source[i];
			if (!pred(j)) continue;
			total += j.balanceCents;
			if (seen >= start && out.length < perPage) out.push(this.jobOut(j, options));
			seen++;
		}
		return { jobs: out, totalBalanceRemaining: formatMoney(total) };
	}

	/** [start, end) epoch ms of a `scheduled=` range relative to the clock, in the account offset. */
	scheduledRange(range: ScheduledRange): [number, number] {
		const off = this.offsetMinutes * MINUTE;
		const local = new Date(this.now().getTime() + off);
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
			const emp = this.employees.find((e) => e.employee_number === en);
			const id = emp ? emp.id : NaN;
			preds.push((j) => j.employee_ids.includes(id));
		}
		if (query.scheduled !== undefined && (SCHEDULED_RANGES as ReadonlyArray<string>).includes(query.scheduled)) {
			const [from, to] = this.scheduledRange(query.scheduled as ScheduledRange);
			preds.push((j) => j.scheduledMs !== null && j.scheduledMs >= from && j.scheduledMs < to);
		}
		if (!preds.length) return null;
		return (j) => preds.every((p) => p(j));
	}

	private requireJob(number: number): JobRow {
		const job = this.jobsByNumber.get(number);
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
			total: formatMoney(Math.round(c.priceCents * c.quantity)),
			taxable: c.taxable,
		};
	}

	private jobOut(j: JobRow, options: JobRecordOptions): JobRecord {
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
			scheduled_on: this.ts(j.scheduledMs),
			ends_at: this.ts(j.endsMs),
			duration: j.duration,
			completed_on: this.ts(j.completedMs),
			subtotal: formatMoney(j.subtotalCents),
			tax: formatMoney(j.taxCents),
			total: formatMoney(j.subtotalCents + j.taxCents),
			balance_remaining: formatMoney(j.balanceCents),
			invoice_status: j.paidOnMs !== null ? 'paid' : 'unpaid',
			invoice_paid_on: this.ts(j.paidOnMs),
			employee_ids: j.employee_ids.slice(),
			created_at: formatTimestamp(j.createdMs, this.offsetMinutes),
			updated_at: formatTimestamp(j.updatedMs, this.offsetMinutes),
		};
		const inc = options.include ?? [];
		if (options.embed || inc.includes('payments')) rec.payments = (j.payments ?? []).map((p) => this.paymentOut(p));
		if (options.embed || inc.includes('job_charges')) rec.job_charges = (j.charges ?? []).map((c) => this.chargeOut(c));
		if (inc.includes('customer')) rec.customer = this.customerOut(j.customer);
		if (inc.includes('notes')) rec.notes = (j.notes ?? []).map((n) => this.noteOut(n, false));
		if (inc.includes('job_type')) rec.job_type = this.getJobType(j.job_type_id) ?? null;
		return rec;
	}

	// ----- notes -------------------------------------------------------------------------------

	private resolveParent(parent: ParentRef): CustomerRow | JobRow {
		return parent.type === 'Customer' ? this.requireCustomer(parent.number) : this.requireJob(parent.number);
	}

	/** attrs: { note: 'text', public?: boolean } (customer notes are never public) */
	createNote(parent: ParentRef, attrs: Attrs, meta?: WriteMeta): NoteRecord {
		const row = this.resolveParent(parent);
		const text = str(attrs.note);
		const errors = new Errors();
		if (text === null || text.trim() === '') errors.add('note', "can't be blank");
		errors.throwIfAny();
		const ms = this.nowMs(meta);
		const note: NoteRow = {
			id: this.nextNoteId++,
			parentType: parent.type,
			parent: row,
			text: text as string,
			isPublic: parent.type === 'Job' ? bool(attrs.public, false) : false,
			creatorId: this.apiUser?.id ?? null,
			createdMs: ms,
			updatedMs: ms,
		};
		this.notes.set(note.id, note);
		(row.notes ??= []).push(note);
		return this.noteOut(note, true);
	}

	getNote(id: number, options: { creator?: boolean } = {}): NoteRecord | undefined {
		const n = this.notes.get(id);
		return n ? this.noteOut(n, !!options.creator) : undefined;
	}

	updateNote(id: number, attrs: Attrs, meta?: WriteMeta): NoteRecord {
		const n = this.notes.get(id);
		if (!n) throw new NotFoundError('note', id);
		const errors = new Errors();
		const text = has(attrs, 'note') ? str(attrs.note) : n.text;
		if (text === null || text.trim() === '') errors.add('note', "can't be blank");
		errors.throwIfAny();
		n.text = text as string;
		if (has(attrs, 'public') && n.parentType === 'Job') n.isPublic = bool(attrs.public, n.isPublic);
		n.updatedMs = this.nowMs(meta);
		return this.noteOut(n, true);
	}

	deleteNote(id: number): NoteRecord {
		const n = this.notes.get(id);
		if (!n) throw new NotFoundError('note', id);
		const out = this.noteOut(n, false);
		this.notes.delete(id);
		removeFrom(n.parent.notes, n);
		return out;
	}

	/** All notes of the parent, oldest first. */
	listNotes(parent: ParentRef): NoteRecord[] {
		return (this.resolveParent(parent).notes ?? []).map((n) => this.noteOut(n, false));
	}

	pageNotes(parent: ParentRef, page: number, size: number): NoteRecord[] {
		return pageSlice(this.resolveParent(parent).notes ?? [], normPage(page), size).map((n) => this.noteOut(n, false));
	}

	private noteOut(n: NoteRow, withCreator: boolean): NoteRecord {
		const rec: NoteRecord = {
			id: n.id,
			note: n.text,
			public: n.isPublic,
			noteable_id: n.parent.id,
			noteable_type: n.parentType,
			created_at: formatTimestamp(n.createdMs, this.offsetMinutes),
			updated_at: formatTimestamp(n.updatedMs, this.offsetMinutes),
		};
		if (withCreator) rec.creator = this.employeeRecord(n.creatorId);
		return rec;
	}

	// ----- payments ----------------------------------------------------------------------------

	private paymentFields(attrs: Attrs, creating: boolean): PaymentChanges {
		const errors = new Errors();
		const out: PaymentChanges = {};
		if (creating || has(attrs, 'amount')) {
			const raw = attrs.amount;
			const cents = parseMoney(raw);
			if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
				errors.add('amount', "can't be blank");
				errors.add('amount', 'must be greater than 0');
			} else if (Number.isNaN(cents)) {
				errors.add('amount', 'is not a number');
				errors.add('amount', 'must be greater than 0');
			} else if (cents <= 0) errors.add('amount', 'must be greater than 0');
			else out.amountCents = cents;
		}
		if (has(attrs, 'date') && attrs.date !== null && attrs.date !== '') {
			if (!isValidDate(attrs.date)) errors.add('date', 'is invalid');
			else out.date = attrs.date;
		}
		errors.throwIfAny();
		if (has(attrs, 'payment_type')) out.payment_type = str(attrs.payment_type);
		if (has(attrs, 'ref_number')) out.ref_number = str(attrs.ref_number);
		if (has(attrs, 'notes')) out.notes = str(attrs.notes);
		return out;
	}

	/**
	 * parent Job => applied to the job (payment_application_ids filled, job balance reduced, job updated_at
	 * bumped, invoice 'paid' at 0); parent Customer => unapplied (payment_application_ids []).
	 * attrs: { amount, date?, payment_type?, ref_number?, notes? }
	 */
	createPayment(parent: ParentRef, attrs: Attrs, meta?: WriteMeta): PaymentRecord {
		const row = this.resolveParent(parent);
		const f = this.paymentFields(attrs, true);
		const ms = this.nowMs(meta);
		const job = parent.type === 'Job' ? (row as JobRow) : null;
		const customer = job ? job.customer : (row as CustomerRow);
		const id = this.nextPaymentId++;
		const type = f.payment_type ?? null;
		const p: PaymentRow = {
			id,
			customer,
			job,
			applicationId: job ? this.nextApplicationId++ : null,
			amountCents: f.amountCents as number,
			date: f.date ?? formatDate(ms, this.offsetMinutes),
			payment_type: type,
			ref_number: f.ref_number ?? null,
			notes: f.notes ?? null,
			txn_id: type && /card/i.test(type) ? 'ch_' + fakeString(id, 24, B64URL.slice(0, 62)) : null,
			status: 'completed',
			createdMs: ms,
			updatedMs: ms,
		};
		this.payments.set(id, p);
		(customer.payments ??= []).push(p);
		if (job) {
			(job.payments ??= []).push(p);
			this.adjustJobBalance(job, -p.amountCents);
			job.updatedMs = ms;
			this.refreshInvoice(job, ms);
		} else {
			customer.balanceCents -= p.amountCents;
		}
		return this.paymentOut(p);
	}

	getPayment(id: number): PaymentRecord | undefined {
		const p = this.payments.get(id);
		return p ? this.paymentOut(p) : undefined;
	}

	/** Where a payment belongs: its customer's number and (when applied) its job's number. */
	paymentOwner(id: number): { customerNumber: number; jobNumber: number | null } | undefined {
		const p = this.payments.get(id);
		return p ? { customerNumber: p.customer.customer_number, jobNumber: p.job ? p.job.job_number : null } : undefined;
	}

	/** Where a note belongs. */
	noteOwner(id: number): ParentRef | undefined {
		const n = this.notes.get(id);
		if (!n) return undefined;
		return {
			type: n.parentType,
			number: n.parentType === 'Customer' ? (n.parent as CustomerRow).customer_number : (n.parent as JobRow).job_number,
		};
	}

	updatePayment(id: number, attrs: Attrs, meta?: WriteMeta): PaymentRecord {
		const p = this.payments.get(id);
		if (!p) throw new NotFoundError('payment', id);
		const f = this.paymentFields(attrs, false);
		const ms = this.nowMs(meta);
		if (f.amountCents !== undefined && f.amountCents !== p.amountCents) {
			const delta = f.amountCents - p.amountCents;
			if (p.job) {
				this.adjustJobBalance(p.job, -delta);
				p.job.updatedMs = ms;
			} else p.customer.balanceCents -= delta;
			p.amountCents = f.amountCents;
		}
		if (f.date !== undefined) p.date = f.date;
		if (f.payment_type !== undefined) p.payment_type = f.payment_type;
		if (f.ref_number !== undefined) p.ref_number = f.ref_number;
		if (f.notes !== undefined) p.notes = f.notes;
		p.updatedMs = ms;
		if (p.job) this.refreshInvoice(p.job, ms);
		return this.paymentOut(p);
	}

	/** Deletes the payment (restoring the job's balance); returns it as it was. */
	deletePayment(id: number, meta?: WriteMeta): PaymentRecord {
		const p = this.payments.get(id);
		if (!p) throw new NotFoundError('payment', id);
		const out = this.paymentOut(p);
		this.payments.delete(id);
		removeFrom(p.customer.payments, p);
		if (p.job) {
			removeFrom(p.job.payments, p);
			this.adjustJobBalance(p.job, p.amountCents);
			const ms = this.nowMs(meta);
			p.job.updatedMs = ms;
			this.refreshInvoice(p.job, ms);
		} else p.customer.balanceCents += p.amountCents;
		return out;
	}

	/** Customer: all its payments (applied and unapplied); Job: the payments applied to it. Oldest first. */
	listPayments(parent: ParentRef): PaymentRecord[] {
		return (this.resolveParent(parent).payments ?? []).map((p) => this.paymentOut(p));
	}

	pagePayments(parent: ParentRef, page: number, size: number): { payments: PaymentRecord[]; meta: PageMeta } {
		const all = this.resolveParent(parent).payments ?? [];
		page = normPage(page);
		return {
			payments: pageSlice(all, page, size).map((p) => this.paymentOut(p)),
			meta: { current_page: page, total_pages: Math.ceil(all.length / size), total_count: all.length, per_page: size },
		};
	}

	private paymentOut(p: PaymentRow): PaymentRecord {
		return {
			id: p.id,
			date: p.date,
			amount: formatMoney(p.amountCents),
			payment_type: p.payment_type,
			ref_number: p.ref_number,
			notes: p.notes,
			txn_id: p.txn_id,
			status: p.status,
			payment_application_ids: p.applicationId !== null ? [p.applicationId] : [],
			created_at: formatTimestamp(p.createdMs, this.offsetMinutes),
			updated_at: formatTimestamp(p.updatedMs, this.offsetMinutes),
			customer: this.customerRef(p.customer),
		};
	}
}
