import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { kickservList, readPage, type ListRequest } from '../transport/request';
import { GONE_IS_UNDEFINED, readJob, readPayments } from './job-reads';
import { ascending, firstPageWhere, newestJobs } from './listing';
import { JOBS_PAGE_SIZE, MAX_PAGES, pageSignature, perPageFor } from '../transport/paging';
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
import { activeJobs, INACTIVE_STATUSES, requireKeys, sameId, settledWhenLeft, unpaidJobs } from './open-lists';
import { assumptionError } from '../transport/errors';
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
	/**
	 * Watch: Every Open Job: besides the recent jobs, the account's unpaid invoices (New Payment, Invoice
	 * Paid) or active jobs (Job Status Changed, Job Updated), whatever their age.
	 */
	wholeAccount?: boolean;
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
 * The new jobs to look at, newest first: the pages from where the oldest `cap` new jobs start down to the
 * first page that reaches a job the cursor knows (the boundary), with how many newer jobs were skipped.
 *
 * The boundary is searched, not walked to: pages 1, 2, 3, 5, 9… then halving (`firstPageWhere`), so a
 * backlog of 10,000 new jobs costs about 2·log2(pages) reads to measure, then only the pages this poll
 * emits. While a backlog drains, the previous poll left `carried` new jobs waiting, all newer than what
 * it emitted: the oldest of them end just above the boundary, and their first page follows from the page
 * size the server was seen to use (learned from its replies and kept with the state, never assumed).
 * Should that page hold no new job at all (jobs were deleted meanwhile), the boundary is searched again
 * from the top, so nothing is passed over. Jobs that arrived meanwhile only make the poll read further.
 *
 * A listing that comes oldest first, or a server that ignores the page parameter, is read page by page
 * instead (`newJobsInOrder`), where the list rules handle both.
 */
async function newJobsSince(
	this: IPollFunctions,
	cursor: IdCursor,
	carried: number,
	cap: number,
	pageSize: number,
): Promise<{ seen: IDataObject[]; skipped: number; pageSize: number }> {
	const request: ListRequest = { path: '/jobs.json', key: 'jobs', style: 'perPage' };
	const pages = new Map<number, IDataObject[]>();
	let size = pageSize;
	let ignored = false;
	let firstRead: string | undefined;
	const pageAt = async (page: number): Promise<IDataObject[]> => {
		let records = pages.get(page);
		if (!records) {
			records = (await readPage.call(this, request, 'perPage', page, perPageFor('perPage'))).records;
			ascending.call(this, records); // (a page in no order by number stops here)
			pages.set(page, records);
			size = Math.max(size, records.length);
			// another page the same as the first one read: Kickserv ignores the page parameter here
			const signature = pageSignature(records);
			if (firstRead === undefined) firstRead = signature;
			else if (records.length && signature === firstRead) ignored = true;
		}
		return records;
	};
	const newIn = (records: IDataObject[]) => records.filter((job) => num(job.id) > cursor.high).length;
	const reaches = (records: IDataObject[]) => ignored || !records.length || reachedKnown(records.map((job) => num(job.id)), cursor);
	let start = carried > cap && pageSize > 0 ? Math.floor((carried - cap) / pageSize) + 1 : 1;
	// (the first page read tells the listing's order)
	if (ascending.call(this, await pageAt(start))) return await newJobsInOrder.call(this, cursor, carried, cap, pageSize);
	let boundary = start;
	if (start > 1 && newIn(await pageAt(start))) {
		while (boundary <= MAX_PAGES && !reaches(await pageAt(boundary))) boundary++;
	} else {
		boundary = await firstPageWhere(pageAt, reaches);
		// how many jobs are new, by the page size seen: the full pages above the boundary and the new ones on it
		const count = boundary > MAX_PAGES ? 0 : (boundary - 1) * size + newIn(await pageAt(boundary));
		start = count > cap && size > 0 ? Math.floor((count - cap) / size) + 1 : 1;
	}
	if (ignored || boundary > MAX_PAGES) return await newJobsInOrder.call(this, cursor, carried, cap, pageSize);
	const seen: IDataObject[] = [];
	for (let page = start; page <= boundary; page++) seen.push(...(await pageAt(page)));
	// the skipped pages held new jobs only: they still wait
	return { seen, skipped: (start - 1) * size, pageSize: size };
}

