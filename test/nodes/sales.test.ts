/**
 * Invoice and Opportunity through n8n's engine against the sandbox: the invoice list with its total
 * balance, and the two-step opportunity create with an error that says which step failed.
 */
import { searchOpportunities } from '../../nodes/Kickserv/methods';
import { runKickserv, runLoadOptions } from '../harness/engine';
import { useSandbox } from '../harness/setup';

const t = useSandbox({ listPageSize: 5 });
const rl = (value: string | number, mode = 'id') => ({ __rl: true, mode, value: String(value) });
const cents = (money: unknown) => Math.round(Number(money) * 100);

describe('Invoice', () => {
	test('Get Many unpaid: every page, the total balance of all matches on every item', async () => {
		const expected = t.sandbox.store().queryInvoices('unpaid', 1, 10_000);
		const { items, error } = await runKickserv({ resource: 'invoice', operation: 'getAll', invoiceStatus: 'unpaid', returnAll: true, simplify: false }, t.credentials);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.job_number)).toEqual(expected.invoices.map((i) => i.job_number));
		expect(items.length).toBeGreaterThan(5); // more than one page
		// a bare-array list (the `envelopes` alternative) has no place for the total: the items come without it
		const keyed = t.sandbox.options.listEnvelope === 'keyed';
		// on every row, so that n8n's table shows the column on its first page and any item can be read
		expect(items.map((i) => i.json.total_balance_remaining)).toEqual(items.map(() => (keyed ? expected.totalBalanceRemaining : undefined)));
		expect(cents(expected.totalBalanceRemaining)).toBe(expected.invoices.reduce((s, i) => s + cents(i.balance_remaining), 0));
		expect(t.sandbox.log.every((r) => r.query.invoice_status === 'unpaid')).toBe(true);
	});

	test('Get Many paid with a Limit, simplified; All sends no status filter', async () => {
		const paid = await runKickserv({ resource: 'invoice', operation: 'getAll', invoiceStatus: 'paid', limit: 3 }, t.credentials);
		expect(paid.items).toHaveLength(3);
		expect(paid.items.every((i) => i.json.invoice_status === 'paid')).toBe(true);
		expect(paid.items.every((i) => 'total_balance_remaining' in i.json)).toBe(t.sandbox.options.listEnvelope === 'keyed');
		expect(Object.keys(paid.items[0].json)).not.toContain('created_at');
		t.sandbox.clearLog();
		await runKickserv({ resource: 'invoice', operation: 'getAll', invoiceStatus: 'all', limit: 1 }, t.credentials);
		expect(t.sandbox.log[0].query.invoice_status).toBeUndefined();
	});
});

