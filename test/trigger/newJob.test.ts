import { jobNumbers, TriggerUnderTest } from '../harness/trigger';
import { expectJobListRequests, jobsPerPage, pagesFor, useSandbox } from '../harness/setup';

const t = useSandbox();
const newJobTrigger = (extra = {}) => new TriggerUnderTest({ event: 'newJob', maxPerPoll: 200, ...extra }, () => t.credentials);

const createJobs = (count: number, customer = 1, attrs = {}) => {
	const numbers: number[] = [];
	for (let i = 0; i < count; i++) numbers.push(t.sandbox.store().createJob(customer, { job_type_id: 61, ...attrs }).job_number);
	return numbers;
};

async function seeded(extra = {}) {
	const trigger = newJobTrigger(extra);
	const seed = await trigger.poll();
	expect(seed.error).toBeUndefined();
	expect(seed.items).toBeNull();
	return trigger;
}

afterEach(() => {
	t.sandbox.clearFaults();
	t.sandbox.beforeHandle = undefined;
});

describe('Kickserv Trigger: New Job', () => {
	test('first poll seeds and emits nothing; a new job is emitted once; an idle poll costs one request', async () => {
		const trigger = await seeded();
		expect(trigger.state).toMatchObject({ high: Math.max(...t.sandbox.store().listJobs().map((j) => j.id)) });
		const [created] = createJobs(1);
		expect(jobNumbers(await trigger.emitted())).toEqual([created]);
		t.sandbox.clearLog();
		expect(await trigger.emitted()).toEqual([]);
		expectJobListRequests(t.sandbox, 1);
		expect(t.sandbox.log[0].query).toMatchObject({ page: '1', per_page: '50' });
	});

	test('a burst larger than a page is emitted whole, oldest first, in one poll', async () => {
		const trigger = await seeded();
		const created = createJobs(120);
		t.sandbox.clearLog();
		expect(jobNumbers(await trigger.emitted())).toEqual(created);
		// 50 + 50 + 20 new, the third page reaches known jobs (in pages of 25 or 30: 5)
		expectJobListRequests(t.sandbox, pagesFor(created.length, jobsPerPage(t.sandbox)));
	});

	test('downtime: a gap of 1,000 jobs comes out completely, in order, across polls of at most the cap', async () => {
		const trigger = await seeded({ maxPerPoll: 300 });
		const created = createJobs(1000);
		t.sandbox.clearLog();
		const emitted: number[] = [];
		const perPoll: number[] = [];
		for (let poll = 0; poll < 10; poll++) {
			const batch = jobNumbers(await trigger.emitted());
			if (!batch.length) break;
			perPoll.push(batch.length);
			emitted.push(...batch);
		}
		expect(perPoll).toEqual([300, 300, 300, 100]);
		expect(emitted).toEqual(created);
		// the first poll searches where the gap ends (pages 1, 2, 3, 5, 9, 17, 33, then 25, 21, 19, 20: 11)
		// and reads the rest of the pages it emits (15, 16, 18); each later poll reads only its own pages and
		// the one that shows where they end (7, 7), the last one from the top (3); then the idle one: 32
		// (under a server's smaller page cap, within the bound below)
		const size = jobsPerPage(t.sandbox);
		if (size === 50) expectJobListRequests(t.sandbox, 32, 5);
		else expect(t.sandbox.log.length).toBeLessThanOrEqual(pagesFor(1000, size) + 3 * Math.ceil(300 / size + 2) + 1);
	});

	test('a job created while a poll is paging is emitted once, on the next poll', async () => {
		const trigger = await seeded();
		const created = createJobs(80);
		let sneaked: number | undefined;
		t.sandbox.beforeHandle = (req) => {
			if (req.query.page === '2' && sneaked === undefined) sneaked = createJobs(1)[0];
		};
		const first = jobNumbers(await trigger.emitted());
		t.sandbox.beforeHandle = undefined;
		const second = jobNumbers(await trigger.emitted());
		if (t.sandbox.options.jobOrder === 'newest-first') {
			expect(first).toEqual(created); // the shifted page repeated one job: emitted once
			expect(second).toEqual([sneaked]);
		} else {
			// read from the end after it was created: it may come in the same poll; once either way
			expect([...first, ...second]).toEqual([...created, sneaked]);
		}
		expect(await trigger.emitted()).toEqual([]);
	});

	test('the newest known job deleted (cursor item gone): no flood, new jobs still come, a reused number too', async () => {
		const trigger = await seeded();
		const newest = t.sandbox.store().listJobs()[0].job_number;
		t.sandbox.store().deleteJob(newest);
		expect(await trigger.emitted()).toEqual([]);
		const created = createJobs(3);
		expect(jobNumbers(await trigger.emitted())).toEqual(created);
	});

	test('a failed poll in the middle of paging keeps the cursor; the next poll catches up', async () => {
		const trigger = await seeded();
		const created = createJobs(75);
		const before = trigger.snapshot();
		t.sandbox.addFault({ fault: { kind: 'status', status: 500 }, path: '/jobs.json', nth: 2 });
		const failed = await trigger.poll();
		expect(failed.error?.httpCode).toBe('500');
		expect(failed.error?.constructor.name).toBe('NodeApiError');
		expect(trigger.snapshot()).toBe(before);
		expect(jobNumbers(await trigger.emitted())).toEqual(created);
	});

	test('429 with Retry-After is waited out within the poll', async () => {
		const trigger = await seeded();
		const created = createJobs(2);
		t.sandbox.addFault({ fault: { kind: 'status', status: 429, retryAfter: 1 }, path: '/jobs.json' });
		const started = Date.now();
		expect(jobNumbers(await trigger.emitted())).toEqual(created);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(t.sandbox.log.filter((r) => r.status === 429)).toHaveLength(1);
	});

	test('a restart between polls loses nothing and repeats nothing', async () => {
		const trigger = await seeded();
		const a = createJobs(2);
		expect(jobNumbers(await trigger.emitted())).toEqual(a);
		trigger.restart();
		const b = createJobs(2);
		trigger.restart();
		expect(jobNumbers(await trigger.emitted())).toEqual(b);
	});

	test('a poll that n8n runs twice emits nothing the second time', async () => {
		const trigger = await seeded();
		const created = createJobs(4);
		const [first, second] = [await trigger.emitted(), await trigger.emitted()];
		expect(jobNumbers(first)).toEqual(created);
		expect(second).toEqual([]);
	});

	test('manual mode (Fetch Test Event) returns the newest matching job and leaves the state alone', async () => {
		const trigger = await seeded();
		const before = trigger.snapshot();
		const [created] = createJobs(1);
		const manual = await trigger.poll('manual');
		expect(jobNumbers(manual.items)).toEqual([created]);
		expect(trigger.snapshot()).toBe(before);
		expect(jobNumbers(await trigger.emitted())).toEqual([created]);
		// before any activation, manual mode creates no state either
		const fresh = newJobTrigger();
		expect(jobNumbers((await fresh.poll('manual')).items)).toEqual([created]);
		expect(fresh.data).toEqual({});
	});

	test('filters: only matching new jobs are emitted; the others are passed over for good', async () => {
		const trigger = await seeded({ filters: { customerNumber: 2, statuses: ['scheduled'] } });
		const matching = createJobs(1, 2, { scheduled_on: '2026-12-03T10:00:00-05:00' });
		createJobs(1, 2); // unscheduled
		createJobs(1, 3, { scheduled_on: '2026-12-03T11:00:00-05:00' }); // other customer
		expect(jobNumbers(await trigger.emitted())).toEqual(matching);
		t.sandbox.clearLog();
		expect(await trigger.emitted()).toEqual([]);
		expectJobListRequests(t.sandbox, 1); // the customer's internal id was kept: still one request
	});

	test('Fetch Test Event with nothing matching throws a message naming the filter that matched nothing', async () => {
		const trigger = newJobTrigger({ filters: { statuses: ['canceled'], customerNumber: { __rl: true, mode: 'list', value: '2' } } });
		for (const job of t.sandbox.store().listJobs().filter((j) => j.status === 'canceled')) t.sandbox.store().updateJob(job.job_number, { status: 'complete' });
		createJobs(1, 2);
		t.sandbox.clearLog();
		const run = await trigger.poll('manual');
		expect(run.items).toBeNull();
		expect(run.error?.message).toMatch(/^No job matches the filter "Status Canceled" among the \d+ most recent jobs$/);
		const description = String((run.error as { description?: string }).description);
		expect(description).toMatch(/Status Canceled: 0 of \d+; Customer 2: [1-9]\d* of \d+/);
		expect(description).toMatch(/Fetch Test Event again/);
		expect(trigger.data).toEqual({});
		// each filter matches jobs, but no job matches both
		const customer = t.sandbox.store().createCustomer({ name: 'One Unscheduled Job Inc' }).customer_number;
		createJobs(1, customer, { scheduled_on: '2026-12-03T10:00:00-05:00' });
		createJobs(1, 1);
		const together = await newJobTrigger({ filters: { statuses: ['unscheduled'], customerNumber: customer } }).poll('manual');
		expect(together.error?.message).toMatch(/^No job matches all the filters together among the \d+ most recent jobs$/);
		expect(String((together.error as { description?: string }).description)).toMatch(/Status Unscheduled: [1-9]\d* of \d+; Customer \d+: 1 of/);
	});

	test('the customer filter takes the customer picker (list, number, URL) and still a plain number saved earlier', async () => {
		const [created] = createJobs(1, 3);
		createJobs(1, 4);
		for (const customerNumber of [
			{ __rl: true, mode: 'list', value: '3' },
			{ __rl: true, mode: 'number', value: '3' },
			{ __rl: true, mode: 'url', value: `${t.credentials.baseUrl}/${t.credentials.accountSlug}/customers/3` },
			{ __rl: true, mode: 'id', value: '3' },
			3,
		]) {
			const manual = await newJobTrigger({ filters: { customerNumber } }).poll('manual');
			expect(manual.error).toBeUndefined();
			expect(jobNumbers(manual.items)).toEqual([created]);
		}
		// an empty picker (the filter added, nothing chosen) filters nothing
		const unset = await newJobTrigger({ filters: { customerNumber: { __rl: true, mode: 'list', value: '' } } }).poll('manual');
		expect(jobNumbers(unset.items)).toEqual([created + 1]);
	});

	test('state stays small: under 16 KB after 10,000 jobs', async () => {
		const trigger = await seeded({ maxPerPoll: 1000 });
		createJobs(10_000);
		let total = 0;
		for (let i = 0; i < 12; i++) total += (await trigger.emitted()).length;
		expect(total).toBe(10_000);
		expect(trigger.stateBytes()).toBeLessThan(16 * 1024);
	}, 120_000);
});
