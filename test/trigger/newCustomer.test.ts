import type { IDataObject } from 'n8n-workflow';

import { KickservSandbox, generateLarge } from '../../sandbox';
import type { TestCredential } from '../harness/engine';
import { ids, TriggerUnderTest } from '../harness/trigger';
import { prng } from './prng';
import { type Outcome, randomizedTest, SequenceRun } from './random-runner';

/**
 * New Customer: customers are listed oldest first, new ones at the end. Examples against a small and
 * a large account, then randomized sequences of creates, deletes, faults, restarts and polls.
 */

let sandbox: KickservSandbox;
let credentials: TestCredential;

async function account(customers: number, options: { pageSize?: number } = {}) {
	sandbox = new KickservSandbox({ accounts: [{ slug: 'acme', token: 'acme-token', seed: 'empty' }], customersPageSize: options.pageSize ?? 25 });
	credentials = { accountSlug: 'acme', apiToken: 'acme-token', baseUrl: await sandbox.start(0) };
	for (let i = 0; i < customers; i++) sandbox.store().createCustomer({ name: `Customer ${i}` });
}
const create = (name: string) => sandbox.store().createCustomer({ name }).id;
const newCustomerTrigger = (extra: IDataObject = {}) => new TriggerUnderTest({ event: 'newCustomer', maxPerPoll: 200, ...extra }, () => credentials);

afterEach(async () => {
	await sandbox?.stop();
});

describe('Kickserv Trigger: New Customer', () => {
	test('seed finds the end of a large list in a few requests and emits nothing; then each new customer once', async () => {
		await account(0);
		generateLarge(sandbox.store(), { customers: 20_000, jobs: 0 });
		const trigger = newCustomerTrigger();
		sandbox.clearLog();
		expect((await trigger.poll()).items).toBeNull();
		expect(sandbox.log.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(20_000 / 25)) + 2);
		const a = create('Ada Lovelace');
		const b = create('Grace Hopper');
		sandbox.clearLog();
		const items = await trigger.emitted();
		expect(ids(items)).toEqual([a, b]);
		expect(items[0].json).toMatchObject({ name: 'Ada Lovelace' });
		expect(items[0].json.token).toBeUndefined();
		expect(sandbox.log.length).toBeLessThanOrEqual(2); // the last page (and nothing after it)
		expect(await trigger.emitted()).toEqual([]);
	});

	test('a server that ignores both page parameters stops activation with an error naming the guess, storing nothing', async () => {
		await account(60);
		// neither customers_page nor page moves the list: every page is the first
		sandbox.options.customersPageParam = 'no-such-parameter' as never;
		const trigger = newCustomerTrigger();
		const run = await trigger.poll();
		expect(run.error?.message).toMatch(/the customer list pages with "customers_page"/);
		expect(run.error?.description).toMatch(/^Page 2 began with the same customer as page 1\. The end of the list cannot be found/);
		expect(Object.values(JSON.parse(trigger.snapshot()))).toEqual([{}]); // no cursor kept
	});

	test('deletes move the end back a page: new customers there are still found', async () => {
		await account(60, { pageSize: 10 });
		const trigger = newCustomerTrigger();
		await trigger.poll();
		const store = sandbox.store();
		for (const c of store.listCustomers().slice(10, 35)) store.deleteCustomer(c.customer_number);
		const fresh = [create('New One'), create('New Two')];
		expect(ids(await trigger.emitted())).toEqual(fresh);
		expect(await trigger.emitted()).toEqual([]);
	});

	test('Max Items per Poll: the rest follow, oldest first; a failed poll changes nothing', async () => {
		await account(30);
		const trigger = newCustomerTrigger({ maxPerPoll: 20 });
		await trigger.poll();
		const created = Array.from({ length: 45 }, (_, i) => create(`Burst ${i}`));
		const state = trigger.snapshot();
		sandbox.addFault({ fault: { kind: 'status', status: 500 }, path: '/customers.json' });
		expect((await trigger.poll()).error?.httpCode).toBe('500');
		expect(trigger.snapshot()).toBe(state);
		const emitted = [...ids(await trigger.emitted()), ...ids(await trigger.emitted()), ...ids(await trigger.emitted())];
		expect(emitted).toEqual(created);
		expect(await trigger.emitted()).toEqual([]);
	});

	test('Fetch Test Event returns the newest customer and stores nothing', async () => {
		await account(40);
		const trigger = newCustomerTrigger();
		const id = create('Newest Customer');
		const sample = await trigger.poll('manual');
		expect(ids(sample.items)).toEqual([id]);
		expect(trigger.data).toEqual({});
	});
});

async function randomSequence(seed: number): Promise<Outcome> {
	const rnd = prng(seed);
	await account(rnd.int(0, 60), { pageSize: rnd.pick([5, 10, 25]) });
	const store = sandbox.store();
	const steps: string[] = [];
	const problems: string[] = [];
	let serial = 0;
	const trigger = newCustomerTrigger({ maxPerPoll: rnd.int(1, 30) });
	const seeded = await trigger.poll();
	if (seeded.error || seeded.items) return { steps, problems: [`seed failed: ${seeded.error?.message ?? 'emitted'}`] };
	const created: number[] = [];
	const emitted: number[] = [];
	const run = new SequenceRun(sandbox, trigger, rnd, { steps, problems, emitted });
	for (let i = rnd.int(6, 18); i > 0; i--) {
		const action = rnd.pick(['create', 'create', 'delete', 'delete', 'fault', 'restart', 'poll', 'poll', 'poll']);
		if (action === 'create') {
			const count = rnd.int(1, 40);
			for (let k = 0; k < count; k++) created.push(create(`Random ${seed}-${serial++}`));
			steps.push(`create ${count}`);
		} else if (action === 'delete') {
			// customers from before activation, or already emitted: one deleted unseen was never "new"
			const candidates = store.listCustomers().filter((c) => !created.includes(c.id) || emitted.includes(c.id));
			const count = Math.min(candidates.length, rnd.int(1, 15));
			for (let k = 0; k < count; k++) {
				const victim = candidates.splice(rnd.int(0, candidates.length - 1), 1)[0];
				store.deleteCustomer(victim.customer_number);
			}
			steps.push(`delete ${count}`);
		} else {
			await run.sharedMove(action);
		}
	}
	await run.finish(created, 'created');
	await sandbox.stop();
	return { steps, problems };
}

describe('Kickserv Trigger: New Customer, randomized', () => {
	randomizedTest('every customer created after activation is emitted exactly once', 20261202, randomSequence);
});
