import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { kickservList, kickservRequest } from '../transport/request';
import { newestJobs } from './listing';
import { JOBS_PAGE_SIZE, unwrapRecord } from '../transport/paging';
import {
	classify,
	decodeWindow,
	encodeWindow,
	mayHavePayments,
	planNew,
	reachedKnown,
	seedIdCursor,
	watchedOf,
	windowFloor,
	type IdCursor,
	type Watched,
	type WindowJob,
} from './cursor';
import { noJobs, noMatchingJob, noneBecame, noPayment, type EmptySample, type FilterCheck } from './empty-sample';

/**
 * The trigger's events. Each reads through the shared transport, decides with the pure functions of
 * `cursor.ts`, and returns the items to emit and the state to store. A strategy never writes state
 * itself: the node stores what it returns only after the whole poll succeeded.
 */

export interface PollSettings {
	cap: number;
	jobsToWatch: number;
	/** Whether the job passes the user's filters. */
	match: (job: IDataObject) => boolean;
	/** New Job's filters one by one, to say which matched nothing in Fetch Test Event. */
	filters?: FilterCheck[];
	/** Customer scope for New Payment (customer number). */
	customer?: number;
	/** New Payment: read every watched job's payments each poll, not only the jobs that changed. */
	everyJob?: boolean;
	toStatuses?: string[];
}

export interface PollOutcome {
	items: IDataObject[];
	state: IDataObject;
}

const num = (value: unknown) => Number(value);

/** The newest `limit` jobs (see `newestJobs`). */
async function newestJobList(this: IPollFunctions, limit: number, qs?: IDataObject): Promise<IDataObject[]> {
	const jobs: IDataObject[] = [];
	for await (const { records } of newestJobs.call(this, { limit, qs })) jobs.push(...records);
	return jobs;
}

/* ---------------------------------------------------------------- New Job */

/*
 * New jobs are recognised by their internal `id`, not their number: ids only grow and are never
 * reused, while a job number may come back if the newest job is deleted. The listing is newest
 * first by number, which is also newest first by id apart from such a reuse.
 */

/**
 * Newest jobs first, page by page, until the listing reaches jobs the cursor knows.
 *
 * While a backlog drains (more new jobs than one poll emits), the previous poll left `carried` new
 * jobs waiting. Only the oldest of them are emitted now, and they sit at the end of the listing: the
 * first pages, all newer, are skipped (starting a page early), by the page size the server was seen to
 * use (learned from its replies and kept with the state, never assumed). Should the first page read
 * hold no new job at all (the skip went too far: jobs were deleted meanwhile), the listing is read
 * again from the top, so nothing is passed over.
 */
async function newJobsSince(
	this: IPollFunctions,
	cursor: IdCursor,
	carried: number,
	cap: number,
	pageSize: number,
): Promise<{ seen: IDataObject[]; skipped: number; pageSize: number }> {
	const skip = pageSize > 0 && carried > cap ? Math.max(0, Math.floor((carried - cap) / pageSize) - 1) : 0;
	const seen: IDataObject[] = [];
	let learned = pageSize;
	for await (const { records, page, pageSize: size } of newestJobs.call(this, { startPage: 1 + skip })) {
		if (skip && page === 1 + skip && !records.some((job) => num(job.id) > cursor.high)) {
			// skipped too far: start again from the newest job
			return await newJobsSince.call(this, cursor, 0, cap, learned);
		}
		learned = Math.max(learned, size);
		seen.push(...records);
		if (reachedKnown(records.map((job) => num(job.id)), cursor)) break;
	}
	// the skipped pages held new jobs only: they still wait
	return { seen, skipped: skip * pageSize, pageSize: learned };
}

