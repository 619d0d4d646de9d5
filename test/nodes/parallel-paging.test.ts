import type { LoggedRequest } from '../../sandbox';
import { DEFAULT_IN_FLIGHT } from '../../nodes/Kickserv/transport/parallel';
import { runKickserv } from '../harness/engine';
import { useSandbox } from '../harness/setup';

// small pages so that a Return All of the demo account takes many requests; /jobs.json capped at 20 a
// page although the node asks for 50 (the contract: never assume a page size)
const t = useSandbox({ customersPageSize: 7, maxPerPage: 20 });
const customers = { resource: 'customer', operation: 'getAll', returnAll: true, simplify: false };
const jobs = { resource: 'job', operation: 'getAll', returnAll: true, simplify: false };

/** Requests the sandbox holds for `holdMs` while counting how many it holds at once. */
function watchConcurrency(holdMs = 150) {
	const watch = { active: 0, max: 0, atArrival: [] as Array<{ seq: number; active: number }> };
	t.sandbox.beforeHandle = async (req: LoggedRequest) => {
		watch.active++;
		watch.max = Math.max(watch.max, watch.active);
		watch.atArrival.push({ seq: req.seq, active: watch.active });
		await new Promise((resolve) => setTimeout(resolve, holdMs));
		watch.active--;
	};
	return watch;
}

/** Requests one page at a time would make: the pages holding records, plus an empty one after a full last page. */
const floorOf = (total: number, size: number) => Math.ceil(total / size) + (total % size === 0 ? 1 : 0);
const pageOf = (r: LoggedRequest) => Number(r.query.customers_page ?? r.query.page);

afterEach(() => {
	t.sandbox.beforeHandle = undefined;
	t.sandbox.clearFaults();
});

describe('Return All with pages in parallel (the default)', () => {
	test('customers: every record once, in order, with several pages in flight and never more than the option', async () => {
		const watch = watchConcurrency();
		const { items } = await runKickserv(customers, t.credentials);
		const all = t.sandbox.store().listCustomers();
		expect(items.map((i) => i.json.customer_number)).toEqual(all.map((c) => c.customer_number));
		expect(watch.max).toBeGreaterThan(1);
		expect(watch.max).toBeLessThanOrEqual(DEFAULT_IN_FLIGHT);
		const requests = t.sandbox.log.length;
		expect(requests).toBeGreaterThanOrEqual(floorOf(all.length, 7));
		expect(requests).toBeLessThanOrEqual(floorOf(all.length, 7) + DEFAULT_IN_FLIGHT - 1);
		// the first two pages one at a time: they settle the page parameter and the page size
		expect(watch.atArrival.slice(0, 2).map((a) => a.active)).toEqual([1, 1]);
	});

	test('jobs with the server capping per_page below what was asked: the size is learned, nothing lost or repeated', async () => {
		const store = t.sandbox.store();
		while (store.listJobs().length < 100) store.createJob(1, { job_type_id: 61 }); // 5 full pages of 20
		const total = store.listJobs().length;
		const { items } = await runKickserv({ ...jobs, pagesInParallel: 3 }, t.credentials);
		expect(items.map((i) => i.json.job_number)).toEqual(store.listJobs().map((j) => j.job_number));
		expect(t.sandbox.log.every((r) => r.query.per_page === '50')).toBe(true);
		expect(t.sandbox.log.length).toBeLessThanOrEqual(floorOf(total, 20) + 2);
		expect(new Set(t.sandbox.log.map(pageOf)).size).toBe(t.sandbox.log.length);
	});

	test('no request outlives the execution: the ones sent past the end have been answered when the node returns', async () => {
		watchConcurrency(50);
		await runKickserv(customers, t.credentials);
		const answered = t.sandbox.log.length;
		expect(t.sandbox.log.every((r) => r.status === 200)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(t.sandbox.log).toHaveLength(answered);
	});

	test('a 429 with Retry-After: no new page until the throttled one was retried, then one at a time', async () => {
		const store = t.sandbox.store();
		for (let i = store.listCustomers().length; i < 120; i++) store.createCustomer({ name: `Throttle filler ${i}` });
		const watch = watchConcurrency(60);
		t.sandbox.addFault({ fault: { kind: 'status', status: 429, retryAfter: 1 }, method: 'GET', path: '/customers.json', nth: 4 });
		const { items } = await runKickserv(customers, t.credentials);
		expect(items).toHaveLength(t.sandbox.store().listCustomers().length);
		const log = t.sandbox.log;
		const throttled = log.findIndex((r) => r.status === 429);
		const retry = log.findIndex((r, i) => i > throttled && pageOf(r) === pageOf(log[throttled]));
		expect(throttled).toBeGreaterThan(0);
		expect(retry).toBeGreaterThan(throttled);
		// the 429 hit page 4, in the first window (pages 3 to 2 + in flight, sent together): while it waited
		// for Retry-After, no page beyond that window was asked for (without the back-off, the answer to
		// page 3 would have sent page 8 at once)
		expect(pageOf(log[throttled])).toBe(4);
		for (const r of log.slice(0, retry)) expect(pageOf(r)).toBeLessThanOrEqual(2 + DEFAULT_IN_FLIGHT);
		// after the retry: one request at a time
		const after = log.slice(retry + 1).map((r) => watch.atArrival.find((a) => a.seq === r.seq)?.active);
		expect(after.length).toBeGreaterThan(0);
		expect(after.every((active) => active === 1)).toBe(true);
	});

	test('a page that fails: an error with its status, no partial list', async () => {
		t.sandbox.addFault({ fault: { kind: 'status', status: 500 }, method: 'GET', path: '/customers.json', nth: 4 });
		const run = await runKickserv(customers, t.credentials, { continueOnFail: true });
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json.error).toBeDefined();
		expect(String(JSON.stringify(run.items[0].json))).toMatch(/500/);
	});

	test('Pages in Parallel 1 pages one at a time; an invalid value is refused before any request', async () => {
		const watch = watchConcurrency(20);
		await runKickserv({ ...customers, pagesInParallel: 1 }, t.credentials);
		expect(watch.max).toBe(1);
		t.sandbox.clearLog();
		const { error } = await runKickserv({ ...customers, pagesInParallel: 0 }, t.credentials);
		expect(error?.message).toMatch(/Pages in Parallel/);
		expect(t.sandbox.log).toHaveLength(0);
	});

	test('Limit still pages one at a time and stops as soon as it is met', async () => {
		const watch = watchConcurrency(20);
		const { items } = await runKickserv({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 20, pagesInParallel: 5 }, t.credentials);
		expect(items).toHaveLength(20);
		expect(t.sandbox.log).toHaveLength(3);
		expect(watch.max).toBe(1);
	});
});
