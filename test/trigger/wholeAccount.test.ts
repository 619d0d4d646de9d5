import type { IDataObject } from 'n8n-workflow';

import { ids, jobNumbers, TriggerUnderTest } from '../harness/trigger';
import { PAYMENT_MODE } from '../harness/setup';
import { prng } from './prng';
import { type Outcome, randomizedTest, SEQUENCES, SequenceRun, withRandomAccount } from './random-runner';
import { KickservSandbox, type AccountStore } from '../../sandbox';
import type { TestCredential } from '../harness/engine';

/**
 * Watch: Every Open Job (the default): New Payment and Invoice Paid see every job that owes money, Job
 * Status Changed and Job Updated every active job, whatever their age. An account of 2,000 jobs with
 * payments, full payments and status changes on jobs 600 to 1,800 jobs old; then randomized sequences
 * where the window is 25 jobs and most changes land on jobs far older than it.
 */

/** New jobs a randomized sequence creates: fewer than its window of 25. */
const BURST = 24;

let sandbox: KickservSandbox;
let credentials: TestCredential;
let store: AccountStore;

beforeAll(async () => {
	sandbox = new KickservSandbox({ accounts: [{ slug: 'wide', token: 'wide-token', seed: 'empty' }] });
	credentials = { accountSlug: 'wide', apiToken: 'wide-token', baseUrl: await sandbox.start(0) };
	store = sandbox.store();
	store.addJobType('Repair', 61);
	for (let i = 0; i < 5; i++) store.createCustomer({ name: `Customer ${i}` });
	for (let i = 0; i < 2000; i++) store.createJob((i % 5) + 1, { job_type_id: 61, job_charges: [{ name: 'Service', price: '300.00' }] });
});

afterAll(async () => {
	await sandbox.stop();
});

const trigger = (event: string, extra: IDataObject = {}) =>
	new TriggerUnderTest({ event, jobsToWatch: 250, maxPerPoll: 1000, ...(event === 'newPayment' ? PAYMENT_MODE : {}), ...extra }, () => credentials);

async function activated(event: string, extra: IDataObject = {}): Promise<TriggerUnderTest> {
	const t = trigger(event, extra);
	const seed = await t.poll();
	expect(seed.error).toBeUndefined();
	expect(seed.items).toBeNull();
	return t;
}

/** The job `age` jobs below the newest (0 = the newest). */
const jobAged = (age: number) => store.listJobs()[age];

describe('Watch: Every Open Job, 2,000 jobs, changes on jobs 600 to 1,800 jobs old', () => {
	test('New Payment and Invoice Paid emit each payment and each paid invoice exactly once; Recent Jobs Only sees none', async () => {
		const payments = await activated('newPayment', { paymentScope: 'account' });
		const paid = await activated('invoicePaid');
		const recent = await activated('newPayment', { paymentScope: 'account', watch: 'recentJobs' });
		const paymentIds: number[] = [];
		const paidJobs: number[] = [];
		for (let age = 600; age <= 1800; age += 75) {
			const job = jobAged(age);
			paymentIds.push(store.createPayment({ type: 'Job', number: job.job_number }, { amount: '100.00' }).id);
			if (age % 150 === 0) {
				// paid in full, sixty days after the job (the clock is the sandbox's own)
				paymentIds.push(store.createPayment({ type: 'Job', number: job.job_number }, { amount: '200.00' }).id);
				paidJobs.push(job.job_number);
			}
		}
		const emittedPayments = ids((await payments.poll()).items);
		expect(emittedPayments.sort()).toEqual([...paymentIds].sort());
		expect(jobNumbers((await paid.poll()).items).sort()).toEqual([...paidJobs].sort());
		expect((await recent.poll()).items).toBeNull();
		// exactly once: nothing more on the next polls, also after a restart
		payments.restart();
		paid.restart();
		expect((await payments.poll()).items).toBeNull();
		expect((await paid.poll()).items).toBeNull();
	}, 120_000);

	test('Job Status Changed emits each status change of an old active job once, with previous_status; Job Updated too', async () => {
		const status = await activated('jobStatusChanged');
		const updated = await activated('jobUpdated');
		const changed: Array<[number, string, string]> = [];
		for (let age = 650, k = 0; age <= 1800; age += 115, k++) {
			const job = jobAged(age);
			const to = k % 2 ? 'complete' : 'in_progress';
			changed.push([job.job_number, String(job.status), to]);
			store.updateJob(job.job_number, { status: to });
		}
		const items = (await status.poll()).items ?? [];
		expect(items.map((i) => [i.json.job_number, i.json.previous_status, i.json.status]).sort()).toEqual([...changed].sort());
		expect(jobNumbers((await updated.poll()).items).sort()).toEqual(changed.map(([n]) => n).sort());
		status.restart();
		expect((await status.poll()).items).toBeNull();
		expect((await updated.poll()).items).toBeNull();
		// a finished old job reopened comes back onto the active list: a status change too
		const [reopened] = changed.find(([, , to]) => to === 'complete') ?? [];
		store.updateJob(reopened as number, { status: 'scheduled' });
		const again = (await status.poll()).items ?? [];
		expect(again.map((i) => [i.json.job_number, i.json.status])).toEqual([[reopened, 'scheduled']]);
	}, 120_000);

	test('an idle poll reads the window and the account-wide list, and the state stays compact', async () => {
		const t = await activated('newPayment', { paymentScope: 'account' });
		sandbox.clearLog();
		expect((await t.poll()).items).toBeNull();
		const paths = sandbox.log.map((r) => r.path.replace('/wide', ''));
		expect(paths.filter((p) => p === '/invoices.json').length).toBeGreaterThan(0);
		expect(paths.every((p) => p === '/invoices.json' || p === '/jobs.json')).toBe(true);
		// one entry per unpaid job older than the window: about 16 bytes each
		const unpaid = store.listJobs().filter((job) => job.invoice_status === 'unpaid').length;
		expect(t.stateBytes()).toBeLessThan(1024 + unpaid * 24);
	}, 120_000);
});

