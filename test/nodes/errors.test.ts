import { runKickserv } from '../harness/engine';
import { SLUG, TOKEN, useSandbox } from '../harness/setup';
import type { ErrorShape } from '../../sandbox';

const t = useSandbox();
const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

afterEach(() => {
	t.sandbox.options.errorShape = 'errors-array';
	t.sandbox.options.notFoundStatus = 404;
	t.sandbox.clearFaults();
});

describe('errors', () => {
	const shapes: ErrorShape[] = ['errors-array', 'errors-object', 'error-string', 'text', 'xml'];
	for (const shape of shapes) {
		test(`422 in the "${shape}" shape names Kickserv's validation message`, async () => {
			t.sandbox.options.errorShape = shape;
			const { error } = await runKickserv({ resource: 'customer', operation: 'create', name: 'Clarence' }, t.credentials);
			expect(error?.httpCode).toBe('422');
			expect(error?.message).toMatch(/^Kickserv rejected the new customer: .*(already been taken)/i);
			// the message is in the title only; the description says what to do
			expect(error?.description).not.toMatch(/taken/);
			expect(error?.description).toMatch(/^Kickserv needs this value to be unique in the account: .*Find by Exact Name/);
		});
	}

	test('401: says to check the token and slug, and is never retried', async () => {
		const { error } = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(1) }, { ...t.credentials, apiToken: 'wrong-token' });
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toBe('Kickserv rejected the credentials (401 Unauthorized)');
		expect(error?.description).toMatch(/API token and the account slug/);
		expect(t.sandbox.log).toHaveLength(1);
	});

	for (const status of [404, 400] as const) {
		test(`not found answered as ${status} names the number and the account`, async () => {
			t.sandbox.options.notFoundStatus = status;
			const { error } = await runKickserv({ resource: 'job', operation: 'get', job: rl(99999) }, t.credentials);
			expect(error?.httpCode).toBe('404');
			expect(error?.message).toBe(`Kickserv account "${SLUG}" has no job 99999`);
		});
	}

	test('500 on a GET is not retried and carries the real status', async () => {
		t.sandbox.addFault({ fault: { kind: 'status', status: 500 }, path: '/customers/1.json' });
		const { error } = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(1) }, t.credentials);
		expect(error?.httpCode).toBe('500');
		expect(error?.message).toMatch(/^Kickserv had a server error \(500\)/);
		expect(t.sandbox.log).toHaveLength(1);
	});

	test('bad input is not presented as a Kickserv answer: no HTTP code (n8n showed "From Kickserv, Error code none")', async () => {
		for (const [params, message, description] of [
			[{ resource: 'customer', operation: 'get', customer: rl('../2') }, /^Customer must be a positive whole number/, 'Nothing was sent to Kickserv.'],
			[{ resource: 'task', operation: 'getAll', limit: 5, filters: { from: '2026-12-10T15:00:00' } }, /^Starts At or After takes a day/, 'Nothing was sent to Kickserv.'],
		] as const) {
			const { error } = await runKickserv(params, t.credentials);
			expect(error?.message).toMatch(message);
			expect(error?.description).toBe(description);
			expect(error?.httpCode ?? null).toBeNull();
			expect((error as { messages?: string[] }).messages?.filter((m) => m !== error?.message) ?? []).toEqual([]);
		}
		const credential = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(1) }, { ...t.credentials, accountSlug: 'a b' });
		expect(credential.error?.message).toMatch(/^Kickserv credential: Account Slug may contain only/);
		expect(credential.error?.httpCode ?? null).toBeNull();
		expect(t.sandbox.log).toHaveLength(0);
	});

	test('Continue On Fail: one error item per failed input item, the others go on, pairing intact', async () => {
		const { items, error } = await runKickserv(
			{ resource: 'customer', operation: 'get', customer: '={{ { "__rl": true, "mode": "id", "value": $json.n } }}' },
			t.credentials,
			{ input: [{ n: '1' }, { n: '424242' }, { n: '../2' }, { n: '2' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items[0].json.customer_number).toBe(1);
		expect(items[1].json.error ?? items[1].error?.message).toMatch(/has no customer 424242/);
		expect(items[2].json.error ?? items[2].error?.message).toMatch(/Customer must be a positive whole number/);
		expect(items[3].json.customer_number).toBe(2);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		// the bad id was refused before any request
		expect(t.sandbox.log.map((r) => r.path)).toEqual([
			`/${SLUG}/customers/1.json`,
			`/${SLUG}/customers/424242.json`,
			`/${SLUG}/customers/2.json`,
		]);
	});

	test("a hung server: the node's Timeout option ends each attempt; reads are retried, then a clear error", async () => {
		t.sandbox.addFault({ fault: { kind: 'hang' }, path: '/customers/1.json', times: 10 });
		const started = Date.now();
		const { error } = await runKickserv(
			{ resource: 'customer', operation: 'get', customer: rl(1), requestOptions: { timeout: 200 } },
			t.credentials,
		);
		expect(error?.message).toBe('Could not reach Kickserv for GET /customers/1.json');
		expect(error?.description).toMatch(/^Connection error ECONNABORTED\. The request was retried/);
		expect(t.sandbox.log.filter((r) => r.path.endsWith('/customers/1.json')).length).toBe(4);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	test('the token never appears in an error', async () => {
		const secretToken = `${TOKEN}`;
		const { error } = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(999999) }, t.credentials);
		const text = JSON.stringify({ message: error?.message, description: error?.description, context: error?.context, error });
		expect(text).not.toContain(secretToken);
		expect(text).not.toContain(Buffer.from(`${secretToken}:${secretToken}`).toString('base64'));
	});
});