export async function pollNewJobs(this: IPollFunctions, state: IDataObject, settings: PollSettings): Promise<PollOutcome> {
	if (state.high === undefined) {
		// first production poll: everything present now is history
		const newest = await newestJobList.call(this, JOBS_PAGE_SIZE);
		return { items: [], state: { ...seedIdCursor(newest.map((job) => num(job.id))) } };
	}
	const cursor: IdCursor = { high: num(state.high), recent: String(state.recent ?? '') };
	const known = num(state.ps) || 0;
	const { seen, skipped, pageSize } = await newJobsSince.call(this, cursor, num(state.carried) || 0, settings.cap, known);
	const plan = planNew(seen, (job) => num(job.id), cursor, settings.cap, settings.match);
	const carried = plan.carried + skipped;
	return {
		items: plan.emit,
		state: { ...plan.next, ...(carried ? { carried } : {}), ...(pageSize && carried ? { ps: pageSize } : {}) },
	};
}

/** Fetch Test Event found nothing to show: an error saying what was looked at, never an empty output. */
export const emptySample = (context: IPollFunctions, { message, description }: EmptySample) =>
	new NodeOperationError(context.getNode(), message, { description });

export async function sampleJob(this: IPollFunctions, settings: PollSettings): Promise<IDataObject[]> {
	const filters = settings.filters ?? [];
	const counts = filters.map(() => 0);
	let scanned = 0;
	for await (const { records } of newestJobs.call(this, { limit: 150 })) {
		for (const job of records) {
			if (settings.match(job)) return [job];
			scanned++;
			filters.forEach((filter, i) => (counts[i] += filter.test(job) ? 1 : 0));
		}
	}
	throw emptySample(this, noMatchingJob(scanned, filters, counts));
}

/* ------------------------------------------------- the watched window of jobs */

const WINDOW_FIELDS = 'id,job_number,updated_at,balance_remaining,total,status';

/** The most recent jobs, trimmed to the change-detection fields (and `extra` ones) unless `whole` records are needed. */
async function readWindow(this: IPollFunctions, jobsToWatch: number, whole = false, extra = ''): Promise<WindowJob[]> {
	return (await newestJobList.call(this, jobsToWatch, whole ? undefined : { only: WINDOW_FIELDS + extra })) as unknown as WindowJob[];
}

async function paymentsOf(this: IPollFunctions, jobNumber: number): Promise<IDataObject[]> {
	return await kickservList.call(this, { path: `/jobs/${jobNumber}/payments.json`, key: 'payments', style: 'page' });
}

const maxId = (payments: IDataObject[]) => payments.reduce((max, p) => Math.max(max, num(p.id) || 0), 0);

/**
 * First look at the window: fingerprints, and every job's highest payment id. Every job's payments are
 * read, whatever its balance says: a declined, pending or voided payment, or one recorded before the
 * job had charges, may leave the balance as it was [inf], and such a payment is history all the same.
 */
async function seedWindow(this: IPollFunctions, jobs: WindowJob[]): Promise<Watched[]> {
	const watched: Watched[] = [];
	for (const job of jobs) watched.push(watchedOf(job, maxId(await paymentsOf.call(this, job.job_number))));
	return watched;
}

/* ------------------------------------------------------------- New Payment */

