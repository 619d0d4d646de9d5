/**
 * Issue 8's findings, each reproduced against a server that differs from the default sandbox in one way
 * the contract allows, or with an odd input. Every test here failed before its fix.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_IN_FLIGHT } from '../../nodes/Kickserv/transport/parallel';
import { runKickserv, runPoll } from '../harness/engine';
import { PAYMENT_MODE, SLUG, TOKEN, useSandbox } from '../harness/setup';
import { TriggerUnderTest, jobNumbers, trigger } from '../harness/trigger';
import { X, rl, rlx } from './helpers';

const t = useSandbox();

beforeEach(() => {
	// (these tests are about page caps and inputs; the listing order has its own test below)
	t.sandbox.options.jobOrder = 'newest-first';
});

afterEach(() => {
	Object.assign(t.sandbox.options, { maxPerPage: 100, defaultPerPage: 25 });
});

describe('the listing order of /jobs.json', () => {
	test('oldest first: Get Many still returns every job; New Job reads from the end and emits each new job once', async () => {
		t.sandbox.options.jobOrder = 'oldest-first';
		const store = t.sandbox.store();
		const total = store.listJobs().length;
		const { items } = await runKickserv({ resource: 'job', operation: 'getAll', returnAll: true }, t.credentials);
		expect(items).toHaveLength(total);
		const job = new TriggerUnderTest({ event: 'newJob', maxPerPoll: 40 }, () => t.credentials);
		expect(await job.emitted()).toEqual([]); // seed: the newest jobs, read from the last page
		const created = Array.from({ length: 130 }, () => store.createJob(2, { job_type_id: 61 }).job_number);
		const emitted: number[] = [];
		for (let poll = 0; poll < 6; poll++) emitted.push(...jobNumbers(await job.emitted()));
		expect(emitted).toEqual(created);
		t.sandbox.clearLog();
		expect(await job.emitted()).toEqual([]);
		// an idle poll: the first page shows the order, then the end is found by doubling and halving
		expect(t.sandbox.log.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(store.listJobs().length / 50 + 1)) + 3);
	});

	test('oldest first: New Payment watches the newest jobs, not the oldest', async () => {
		t.sandbox.options.jobOrder = 'oldest-first';
		const store = t.sandbox.store();
		const payments = new TriggerUnderTest({ event: 'newPayment', jobsToWatch: 25, maxPerPoll: 200, ...PAYMENT_MODE }, () => t.credentials);
		expect(await payments.emitted()).toEqual([]);
		const newest = store.createJob(3, { job_type_id: 61 });
		store.updateJob(newest.job_number, { subtotal: '500.00' });
		const paid = store.createPayment({ type: 'Job', number: newest.job_number }, { amount: '20.00' });
		const emitted = await payments.emitted();
		expect(emitted.map((i) => i.json.id)).toEqual([paid.id]);
	});
});

describe('1. job pages capped below the per_page sent', () => {
	test('Get Many Return All reads every page when the server sends 25 a page whatever per_page says', async () => {
		const store = t.sandbox.store();
		while (store.listJobs().length < 120) store.createJob(1, { job_type_id: 61 });
		Object.assign(t.sandbox.options, { maxPerPage: 25 });
		const total = store.listJobs().length;
		t.sandbox.clearLog();
		const { items } = await runKickserv({ resource: 'job', operation: 'getAll', returnAll: true }, t.credentials);
		expect(items).toHaveLength(total);
		expect(new Set(items.map((i) => i.json.job_number)).size).toBe(total);
		// one request a page, plus at most one to confirm an end the replies cannot prove, plus at most
		// (in flight − 1) sent past the end by Return All's pages in parallel
		expect(t.sandbox.log.length).toBeLessThanOrEqual(Math.ceil(total / 25) + 1 + DEFAULT_IN_FLIGHT - 1);
	});

	test('New Job emits every job of a burst larger than one capped page, once', async () => {
		Object.assign(t.sandbox.options, { maxPerPage: 30 });
		const job = new TriggerUnderTest({ event: 'newJob', maxPerPoll: 1000 }, () => t.credentials);
		await job.emitted(); // seed
		const store = t.sandbox.store();
		const created = Array.from({ length: 95 }, () => store.createJob(2, { job_type_id: 61 }).job_number);
		expect(jobNumbers(await job.emitted()).sort((a, b) => a - b)).toEqual(created);
		expect(await job.emitted()).toEqual([]);
	});

	test('New Job draining a backlog over several polls under a 25 cap: nothing skipped or repeated', async () => {
		Object.assign(t.sandbox.options, { maxPerPage: 25 });
		const job = new TriggerUnderTest({ event: 'newJob', maxPerPoll: 20 }, () => t.credentials);
		await job.emitted();
		const store = t.sandbox.store();
		const created = Array.from({ length: 170 }, () => store.createJob(3, { job_type_id: 61 }).job_number);
		const emitted: number[] = [];
		for (let poll = 0; poll < 12; poll++) emitted.push(...jobNumbers(await job.emitted()));
		expect(emitted).toEqual(created);
	});
});

describe('3. secrets in customer outputs', () => {
	test('Create, Update and Get (Simplify off) carry no stripe_customer_id and no *_ref_* key', async () => {
		const created = await runKickserv({ resource: 'customer', operation: 'create', name: `Secret Check ${Date.now()}` }, t.credentials);
		const number = created.items[0].json.customer_number as number;
		const updated = await runKickserv({ resource: 'customer', operation: 'update', customer: rl(number), updateFields: { mobile: '555-0101' } }, t.credentials);
		const got = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(number), simplify: false }, t.credentials);
		for (const { items } of [created, updated, got]) {
			expect(Object.keys(items[0].json).filter((key) => key === 'stripe_customer_id' || key.includes('_ref_') || key === 'token')).toEqual([]);
			expect(items[0].json.name).toBeDefined();
		}
	});
});

describe('4. Find by Exact Name with Simplify on', () => {
	test('a miss keeps found: false; a hit keeps found: true', async () => {
		const missing = await runKickserv({ resource: 'customer', operation: 'findByName', name: 'nobody by this name', simplify: true }, t.credentials);
		expect(missing.items[0].json).toEqual({ found: false, name: 'nobody by this name' });
		const hit = await runKickserv({ resource: 'customer', operation: 'findByName', name: 'Clarence', simplify: true }, t.credentials);
		expect(hit.items[0].json).toMatchObject({ found: true, name: 'Clarence' });
	});
});

describe('5. a wrong Account Slug on Get Many', () => {
	test('says the account does not exist and the slug is probably wrong', async () => {
		const { error } = await runKickserv({ resource: 'customer', operation: 'getAll', returnAll: true }, { ...t.credentials, accountSlug: 'acme-plumbing' });
		expect(error?.message).toBe('Kickserv has no account "acme-plumbing": the Account Slug is probably wrong (404 for /customers.json)');
		expect(error?.httpCode).toBe('404');
	});
});

describe('6. an option value outside its list never picks another branch', () => {
	test('Parent "Job" from an expression writes no note anywhere', async () => {
		const before = t.sandbox.store().counts.notes;
		const { error } = await runKickserv({ resource: 'note', operation: 'create', parent: X, customer: rl(1), job: rl(1001), note: 'hi' }, t.credentials, { input: [{ v: 'Job' }] });
		expect(error?.message).toMatch(/^Parent must be one of "customer" \(Customer\), "job" \(Job\), case-sensitive \(got "Job"\)$/);
		expect(t.sandbox.store().counts.notes).toBe(before);
		expect(t.sandbox.log).toEqual([]);
	});
});

describe('8. messages that say what was given', () => {
	test('an object where a number is expected is shown, not called missing', async () => {
		const { error } = await runKickserv({ resource: 'customer', operation: 'get', customer: rlx() }, t.credentials, { input: [{ v: { id: 5 } }] });
		expect(error?.message).toBe('Customer must be a positive whole number (got {"id":5})');
		const array = await runKickserv({ resource: 'job', operation: 'get', job: X }, t.credentials, { input: [{ v: [1001] }] });
		expect(array.error?.message).toBe('Job must be a positive whole number (got [1001])');
	});

	test('a 10-digit Amount names the maximum', async () => {
		const { error } = await runKickserv({ resource: 'payment', operation: 'create', job: rl(1001), amount: X }, t.credentials, { input: [{ v: '1234567890' }] });
		expect(error?.message).toBe('Amount must be at most 999999999.99 (got "1234567890")');
		expect(t.sandbox.log).toEqual([]);
	});

	test('the web app address of the account as Base URL is recognised', async () => {
		const { error } = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(101) }, { ...t.credentials, baseUrl: `https://app.kickserv.com/${SLUG}/dashboard` });
		expect(error?.message).toBe(
			`Kickserv credential: Base URL holds an account address (/${SLUG}/dashboard): set Base URL to https://app.kickserv.com and Account Slug to the part after the host ("${SLUG}")`,
		);
		const local = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(1) }, { ...t.credentials, baseUrl: `${t.credentials.baseUrl}/${SLUG}` });
		expect(local.error?.message).toMatch(/^Kickserv credential: Base URL holds an account address/);
		expect(t.sandbox.log).toEqual([]);
	});

	test('a new job refused for its job type names the job, not the customer', async () => {
		const { error } = await runKickserv({ resource: 'job', operation: 'create', customer: rl(1), jobTypeId: 999999 }, t.credentials);
		expect(error?.message).toMatch(/^Kickserv rejected the new job for customer 1: /);
	});
});

describe('9. the user\'s text is sent as written', () => {
	test('indentation, the final newline, unicode and emoji round-trip exactly; whitespace-only is refused', async () => {
		const text = '  Indented first line\n\t- a tab\nÜnïcødé ☃ 🚐\n';
		const { items, error } = await runKickserv({ resource: 'note', operation: 'create', parent: 'job', job: rl(1001), note: X }, t.credentials, { input: [{ v: text }] });
		expect(error).toBeUndefined();
		expect(items[0].json.note).toBe(text);
		expect(((t.sandbox.log[0].body as IDataObject).note as IDataObject).note).toBe(text);
		const blank = await runKickserv({ resource: 'note', operation: 'create', parent: 'job', job: rl(1001), note: X }, t.credentials, { input: [{ v: ' \n\t' }] });
		expect(blank.error?.message).toBe('Note must not be empty or only whitespace');
	});
});

describe('10. an API Token with a stray space or newline', () => {
	test('is trimmed: the request authenticates at the first attempt', async () => {
		const { error, items } = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(1) }, { ...t.credentials, apiToken: ` ${TOKEN}\n` });
		expect(error).toBeUndefined();
		expect(items[0].json.customer_number).toBe(1);
		expect(t.sandbox.log.map((r) => r.status)).toEqual([200]);
	});

	test('a token with a space inside is refused before any request', async () => {
		const { error } = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(1) }, { ...t.credentials, apiToken: `${TOKEN} extra` });
		expect(error?.message).toMatch(/^Kickserv credential: API Token contains a space/);
		expect(t.sandbox.log).toEqual([]);
	});

	test('the trigger polls with a trimmed token too', async () => {
		const run = await runPoll(trigger, { event: 'newJob', maxPerPoll: 200 }, { ...t.credentials, apiToken: `${TOKEN} ` }, {}, 'manual');
		expect(run.error).toBeUndefined();
		expect(t.sandbox.log.every((r) => r.status === 200)).toBe(true);
	});
});