/* ------------------------------------------------------------------ randomized */

/**
 * Sequences over a small account whose window (25 jobs) sees only the newest jobs: payments, full
 * payments and status changes land mostly on older jobs; faults, restarts and bursts in between.
 */
/**
 * The "new jobs" move: fewer new jobs than the window holds, all sequence long, so that a job created and
 * changed between two polls is seen in the window (docs/KickservTrigger.md: more than Jobs to Watch at
 * once are not).
 */
function newJobsMove(rnd: ReturnType<typeof prng>, newJob: () => unknown, steps: string[]): () => void {
	let created = 0;
	return () => {
		const count = Math.min(rnd.int(1, 12), BURST - created);
		for (let k = 0; k < count; k++) newJob();
		created += count;
		steps.push(`create ${count} jobs`);
	};
}

async function oldJobSequence(seed: number, event: 'newPayment' | 'invoicePaid'): Promise<Outcome> {
	const rnd = prng(seed);
	const steps: string[] = [];
	const problems: string[] = [];
	return await withRandomAccount(async (sb, s, creds) => {
		const newJob = () => s.createJob(rnd.int(1, 3), { job_type_id: 61, job_charges: [{ name: 'Service', price: `${rnd.int(20, 300)}.00` }] });
		for (let i = rnd.int(30, 90); i > 0; i--) newJob();
		const owing = () => s.listJobs().filter((j) => j.invoice_status === 'unpaid' && Number(j.balance_remaining) > 0);
		const t = new TriggerUnderTest(
			{ event, paymentScope: 'account', jobsToWatch: 25, maxPerPoll: rnd.int(1, 20), ...(event === 'newPayment' ? PAYMENT_MODE : {}) },
			() => creds,
		);
		const seeded = await t.poll();
		if (seeded.error || seeded.items) return { steps, problems: [`seed failed: ${seeded.error?.message ?? 'emitted'}`] };
		const expected = new Set<number>();
		const emitted: number[] = [];
		const createJobs = newJobsMove(rnd, newJob, steps);
		const run = new SequenceRun(sb, t, rnd, { steps, problems, emitted });
		for (let i = rnd.int(6, 18); i > 0; i--) {
			const action = rnd.pick(['jobs', 'pay', 'pay', 'pay', 'fault', 'restart', 'poll', 'poll']);
			if (action === 'jobs') {
				createJobs();
			} else if (action === 'pay') {
				for (let k = rnd.int(1, 4); k > 0 && owing().length; k--) {
					const job = rnd.pick(owing());
					const cents = Math.round(Number(job.balance_remaining) * 100);
					const full = cents < 2 || rnd.chance(event === 'invoicePaid' ? 0.6 : 0.3);
					const amount = full ? String(job.balance_remaining) : (Math.floor(cents / 2) / 100).toFixed(2);
					const payment = s.createPayment({ type: 'Job', number: job.job_number }, { amount });
					if (event === 'newPayment') expected.add(payment.id);
					else if (full) expected.add(job.id);
					steps.push(`pay job ${job.job_number} (${s.listJobs().findIndex((j) => j.id === job.id)} jobs old) ${amount}`);
				}
			} else {
				await run.sharedMove(action);
			}
		}
		await run.finish(expected, event === 'newPayment' ? 'created' : 'became paid');
		return { steps, problems };
	});
}