/**
 * The same, page by page through the listing in whatever order it comes (`newestJobs`), for a server
 * that lists oldest first or ignores the page parameter: a draining backlog skips the pages of jobs it
 * will not emit yet (starting a page early), and a skip that went too far reads again from the top.
 */
async function newJobsInOrder(
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
			return await newJobsInOrder.call(this, cursor, 0, cap, learned);
		}
		learned = Math.max(learned, size);
		seen.push(...records);
		if (reachedKnown(records.map((job) => num(job.id)), cursor)) break;
	}
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

const maxId = (payments: IDataObject[]) => payments.reduce((max, p) => Math.max(max, num(p.id) || 0), 0);

/**
 * First look at the window: fingerprints, and every job's highest payment id. Every job's payments are
 * read, whatever its balance says: a declined, pending or voided payment, or one recorded before the
 * job had charges, may leave the balance as it was [inf], and such a payment is history all the same.
 */
async function seedWindow(this: IPollFunctions, jobs: WindowJob[]): Promise<Watched[]> {
	const watched: Watched[] = [];
	for (const job of jobs) watched.push(watchedOf(job, maxId(await readPayments(this, job.job_number))));
	return watched;
}

/* ------------------------------------------------------------- New Payment */

export async function pollNewPayments(this: IPollFunctions, state: IDataObject, settings: PollSettings): Promise<PollOutcome> {
	if (settings.customer !== undefined) return await pollCustomerPayments.call(this, state, settings);
	// the account's unpaid invoices are read before the window: a job paid in between is then seen by
	// the window (read later), never by neither
	const unpaid = settings.wholeAccount ? await unpaidJobs.call(this) : undefined;
	const jobs = await readWindow.call(this, settings.jobsToWatch);
	const inWindow = new Set(jobs.map((job) => num(job.job_number)));
	const outside = (unpaid ?? []).filter((job) => !inWindow.has(num(job.job_number)));
	if (state.window === undefined) {
		const window = await seedWindow.call(this, jobs);
		const open = unpaid ? await seedOpen.call(this, outside, settings) : undefined;
		return { items: [], state: { window: encodeWindow(window), ...(open ? { open: encodeWindow(open), hi: highestId(0, jobs, outside) } : {}) } };
	}
	const previous = decodeWindow(String(state.window));
	const floor = windowFloor(previous);
	// the unpaid jobs older than the window (absent: Watch was Recent Jobs Only until now)
	const previousOpen = unpaid && state.open !== undefined ? decodeWindow(String(state.open)) : undefined;
	const nextWindow: Watched[] = [];
	const nextOpen: Watched[] = [];
	const reads: PaymentRead[] = [];
	for (const job of jobs) {
		const n = num(job.job_number);
		// a job that came down into the window from the unpaid ones is known all the same
		const fromOpen = previous.has(n) ? undefined : previousOpen?.get(n);
		const change = fromOpen ? (fromOpen.f === watchedOf(job).f ? 'same' : 'changed') : classify(job, previous, floor);
		const known = previous.get(n) ?? fromOpen;
		if (change === 'entered-old') {
			// moved into the window because a newer job was deleted: its payments are history
			nextWindow.push((await seedWindow.call(this, [job]))[0]);
			continue;
		}
		// by default only a job that changed (or a new one showing payments) is read; in the thorough
		// mode every watched job is, so that payments that leave the job alone are seen too
		if (!settings.everyJob && change === 'same') {
			nextWindow.push(known as Watched);
			continue;
		}
		if (!settings.everyJob && change === 'entered-new' && !mayHavePayments(job)) {
			nextWindow.push(watchedOf(job, 0));
			continue;
		}
		reads.push({ job, known, into: nextWindow });
	}
	if (unpaid) {
		const openNow = previousOpen ?? new Map<number, Watched>();
		// (no mark yet: the first poll since Watch became Every Open Job takes every unknown job as old)
		const previousHigh = state.hi === undefined ? Infinity : num(state.hi);
		const unknown: WindowJob[] = [];
		for (const job of outside) {
			const known = openNow.get(num(job.job_number)) ?? previous.get(num(job.job_number));
			if (known) {
				if (known.f === watchedOf(job).f) nextOpen.push(known);
				else reads.push({ job, known, into: nextOpen });
			} else if (num(job.id) > previousHigh) {
				// created since the last poll and already below the window (a burst): every payment is new
				if (settings.everyJob || mayHavePayments(job)) reads.push({ job, into: nextOpen });
				else nextOpen.push(watchedOf(job, 0));
			} else {
				unknown.push(job); // an older job newly unpaid: its payments so far are history
			}
		}
		nextOpen.push(...(await seedOpen.call(this, unknown, settings)));
		// watched before, now neither in the window nor unpaid: paid in full, deleted, or aged out of the
		// window; their payments are read once more
		const unpaidNumbers = new Set(unpaid.map((job) => num(job.job_number)));
		for (const known of leftBehind([previousOpen, previous], (n) => inWindow.has(n) || unpaidNumbers.has(n))) {
			reads.push({ job: { job_number: known.n }, known, into: nextOpen, left: true });
		}
	}
	const found: Array<{ payment: IDataObject; read: PaymentRead }> = [];
	const emittedIds = new Set<number>();
	for (const read of reads) {
		if (read.left && previousOpen?.has(read.job.job_number)) {
			// it was on the unpaid list: gone from it, it must be paid in full (or deleted)
			const record = await readJob(this, read.job.job_number, GONE_IS_UNDEFINED);
			if (record) settledWhenLeft(this, read.job.job_number, record);
		}
		// (a job that left what is watched may have been deleted: then it has no payments to read)
		read.payments = (await readPayments(this, read.job.job_number, read.left ? GONE_IS_UNDEFINED : undefined)) ?? [];
		const since = read.known?.p ?? 0;
		for (const payment of read.payments) {
			if (num(payment.id) > since && !emittedIds.has(num(payment.id))) {
				emittedIds.add(num(payment.id));
				found.push({ payment, read });
			}
		}
	}
	// oldest first across jobs, at most `cap`; a job whose new payments did not all fit keeps its old
	// fingerprint and the last id emitted, so the next poll reads it again
	found.sort((a, b) => num(a.payment.id) - num(b.payment.id));
	const emitted = found.slice(0, settings.cap);
	const lastEmitted = new Map<PaymentRead, number>();
	for (const { payment, read } of emitted) lastEmitted.set(read, num(payment.id));
	const overflow = new Set(found.slice(settings.cap).map(({ read }) => read));
	for (const read of reads) {
		const since = read.known?.p ?? 0;
		if (overflow.has(read)) {
			const old = read.known;
			read.into.push({ ...(old ?? watchedOf(read.job)), f: old?.f ?? '', p: lastEmitted.get(read) ?? since });
		} else if (!read.left) {
			read.into.push(watchedOf(read.job, Math.max(since, maxId(read.payments ?? []))));
		}
	}
	return {
		items: emitted.map(({ payment, read }) => ({ ...payment, job_number: read.job.job_number })),
		state: { window: encodeWindow(nextWindow), ...(unpaid ? { open: encodeWindow(nextOpen), hi: highestId(num(state.hi) || 0, jobs, outside) } : {}) },
	};
}

