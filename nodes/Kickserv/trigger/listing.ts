import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { assumptionError } from '../transport/errors';
import { MAX_PAGES, perPageFor } from '../transport/paging';
import { kickservPages, readPage, type ListPage, type ListRequest } from '../transport/request';

/**
 * The account's jobs, newest first, page by page, whatever order the server lists them in.
 *
 * Every trigger event reads the newest jobs (New Job back to the last job it saw, the others a window
 * of the most recent ones). The contract says `/jobs.json` lists newest first by job number [doc], but
 * the one recorded XML listing came oldest first: each page is looked at, and a page that ascends
 * switches to reading the list from its end. The last page is found by doubling the page number until
 * a page comes back empty and then halving the gap (2 log2(pages) requests), and the pages are read
 * backwards, each reversed. Reading backwards is safe while jobs are deleted: a deletion can only bring
 * a job read already into the next page read (a duplicate, which the cursor ignores), never move one
 * past the reader.
 */
export async function* newestJobs(this: IPollFunctions, list: JobListing = {}): AsyncGenerator<ListPage> {
	const request: ListRequest = { ...list, path: '/jobs.json', key: 'jobs', style: 'perPage' };
	for await (const page of kickservPages.call(this, request)) {
		if (!ascending.call(this, page.records)) {
			yield page;
			continue;
		}
		// oldest first: everything from here on comes from the end of the list
		yield* fromTheEnd.call(this, { ...request, startPage: list.startPage ?? 1 }, page);
		return;
	}
}

export type JobListing = Pick<ListRequest, 'limit' | 'startPage' | 'qs'>;

const num = (value: unknown) => Number(value);

/** How a page orders its jobs by number: `mixed` is neither newest nor oldest first. Pure. */
export function jobOrder(records: IDataObject[]): 'descending' | 'ascending' | 'mixed' | 'unknown' {
	const numbers = records.map((job) => num(job.job_number));
	if (numbers.length < 2) return 'unknown';
	const up = numbers.every((n, i) => !i || n > numbers[i - 1]);
	const down = numbers.every((n, i) => !i || n < numbers[i - 1]);
	return up ? 'ascending' : down ? 'descending' : 'mixed';
}

/**
 * Whether a page lists jobs oldest first (it needs two jobs to tell). A page in neither order (by date,
 * by name) stops the poll with an error naming the guess: the newest jobs could not be found in it.
 */
export function ascending(this: IPollFunctions, records: IDataObject[]): boolean {
	const order = jobOrder(records);
	if (order !== 'mixed') return order === 'ascending';
	throw assumptionError(
		this.getNode(),
		'/jobs.json lists jobs by job number (newest or oldest first)',
		`A page of /jobs.json lists job ${records.map((job) => num(job.job_number)).join(', ')}.`,
		'The trigger could not tell new jobs from old ones, so it stops rather than miss or repeat them.',
	);
}

/** A page of a list and its records. */
export interface PageRead {
	page: number;
	records: IDataObject[];
}

/**
 * The last page that holds records, searched from `known`, a page that holds some: the page number
 * doubles until a page comes back empty (or MAX_PAGES is reached), then the gap is halved, about
 * 2·log2(pages) reads in all. `check` sees each page the doubling finds non-empty, with the one before
 * it, and may throw on what it shows.
 */
export async function lastPage(
	pageAt: (page: number) => Promise<IDataObject[]>,
	known: PageRead,
	check: (read: PageRead, previous: PageRead) => void = () => {},
): Promise<PageRead> {
	let low = known;
	let high = Math.min(known.page * 2, MAX_PAGES);
	for (; high > low.page; high = Math.min(high * 2, MAX_PAGES)) {
		const records = await pageAt(high);
		if (!records.length) break;
		const read = { page: high, records };
		check(read, low);
		low = read;
	}
	while (high - low.page > 1) {
		const middle = Math.floor((low.page + high) / 2);
		const records = await pageAt(middle);
		if (records.length) low = { page: middle, records };
		else high = middle;
	}
	return low;
}

/**
 * The first page for which `reaches` holds, searched from page 1: pages 1, 2, 3, 5, 9, 17… (the step
 * doubles from the third page on) until one does, then the gap is halved. An answer on page 1, 2 or 3
 * costs exactly that many reads, as reading page by page would; one on page P about 2·log2(P).
 * `reaches` must hold from some page on (an empty page past the end should make it hold); MAX_PAGES + 1
 * when it does not hold up to MAX_PAGES.
 */
export async function firstPageWhere(
	pageAt: (page: number) => Promise<IDataObject[]>,
	reaches: (records: IDataObject[]) => boolean,
): Promise<number> {
	let below = 0;
	let page = 1;
	for (let step = 1; !reaches(await pageAt(page)); ) {
		below = page;
		if (page >= MAX_PAGES) return MAX_PAGES + 1;
		page = Math.min(page + step, MAX_PAGES);
		if (below >= 2) step *= 2;
	}
	let above = page;
	while (above - below > 1) {
		const middle = Math.floor((below + above) / 2);
		if (reaches(await pageAt(middle))) above = middle;
		else below = middle;
	}
	return above;
}

async function* fromTheEnd(this: IPollFunctions, request: ListRequest, seen: ListPage): AsyncGenerator<ListPage> {
	// (per_page as the first request sent it: the page numbers below must mean the same pages)
	const perPage = perPageFor('perPage', request.limit);
	const read = new Map<number, IDataObject[]>([[seen.page, seen.records]]);
	const pageAt = async (n: number) => {
		let records = read.get(n);
		if (!records) {
			records = (await readPage.call(this, request, 'perPage', n, perPage)).records;
			ascending.call(this, records);
			read.set(n, records);
		}
		return records;
	};
	const { page: low } = await lastPage(pageAt, seen);
	const size = Math.max(...[...read.values()].map((records) => records.length));
	let remaining = request.limit ?? Infinity;
	for (let physical = low - ((request.startPage ?? 1) - 1), logical = request.startPage ?? 1; physical >= 1 && remaining > 0; physical--, logical++) {
		const records = [...(await pageAt(physical))].reverse().slice(0, remaining);
		remaining -= records.length;
		yield { records, page: logical, pageSize: size };
	}
}