/**
 * Job Status Changed: a job may change several times between two polls, and only its last status is
 * there to see. So each job's emitted changes must chain: the first starts at its status at activation,
 * each starts where the one before ended, none is a change to the same status, and the last ends at its
 * status now (where that differs from the first). A missed change breaks the chain or the end; a repeated
 * one breaks the chain.
 */
async function statusSequence(seed: number): Promise<Outcome> {
	const rnd = prng(seed);
	const steps: string[] = [];
	const problems: string[] = [];
	return await withRandomAccount(async (sb, s, creds) => {
		const newJob = () => s.createJob(rnd.int(1, 3), { job_type_id: 61 });
		for (let i = rnd.int(30, 90); i > 0; i--) newJob();
		const t = new TriggerUnderTest({ event: 'jobStatusChanged', jobsToWatch: 25, maxPerPoll: rnd.int(1, 20) }, () => creds);
		const seeded = await t.poll();
		if (seeded.error || seeded.items) return { steps, problems: [`seed failed: ${seeded.error?.message ?? 'emitted'}`] };
		const atActivation = new Map(s.listJobs().map((job) => [job.id, String(job.status)]));
		const chains = new Map<number, Array<[string, string]>>();
		const createJobs = newJobsMove(rnd, newJob, steps);
		let faulted = false;
		const poll = async () => {
			const result = await t.poll();
			if (result.error) {
				if (!faulted) problems.push(`poll failed without a fault: ${result.error.message}`);
				return 0;
			}
			for (const { json } of result.items ?? []) {
				const chain = chains.get(Number(json.id)) ?? [];
				chain.push([String(json.previous_status), String(json.status)]);
				chains.set(Number(json.id), chain);
			}
			return (result.items ?? []).length;
		};
		const run = new SequenceRun(sb, t, rnd, { steps, problems, emitted: [] });
		for (let i = rnd.int(6, 18); i > 0; i--) {
			const action = rnd.pick(['jobs', 'change', 'change', 'change', 'fault', 'restart', 'poll', 'poll']);
			if (action === 'jobs') {
				createJobs();
			} else if (action === 'change') {
				for (let k = rnd.int(1, 4); k > 0; k--) {
					const job = rnd.pick(s.listJobs().filter((j) => atActivation.has(j.id)));
					// a finished job (complete, canceled) is only reopened: a move between two finished statuses of a
					// job older than the window is in neither list (docs/KickservTrigger.md names it)
					const finished = ['complete', 'canceled'];
					const to = rnd.pick(
						['scheduled', 'in_progress', 'on_hold', 'unscheduled', ...(finished.includes(String(job.status)) ? [] : finished)].filter((x) => x !== job.status),
					);
					s.updateJob(job.job_number, { status: to });
					steps.push(`job ${job.job_number} (${s.listJobs().findIndex((j) => j.id === job.id)} jobs old) ${job.status} -> ${to}`);
				}
			} else if (action === 'poll') {
				await poll();
				steps.push('poll');
			} else {
				if (action === 'fault') faulted = true;
				await run.sharedMove(action);
			}
		}
		sb.clearFaults();
		faulted = false;
		for (let k = 0; k < 100 && ((await poll()) > 0 || k === 0); k++);
		for (const job of s.listJobs()) {
			const start = atActivation.get(job.id);
			if (start === undefined) continue;
			const chain = chains.get(job.id) ?? [];
			let at = start;
			for (const [from, to] of chain) {
				// a reopened job older than the window comes back with previous_status null
				if ((from !== at && from !== 'null') || from === to) problems.push(`job ${job.job_number}: ${from} -> ${to} after ${at}`);
				at = to;
			}
			if (at !== String(job.status)) problems.push(`job ${job.job_number}: ends ${at}, is ${job.status} (emitted ${JSON.stringify(chain)})`);
		}
		return { steps, problems };
	});
}

/** Each sequence reads a 30-120 job account's whole unpaid or active list every poll: a third of the usual count. */
const COUNT = Math.ceil(SEQUENCES / 3);

describe('Watch: Every Open Job, randomized with changes far older than the window', () => {
	randomizedTest('New Payment: every payment on an old job emitted exactly once', 20261205, (seed) => oldJobSequence(seed, 'newPayment'), COUNT);
	randomizedTest('Invoice Paid: every old invoice paid emitted exactly once', 20261206, (seed) => oldJobSequence(seed, 'invoicePaid'), COUNT);
	randomizedTest('Job Status Changed: every status change of an old job emitted once, chained', 20261207, statusSequence, COUNT);
});