/** The highest internal job id among the lists (and `known`): a job above it next poll is new. */
const highestId = (known: number, ...lists: Array<Array<{ id?: unknown }>>): number =>
	Math.max(known, ...lists.flat().map((job) => num(job.id) || 0));

/** A watched job whose payments a poll reads, where its entry goes, and whether it left what is watched. */
interface PaymentRead {
	job: WindowJob;
	known?: Watched;
	into: Watched[];
	left?: boolean;
	payments?: IDataObject[];
}

/**
 * The unpaid jobs older than the window that nothing knows yet (all of them on the first poll): their
 * payments now are history. A job showing no payment (its balance is its total) is not read, unless
 * Check Every Watched Job says payments may leave the balance alone.
 */
async function seedOpen(this: IPollFunctions, outside: WindowJob[], settings: PollSettings): Promise<Watched[]> {
	const seeded: Watched[] = [];
	for (const job of outside) {
		const history = settings.everyJob || mayHavePayments(job) ? maxId(await readPayments(this, num(job.job_number))) : 0;
		seeded.push(watchedOf(job, history));
	}
	return seeded;
}

/** The entries of the previous state (open ones first) whose job is no longer `stillThere`, each once. */
function leftBehind(previous: Array<Map<number, Watched> | undefined>, stillThere: (n: number) => boolean): Watched[] {
	const left = new Map<number, Watched>();
	for (const map of previous) for (const [n, known] of map ?? []) if (!stillThere(n) && !left.has(n)) left.set(n, known);
	return [...left.values()];
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
		const payments = await readPayments(this, job.job_number);
		if (payments.length) {
			const newest = payments.sort((a, b) => num(b.id) - num(a.id))[0];
			return [{ ...newest, job_number: job.job_number }];
		}
	}
	throw emptySample(this, window.length ? noPayment({ jobs: window.length }) : noJobs());
}

