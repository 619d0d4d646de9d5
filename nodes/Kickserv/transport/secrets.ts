import type { IDataObject } from 'n8n-workflow';

/**
 * Keys that carry secrets or legacy identifiers no output may show, simplified or not (contract:
 * "Objects"): customer-portal logins, the Stripe customer, employee password hashes, and every
 * QuickBooks `*_ref_*` key (`ref_number`, a payment's own reference, is not one of them).
 */
const SECRET_KEYS = new Set([
	'token',
	'api_token',
	'password_digest',
	'encrypted_password',
	'password_salt',
	'stripe_customer_id',
]);

/** Marks a key to leave out when the record is copied. */
const SECRET = Symbol('secret');

export const isSecretKey = (key: string): boolean => SECRET_KEYS.has(key) || key.includes('_ref_');

/**
 * The record without its secret keys, at any depth (embedded customers, `payments[].customer`...).
 * Returns the record itself when there is nothing to remove; otherwise a copy made by
 * `Object.fromEntries`. Neither `delete` nor a copy assigned key by key (`result[key] = ...`) will do:
 * in n8n's engine V8 made every such copy of a customer (40 keys) a dictionary (hash-table) object,
 * which took about twice the memory and is slower to read in every node downstream (`npm run bench`,
 * section 4: "Dictionary-mode records"; test/nodes/record-layout.test.ts).
 */
export function stripSecrets(record: IDataObject): IDataObject {
	let changed: Map<string, unknown> | undefined;
	for (const key in record) {
		const value = record[key];
		if (isSecretKey(key)) {
			(changed ??= new Map()).set(key, SECRET);
		} else if (value !== null && typeof value === 'object') {
			const cleaned = stripNested(value);
			if (cleaned !== value) (changed ??= new Map()).set(key, cleaned);
		}
	}
	if (!changed) return record;
	const entries: Array<[string, unknown]> = [];
	for (const key in record) {
		const replaced = changed.get(key);
		if (replaced === SECRET) continue;
		entries.push([key, replaced === undefined ? record[key] : replaced]);
	}
	return Object.fromEntries(entries) as IDataObject;
}

function stripNested(value: unknown): unknown {
	if (Array.isArray(value)) {
		let changed = false;
		const cleaned = value.map((entry) => {
			const next = stripNested(entry);
			if (next !== entry) changed = true;
			return next;
		});
		return changed ? cleaned : value;
	}
	if (value && typeof value === 'object') return stripSecrets(value as IDataObject);
	return value;
}
