import type { IDataObject } from 'n8n-workflow';

import { KickservSandbox } from '../../sandbox';
import { RETRY } from '../../nodes/Kickserv/transport/request';
import type { TestCredential } from '../harness/engine';
import { ids, jobNumbers, TriggerUnderTest } from '../harness/trigger';
import { PAYMENT_MODE } from '../harness/setup';
import { prng } from './prng';

/**
 * Randomized sequences of creates, deletes, payments, faults, restarts and polls against the New Job
 * and New Payment triggers. After each sequence, every job and payment created after activation has
 * been emitted exactly once: the multiset of emitted ids equals the set of created ids.
 */

const SEQUENCES = Number(process.env.KICKSERV_RANDOM_SEQUENCES ?? 300);
const BASE_SEED = Number(process.env.KICKSERV_RANDOM_SEED ?? 20261128);

const TOKEN = 'random-token';
let sandbox: KickservSandbox;
let credentials: TestCredential;
const saved = { ...RETRY };

beforeAll(async () => {
	// retries stay on, only quicker, so hundreds of faults fit in the test's time
	RETRY.baseDelayMs = 1;
	RETRY.maxDelayMs = 5;
});

afterAll(() => {
	Object.assign(RETRY, saved);
});

async function freshAccount() {
	sandbox = new KickservSandbox({ accounts: [{ slug: 'random', token: TOKEN, seed: 'empty' }] });
	credentials = { accountSlug: 'random', apiToken: TOKEN, baseUrl: await sandbox.start(0) };
	const store = sandbox.store();
	store.addJobType('Repair', 61);
	for (let i = 0; i < 4; i++) store.createCustomer({ name: `Customer ${i}` });
}

type Step = string;