/* ------------------------------------------ Job Status Changed / Job Updated */

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
	// (the internal id: in the mark for Invoice Paid and New Opportunity, as `p` for the other two, so that
	// another job under a reused number is told apart)
	const remember = (job: WindowJob): Watched =>
		mark ? { ...watchedOf(job), s: markOf(job, mark) } : watchedOf(job, num(job.id) || 0, whole ? 'whole' : 'payments');
	// the account-wide list before the window (as New Payment): a job that changes in between is seen
	// by the window, read later
	const wide = settings.wholeAccount ? await wideEntries.call(this, kind) : undefined;
	const jobs = await readWindow.call(this, settings.jobsToWatch, whole, kind === 'paid' ? ',invoice_status' : '');
	// what the event decides on must be there: a job without it would look unchanged for ever
	for (const job of jobs) requireKeys(this, job as unknown as IDataObject, ['id', 'job_number', mark ? mark.field : 'status'], '/jobs.json', '');
	const inWindow = new Set(jobs.map((job) => num(job.job_number)));
	const outside = (wide ?? []).filter(({ entry }) => !inWindow.has(entry.n));
	const hi = highestId(num(state.hi) || 0, jobs, outside);
	const wideState = (open: Iterable<Watched>) => (wide ? { open: encodeWindow([...open]), hi } : {});
	if (state.window === undefined) {
		return { items: [], state: { window: encodeWindow(jobs.map(remember)), ...wideState(outside.map(({ entry }) => entry)) } };
	}
	const previous = decodeWindow(String(state.window));
	const previousOpen = wide && state.open !== undefined ? decodeWindow(String(state.open)) : undefined;
	const floor = windowFloor(previous);
	const changes: JobChange[] = [];
	const next = new Map<number, Watched>();
	for (const job of jobs) {
		const now = remember(job);
		// a job that came down into the window from the account-wide list is known all the same
		const fromOpen = previous.has(now.n) ? undefined : previousOpen?.get(now.n);
		const change = fromOpen ? (movedFrom(fromOpen, now, mark !== undefined) ? 'changed' : 'same') : classify(job, previous, floor, whole);
		const before = previous.get(now.n) ?? fromOpen;
		next.set(num(job.job_number), now);
		if (mark) {
			if (became(change, before?.s, now.s)) changes.push({ job, before, into: next });
			continue;
		}
		// new jobs are New Job's business, and so is a new job that took a deleted job's number
		if (change !== 'changed' || !before || !sameJob(before, job.id, false)) continue;
		if (kind === 'updated' || changedInto(settings, before.s, now.s)) changes.push({ job, before, into: next });
	}
	const nextOpen = new Map<number, Watched>();
	if (wide && !mark) checkActiveList(this, jobs, wide, previous, num(state.hi) || 0);
	if (wide) {
		for (const { entry, id } of outside) {
			nextOpen.set(entry.n, entry);
			// no open part yet (the first poll since Watch became Every Open Job): it is only recorded
			if (!previousOpen || mark) continue; // (an unpaid invoice: nothing became paid)
			const known = previousOpen.get(entry.n);
			const remembered = known ?? previous.get(entry.n);
			const before = remembered && sameJob(remembered, id, false) ? remembered : undefined;
			// back on the active list, older than every job seen before: a finished job reopened
			const reopened = !before && num(id) <= (num(state.hi) || 0);
			const moved = before && (kind === 'updated' && known ? known.f !== entry.f : before.s !== entry.s);
			if (!moved && !reopened) continue;
			// judged on the job's own record, as the window judges it
			const record = await readJob(this, entry.n, GONE_IS_UNDEFINED);
			const now = String(record?.status ?? '');
			const relevant = kind === 'updated' ? (known && known.f !== entry.f) || now !== before?.s : changedInto(settings, before?.s, now);
			if (record && relevant) changes.push({ job: record as unknown as WindowJob, before, into: nextOpen, record });
		}
		// watched before, now in neither list: paid, finished, canceled or lost, deleted, or aged out of
		// the window; each is read once to tell
		const wideNumbers = new Set((wide ?? []).map(({ entry }) => entry.n));
		for (const known of leftBehind([previousOpen, previous], (n) => inWindow.has(n) || wideNumbers.has(n))) {
			if (mark ? !known.s.startsWith('N') : INACTIVE_STATUSES.has(known.s)) continue;
			const record = await readJob(this, known.n, GONE_IS_UNDEFINED);
			// gone, or its number now names another job
			if (!record || !sameJob(known, record.id, mark !== undefined)) continue;
			if (mark && previousOpen?.has(known.n)) settledWhenLeft(this, known.n, record);
			const now = mark ? markOf(record as unknown as WindowJob, mark) : String(record.status ?? '');
			const relevant = mark ? now.startsWith('Y') : now !== known.s && (kind === 'updated' || changedInto(settings, known.s, now));
			if (relevant) changes.push({ job: record as unknown as WindowJob, before: known, into: nextOpen, record, left: true });
		}
	}
	// oldest change first; over the cap, a job keeps its old entry (a new one stays unknown) and is
	// seen again next poll
	changes.sort((a, b) => String(a.job.updated_at).localeCompare(String(b.job.updated_at)) || a.job.job_number - b.job.job_number);
	const taken = changes.slice(0, settings.cap);
	for (const { job, before, into } of changes.slice(settings.cap)) {
		if (before) into.set(num(job.job_number), before);
		else into.delete(num(job.job_number));
	}
	const items: IDataObject[] = [];
	for (const { job, before, record: known } of taken) {
		// the whole window record is already at hand for Job Updated; a status change reads the job
		const record = known ?? (whole ? (job as unknown as IDataObject) : await readJob(this, job.job_number));
		items.push(kind === 'status' ? { ...record, previous_status: before?.s ?? null, status: (record.status ?? job.status) as string } : record);
	}
	return { items, state: { window: encodeWindow([...next.values()]), ...wideState(nextOpen.values()) } };
}

