/**
 * Issue 17's findings on the newer resources and events, each against a server that takes another path
 * the contract leaves open (the sandbox option named in each test; `npm run test:alternatives` also runs
 * this file under each such alternative). Every test here failed before its fix.
 */
import { runKickserv } from '../harness/engine';
import { useSandbox } from '../harness/setup';
import { TriggerUnderTest } from '../harness/trigger';
import { rl } from './helpers';

const t = useSandbox();
let saved: typeof t.sandbox.options;

beforeEach(() => {
	saved = { ...t.sandbox.options };
});

afterEach(() => {
	Object.assign(t.sandbox.options, saved);
	t.sandbox.clearFaults();
});

const description = (error: unknown) => String((error as { description?: string } | undefined)?.description);

describe('1. /customers.json listed by name, not oldest first', () => {
	test('New Customer stops with an error naming the guess instead of missing customers', async () => {
		t.sandbox.options.customersOrder = 'name';
		const trigger = new TriggerUnderTest({ event: 'newCustomer', maxPerPoll: 200 }, () => t.credentials);
		const run = await trigger.poll();
		expect(run.items).toBeNull();
		expect(run.error?.message).toBe('Kickserv did not answer as this node assumes: the customer list comes oldest first (ascending internal id)');
		expect(description(run.error)).toMatch(/^Page \d+ of \/customers\.json lists customer \d+ after \d+\./);
		expect(trigger.state).toEqual({}); // nothing stored: the next poll starts afresh
	});
});

describe('3. a list not offered in JSON is not blamed on the slug or the job', () => {
	test('Item Get Many and Time Entry Get Many name the list and say the slug and the job are right', async () => {
		t.sandbox.options.jsonLists = 'documented';
		const items = await runKickserv({ resource: 'item', operation: 'getAll', returnAll: true }, t.credentials);
		expect(items.error?.message).toBe('Kickserv did not answer as this node assumes: /items.json is offered in JSON by this Kickserv');
		expect(description(items.error)).toMatch(/reads \/customers\.json, so the Account Slug is right/);
		const entries = await runKickserv({ resource: 'timeEntry', operation: 'getAll', job: rl(1017), returnAll: true }, t.credentials);
		expect(entries.error?.message).toBe('Kickserv did not answer as this node assumes: /jobs/{job}/time_entries.json is offered in JSON by this Kickserv');
		expect(description(entries.error)).toMatch(/reads \/jobs\/1017\.json, so job 1017 is right/);
	});

	test('a job that does not exist is still named as such', async () => {
		t.sandbox.options.jsonLists = 'documented';
		const entries = await runKickserv({ resource: 'timeEntry', operation: 'getAll', job: rl(7001), returnAll: true }, t.credentials);
		expect(entries.error?.message).toMatch(/has no job 7001/);
	});

	test('a wrong Account Slug is still named as such', async () => {
		const items = await runKickserv({ resource: 'item', operation: 'getAll', returnAll: true }, { ...t.credentials, accountSlug: 'no-such-account' });
		expect(items.error?.message).toMatch(/^Kickserv has no account "no-such-account": the Account Slug is probably wrong/);
	});
});

describe('5. single records wrapped in their singular key', () => {
	test('Mark as Won outputs the opportunity, not {"opportunity": {...}}', async () => {
		Object.assign(t.sandbox.options, { recordEnvelope: 'keyed', opportunityKey: 'opportunity' });
		const store = t.sandbox.store();
		const job = store.createJob(2, { job_type_id: 61 });
		store.updateJob(job.job_number, { status: 'new' });
		const { items, error } = await runKickserv({ resource: 'opportunity', operation: 'markWon', job: rl(job.job_number) }, t.credentials);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ job_number: job.job_number, status: 'won' });
		expect(items[0].json.opportunity).toBeUndefined();
	});
});

describe('Watch: Every Open Job, where the account-wide lists differ', () => {
	const oldOpenJob = () => {
		const store = t.sandbox.store();
		const job = store.createJob(2, { job_type_id: 61, job_charges: [{ name: 'Service', price: '400.00' }] });
		for (let i = 0; i < 30; i++) store.createJob(2, { job_type_id: 61 }); // now older than a 25-job window
		return job;
	};

	test('a job paid in part that leaves the unpaid list stops New Payment with an error naming the guess', async () => {
		t.sandbox.options.unpaidPartPaid = 'left-out';
		const job = oldOpenJob();
		const trigger = new TriggerUnderTest({ event: 'newPayment', paymentScope: 'account', jobsToWatch: 25, maxPerPoll: 200 }, () => t.credentials);
		expect((await trigger.poll()).items).toBeNull();
		const before = trigger.snapshot();
		t.sandbox.store().createPayment({ type: 'Job', number: job.job_number }, { amount: '100.00' });
		const run = await trigger.poll();
		expect(run.error?.message).toBe(
			'Kickserv did not answer as this node assumes: a job that still owes money stays on /invoices.json?invoice_status=unpaid (also when paid in part)',
		);
		expect(description(run.error)).toMatch(new RegExp(`^Job ${job.job_number} left that list, yet it still owes 300\\.00`));
		expect(trigger.snapshot()).toBe(before);
	});

	test.each([
		['paged', { jobListPaging: 'paged' }],
		['spelled as labels', { jobListStatus: 'labels' }],
	] as const)('an active-job list %s: a status change of an old job is emitted once, with previous_status', async (_, options) => {
		Object.assign(t.sandbox.options, options);
		const job = oldOpenJob();
		const trigger = new TriggerUnderTest({ event: 'jobStatusChanged', jobsToWatch: 25, maxPerPoll: 200 }, () => t.credentials);
		expect((await trigger.poll()).items).toBeNull();
		t.sandbox.store().updateJob(job.job_number, { status: 'in_progress' });
		const items = (await trigger.poll()).items ?? [];
		expect(items.map((i) => [i.json.job_number, i.json.previous_status, i.json.status])).toEqual([[job.job_number, 'unscheduled', 'in_progress']]);
		expect((await trigger.poll()).items).toBeNull();
	});
});

