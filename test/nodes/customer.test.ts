import { runKickserv } from '../harness/engine';
import { SLUG, useSandbox } from '../harness/setup';

const t = useSandbox();
const rl = (value: string | number, mode = 'id') => ({ __rl: true, mode, value: String(value) });

describe('Customer', () => {
	test('Create sends the wrapped body, returns the new customer, and Kickserv assigns the number', async () => {
		const before = t.sandbox.store().listCustomers().length;
		const { items, error } = await runKickserv(
			{
				resource: 'customer',
				operation: 'create',
				name: 'Website Lead 1',
				additionalFields: { email_address: 'lead1@example.com', phone_number: '(614) 555-0199', service_city: 'Dublin' },
			},
			t.credentials,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ name: 'Website Lead 1', email_address: 'lead1@example.com', service_city: 'Dublin' });
		expect(items[0].json).not.toHaveProperty('token');
		expect(items[0].json).not.toHaveProperty('password_digest');
		const created = t.sandbox.store().getCustomer(Number(items[0].json.customer_number));
		expect(created?.name).toBe('Website Lead 1');
		expect(t.sandbox.store().listCustomers()).toHaveLength(before + 1);
		expect(t.sandbox.log).toHaveLength(1);
		expect(t.sandbox.log[0]).toMatchObject({ method: 'POST', path: `/${SLUG}/customers.json` });
		expect(t.sandbox.log[0].body).toEqual({
			customer: { name: 'Website Lead 1', email_address: 'lead1@example.com', phone_number: '(614) 555-0199', service_city: 'Dublin' },
		});
	});

	test('Create with a taken name surfaces the 422 validation message and writes nothing', async () => {
		const before = t.sandbox.store().listCustomers().length;
		const { error } = await runKickserv({ resource: 'customer', operation: 'create', name: 'Clarence' }, t.credentials);
		expect(error?.httpCode).toBe('422');
		expect(error?.message).toMatch(/Name has already been taken/);
		expect(t.sandbox.store().listCustomers()).toHaveLength(before);
	});

	test('Get by number, by URL and from the list all read the same customer; Simplify trims it', async () => {
		const clarence = t.sandbox.store().findCustomerByName('Clarence')!;
		const base = t.credentials.baseUrl;
		for (const locator of [
			rl(clarence.customer_number),
			rl(`${base}/${SLUG}/customers/${clarence.customer_number}`, 'url'),
			rl(clarence.customer_number, 'list'),
		]) {
			const { items, error } = await runKickserv({ resource: 'customer', operation: 'get', customer: locator }, t.credentials);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ id: clarence.id, customer_number: clarence.customer_number, name: 'Clarence' });
			expect(items[0].json).toHaveProperty('billing_address'); // full record
			expect(items[0].json).not.toHaveProperty('token');
		}
		const simple = await runKickserv(
			{ resource: 'customer', operation: 'get', customer: rl(clarence.customer_number), simplify: true },
			t.credentials,
		);
		expect(Object.keys(simple.items[0].json)).not.toContain('billing_address');
		expect(Object.keys(simple.items[0].json)).not.toContain('stripe_customer_id');
		expect(simple.items[0].json.name).toBe('Clarence');
	});

	test('Get of an unknown number says which number in which account', async () => {
		const { error } = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(987654) }, t.credentials);
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toBe(`Kickserv account "${SLUG}" has no customer 987654`);
	});

	test('Get Many with filters sends them as the contract names them', async () => {
		const { items } = await runKickserv(
			{ resource: 'customer', operation: 'getAll', returnAll: true, filters: { q: 'obert', service_state: 'OH' } },
			t.credentials,
		);
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) expect(String(item.json.name).toLowerCase()).toContain('obert');
		expect(t.sandbox.log[0].query).toMatchObject({ q: 'obert', service_state: 'OH', customers_page: '1' });
		const letter = await runKickserv(
			{ resource: 'customer', operation: 'getAll', returnAll: true, filters: { begins_with: 'c' } },
			t.credentials,
		);
		expect(letter.items.length).toBeGreaterThan(0);
		for (const item of letter.items) expect(String(item.json.name)[0].toLowerCase()).toBe('c');
	});

	test('Search uses the filter endpoint and drops its trailing empty record', async () => {
		const { items } = await runKickserv({ resource: 'customer', operation: 'search', nameContains: 'obert', returnAll: true }, t.credentials);
		const names = items.map((i) => i.json.name);
		expect(names).toEqual(expect.arrayContaining(['Roberta Diaz', 'Robert Chen']));
		expect(items.every((i) => i.json.customer_number !== null && i.json.customer_number !== undefined)).toBe(true);
		expect(t.sandbox.log.map((r) => r.path)).toEqual([`/${SLUG}/customers/filter.json`]);
		const none = await runKickserv({ resource: 'customer', operation: 'search', nameContains: 'zzzzqq', returnAll: true }, t.credentials);
		expect(none.items).toHaveLength(0);
	});

	test('Find by Exact Name is case-sensitive and says when nothing matches', async () => {
		const found = await runKickserv({ resource: 'customer', operation: 'findByName', name: 'Clarence' }, t.credentials);
		expect(found.items[0].json).toMatchObject({ found: true, name: 'Clarence' });
		expect(String(found.items[0].json.customer_url)).toMatch(new RegExp(`^/${SLUG}/customers/\\d+$`));
		const missing = await runKickserv({ resource: 'customer', operation: 'findByName', name: 'clarence' }, t.credentials);
		expect(missing.items[0].json).toEqual({ found: false, name: 'clarence' });
		expect(t.sandbox.log.every((r) => r.method === 'POST' && r.path.endsWith('/customers/customer_validation.json'))).toBe(true);
	});

	test('Find by Exact Name: an answer other than "exist" with the customer or "not found" is an error naming the guess, never found: false', async () => {
		// a server that spells it otherwise (played with a one-off reply)
		t.sandbox.addFault({ fault: { kind: 'status', status: 200, body: JSON.stringify({ status: 'exists', customer_name: 'Clarence' }) }, path: 'customer_validation' });
		const run = await runKickserv({ resource: 'customer', operation: 'findByName', name: 'Clarence' }, t.credentials);
		expect(run.items).toEqual([]);
		expect(run.error?.message).toBe('Kickserv did not answer as this node assumes: /customers/customer_validation.json answers "exist" with the customer, or "not found"');
		expect(String((run.error as { description?: string }).description)).toMatch(/^It answered "exists" and no customer \(keys: status, customer_name\)/);
	});

	test('a create answered without the record (a bare message) is an error that says the customer may exist, never an empty success', async () => {
		t.sandbox.addFault({ fault: { kind: 'status', status: 200, body: JSON.stringify({ message: 'Customer created' }) }, method: 'POST', path: /\/customers\.json$/ });
		const run = await runKickserv({ resource: 'customer', operation: 'create', name: 'Answered With A Message' }, t.credentials);
		expect(run.items).toEqual([]);
		expect(run.error?.message).toBe('Kickserv did not answer as this node assumes: a create answers with the record');
		expect(String((run.error as { description?: string }).description)).toMatch(/answered without an "id" \(keys: message\)\. The record may have been created all the same/);
	});

	test('Update changes only the given fields; an empty Update is refused before any request', async () => {
		const number = t.sandbox.store().createCustomer({ name: 'Update Me' }).customer_number;
		t.sandbox.clearLog();
		const { items } = await runKickserv(
			{ resource: 'customer', operation: 'update', customer: rl(number), updateFields: { mobile: '555-0100', name: 'Updated Name' } },
			t.credentials,
		);
		expect(items[0].json).toMatchObject({ customer_number: number, mobile: '555-0100', name: 'Updated Name' });
		expect(t.sandbox.store().getCustomer(number)).toMatchObject({ mobile: '555-0100', name: 'Updated Name' });
		expect(t.sandbox.log[0]).toMatchObject({ method: 'PUT', body: { customer: { mobile: '555-0100', name: 'Updated Name' } } });
		t.sandbox.clearLog();
		const empty = await runKickserv({ resource: 'customer', operation: 'update', customer: rl(number), updateFields: {} }, t.credentials);
		expect(empty.error?.message).toMatch(/Update Fields is empty/);
		expect(t.sandbox.log).toHaveLength(0);
	});

	test('Delete removes the customer and returns { deleted: true }', async () => {
		const number = t.sandbox.store().createCustomer({ name: 'Delete Me' }).customer_number;
		const { items } = await runKickserv({ resource: 'customer', operation: 'delete', customer: rl(number) }, t.credentials);
		expect(items[0].json).toEqual({ deleted: true, customer_number: number });
		expect(t.sandbox.store().getCustomer(number)).toBeUndefined();
	});

	test('expressions in parameters resolve per input item', async () => {
		const { items, error } = await runKickserv(
			{ resource: 'customer', operation: 'create', name: '={{ $json.first + " " + $json.last }}', additionalFields: { email_address: '={{ $json.email }}' } },
			t.credentials,
			{ input: [{ first: 'Ada', last: 'Expr', email: 'ada@example.com' }, { first: 'Bob', last: 'Expr', email: 'bob@example.com' }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.name)).toEqual(['Ada Expr', 'Bob Expr']);
		expect(t.sandbox.store().findCustomerByName('Bob Expr')?.email_address).toBe('bob@example.com');
	});
});
