import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/setup';
import { jobNumbers, TriggerUnderTest } from '../harness/trigger';
import { prng } from './prng';
import { type Outcome, randomizedTest, SequenceRun, withRandomAccount } from './random-runner';

/**
 * Invoice Paid: a watched job whose invoice became paid is emitted once. Examples, then randomized
 * sequences of new jobs, partial and full payments, deletes, faults, restarts and polls.
 */

const t = useSandbox();
const store = () => t.sandbox.store();
const invoiced = (price = '200.00') => store().createJob(2, { job_type_id: 61, job_charges: [{ name: 'Service', price }] }).job_number;
const pay = (jobNumber: number, amount: string) => store().createPayment({ type: 'Job', number: jobNumber }, { amount });
const paidTrigger = (extra: IDataObject = {}) =>
	new TriggerUnderTest({ event: 'invoicePaid', jobsToWatch: 250, maxPerPoll: 200, ...extra }, () => t.credentials);

afterEach(() => t.sandbox.clearFaults());

describe('Kickserv Trigger: Invoice Paid', () => {
	test('seed emits nothing; a full payment emits the job once, a partial one nothing', async () => {
		const a = invoiced();
		const b = invoiced();
		const trigger = paidTrigger();
		expect((await trigger.poll()).items).toBeNull();
		pay(a, '50.00');
		expect(await trigger.emitted()).toEqual([]);
		pay(a, '150.00');
		pay(b, '20.00');
		const items = await trigger.emitted();
		expect(jobNumbers(items)).toEqual([a]);
		expect(items[0].json).toMatchObject({ invoice_status: 'paid', balance_remaining: '0.00' });
		expect(items[0].json.customer).toBeUndefined();
		expect(await trigger.emitted()).toEqual([]);
	});

	test('already paid at activation: not emitted; a job created and paid between polls: emitted', async () => {
		const old = invoiced();
		pay(old, '200.00');
		const trigger = paidTrigger();
		await trigger.poll();
		const fresh = invoiced('80.00');
		pay(fresh, '80.00');
		expect(jobNumbers(await trigger.emitted())).toEqual([fresh]);
		expect(await trigger.emitted()).toEqual([]);
	});

	test('a failed poll changes nothing; the next one emits; Max Items per Poll carries the rest', async () => {
		const trigger = paidTrigger({ maxPerPoll: 2 });
		await trigger.poll();
		const jobs = [invoiced(), invoiced(), invoiced()];
		for (const job of jobs) pay(job, '200.00');
		const before = trigger.snapshot();
		t.sandbox.addFault({ fault: { kind: 'status', status: 500 }, path: '/jobs.json' });
		expect((await trigger.poll()).error?.httpCode).toBe('500');
		expect(trigger.snapshot()).toBe(before);
		const first = jobNumbers(await trigger.emitted());
		const second = jobNumbers(await trigger.emitted());
		expect(first).toHaveLength(2);
		expect([...first, ...second].sort()).toEqual([...jobs].sort());
		expect(await trigger.emitted()).toEqual([]);
	});

	test('Fetch Test Event returns the newest paid job and leaves the state alone', async () => {
		const trigger = paidTrigger();
		await trigger.poll();
		const state = trigger.snapshot();
		const job = invoiced();
		pay(job, '200.00');
		const sample = await trigger.poll('manual');
		expect(jobNumbers(sample.items)).toEqual([job]);
		expect(trigger.snapshot()).toBe(state);
	});
});

async function randomSequence(seed: number): Promise<Outcome> {
	const rnd = prng(seed);
	const steps: string[] = [];
	const problems: string[] = [];
	return await withRandomAccount(async (sandbox, s, credentials) => {
		const newJob = () => s.createJob(rnd.int(1, 3), { job_type_id: 61, job_charges: [{ name: 'Service', price: `${rnd.int(20, 300)}.00` }] });
		const unpaid = () => s.listJobs().filter((j) => j.invoice_status === 'unpaid' && Number(j.balance_remaining) > 0);
		for (let i = rnd.int(0, 30); i > 0; i--) newJob();
		for (const job of unpaid()) if (rnd.chance(0.3)) s.createPayment({ type: 'Job', number: job.job_number }, { amount: job.balance_remaining });
		const trigger = new TriggerUnderTest({ event: 'invoicePaid', jobsToWatch: 500, maxPerPoll: rnd.int(1, 20) }, () => credentials);
		const seeded = await trigger.poll();
		if (seeded.error || seeded.items) return { steps, problems: [`seed failed: ${seeded.error?.message ?? 'emitted'}`] };
		const becamePaid = new Set<number>();
		const emitted: number[] = [];
		const run = new SequenceRun(sandbox, trigger, rnd, { steps, problems, emitted });
		for (let i = rnd.int(6, 18); i > 0; i--) {
			const action = rnd.pick(['jobs', 'partial', 'full', 'full', 'newAndPaid', 'delete', 'fault', 'restart', 'poll', 'poll', 'poll']);
			const open = unpaid();
			if (action === 'jobs') {
				const count = rnd.int(1, 20);
				for (let k = 0; k < count && s.listJobs().length < 450; k++) newJob();
				steps.push(`create ${count} jobs`);
			} else if (action === 'partial' && open.length) {
				const job = rnd.pick(open);
				const cents = Math.round(Number(job.balance_remaining) * 100);
				if (cents > 1) s.createPayment({ type: 'Job', number: job.job_number }, { amount: (Math.floor(cents / 2) / 100).toFixed(2) });
				steps.push(`part-pay job ${job.job_number}`);
			} else if (action === 'full' && open.length) {
				const job = rnd.pick(open);
				s.createPayment({ type: 'Job', number: job.job_number }, { amount: job.balance_remaining });
				becamePaid.add(job.id);
				steps.push(`pay job ${job.job_number}`);
			} else if (action === 'newAndPaid' && s.listJobs().length < 450) {
				const job = newJob();
				s.createPayment({ type: 'Job', number: job.job_number }, { amount: job.balance_remaining });
				becamePaid.add(job.id);
				steps.push(`create and pay job ${job.job_number}`);
			} else if (action === 'delete') {
				// only jobs whose payment was already emitted, or that are not paid: a job paid and deleted
				// before any poll could see it never became paid for the trigger
				run.deleteSettledJob(becamePaid);
			} else {
				await run.sharedMove(action);
			}
		}
		await run.finish(becamePaid, 'became paid');
		return { steps, problems };
	});
}

describe('Kickserv Trigger: Invoice Paid, randomized', () => {
	randomizedTest('every invoice paid after activation is emitted exactly once', 20261201, randomSequence);
});