/** A change a poll found: the job, what was known of it, the map its entry lives in, and the whole record when read. */
interface JobChange {
	job: WindowJob;
	before?: Watched;
	into: Map<number, Watched>;
	record?: IDataObject;
	left?: boolean;
}

/**
 * Whether a job changed since its account-wide entry: by fingerprint where both are made alike (Invoice
 * Paid), else by status (the window remembers other fields than the active list shows).
 */
const movedFrom = (entry: Watched, now: Watched, alike: boolean): boolean => (alike ? entry.f !== now.f : entry.s !== now.s);

/** The statuses of jobs that must be on the active list (`new`, `won` are left out: whether it lists opportunities is not known). */
const ACTIVE_STATUSES = new Set(['unscheduled', 'scheduled', 'in_progress', 'on_hold']);

/**
 * The active-job list checked against the window, which `/jobs.json` gives whole: a job of the window
 * that existed at the last poll and kept an active status since must be on the list, with the same
 * status. A list that is cut (a server that ignores `page` and sends only a first page) or that spells
 * statuses otherwise stops the poll with an error naming the guess, rather than miss or invent changes.
 * (Jobs created or changed since the last poll are left out: the list was read before the window.)
 */
function checkActiveList(
	context: IPollFunctions,
	jobs: WindowJob[],
	wide: Array<{ entry: Watched; id: unknown }>,
	previous: Map<number, Watched>,
	previousHigh: number,
): void {
	const listed = new Map(wide.map(({ entry, id }) => [entry.n, { status: entry.s, id }]));
	for (const job of jobs) {
		const status = String(job.status);
		const n = num(job.job_number);
		if (num(job.id) > previousHigh || !ACTIVE_STATUSES.has(status) || previous.get(n)?.s !== status) continue;
		const item = listed.get(n);
		if (item && sameId(item.id, job.id) && item.status === status) continue;
		throw assumptionError(
			context.getNode(),
			item ? 'the statuses of /tasks/job_list.json are those of /jobs.json' : '/tasks/job_list.json lists every active job',
			item
				? `Job ${n} is "${status}" in /jobs.json and "${item.status}" in /tasks/job_list.json.`
				: `Job ${n} is "${status}" in /jobs.json but not on /tasks/job_list.json (${wide.length} jobs listed).`,
			'Changes to older jobs could be missed or invented, so the trigger stops. Set Watch to Recent Jobs Only to watch only the most recent jobs.',
		);
	}
}