export async function pollNewPayments(this: IPollFunctions, state: IDataObject, settings: PollSettings): Promise<PollOutcome> {
	if (settings.customer !== undefined) return await pollCustomerPayments.call(this, state, settings);
	const jobs = await readWindow.call(this, settings.jobsToWatch);
	if (state.window === undefined) {
		return { items: [], state: { window: encodeWindow(await seedWindow.call(this, jobs)) } };
	}
	const previous = decodeWindow(String(state.window));
	const floor = windowFloor(previous);
	const next: Watched[] = [];
	const found: Array<{ payment: IDataObject; job: WindowJob }> = [];
	const pending = new Map<number, { job: WindowJob; known: number; payments: IDataObject[] }>();
	for (const job of jobs) {
		const change = classify(job, previous, floor);
		const known = previous.get(num(job.job_number));
		if (change === 'entered-old') {
			// moved into the window because a newer job was deleted: its payments are history
			next.push((await seedWindow.call(this, [job]))[0]);
			continue;
		}
		// by default only a job that changed (or a new one showing payments) is read; in the thorough
		// mode every watched job is, so that payments that leave the job alone are seen too
		if (!settings.everyJob && change === 'same') {
			next.push(known as Watched);
			continue;
		}
		if (!settings.everyJob && change === 'entered-new' && !mayHavePayments(job)) {
			next.push(watchedOf(job, 0));
			continue;
		}
		const payments = await paymentsOf.call(this, job.job_number);
		const since = known?.p ?? 0;
		pending.set(num(job.job_number), { job, known: since, payments });
		for (const payment of payments) if (num(payment.id) > since) found.push({ payment, job });
	}
	// oldest first across jobs, at most `cap`; a job whose new payments did not all fit keeps its old
	// fingerprint and the last id emitted, so the next poll reads it again
	found.sort((a, b) => num(a.payment.id) - num(b.payment.id));
	const emitted = found.slice(0, settings.cap);
	const lastEmitted = new Map<number, number>();
	for (const { payment, job } of emitted) lastEmitted.set(num(job.job_number), num(payment.id));
	const overflow = new Set(found.slice(settings.cap).map(({ job }) => num(job.job_number)));
	for (const [jobNumber, { job, known, payments }] of pending) {
		if (overflow.has(jobNumber)) {
			const old = previous.get(jobNumber);
			next.push({ ...(old ?? watchedOf(job)), f: old?.f ?? '', p: lastEmitted.get(jobNumber) ?? known });
		} else {
			next.push(watchedOf(job, Math.max(known, maxId(payments))));
		}
	}
	return {
		items: emitted.map(({ payment, job }) => ({ ...payment, job_number: job.job_number })),
		state: { window: encodeWindow(next) },
	};
}

async function pollCustomerPayments(this: IPollFunctions, state: IDataObject, settings: PollSettings): Promise<PollOutcome> {
	const path = `/customers/${settings.customer}/payments.json`;
	const payments = await kickservList.call(this, { path, key: 'payments', style: 'page' });
	if (state.high === undefined) return { items: [], state: { ...seedIdCursor(payments.map((p) => num(p.id))) } };
	const plan = planNew(payments, (p) => num(p.id), { high: num(state.high), recent: String(state.recent ?? '') }, settings.cap);
	return { items: plan.emit, state: { ...plan.next } };
}

export async function samplePayment(this: IPollFunctions, settings: PollSettings): Promise<IDataObject[]> {
	if (settings.customer !== undefined) {
		const payments = await kickservList.call(this, { path: `/customers/${settings.customer}/payments.json`, key: 'payments', style: 'page' });
		const newest = payments.sort((a, b) => num(b.id) - num(a.id))[0];
		if (!newest) throw emptySample(this, noPayment({ customer: settings.customer }));
		return [newest];
	}
	const window = await readWindow.call(this, Math.min(settings.jobsToWatch, 100));
	for (const job of window) {
		if (!settings.everyJob && !mayHavePayments(job)) continue;
		const payments = await paymentsOf.call(this, job.job_number);
		if (payments.length) {
			const newest = payments.sort((a, b) => num(b.id) - num(a.id))[0];
			return [{ ...newest, job_number: job.job_number }];
		}
	}
	throw emptySample(this, window.length ? noPayment({ jobs: window.length }) : noJobs());
}

/* ------------------------------------------ Job Status Changed / Job Updated */

async function fullJob(this: IPollFunctions, jobNumber: number): Promise<IDataObject> {
	const reply = await kickservRequest.call(this, { method: 'GET', path: `/jobs/${jobNumber}.json` });
	return unwrapRecord(reply.body, 'job');
}

/**
 * Job Status Changed, Job Updated and Invoice Paid: the watched window of recent jobs, each remembered
 * by a fingerprint and one value (the status; for Invoice Paid the invoice status).
 */
