import type { IDataObject } from 'n8n-workflow';

import { RETRY } from '../../nodes/Kickserv/transport/request';
import { KickservSandbox, type AccountStore, type JobRecord } from '../../sandbox';
import type { TestCredential } from '../harness/engine';
import { ids, type TriggerUnderTest } from '../harness/trigger';
import type { prng } from './prng';

/**
 * The driver the randomized exactly-once tests of the newer trigger events share: how many sequences,
 * quick retries, the quiet period that drains the trigger, the check and the failure report.
 */

export const SEQUENCES = Number(process.env.KICKSERV_RANDOM_SEQUENCES ?? 300);

export interface Outcome {
	steps: string[];
	problems: string[];
}

/** `SEQUENCES` sequences from `defaultSeed` (KICKSERV_RANDOM_SEED overrides); the first 3 failing seeds are reported with their steps. */
export function randomizedTest(title: string, defaultSeed: number, sequence: (seed: number) => Promise<Outcome>, count = SEQUENCES): void {
	const base = Number(process.env.KICKSERV_RANDOM_SEED ?? defaultSeed);
	const saved = { ...RETRY };
	beforeAll(() => {
		// retries stay on, only quicker, so hundreds of faults fit in the test's time
		RETRY.baseDelayMs = 1;
		RETRY.maxDelayMs = 5;
	});
	afterAll(() => {
		Object.assign(RETRY, saved);
	});
	test(`${count} random sequences: ${title}`, async () => {
		const failures: IDataObject[] = [];
		for (let i = 0; i < count; i++) {
			const { steps, problems } = await sequence(base + i);
			if (problems.length) {
				failures.push({ seed: base + i, steps, problems });
				if (failures.length >= 3) break;
			}
		}
		if (failures.length) {
			throw new Error(`exactly-once violated; rerun one with KICKSERV_RANDOM_SEED=<seed> KICKSERV_RANDOM_SEQUENCES=1:\n${JSON.stringify(failures, null, 1)}`);
		}
	}, 600_000);
}

/**
 * A fresh sandbox account for one job-based sequence (job type 61 "Repair", customers 1 to 3), stopped
 * when the sequence ends, however it ends.
 */
export async function withRandomAccount(
	sequence: (sandbox: KickservSandbox, store: AccountStore, credentials: TestCredential) => Promise<Outcome>,
): Promise<Outcome> {
	const sandbox = new KickservSandbox({ accounts: [{ slug: 'random', token: 'random-token', seed: 'empty' }] });
	const credentials: TestCredential = { accountSlug: 'random', apiToken: 'random-token', baseUrl: await sandbox.start(0) };
	try {
		const store = sandbox.store();
		store.addJobType('Repair', 61);
		for (let i = 0; i < 3; i++) store.createCustomer({ name: `Customer ${i}` });
		return await sequence(sandbox, store, credentials);
	} finally {
		await sandbox.stop();
	}
}

/** One of the faults a sequence injects. */
export const randomFault = (rnd: ReturnType<typeof prng>) =>
	rnd.pick([{ kind: 'status' as const, status: 500 }, { kind: 'status' as const, status: 429, retryAfter: 0 }, { kind: 'drop' as const }]);

/** Polls until a poll brings nothing new (at least two polls), at most `max` times. */
export async function drain(poll: () => Promise<void>, emitted: () => number, max = 1000): Promise<void> {
	for (let k = 0; k < max; k++) {
		const before = emitted();
		await poll();
		if (emitted() === before && k > 0) break;
	}
}

/** A problem when the emitted ids are not exactly the expected ones, each once. */
export function notExactlyOnce(emitted: Iterable<number>, expected: Iterable<number>, what: string): string | undefined {
	const sorted = (list: Iterable<number>) => JSON.stringify([...list].sort((x, y) => x - y));
	return sorted(emitted) === sorted(expected) ? undefined : `emitted ${sorted(emitted)} ${what} ${sorted(expected)}`;
}

/**
 * One sequence's shared moves, over the trigger under test: a poll (a failure is a problem unless a
 * fault was injected), the moves every event's sequence makes (a fault on one of the next requests, a
 * restart, a poll), and the end (faults off, the trigger drained, exactly once, small state).
 */
export class SequenceRun {
	private faulted = false;

	constructor(
		private readonly sandbox: KickservSandbox,
		private readonly trigger: TriggerUnderTest,
		private readonly rnd: ReturnType<typeof prng>,
		private readonly record: { steps: string[]; problems: string[]; emitted: number[] },
	) {}

	poll = async (): Promise<void> => {
		const run = await this.trigger.poll();
		if (run.error) {
			if (!this.faulted) this.record.problems.push(`poll failed without a fault: ${run.error.message}`);
			return;
		}
		this.record.emitted.push(...ids(run.items));
	};

	/** A fault, a restart, or (for any other action) a poll. */
	async sharedMove(action: string): Promise<void> {
		const { steps } = this.record;
		if (action === 'fault') {
			const fault = randomFault(this.rnd);
			this.sandbox.addFault({ fault, nth: this.rnd.int(1, 4) });
			this.faulted = true;
			steps.push(`fault ${JSON.stringify(fault)}`);
		} else if (action === 'restart') {
			this.trigger.restart();
			steps.push('restart');
		} else {
			await this.poll();
			steps.push('poll');
		}
	}

	/**
	 * Whether a job may leave what the event watches for (be deleted, won, lost): not one that became
	 * it (`became`) until the trigger has emitted it, else it was never there for the trigger to see.
	 */
	settled = (id: number, became: ReadonlySet<number>): boolean => !became.has(id) || this.record.emitted.includes(id);

	/** The delete move: one job, picked among the settled ones, deleted (none when there is none). */
	deleteSettledJob(became: ReadonlySet<number>): void {
		const store = this.sandbox.store();
		const candidates: JobRecord[] = store.listJobs().filter((job) => this.settled(job.id, became));
		if (!candidates.length) return;
		const job = this.rnd.pick(candidates);
		store.deleteJob(job.job_number);
		this.record.steps.push(`delete job ${job.job_number}`);
	}

	/** Faults off, the trigger drained; a problem unless exactly `expected` came out, once each, in a small state. */
	async finish(expected: Iterable<number>, what: string): Promise<void> {
		const { emitted, problems } = this.record;
		this.sandbox.clearFaults();
		this.faulted = false;
		await drain(this.poll, () => emitted.length);
		const problem = notExactlyOnce(emitted, expected, what);
		if (problem) problems.push(problem);
		if (this.trigger.stateBytes() >= 16 * 1024) problems.push(`state too large: ${this.trigger.stateBytes()} bytes`);
	}
}