/** A status change Job Status Changed reports: any, or one into the statuses of To Status. */
const changedInto = (settings: PollSettings, before: string | undefined, now: string): boolean =>
	now !== before && (!settings.toStatuses?.length || settings.toStatuses.includes(now));

/**
 * The account-wide list of an event, as entries: Invoice Paid's unpaid invoices by their mark (which holds
 * the internal id); the active jobs by status and internal id, as the window remembers them (Job Updated
 * also by what the list shows that can change: name, status and, where the list has it, last change).
 */
async function wideEntries(this: IPollFunctions, kind: JobChangeKind): Promise<Array<{ entry: Watched; id: unknown }> | undefined> {
	// (Invoice Paid needs only the mark: no fingerprint, a job coming down into the window from here is
	// judged by its mark alone)
	if (kind === 'paid') return (await unpaidJobs.call(this)).map((job) => ({ entry: { ...watchedOf(job, 0, 'none'), s: markOf(job, BECOMES.paid) }, id: job.id }));
	if (kind === 'opportunity') return undefined;
	return (await activeJobs.call(this)).map((job) => ({ entry: watchedOf(job, num(job.id) || 0, kind === 'updated' ? 'listed' : 'none'), id: job.id }));
}

/**
 * Whether the job (its internal `id`) under a remembered number is the job remembered: Invoice Paid and New Opportunity keep
 * the internal id in their mark, Job Status Changed and Job Updated as `p` (0 in a state stored before
 * they did: taken as the same job).
 */
function sameJob(known: Watched, id: unknown, marked: boolean): boolean {
	if (marked) return known.s.slice(1) === num(id).toString(36);
	return !known.p || sameId(known.p, id);
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
			if (found) return [await readJob(this, num(found.job_number))];
			scanned += records.length;
		}
		throw emptySample(this, scanned ? noneBecame(kind === 'paid' ? 'paid invoice' : 'opportunity', scanned) : noJobs());
	}
	const [job] = await newestJobList.call(this, 1);
	if (!job) throw emptySample(this, noJobs());
	const record = await readJob(this, num(job.job_number));
	return [kind === 'status' ? { ...record, previous_status: null } : record];
}