async function runSequence(seed: number): Promise<{ steps: Step[]; problems: string[] }> {
	const rnd = prng(seed);
	await freshAccount();
	const store = sandbox.store();
	const steps: Step[] = [];
	const charge = () => [{ name: 'Service', price: `${rnd.int(50, 500)}.00` }];
	const newJob = () => store.createJob(rnd.int(1, 4), { job_type_id: 61, job_charges: charge() });
	// history before activation
	for (let i = rnd.int(0, 40); i > 0; i--) newJob();
	for (let i = rnd.int(0, 10); i > 0 && store.listJobs().length; i--) {
		store.createPayment({ type: 'Job', number: rnd.pick(store.listJobs()).job_number }, { amount: '5.00' });
	}
	const jobsTrigger = new TriggerUnderTest({ event: 'newJob', maxPerPoll: rnd.int(1, 60) }, () => credentials);
	const paymentsTrigger = new TriggerUnderTest(
		{ event: 'newPayment', paymentScope: 'account', jobsToWatch: 500, maxPerPoll: rnd.int(1, 20), ...PAYMENT_MODE },
		() => credentials,
	);
	for (const trigger of [jobsTrigger, paymentsTrigger]) {
		const seeded = await trigger.poll();
		if (seeded.error || seeded.items) return { steps, problems: [`seed failed: ${seeded.error?.message ?? 'emitted'}`] };
	}
	const createdJobs: number[] = [];
	const createdPayments: number[] = [];
	const emittedJobs: number[] = [];
	const emittedPayments: number[] = [];
	const unemittedPaymentsOf = (jobNumber: number) =>
		store
			.listPayments({ type: 'Job', number: jobNumber })
			.some((p) => createdPayments.includes(p.id) && !emittedPayments.includes(p.id));
	const poll = async (trigger: TriggerUnderTest, into: number[], key: 'id' | 'job_number') => {
		const run = await trigger.poll();
		if (run.error) return run.error.message;
		into.push(...(key === 'id' ? ids(run.items) : jobNumbers(run.items)).map(Number));
		return undefined;
	};
	let faulted = false;
	const problems: string[] = [];
	for (let i = rnd.int(6, 18); i > 0; i--) {
		const action = rnd.pick(['jobs', 'jobs', 'payment', 'payment', 'delete', 'fault', 'restart', 'poll', 'poll', 'poll', 'twice']);
		if (action === 'jobs') {
			const count = rnd.int(1, 30);
			for (let k = 0; k < count && store.listJobs().length < 450; k++) createdJobs.push(newJob().id);
			steps.push(`create ${count} jobs`);
		} else if (action === 'payment' && store.listJobs().length) {
			const job = rnd.pick(store.listJobs().slice(0, 450));
			createdPayments.push(store.createPayment({ type: 'Job', number: job.job_number }, { amount: `${rnd.int(1, 40)}.00` }).id);
			steps.push(`pay job ${job.job_number}`);
		} else if (action === 'delete') {
			// only jobs whose creation and payments were already emitted (or that predate activation):
			// a record deleted before any poll could see it is not "created" for the trigger
			const candidates = store
				.listJobs()
				.filter((j) => (!createdJobs.includes(j.id) || emittedJobs.includes(j.id)) && !unemittedPaymentsOf(j.job_number));
			if (candidates.length) {
				const job = rnd.pick(candidates);
				for (const p of store.listPayments({ type: 'Job', number: job.job_number })) {
					const at = createdPayments.indexOf(p.id);
					if (at >= 0 && emittedPayments.includes(p.id)) {
						// stays counted: it was created and emitted
					} else if (at >= 0) createdPayments.splice(at, 1);
				}
				store.deleteJob(job.job_number);
				steps.push(`delete job ${job.job_number}`);
			}
		} else if (action === 'fault') {
			const fault = rnd.pick([
				{ kind: 'status' as const, status: 500 },
				{ kind: 'status' as const, status: 429, retryAfter: 0 },
				{ kind: 'status' as const, status: 503 },
				{ kind: 'drop' as const },
			]);
			sandbox.addFault({ fault, nth: rnd.int(1, 4) });
			faulted = true;
			steps.push(`fault ${JSON.stringify(fault)}`);
		} else if (action === 'restart') {
			jobsTrigger.restart();
			paymentsTrigger.restart();
			steps.push('restart');
		} else {
			const times = action === 'twice' ? 2 : 1;
			for (let k = 0; k < times; k++) {
				const a = await poll(jobsTrigger, emittedJobs, 'id');
				const b = await poll(paymentsTrigger, emittedPayments, 'id');
				for (const error of [a, b]) if (error && !faulted) problems.push(`poll failed without a fault: ${error}`);
			}
			steps.push(times === 2 ? 'poll twice' : 'poll');
		}
	}
	// quiet period: no faults, poll until both triggers are drained
	sandbox.clearFaults();
	for (let k = 0; k < 200; k++) {
		const before = emittedJobs.length + emittedPayments.length;
		for (const [trigger, into] of [
			[jobsTrigger, emittedJobs],
			[paymentsTrigger, emittedPayments],
		] as const) {
			const error = await poll(trigger, into, 'id');
			if (error) problems.push(`poll failed in the quiet period: ${error}`);
		}
		if (emittedJobs.length + emittedPayments.length === before && k > 0) break;
	}
	const sorted = (list: number[]) => [...list].sort((x, y) => x - y);
	if (JSON.stringify(sorted(emittedJobs)) !== JSON.stringify(sorted(createdJobs))) {
		problems.push(`jobs: emitted ${JSON.stringify(sorted(emittedJobs))} created ${JSON.stringify(sorted(createdJobs))}`);
	}
	if (JSON.stringify(sorted(emittedPayments)) !== JSON.stringify(sorted(createdPayments))) {
		problems.push(`payments: emitted ${JSON.stringify(sorted(emittedPayments))} created ${JSON.stringify(sorted(createdPayments))}`);
	}
	for (const trigger of [jobsTrigger, paymentsTrigger]) {
		const bytes = trigger.stateBytes();
		if (bytes >= 16 * 1024) problems.push(`state too large: ${bytes} bytes`);
	}
	await sandbox.stop();
	return { steps, problems };
}

test(`${SEQUENCES} random sequences: every created job and payment is emitted exactly once`, async () => {
	const failures: IDataObject[] = [];
	for (let i = 0; i < SEQUENCES; i++) {
		const seed = BASE_SEED + i;
		const { steps, problems } = await runSequence(seed);
		if (problems.length) {
			failures.push({ seed, steps, problems });
			if (failures.length >= 3) break;
		}
	}
	if (failures.length) {
		throw new Error(
			`exactly-once violated; rerun one with KICKSERV_RANDOM_SEED=<seed> KICKSERV_RANDOM_SEQUENCES=1:\n${JSON.stringify(failures, null, 1)}`,
		);
	}
}, 600_000);
