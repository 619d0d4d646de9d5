import { ids, TriggerUnderTest } from '../harness/trigger';
import { PAYMENT_MODE, expectJobListRequests, jobsPerPage, useSandbox } from '../harness/setup';

const t = useSandbox();
const paymentTrigger = (extra = {}) =>
	new TriggerUnderTest({ event: 'newPayment', paymentScope: 'account', jobsToWatch: 250, maxPerPoll: 200, ...PAYMENT_MODE, ...extra }, () => t.credentials);

const store = () => t.sandbox.store();
const openJob = (customer = 1) => {
	const job = store().createJob(customer, { job_type_id: 61 });
	store().updateJob(job.job_number, { subtotal: '5000.00' });
	return job.job_number;
};
const pay = (jobNumber: number, amount = '10.00') => store().createPayment({ type: 'Job', number: jobNumber }, { amount }).id;

async function seeded(extra = {}) {
	const trigger = paymentTrigger(extra);
	const seed = await trigger.poll();
	expect(seed.error).toBeUndefined();
	expect(seed.items).toBeNull();
	return trigger;
}

afterEach(() => t.sandbox.clearFaults());

describe('Kickserv Trigger: New Payment', () => {
	test('seed emits nothing; a payment on a watched job is emitted once with its job number', async () => {
		const job = openJob();
		const trigger = await seeded();
		const id = pay(job);
		const items = await trigger.emitted();
		expect(ids(items)).toEqual([id]);
		expect(items[0].json).toMatchObject({ amount: '10.00', job_number: job });
		expect(await trigger.emitted()).toEqual([]);
	});

	test('Recent Jobs Only: an idle poll reads only the watched window, trimmed with only=', async () => {
		const trigger = await seeded({ watch: 'recentJobs' });
		t.sandbox.clearLog();
		expect(await trigger.emitted()).toEqual([]);
		const jobs = store().listJobs().length;
		const size = jobsPerPage(t.sandbox);
		const windowPages = Math.min(Math.ceil(jobs / size), Math.ceil(250 / size));
		if ('everyJob' in PAYMENT_MODE) {
			// the thorough mode reads every watched job's payments, idle or not
			expectJobListRequests(t.sandbox, windowPages + Math.min(jobs, 250));
			return;
		}
		expectJobListRequests(t.sandbox, windowPages);
		expect(t.sandbox.log.every((r) => r.path.endsWith('/jobs.json') && String(r.query.only).includes('balance_remaining'))).toBe(true);
	});

	test('payments that existed before activation are history; payments on a new job are new', async () => {
		const old = openJob();
		pay(old);
		const trigger = await seeded();
		const fresh = openJob();
		const a = pay(fresh);
		const b = pay(old); // a new payment on a job that already had one
		expect(ids(await trigger.emitted()).sort()).toEqual([a, b].sort());
	});

	test('a burst over the cap comes out in id order across polls, each payment once', async () => {
		const trigger = await seeded({ maxPerPoll: 7 });
		const jobs = [openJob(), openJob(), openJob()];
		const created: number[] = [];
		for (let i = 0; i < 20; i++) created.push(pay(jobs[i % 3], '1.00'));
		const emitted: number[] = [];
		for (let poll = 0; poll < 6; poll++) emitted.push(...ids(await trigger.emitted()));
		expect(emitted).toEqual(created);
	});

	test('a failed poll (500 while reading a job\'s payments) keeps the state; the next catches up', async () => {
		const job = openJob();
		const trigger = await seeded();
		const id = pay(job);
		const before = trigger.snapshot();
		t.sandbox.addFault({ fault: { kind: 'status', status: 500 }, path: '/payments.json' });
		const failed = await trigger.poll();
		expect(failed.error?.httpCode).toBe('500');
		expect(trigger.snapshot()).toBe(before);
		expect(ids(await trigger.emitted())).toEqual([id]);
	});

	test('503 with Retry-After and a dropped connection are retried within the poll', async () => {
		const job = openJob();
		const trigger = await seeded();
		const id = pay(job);
		t.sandbox.addFault({ fault: { kind: 'status', status: 503, retryAfter: 0 }, path: '/jobs.json' });
		t.sandbox.addFault({ fault: { kind: 'drop' }, path: '/payments.json' });
		expect(ids(await trigger.emitted())).toEqual([id]);
	});

	test('a deleted job pulls an older job into the window: its old payments are not emitted', async () => {
		const trigger = await seeded({ jobsToWatch: 25 });
		const window = store().listJobs().slice(0, 26);
		const below = window[25];
		if (Number(below.balance_remaining) === Number(below.total)) {
			store().updateJob(below.job_number, { subtotal: '100.00' });
			// that update happened before activation in spirit: reseed
		}
		const reseeded = await seeded({ jobsToWatch: 25 });
		store().deleteJob(window[0].job_number);
		expect(await reseeded.emitted()).toEqual([]);
		expect(trigger).toBeDefined();
	});

	test('restart between polls and a poll run twice: exactly once', async () => {
		const job = openJob();
		const trigger = await seeded();
		const a = pay(job);
		trigger.restart();
		expect(ids(await trigger.emitted())).toEqual([a]);
		const b = pay(job);
		trigger.restart();
		const [first, second] = [await trigger.emitted(), await trigger.emitted()];
		expect(ids(first)).toEqual([b]);
		expect(second).toEqual([]);
	});

	test('manual mode returns the newest payment and leaves the state alone', async () => {
		const job = openJob();
		const trigger = await seeded();
		const before = trigger.snapshot();
		const id = pay(job);
		const manual = await trigger.poll('manual');
		expect(ids(manual.items)).toEqual([id]);
		expect(trigger.snapshot()).toBe(before);
	});

	test('Fetch Test Event with no payment to show throws a message saying what was looked at', async () => {
		const customer = store().createCustomer({ name: 'No Payments Yet Ltd' }).customer_number;
		const run = await paymentTrigger({ paymentScope: 'customer', customer: { __rl: true, mode: 'list', value: String(customer) } }).poll('manual');
		expect(run.items).toBeNull();
		expect(run.error?.message).toBe(`Customer ${customer} has no payments yet`);
		expect(String((run.error as { description?: string }).description)).toMatch(/Record a payment/);
	});

	test('one customer: watches that customer\'s payment list', async () => {
		const trigger = await seeded({ paymentScope: 'customer', customer: { __rl: true, mode: 'id', value: '4' } });
		const job = openJob(4);
		const a = pay(job);
		const b = store().createPayment({ type: 'Customer', number: 4 }, { amount: '3.00' }).id; // unapplied
		pay(openJob(5)); // another customer
		expect(ids(await trigger.emitted())).toEqual([a, b]);
		expect(t.sandbox.log.some((r) => r.path.endsWith('/customers/4/payments.json'))).toBe(true);
		expect(await trigger.emitted()).toEqual([]);
	});

	test('Recent Jobs Only: a payment on a job older than the watched window is not seen', async () => {
		const trigger = await seeded({ jobsToWatch: 25, watch: 'recentJobs' });
		const old = store().listJobs()[40].job_number;
		store().updateJob(old, { subtotal: '900.00' });
		pay(old);
		expect(await trigger.emitted()).toEqual([]);
	});

	test('Recent Jobs Only: state stays under 16 KB with the largest window', async () => {
		while (store().listJobs().length < 600) openJob();
		const trigger = await seeded({ jobsToWatch: 500, watch: 'recentJobs' });
		expect(trigger.stateBytes()).toBeLessThan(16 * 1024);
	});
});

