import {
	AccountStore,
	formatMoney,
	formatTimestamp,
	generateLarge,
	NotFoundError,
	parseDateTime,
	parseMoney,
	seedDemo,
	ValidationError,
	JOB_STATUSES,
} from '../../sandbox';
import { apiClient, NOW, startSandbox } from './helpers';

function demo(now: Date = NOW): AccountStore {
	const store = new AccountStore({ now: () => now });
	seedDemo(store);
	return store;
}

describe('AccountStore', () => {
	it('formats timestamps in the account offset, money as decimal strings', () => {
		expect(formatTimestamp(NOW.getTime(), -300)).toBe('2026-11-28T10:04:14-05:00');
		expect(formatTimestamp(NOW.getTime(), 330)).toBe('2026-11-28T20:34:14+05:30');
		expect(formatMoney(146427)).toBe('1464.27');
		expect(formatMoney(-50)).toBe('-0.50');
		expect(parseMoney('125.00')).toBe(12500);
		expect(parseMoney(19.99)).toBe(1999);
		expect(parseMoney('1e3')).toBeNaN();
		expect(parseDateTime('2026-12-01', -300)).toBe(Date.parse('2026-12-01T05:00:00Z'));
		expect(parseDateTime('2026-12-01T09:30', -300)).toBe(Date.parse('2026-12-01T14:30:00Z'));
		expect(parseDateTime('2026-12-01T09:30:00Z', -300)).toBe(Date.parse('2026-12-01T09:30:00Z'));
		expect(parseDateTime('2026-02-29', -300)).toBeNaN();
	});

	describe('demo seed', () => {
		const store = demo();

		it('is a small service company', () => {
			const counts = store.counts;
			expect(counts.customers).toBe(40);
			expect(counts.jobs).toBe(60);
			expect(counts.jobTypes).toBe(6);
			expect(store.listEmployees()).toHaveLength(4);
			expect(counts.payments).toBeGreaterThanOrEqual(20);
			expect(counts.payments).toBeLessThanOrEqual(30);
			expect(counts.notes).toBeGreaterThan(10);
			const names = store.listCustomers().map((c) => c.name);
			expect(names).toContain('Clarence');
			expect(names.filter((n) => n.toLowerCase().includes('obert')).length).toBeGreaterThanOrEqual(2);
			expect(new Set(names.map((n) => n[0])).size).toBeGreaterThan(15);
			expect(store.listCustomers().some((c) => !c.is_active)).toBe(true);
		});

		it('has jobs in every status, numbered from 1001, dated around now', () => {
			const jobs = store.listJobs();
			expect(jobs[jobs.length - 1].job_number).toBe(1001);
			expect(jobs[0].job_number).toBe(1060);
			expect(new Set(jobs.map((j) => j.status))).toEqual(new Set(JOB_STATUSES));
			for (const range of ['today', 'tomorrow', 'this_week', 'next_week', 'last_week', 'last_month'] as const) {
				expect(store.queryJobs({ scheduled: range }, 1, 100).jobs.length).toBeGreaterThan(0);
			}
			// creation order follows job numbers, everything is in the past
			for (let i = 1; i < jobs.length; i++) expect(jobs[i].created_at <= jobs[i - 1].created_at).toBe(true);
			for (const j of jobs) expect(Date.parse(j.created_at)).toBeLessThanOrEqual(NOW.getTime());
			expect(jobs.some((j) => j.invoice_status === 'paid')).toBe(true);
			const notes = jobs.flatMap((j) => store.listNotes({ type: 'Job', number: j.job_number }));
			expect(notes.some((n) => n.public)).toBe(true);
			expect(notes.some((n) => !n.public)).toBe(true);
		});

		it('payments: mostly applied to jobs, a few unapplied', () => {
			const all = store.listCustomers().flatMap((c) => store.listPayments({ type: 'Customer', number: c.customer_number }));
			const unapplied = all.filter((p) => p.payment_application_ids.length === 0);
			expect(unapplied.length).toBeGreaterThanOrEqual(2);
			expect(all.length - unapplied.length).toBeGreaterThan(unapplied.length * 3);
		});

		it('is deterministic for the same clock', () => {
			const again = demo();
			expect(again.listCustomers()).toEqual(store.listCustomers());
			expect(again.listJobs({ embed: true })).toEqual(store.listJobs({ embed: true }));
		});

		it('ids are distinct from numbers', () => {
			const customers = store.listCustomers();
			const numbers = new Set(customers.map((c) => c.customer_number));
			for (const c of customers) expect(numbers.has(c.id)).toBe(false);
			const jobs = store.listJobs();
			const jobNumbers = new Set(jobs.map((j) => j.job_number));
			for (const j of jobs) expect(jobNumbers.has(j.id)).toBe(false);
			for (const t of store.jobTypes) {
				expect(numbers.has(t.id)).toBe(false);
				expect(jobNumbers.has(t.id)).toBe(false);
			}
		});
	});

	describe('direct use', () => {
		let store: AccountStore;
		beforeEach(() => {
			store = new AccountStore({ now: () => NOW, utcOffset: '-05:00' });
			store.addJobType('AC Repair', 61);
			store.addEmployee({ first_name: 'Ann', last_name: 'Lee' });
		});

		it('numbers start at 1 (customers) and 100 (jobs) in an empty account', () => {
			const c = store.createCustomer({ name: 'First' });
			expect(c.customer_number).toBe(1);
			expect(c.id).toBeGreaterThanOrEqual(10_000);
			const j = store.createJob(1, { job_type_id: 61 });
			expect(j.job_number).toBe(100);
			expect(j.customer_id).toBe(c.id);
		});

		it('returns copies: mutating a result does not change the store', () => {
			const c = store.createCustomer({ name: 'Copy' });
			c.name = 'Changed';
			expect(store.getCustomer(c.customer_number)?.name).toBe('Copy');
		});

		it('throws ValidationError / NotFoundError', () => {
			expect(() => store.createCustomer({})).toThrow(ValidationError);
			try {
				store.createJob(undefined, {});
			} catch (e) {
				expect(e).toBeInstanceOf(ValidationError);
				expect((e as ValidationError).messages).toEqual(["Job type can't be blank", "Customer can't be blank"]);
				expect((e as ValidationError).fields).toEqual({ job_type: ["can't be blank"], customer: ["can't be blank"] });
			}
			expect(() => store.updateCustomer(42, { name: 'x' })).toThrow(NotFoundError);
			expect(() => store.createNote({ type: 'Job', number: 5 }, { note: 'x' })).toThrow(NotFoundError);
			expect(store.getJob(5)).toBeUndefined();
		});

		it('payments keep job and customer balances in step', () => {
			const c = store.createCustomer({ name: 'Payer' });
			const j = store.createJob(c.customer_number, {
				job_type_id: 61,
				job_charges: [
					{ name: 'Labor', price: '100.00' },
					{ name: 'Part', price: '50.00', quantity: 2, taxable: true },
				],
				tax_rate: 10,
			});
			expect(j).toMatchObject({ subtotal: '200.00', tax: '10.00', total: '210.00', balance_remaining: '210.00' });
			expect(store.getCustomer(c.customer_number)?.balance).toBe('210.00');
			const p = store.createPayment({ type: 'Job', number: j.job_number }, { amount: '210.00' });
			expect(store.getJob(j.job_number)).toMatchObject({ balance_remaining: '0.00', invoice_status: 'paid' });
			store.createPayment({ type: 'Customer', number: c.customer_number }, { amount: '5.00' });
			expect(store.getCustomer(c.customer_number)?.balance).toBe('-5.00');
			store.deletePayment(p.id);
			expect(store.getJob(j.job_number)).toMatchObject({ balance_remaining: '210.00', invoice_status: 'unpaid' });
			expect(store.totalBalanceRemaining).toBe('210.00');
			store.deleteJob(j.job_number);
			expect(store.totalBalanceRemaining).toBe('0.00');
			expect(store.listPayments({ type: 'Customer', number: c.customer_number })).toHaveLength(1);
		});

		it('customer numbers are max+1 of the existing ones', () => {
			store.createCustomer({ name: 'A' });
			const b = store.createCustomer({ name: 'B' });
			store.deleteCustomer(b.customer_number);
			expect(store.createCustomer({ name: 'C' }).customer_number).toBe(2);
		});
	});

	// (how fast is the bench's business: no timed assertion here, these machines are noisy)
	it('generateLarge: 100k customers + 100k jobs, paged anywhere', async () => {
		const store = new AccountStore({ now: () => NOW });
		generateLarge(store, { customers: 100_000, jobs: 100_000 });
		expect(store.counts).toMatchObject({ customers: 100_000, jobs: 100_000 });
		expect(store.queryJobs({}, 1000, 100).jobs).toHaveLength(100);
		expect(store.queryCustomers({}, 4000, 25).map((c) => c.customer_number)).toEqual(
			Array.from({ length: 25 }, (_, i) => 99_976 + i),
		);
		expect(store.queryCustomers({}, 4001, 25)).toEqual([]);
		const last = store.queryJobs({}, 1000, 100).jobs;
		expect(last[last.length - 1].job_number).toBe(100);

		// and over HTTP: deep pages answer quickly
		const { sandbox, baseUrl } = await startSandbox({ accounts: [{ slug: 'big', token: 'big-token', seed: 'empty' }] });
		try {
			generateLarge(sandbox.store(), { customers: 100_000, jobs: 100_000, paymentsPerJob: 0 });
			const api = apiClient(baseUrl, 'big', 'big-token');
			const t2 = Date.now();
			for (let p = 3990; p <= 4001; p++) {
				const res = await api('GET', `/customers.json?customers_page=${p}`);
				expect(res.json.customers).toHaveLength(p <= 4000 ? 25 : 0);
			}
			const deep = await api('GET', '/jobs.json?page=1000&per_page=100');
			expect(deep.json.jobs).toHaveLength(100);
			expect(Date.now() - t2).toBeLessThan(1500);
		} finally {
			await sandbox.stop();
		}
	});
});