export async function pollJobChanges(
	this: IPollFunctions,
	state: IDataObject,
	settings: PollSettings,
	kind: JobChangeKind,
): Promise<PollOutcome> {
	const whole = kind === 'updated';
	const mark = BECOMES[kind as keyof typeof BECOMES];
	const remember = (job: WindowJob): Watched => (mark ? { ...watchedOf(job), s: markOf(job, mark) } : watchedOf(job, 0, whole));
	const jobs = await readWindow.call(this, settings.jobsToWatch, whole, kind === 'paid' ? ',invoice_status' : '');
	if (state.window === undefined) {
		return { items: [], state: { window: encodeWindow(jobs.map(remember)) } };
	}
	const previous = decodeWindow(String(state.window));
	const floor = windowFloor(previous);
	const changes: Array<{ job: WindowJob; before?: Watched }> = [];
	const next = new Map<number, Watched>();
	for (const job of jobs) {
		const change = classify(job, previous, floor, whole);
		const before = previous.get(num(job.job_number));
		const now = remember(job);
		next.set(num(job.job_number), now);
		if (mark) {
			if (became(change, before?.s, now.s)) changes.push({ job, before });
			continue;
		}
		if (change !== 'changed' || !before) continue; // new jobs are New Job's business
		const relevant =
			kind === 'updated' ? true : now.s !== before.s && (!settings.toStatuses?.length || settings.toStatuses.includes(now.s));
		if (relevant) changes.push({ job, before });
	}
	// oldest change first; over the cap, a job keeps its old fingerprint (a new one stays unknown) and is
	// seen again next poll
	changes.sort((a, b) => String(a.job.updated_at).localeCompare(String(b.job.updated_at)) || a.job.job_number - b.job.job_number);
	const taken = changes.slice(0, settings.cap);
	for (const { job, before } of changes.slice(settings.cap)) {
		if (before) next.set(num(job.job_number), before);
		else next.delete(num(job.job_number));
	}
	const items: IDataObject[] = [];
	for (const { job, before } of taken) {
		// the whole window record is already at hand for Job Updated; a status change reads the job
		const record = whole ? (job as unknown as IDataObject) : await fullJob.call(this, job.job_number);
		items.push(kind === 'status' ? { ...record, previous_status: before?.s ?? null, status: (record.status ?? job.status) as string } : record);
	}
	return { items, state: { window: encodeWindow([...next.values()]) } };
}

export type JobChangeKind = 'status' | 'updated' | 'paid' | 'opportunity';

/** The events that wait for a job to become something: which field, and which value. */
const BECOMES = {
	paid: { field: 'invoice_status', value: 'paid' },
	opportunity: { field: 'status', value: 'new' },
} as const;

/**
 * Invoice Paid and New Opportunity remember `Y` (the job is it: paid / an opportunity) or `N`, and the
 * job's internal id: a job number reused after a delete is another job, with its own history.
 */
const markOf = (job: WindowJob, mark: { field: 'invoice_status' | 'status'; value: string }): string =>
	`${job[mark.field] === mark.value ? 'Y' : 'N'}${num(job.id).toString(36)}`;

/** It now, and not known as it before: a job new to the window, one that was not, or another job under a reused number. */
function became(change: string, before: string | undefined, now: string): boolean {
	if (!now.startsWith('Y')) return false;
	if (change === 'entered-new') return true;
	return change === 'changed' && (!before || !before.startsWith('Y') || before.slice(1) !== now.slice(1));
}

export async function sampleJobChange(this: IPollFunctions, kind: JobChangeKind): Promise<IDataObject[]> {
	const mark = BECOMES[kind as keyof typeof BECOMES];
	if (mark) {
		// the newest recent job that is it (a paid invoice, an opportunity)
		let scanned = 0;
		for await (const { records } of newestJobs.call(this, { qs: { only: `${WINDOW_FIELDS},invoice_status` }, limit: 250 })) {
			const found = records.find((job) => job[mark.field] === mark.value);
			if (found) return [await fullJob.call(this, num(found.job_number))];
			scanned += records.length;
		}
		throw emptySample(this, scanned ? noneBecame(kind === 'paid' ? 'paid invoice' : 'opportunity', scanned) : noJobs());
	}
	const [job] = await newestJobList.call(this, 1);
	if (!job) throw emptySample(this, noJobs());
	const record = await fullJob.call(this, num(job.job_number));
	return [kind === 'status' ? { ...record, previous_status: null } : record];
}