describe('Kickserv Trigger: Job Status Changed / Job Updated', () => {
	test('a status change is emitted once with from and to', async () => {
		const job = openJob();
		const trigger = new TriggerUnderTest({ event: 'jobStatusChanged', jobsToWatch: 250, maxPerPoll: 200 }, () => t.credentials);
		expect((await trigger.poll()).items).toBeNull();
		store().updateJob(job, { status: 'in_progress' });
		const items = await trigger.emitted();
		expect(items.map((i) => [i.json.job_number, i.json.previous_status, i.json.status])).toEqual([[job, 'unscheduled', 'in_progress']]);
		store().updateJob(job, { description: 'not a status change' });
		expect(await trigger.emitted()).toEqual([]);
	});

	test('To Status filters the changes', async () => {
		const job = openJob();
		const trigger = new TriggerUnderTest({ event: 'jobStatusChanged', toStatuses: ['complete'], maxPerPoll: 200 }, () => t.credentials);
		await trigger.poll();
		store().updateJob(job, { status: 'on_hold' });
		expect(await trigger.emitted()).toEqual([]);
		store().updateJob(job, { status: 'complete' });
		expect((await trigger.emitted()).map((i) => i.json.previous_status)).toEqual(['on_hold']);
	});

	test.each(['jobStatusChanged', 'jobUpdated'])('%s: a new job that takes a deleted job\'s number is not a change of that job', async (event) => {
		const old = openJob();
		store().updateJob(old, { status: 'complete' });
		const trigger = new TriggerUnderTest({ event, maxPerPoll: 200, watch: 'recentJobs' }, () => t.credentials);
		expect((await trigger.poll()).items).toBeNull();
		store().deleteJob(old);
		const reused = openJob();
		expect(reused).toBe(old); // the sandbox gives the newest number again, as Kickserv may
		expect(await trigger.emitted()).toEqual([]);
		// the new job's own changes are still changes
		store().updateJob(reused, { status: 'scheduled' });
		expect((await trigger.emitted()).map((i) => [i.json.job_number, i.json.status])).toEqual([[reused, 'scheduled']]);
	});

	test('Job Updated emits a changed job once, the full record', async () => {
		const job = openJob();
		const trigger = new TriggerUnderTest({ event: 'jobUpdated', maxPerPoll: 200 }, () => t.credentials);
		await trigger.poll();
		store().updateJob(job, { description: 'changed' });
		const items = await trigger.emitted();
		expect(items.map((i) => [i.json.job_number, i.json.description])).toEqual([[job, 'changed']]);
		expect(await trigger.emitted()).toEqual([]);
	});
});