describe('Opportunity', () => {
	test('Create: a job for the customer, then status New; listed among the new opportunities', async () => {
		const { items, error } = await runKickserv(
			{ resource: 'opportunity', operation: 'create', customer: rl(5), jobTypeId: 64, additionalFields: { description: 'Quote a heat pump' } },
			t.credentials,
		);
		expect(error).toBeUndefined();
		const number = items[0].json.job_number as number;
		expect(items[0].json).toMatchObject({ status: 'new', description: 'Quote a heat pump', job_type_id: 64 });
		expect(t.requests()).toEqual(['POST /customers/5/jobs.json', `PUT /jobs/${number}.json`]);
		expect(t.sandbox.log[1].body).toEqual({ job: { status: 'new' } });
		const list = await runKickserv({ resource: 'opportunity', operation: 'getAll', filters: { status: 'new' }, limit: 1 }, t.credentials);
		expect(list.items[0].json.job_number).toBe(number);
	});

	test('Create: when step 2 fails, the error says so and that the job exists', async () => {
		const before = t.sandbox.store().nextNumbers.jobNumber;
		t.sandbox.addFault({ method: 'PUT', path: /\/jobs\/\d+\.json$/, fault: { kind: 'status', status: 500 } });
		const { error } = await runKickserv({ resource: 'opportunity', operation: 'create', customer: rl(5), jobTypeId: 61 }, t.credentials);
		expect(error?.message).toMatch(new RegExp(`^Step 2 of 2 \\(set job ${before} to status New\\) failed: `));
		expect(error?.description).toContain(`Job ${before} was created and still exists with status "unscheduled"`);
		expect((error as { httpCode?: string }).httpCode).toBe('500');
		expect(t.sandbox.store().getJob(before)?.status).toBe('unscheduled');
	});

	test('Create: when step 1 fails, nothing exists and the error says so', async () => {
		const counts = t.sandbox.store().counts;
		const { error } = await runKickserv({ resource: 'opportunity', operation: 'create', customer: rl(99_999), jobTypeId: 61 }, t.credentials);
		expect(error?.message).toMatch(/^Step 1 of 2 \(create the job\) failed: /);
		expect(error?.description).toContain('No opportunity was set up.');
		expect(t.sandbox.store().counts).toEqual(counts);
	});

	test('Mark as Won and Mark as Lost; a job that is no opportunity is refused, naming its status, before any change', async () => {
		const store = t.sandbox.store();
		const a = store.createOpportunity(6, { job_type_id: 61 });
		const b = store.createOpportunity(6, { job_type_id: 62 });
		const won = await runKickserv({ resource: 'opportunity', operation: 'markWon', job: rl(a.job_number) }, t.credentials);
		expect(won.items[0].json).toMatchObject({ job_number: a.job_number, status: 'won' });
		expect(t.requests()).toEqual([`GET /jobs/${a.job_number}.json`, `PUT /opportunities/${a.job_number}/mark_as_won.json`]);
		const lost = await runKickserv({ resource: 'opportunity', operation: 'markLost', job: rl(b.job_number), simplify: true }, t.credentials);
		expect(lost.items[0].json).toMatchObject({ status: 'lost' });
		const byStatus = await runKickserv({ resource: 'opportunity', operation: 'getAll', filters: { status: 'won' }, returnAll: true }, t.credentials);
		expect(byStatus.items.map((i) => i.json.job_number)).toContain(a.job_number);
		expect(byStatus.items.every((i) => i.json.status === 'won')).toBe(true);
		const plain = store.listJobs().find((j) => j.status === 'complete')!;
		t.sandbox.clearLog();
		const refused = await runKickserv({ resource: 'opportunity', operation: 'markWon', job: rl(plain.job_number) }, t.credentials);
		expect(refused.error?.message).toBe(`Job ${plain.job_number} is not an opportunity: its status is "complete"`);
		expect(refused.error?.description).toMatch(/^Mark as Won takes an open opportunity \(a job with status New\); nothing was changed/);
		expect(t.requests()).toEqual([`GET /jobs/${plain.job_number}.json`]);
		expect(store.getJob(plain.job_number)?.status).toBe('complete');
		// a lost opportunity is no longer open either
		const again = await runKickserv({ resource: 'opportunity', operation: 'markWon', job: rl(b.job_number) }, t.credentials);
		expect(again.error?.message).toBe(`Job ${b.job_number} is not an opportunity: its status is "lost"`);
	});

	test('the Mark as Won picker lists open opportunities only, and finds one by number', async () => {
		const store = t.sandbox.store();
		const open = store.createOpportunity(7, { job_type_id: 61, description: 'Quote a new furnace' });
		const listed = await runLoadOptions(searchOpportunities, t.credentials);
		const numbers = listed.results.map((r) => Number(r.value));
		expect(numbers).toContain(open.job_number);
		expect(numbers.every((n) => store.getJob(n)?.status === 'new')).toBe(true);
		const plain = store.listJobs().find((j) => j.status === 'canceled' || j.status === 'complete')!;
		expect(numbers).not.toContain(plain.job_number);
		expect((await runLoadOptions(searchOpportunities, t.credentials, {}, String(open.job_number))).results.map((r) => r.value)).toEqual([String(open.job_number)]);
		expect((await runLoadOptions(searchOpportunities, t.credentials, {}, String(plain.job_number))).results).toEqual([]);
		// text filters the labels ("#1061 Furnace Tune-Up (new)")
		const label = listed.results.find((r) => r.value === String(open.job_number))!.name;
		const words = label.replace(/^#\d+ /, '').replace(/ \(new\)$/, '');
		const byText = await runLoadOptions(searchOpportunities, t.credentials, {}, words.toUpperCase());
		expect(byText.results.map((r) => r.value)).toContain(String(open.job_number));
		expect(byText.results.every((r) => r.name.toLowerCase().includes(words.toLowerCase()))).toBe(true);
	});

	test('bad input is refused before any request', async () => {
		for (const [params, message] of [
			[{ operation: 'create', customer: rl(5), jobTypeId: -1 }, /^Job Type must be/],
			[{ operation: 'getAll', limit: 5, filters: { status: 'open' } }, /^Status must be one of "lost" \(Lost\), "new" \(New\), "won" \(Won\)/],
		] as const) {
			const { error } = await runKickserv({ resource: 'opportunity', ...params }, t.credentials);
			expect(error?.message).toMatch(message);
		}
		expect(t.sandbox.log).toHaveLength(0);
	});
});
