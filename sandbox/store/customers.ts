/**
 * Customers: records (secret-looking legacy keys included, as the API sends them), the unique-name
 * index, filters and name search. Deleting a customer deletes its jobs, notes and payments (the
 * database removes their rows with it).
 */
import { FieldErrors, NotFoundError } from '../errors';
import { pageSlice, normPage } from '../paging';
import type { AccountDb, CustomerRow, WriteMeta } from './db';
import type { CustomerRecord, CustomerRef } from './records';
import { B64URL, BCRYPT, HEX, bool, fakeString, formatMoney, formatTimestamp, has, intOrNull, str, type Attrs } from './values';

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

export class Customers {
	constructor(private readonly db: AccountDb) {}

	/** Validates and applies customer attributes; on update also re-keys the name index. */
	private applyCustomerAttrs(row: CustomerRow, attrs: Attrs, creating: boolean): void {
		const errors = new FieldErrors();
		if (creating || has(attrs, 'name')) {
			const name = str(attrs.name);
			if (name === null || name.trim() === '') {
				errors.add('name', "can't be blank");
			} else {
				const other = this.db.customersByName.get(name);
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
				this.db.customersByName.delete(row.name);
				this.db.customersByName.set(name, row);
			}
			row.name = name;
		}
		for (const f of CUSTOMER_STRING_FIELDS) if (has(attrs, f)) r[f] = str(attrs[f]);
		for (const f of CUSTOMER_BOOL_FIELDS) if (has(attrs, f)) r[f] = bool(attrs[f], r[f] as boolean);
		for (const f of CUSTOMER_INT_FIELDS) if (has(attrs, f)) r[f] = intOrNull(attrs[f]);
	}

	createCustomer(attrs: Attrs, meta?: WriteMeta): CustomerRecord {
		const row = this.newCustomerRow(this.db.nowMs(meta));
		this.applyCustomerAttrs(row, attrs, true);
		this.db.insertCustomer(row);
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

	/**
	 * Bulk seeding fast path: inserts a customer from already-clean fields (no coercion, only the
	 * uniqueness check); returns the customer_number.
	 */
	seedCustomer(seed: CustomerSeed, createdMs: number): number {
		const errors = new FieldErrors();
		if (this.db.customersByName.has(seed.name)) errors.add('name', 'has already been taken');
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
		this.db.insertCustomer(row);
		return row.customer_number;
	}

	getCustomer(number: number): CustomerRecord | undefined {
		const row = this.db.customersByNumber.get(number);
		return row ? this.customerOut(row) : undefined;
	}

	hasCustomer(number: number): boolean {
		return this.db.customersByNumber.has(number);
	}

	getCustomerById(id: number): CustomerRecord | undefined {
		const row = this.db.customersById.get(id);
		return row ? this.customerOut(row) : undefined;
	}

	/** Exact, case-sensitive name lookup (customer_validation). */
	findCustomerByName(name: string): CustomerRecord | undefined {
		const row = this.db.customersByName.get(name);
		return row ? this.customerOut(row) : undefined;
	}

	updateCustomer(number: number, attrs: Attrs, meta?: WriteMeta): CustomerRecord {
		const row = this.requireCustomer(number);
		this.applyCustomerAttrs(row, attrs, false);
		row.updatedMs = this.db.nowMs(meta);
		return this.customerOut(row);
	}

	/** Deletes the customer with its jobs, notes and payments; returns the record as it was. */
	deleteCustomer(number: number): CustomerRecord {
		const row = this.requireCustomer(number);
		const out = this.customerOut(row);
		this.db.removeCustomer(row);
		return out;
	}

	/** All customers, ascending by customer_number. */
	listCustomers(): CustomerRecord[] {
		return this.db.customerOrder.map((c) => this.customerOut(c));
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
		if (!preds.length) return pageSlice(this.db.customerOrder, page, size).map((c) => this.customerOut(c));
		const start = (page - 1) * size;
		const out: CustomerRecord[] = [];
		let seen = 0;
		for (const c of this.db.customerOrder) {
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
		for (const c of this.db.customerOrder) if (c.name.toLowerCase().includes(t)) out.push(this.customerOut(c));
		return out;
	}

	/** A customer object with every key null (the tail element of filter.json). */
	emptyCustomer(): Record<keyof CustomerRecord, null> {
		const out = {} as Record<keyof CustomerRecord, null>;
		for (const k of CUSTOMER_KEYS) out[k] = null;
		return out;
	}

	requireCustomer(number: number): CustomerRow {
		const row = this.db.customersByNumber.get(number);
		if (!row) throw new NotFoundError('customer', number);
		return row;
	}

	customerRef(c: CustomerRow): CustomerRef {
		return { id: c.id, customer_number: c.customer_number, name: c.name };
	}

	customerOut(c: CustomerRow): CustomerRecord {
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
			created_at: formatTimestamp(c.createdMs, this.db.offsetMinutes),
			updated_at: formatTimestamp(c.updatedMs, this.db.offsetMinutes),
			token: fakeString(c.id * 7 + 1, 43, B64URL),
			password_digest: '$2a$10$' + fakeString(c.id * 7 + 2, 53, BCRYPT),
			stripe_customer_id: 'cus_' + fakeString(c.id * 7 + 3, 14, B64URL.slice(0, 62)),
			qbo_customer_ref_id: String(100 + (c.id % 9000)),
			qb_list_ref_id: `8000${fakeString(c.id * 7 + 4, 4, HEX)}-${1_220_000_000 + (c.id % 99_999_999)}`,
		};
	}
}
