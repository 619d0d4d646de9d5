import { runKickserv } from '../harness/engine';
import { SLUG, useSandbox } from '../harness/setup';

const t = useSandbox();
const rl = (value: string | number, mode = 'id') => ({ __rl: true, mode, value: String(value) });

function unpaidJob() {
	const store = t.sandbox.store();
	const job = store.createJob(3, { job_type_id: 62, description: 'tune-up' });
	store.updateJob(job.job_number, { subtotal: '300.00' });
	return store.getJob(job.job_number)!;
}

describe('Payment', () => {
	test('Create goes through the job, so Kickserv applies it; amount and date are normalised', async () => {
		const job = unpaidJob();
		t.sandbox.clearLog();
		const { items, error } = await runKickserv(
			{
				resource: 'payment',
				operation: 'create',
				job: rl(job.job_number),
				amount: '125.5',
				date: '2026-11-28T15:00:00',
				additionalFields: { payment_type: 'Check', ref_number: '10452' },
			},
			t.credentials,
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ amount: '125.50', date: '2026-11-28', payment_type: 'Check', ref_number: '10452' });
		expect((items[0].json.payment_application_ids as number[]).length).toBeGreaterThan(0);
		expect(t.sandbox.log[0]).toMatchObject({
			method: 'POST',
			path: `/${SLUG}/jobs/${job.job_number}/payments.json`,
			body: { payment: { amount: '125.50', date: '2026-11-28', payment_type: 'Check', ref_number: '10452' } },
		});
		expect(t.sandbox.store().listPayments({ type: 'Job', number: job.job_number })).toHaveLength(1);
	});

	test('Get of a customer payment copes with the 204 No Content quirk', async () => {
		const job = unpaidJob();
		const payment = t.sandbox.store().createPayment({ type: 'Job', number: job.job_number }, { amount: '20.00' });
		t.sandbox.clearLog();
		const { items, error } = await runKickserv(
			{ resource: 'payment', operation: 'get', parent: 'customer', customer: rl(3), paymentId: String(payment.id) },
			t.credentials,
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: payment.id, amount: '20.00' });
		expect(t.sandbox.log[0]).toMatchObject({ path: `/${SLUG}/customers/3/payments/${payment.id}.json`, status: 204 });
		expect(t.sandbox.log.slice(1).every((r) => r.path === `/${SLUG}/customers/3/payments.json`)).toBe(true);
		const viaJob = await runKickserv(
			{ resource: 'payment', operation: 'get', parent: 'job', job: rl(job.job_number), paymentId: String(payment.id) },
			t.credentials,
		);
		expect(viaJob.items[0].json).toMatchObject({ id: payment.id });
	});

	test('Get Many reads a job\'s or a customer\'s payments; Update and Delete go through the job', async () => {
		const job = unpaidJob();
		const store = t.sandbox.store();
		const a = store.createPayment({ type: 'Job', number: job.job_number }, { amount: '10.00' });
		store.createPayment({ type: 'Job', number: job.job_number }, { amount: '15.00' });
		const list = await runKickserv({ resource: 'payment', operation: 'getAll', parent: 'job', job: rl(job.job_number), returnAll: true }, t.credentials);
		expect(list.items.map((i) => i.json.amount).sort()).toEqual(['10.00', '15.00']);
		const byCustomer = await runKickserv({ resource: 'payment', operation: 'getAll', parent: 'customer', customer: rl(3), returnAll: true }, t.credentials);
		expect(byCustomer.items.length).toBe(store.listPayments({ type: 'Customer', number: 3 }).length);
		const updated = await runKickserv(
			{ resource: 'payment', operation: 'update', job: rl(job.job_number), paymentId: String(a.id), updateFields: { notes: 'late fee waived' } },
			t.credentials,
		);
		expect(updated.items[0].json).toMatchObject({ id: a.id, notes: 'late fee waived' });
		const deleted = await runKickserv({ resource: 'payment', operation: 'delete', job: rl(job.job_number), paymentId: String(a.id) }, t.credentials);
		expect(deleted.items[0].json).toMatchObject({ deleted: true, id: a.id });
		expect(store.getPayment(a.id)).toBeUndefined();
	});

	test('bad amounts and dates are refused before any request', async () => {
		for (const [amount, message] of [
			['0', /^Amount must be an amount greater than 0/],
			['-5', /^Amount must be/],
			['12.345', /^Amount must be/],
		] as const) {
			const { error } = await runKickserv({ resource: 'payment', operation: 'create', job: rl(1001), amount }, t.credentials);
			expect(error?.message).toMatch(message);
		}
		const { error } = await runKickserv({ resource: 'payment', operation: 'create', job: rl(1001), amount: '5', date: '2026-02-30' }, t.credentials);
		expect(error?.message).toBe('Date must be a date like 2026-11-28 (got "2026-02-30")');
		expect(t.sandbox.log).toHaveLength(0);
	});
});
