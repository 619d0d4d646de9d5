import { runKickserv } from '../harness/engine';
import { ALTERNATIVE, SLUG, jobsPerPage, pagesFor, useSandbox } from '../harness/setup';

// small server pages so paging is visible: 7 customers a page, 4 notes/payments a page
const t = useSandbox({ customersPageSize: 7, listPageSize: 4 });
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
/**
 * A server that pages /customers.json with `page` (the customers-page-param alternative) answers the
 * node's `customers_page=2` with page 1 again: the node then asks `page=2`, one request more.
 */
const FALLBACK = ALTERNATIVE === 'customers-page-param' ? 1 : 0;
const customerPages = (pages: number) => {
	const numbers = Array.from({ length: pages }, (_, i) => String(i + 1));
	if (FALLBACK && pages > 1) numbers.splice(1, 0, '2');
	return numbers;
};
const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

afterEach(() => {
	t.sandbox.options.listEnvelope = 'keyed';
	t.sandbox.clearFaults();
});

// one page at a time (Pages in Parallel 1): the end rules with exact request counts;
// the parallel Return All (the default) is tested in parallel-paging.test.ts
describe('Return All and Limit', () => {
	for (const envelope of ['keyed', 'bare'] as const) {
		test(`customers: every page to the short last one (${envelope} envelope), no extra request`, async () => {
			t.sandbox.options.listEnvelope = envelope;
			const total = t.sandbox.store().listCustomers().length;
			expect(total % 7).not.toBe(0); // the last page is short
			const { items } = await runKickserv({ resource: 'customer', operation: 'getAll', returnAll: true, pagesInParallel: 1, simplify: false }, t.credentials);
			expect(items.map((i) => i.json.customer_number)).toEqual(t.sandbox.store().listCustomers().map((c) => c.customer_number));
			const pages = Math.ceil(total / 7);
			expect(pages).toBeGreaterThanOrEqual(3);
			// the page size is learned from the first full page, so the short last page ends the loop
			expect(t.sandbox.log.map((r) => r.query.page ?? r.query.customers_page)).toEqual(customerPages(pages));
		});
	}

	test('customers: when the last page is exactly full, one empty page ends the loop', async () => {
		const store = t.sandbox.store();
		const total = store.listCustomers().length;
		for (let i = 0; i < (7 - (total % 7)) % 7; i++) store.createCustomer({ name: `Filler ${i} ${Date.now()}` });
		const count = store.listCustomers().length;
		expect(count % 7).toBe(0);
		const { items } = await runKickserv({ resource: 'customer', operation: 'getAll', returnAll: true, pagesInParallel: 1 }, t.credentials);
		expect(items).toHaveLength(count);
		expect(t.sandbox.log).toHaveLength(count / 7 + 1 + FALLBACK);
	});

	test('Limit stops paging as soon as it is met', async () => {
		const { items } = await runKickserv({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 10 }, t.credentials);
		expect(items).toHaveLength(10);
		expect(t.sandbox.log).toHaveLength(2 + FALLBACK); // 7 + 3 of the second page
		t.sandbox.clearLog();
		const jobs = await runKickserv({ resource: 'job', operation: 'getAll', returnAll: false, limit: 5 }, t.credentials);
		expect(jobs.items).toHaveLength(5);
		expect(t.sandbox.log).toHaveLength(1);
		expect(t.sandbox.log[0].query).toMatchObject({ page: '1', per_page: '5' });
	});

	test('jobs: pages of 50 with per_page; a short page ends the loop', async () => {
		const store = t.sandbox.store();
		while (store.listJobs().length < 130) store.createJob(1, { job_type_id: 61 });
		const total = store.listJobs().length;
		t.sandbox.clearLog();
		const { items } = await runKickserv({ resource: 'job', operation: 'getAll', returnAll: true, pagesInParallel: 1 }, t.credentials);
		expect(items).toHaveLength(total);
		expect(new Set(items.map((i) => i.json.job_number)).size).toBe(total);
		expect(t.sandbox.log).toHaveLength(pagesFor(total, jobsPerPage(t.sandbox)));
		expect(t.sandbox.log.every((r) => r.query.per_page === '50')).toBe(true);
	});

	test('payments: the meta object ends the loop (keyed), the empty page does (bare)', async () => {
		const store = t.sandbox.store();
		const job = store.createJob(4, { job_type_id: 61 });
		store.updateJob(job.job_number, { subtotal: '1000.00' });
		for (let i = 0; i < 9; i++) store.createPayment({ type: 'Job', number: job.job_number }, { amount: '1.00' });
		t.sandbox.clearLog();
		const keyed = await runKickserv({ resource: 'payment', operation: 'getAll', parent: 'job', job: rl(job.job_number), returnAll: true, pagesInParallel: 1 }, t.credentials);
		expect(keyed.items).toHaveLength(9);
		expect(t.sandbox.log).toHaveLength(3); // 4 + 4 + 1, meta says page 3 of 3
		t.sandbox.options.listEnvelope = 'bare';
		t.sandbox.clearLog();
		const bare = await runKickserv({ resource: 'payment', operation: 'getAll', parent: 'job', job: rl(job.job_number), returnAll: true, pagesInParallel: 1 }, t.credentials);
		expect(bare.items).toHaveLength(9);
		expect(t.sandbox.log).toHaveLength(3); // the short third page ends it (page size learned)
	});

	test('customers_page ignored: the next page is asked with page=N instead, and used when it works', async () => {
		const sent: Array<Record<string, unknown>> = [];
		t.sandbox.beforeHandle = (req) => {
			if (req.path.endsWith('/customers.json')) {
				sent.push({ ...req.query });
				// a server that pages /customers.json with `page`, like every other list
				req.query.customers_page = first(req.query.page) ?? '1';
			}
		};
		try {
			const total = t.sandbox.store().listCustomers().length;
			const { items } = await runKickserv({ resource: 'customer', operation: 'getAll', returnAll: true, pagesInParallel: 1, simplify: false }, t.credentials);
			expect(items).toHaveLength(total);
			expect(new Set(items.map((i) => i.json.customer_number)).size).toBe(total);
			// page 1, page 2 with customers_page (a repeat), then page=2 onwards
			expect(sent[1]).toEqual({ customers_page: '2' });
			expect(sent.slice(2).every((q) => q.page !== undefined && q.customers_page === undefined)).toBe(true);
			// every page once, the repeated one, and the empty page that ends an exactly full list
			expect(sent).toHaveLength(Math.ceil(total / 7) + 1 + (total % 7 === 0 ? 1 : 0));
		} finally {
			t.sandbox.beforeHandle = undefined;
		}
	});

	test('a server that ignores paging: a short first page is the whole list, no loop', async () => {
		// every request answers page 1, whatever parameter is sent
		t.sandbox.beforeHandle = (req) => {
			if (req.path.endsWith('/customers.json')) req.query = { customers_page: '1' };
		};
		try {
			const { items } = await runKickserv({ resource: 'customer', operation: 'getAll', returnAll: true, pagesInParallel: 1 }, t.credentials);
			expect(items).toHaveLength(7); // shorter than any documented page size: nothing was cut
			expect(t.sandbox.log).toHaveLength(3);
		} finally {
			t.sandbox.beforeHandle = undefined;
		}
	});

	test('a server that ignores paging with a first page that may be cut: an error naming the assumption, no partial list', async () => {
		const store = t.sandbox.store();
		while (store.listJobs().length < 60) store.createJob(1, { job_type_id: 61 });
		t.sandbox.beforeHandle = (req) => {
			if (req.path.endsWith('/jobs.json')) req.query.page = '1';
		};
		try {
			const run = await runKickserv({ resource: 'job', operation: 'getAll', returnAll: true, pagesInParallel: 1 }, t.credentials, { continueOnFail: true });
			expect(run.items).toHaveLength(1);
			expect(String(run.items[0].json.error)).toMatch(/did not answer as this node assumes: the list \/jobs\.json pages with "page", "per_page"/);
			expect(t.sandbox.log).toHaveLength(2);
		} finally {
			t.sandbox.beforeHandle = undefined;
		}
	});

	test('record envelopes: a single record wrapped in its key is unwrapped', async () => {
		t.sandbox.options.recordEnvelope = 'keyed';
		try {
			const { items } = await runKickserv({ resource: 'customer', operation: 'get', customer: rl(1) }, t.credentials);
			expect(items[0].json).toMatchObject({ customer_number: 1 });
			expect(items[0].json).not.toHaveProperty('customer');
		} finally {
			t.sandbox.options.recordEnvelope = 'bare';
		}
		expect(t.sandbox.log[0].path).toBe(`/${SLUG}/customers/1.json`);
	});
});
