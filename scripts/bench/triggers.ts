/**
 * The trigger's cost with Watch: Every Open Job (`npm run bench`, section 3b): New Payment, Invoice Paid
 * and Job Status Changed over accounts with 100, 1,000 and 5,000 open jobs (unpaid invoices, active
 * jobs) older than the 250-job window. Requests per poll (first, idle, with 3 changes on old jobs) against
 * their minimum, and the static data each keeps.
 */
import type { KickservSandbox } from '../../sandbox';
import type { TestCredential } from '../../test/harness/engine';
import { TriggerUnderTest } from '../../test/harness/trigger';
import { JOBS_PER_PAGE } from './floor';
import { fmtMs, progress } from './util';

export interface TriggerRow {
	what: string;
	requests: number;
	minRequests: string;
	/** Where the design needs more than the minimum: the most it may take (the note says why). */
	allowed?: number;
	ms: string;
	emitted: number;
	note?: string;
}

export interface PollMeter {
	measure(trigger: TriggerUnderTest, slug: string): Promise<{ ms: number; requests: number; emitted: number }>;
	idle(trigger: TriggerUnderTest, slug: string, count?: number): Promise<{ ms: number; requests: number }>;
}

export const OPEN_SIZES = [100, 1_000, 5_000];
export const openSlug = (n: number) => `bench-open-${n}`;

/** The sandbox's page size for the invoice list (`listPageSize`, 25 by default). */
const LIST_PAGE = 25;
const WINDOW = 250;
const windowPages = Math.ceil(WINDOW / JOBS_PER_PAGE);
/** Pages to read a list of `n` to its end: the pages that hold records, and an empty one when the last is full. */
const listPages = (n: number) => Math.floor(n / LIST_PAGE) + 1;

/**
 * `n` open jobs (charged, unpaid, unscheduled: on both account-wide lists), then the 250 newest jobs,
 * finished and without charges (the window, on neither list).
 */
export function seedOpenAccount(sandbox: KickservSandbox, n: number): void {
	const store = sandbox.store(openSlug(n));
	store.addJobType('Repair', 61);
	for (let i = 0; i < 20; i++) store.createCustomer({ name: `Open customer ${i}` });
	for (let i = 0; i < n; i++) store.createJob((i % 20) + 1, { job_type_id: 61, job_charges: [{ name: 'Service', price: '250.00' }] });
	for (let i = 0; i < WINDOW; i++) {
		const job = store.createJob((i % 20) + 1, { job_type_id: 61 });
		store.updateJob(job.job_number, { status: 'complete' });
	}
}

export async function openJobCases(
	sandbox: KickservSandbox,
	credentialsFor: (slug: string) => TestCredential,
	meter: PollMeter,
): Promise<{ rows: TriggerRow[]; state: Array<{ what: string; bytes: number }> }> {
	const rows: TriggerRow[] = [];
	const state: Array<{ what: string; bytes: number }> = [];
	for (const n of OPEN_SIZES) {
		const slug = openSlug(n);
		const store = sandbox.store(slug);
		// old open jobs, spread over the list, for the changes
		const old = () => store.listJobs().filter((job) => job.invoice_status === 'unpaid' && job.status === 'unscheduled');
		const pick = (k: number) => {
			const open = old();
			return [0.2, 0.5, 0.9].slice(0, k).map((at) => open[Math.floor(open.length * at)]);
		};
		const cases = [
			{
				event: 'newPayment',
				label: 'New Payment',
				list: listPages(n),
				change: () => {
					for (const job of pick(3)) store.createPayment({ type: 'Job', number: job.job_number }, { amount: '50.00' });
				},
				changeNote: "3 payments on old jobs: each changed job's payments read",
				extraSeed: WINDOW,
				seedNote: "every watched job's payments (the window's, once); no unpaid job shows a payment",
			},
			{
				event: 'invoicePaid',
				label: 'Invoice Paid',
				list: listPages(n),
				// the 3 jobs paid in full leave the list: it is 3 shorter on the poll with changes
				changedList: listPages(n - 3),
				change: () => {
					for (const job of pick(3)) store.createPayment({ type: 'Job', number: job.job_number }, { amount: String(job.balance_remaining) });
				},
				changeNote: '3 old invoices paid in full: each job that left the unpaid list read once',
				extraSeed: 0,
				seedNote: '',
			},
			{
				event: 'jobStatusChanged',
				label: 'Job Status Changed',
				// the sandbox's active-job list does not page: page 2, identical, shows it (1 request more)
				list: 1,
				allowedExtra: 1,
				change: () => {
					for (const job of pick(3)) store.updateJob(job.job_number, { status: 'in_progress' });
				},
				changeNote: '3 old jobs started: each read once for its record',
				extraSeed: 0,
				seedNote: '',
			},
		];
		for (const c of cases) {
			progress(`Trigger ${c.label}, Watch: Every Open Job, ${n} open jobs`);
			const trigger = new TriggerUnderTest({ event: c.event, paymentScope: 'account', jobsToWatch: WINDOW, maxPerPoll: 200 }, () => credentialsFor(slug));
			const idleMin = windowPages + c.list;
			const extra = c.allowedExtra ?? 0;
			const note = extra ? 'the list does not page: page 2, identical to page 1, proves it' : `${windowPages} window pages + ${c.list} pages of the list`;
			const seed = await meter.measure(trigger, slug);
			rows.push({
				what: `${c.label}, every open job, ${n} open: first poll`,
				requests: seed.requests,
				minRequests: String(idleMin + c.extraSeed),
				allowed: idleMin + c.extraSeed + extra,
				ms: fmtMs(seed.ms),
				emitted: seed.emitted,
				note: [note, c.seedNote].filter(Boolean).join('; '),
			});
			const idle = await meter.idle(trigger, slug, 3);
			rows.push({
				what: `${c.label}, every open job, ${n} open: idle poll (median of 3)`,
				requests: idle.requests,
				minRequests: String(idleMin),
				allowed: idleMin + extra,
				ms: fmtMs(idle.ms),
				emitted: 0,
				note,
			});
			c.change();
			const changed = await meter.measure(trigger, slug);
			if (changed.emitted !== 3) throw new Error(`${c.label} with ${n} open jobs emitted ${changed.emitted} of 3 changes on old jobs`);
			rows.push({
				what: `${c.label}, every open job, ${n} open: poll with 3 changes on old jobs`,
				requests: changed.requests,
				minRequests: String(windowPages + (c.changedList ?? c.list) + 3),
				allowed: windowPages + (c.changedList ?? c.list) + 3 + extra,
				ms: fmtMs(changed.ms),
				emitted: changed.emitted,
				note: c.changeNote,
			});
			state.push({ what: `${c.label}, every open job, ${n} open jobs older than the window`, bytes: trigger.stateBytes() });
		}
	}
	return { rows, state };
}
