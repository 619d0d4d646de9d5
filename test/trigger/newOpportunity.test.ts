import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/setup';
import { jobNumbers, TriggerUnderTest } from '../harness/trigger';
import { prng } from './prng';
import { type Outcome, randomizedTest, SequenceRun, withRandomAccount } from './random-runner';

/**
 * New Opportunity: a watched job that became an opportunity (status `new`), created as one or turned
 * into one, is emitted once. Examples, then randomized sequences.
 */

const t = useSandbox();
const store = () => t.sandbox.store();
const opportunityTrigger = (extra: IDataObject = {}) =>
	new TriggerUnderTest({ event: 'newOpportunity', jobsToWatch: 250, maxPerPoll: 200, ...extra }, () => t.credentials);

afterEach(() => t.sandbox.clearFaults());

describe('Kickserv Trigger: New Opportunity', () => {
	test('seed emits nothing; a created opportunity and a job turned into one are each emitted once', async () => {
		const job = store().createJob(3, { job_type_id: 61 }).job_number;
		const trigger = opportunityTrigger();
		expect((await trigger.poll()).items).toBeNull();
		const created = store().createOpportunity(4, { job_type_id: 62, description: 'quote' }).job_number;
		store().updateJob(job, { status: 'new' });
		const items = await trigger.emitted();
		expect(jobNumbers(items).sort()).toEqual([job, created].sort());
		expect(items.every((i) => i.json.status === 'new')).toBe(true);
		expect(await trigger.emitted()).toEqual([]);
		store().markOpportunity(created, 'won');
		expect(await trigger.emitted()).toEqual([]);
	});

	test('an opportunity at activation is not new; a failed poll changes nothing', async () => {
		const old = store().createOpportunity(4, { job_type_id: 61 }).job_number;
		const trigger = opportunityTrigger();
		await trigger.poll();
		const fresh = store().createOpportunity(5, { job_type_id: 61 }).job_number;
		const state = trigger.snapshot();
		t.sandbox.addFault({ fault: { kind: 'status', status: 500 }, path: '/jobs.json' });
		expect((await trigger.poll()).error?.httpCode).toBe('500');
		expect(trigger.snapshot()).toBe(state);
		t.sandbox.clearFaults();
		expect(jobNumbers(await trigger.emitted())).toEqual([fresh]);
		expect(jobNumbers(await trigger.emitted())).not.toContain(old);
	});

	test('Fetch Test Event returns the newest opportunity and leaves the state alone', async () => {
		const trigger = opportunityTrigger();
		await trigger.poll();
		const state = trigger.snapshot();
		const newest = store().createOpportunity(6, { job_type_id: 61 }).job_number;
		expect(jobNumbers((await trigger.poll('manual')).items)).toEqual([newest]);
		expect(trigger.snapshot()).toBe(state);
	});
});

async function randomSequence(seed: number): Promise<Outcome> {
	const rnd = prng(seed);
	const steps: string[] = [];
	const problems: string[] = [];
	return await withRandomAccount(async (sandbox, s, credentials) => {
		const customer = () => rnd.int(1, 3);
		for (let i = rnd.int(0, 30); i > 0; i--) {
			if (rnd.chance(0.3)) s.createOpportunity(customer(), { job_type_id: 61 });
			else s.createJob(customer(), { job_type_id: 61 });
		}
		const trigger = new TriggerUnderTest({ event: 'newOpportunity', jobsToWatch: 500, maxPerPoll: rnd.int(1, 20) }, () => credentials);
		const seeded = await trigger.poll();
		if (seeded.error || seeded.items) return { steps, problems: [`seed failed: ${seeded.error?.message ?? 'emitted'}`] };
		const became = new Set<number>();
		const everOpportunity = new Set<number>(s.listJobs().filter((j) => j.status === 'new').map((j) => j.id));
		const emitted: number[] = [];
		const run = new SequenceRun(sandbox, trigger, rnd, { steps, problems, emitted });
		// a job may leave the opportunities (won, lost, deleted) only once the trigger has seen it
		const settled = (id: number) => run.settled(id, became);
		for (let i = rnd.int(6, 18); i > 0; i--) {
			const action = rnd.pick(['jobs', 'opportunity', 'opportunity', 'convert', 'end', 'delete', 'fault', 'restart', 'poll', 'poll', 'poll']);
			const room = s.listJobs().length < 450;
			if (action === 'jobs' && room) {
				const count = rnd.int(1, 20);
				for (let k = 0; k < count; k++) s.createJob(customer(), { job_type_id: 61 });
				steps.push(`create ${count} jobs`);
			} else if (action === 'opportunity' && room) {
				const job = s.createOpportunity(customer(), { job_type_id: 61 });
				became.add(job.id);
				everOpportunity.add(job.id);
				steps.push(`create opportunity ${job.job_number}`);
			} else if (action === 'convert') {
				const candidates = s.listJobs().filter((j) => !everOpportunity.has(j.id));
				if (candidates.length) {
					const job = rnd.pick(candidates);
					s.updateJob(job.job_number, { status: 'new' });
					became.add(job.id);
					everOpportunity.add(job.id);
					steps.push(`turn job ${job.job_number} into an opportunity`);
				}
			} else if (action === 'end') {
				const candidates = s.listJobs().filter((j) => j.status === 'new' && settled(j.id));
				if (candidates.length) {
					const job = rnd.pick(candidates);
					const outcome = rnd.pick(['won', 'lost'] as const);
					s.markOpportunity(job.job_number, outcome);
					steps.push(`mark ${job.job_number} ${outcome}`);
				}
			} else if (action === 'delete') {
				run.deleteSettledJob(became);
			} else {
				await run.sharedMove(action);
			}
		}
		await run.finish(became, 'became opportunities');
		return { steps, problems };
	});
}

describe('Kickserv Trigger: New Opportunity, randomized', () => {
	randomizedTest('every job that became an opportunity after activation is emitted exactly once', 20261203, randomSequence);
});
