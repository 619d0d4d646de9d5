/**
 * stripSecrets on its own: what it removes and keeps, at any depth. (That its copies stay ordinary V8
 * objects shows only in the engine: test/nodes/record-layout.test.ts.)
 */
import type { IDataObject } from 'n8n-workflow';

import { isSecretKey, stripSecrets } from '../../nodes/Kickserv/transport/secrets';
import { AccountStore } from '../../sandbox';

/** A customer as the sandbox's `/customers.json` sends it (40 keys, 5 of them secret), parsed from text. */
function customer(): IDataObject {
	const store = new AccountStore({ now: () => new Date(Date.UTC(2026, 0, 5)) });
	return JSON.parse(JSON.stringify(store.createCustomer({ name: 'Ada Lovelace', email_address: 'ada@example.com' }))) as IDataObject;
}

test('secret keys: the portal and login secrets, Stripe and every QuickBooks *_ref_* key, not ref_number', () => {
	for (const key of ['token', 'api_token', 'password_digest', 'encrypted_password', 'password_salt', 'stripe_customer_id', 'qb_list_ref_id']) {
		expect(isSecretKey(key)).toBe(true);
	}
	for (const key of ['ref_number', 'name', 'tokens_used', 'reference']) expect(isSecretKey(key)).toBe(false);
});

test('a record with secrets: a copy without them, in the same key order, nested records cleaned too', () => {
	const record: IDataObject = { ...customer(), customer: { id: 1, token: 'x', name: 'n' }, payments: [{ id: 2, qb_txn_ref_id: '5', amount: '1.00' }, { id: 3 }] };
	const out = stripSecrets(record);
	const plain = Object.keys(record).filter((k) => !isSecretKey(k));
	expect(Object.keys(out)).toEqual(plain);
	expect(out.customer).toEqual({ id: 1, name: 'n' });
	expect(out.payments).toEqual([{ id: 2, amount: '1.00' }, { id: 3 }]);
	expect(record.token).toEqual(expect.any(String)); // the input is not changed
});

test('a record without secrets is returned as it is (no copy)', () => {
	const record = { id: 1, name: 'n', nested: { a: [1, { b: 2 }] } };
	expect(stripSecrets(record)).toBe(record);
});
