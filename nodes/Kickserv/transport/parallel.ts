import { judgePage, judgeRepeat, pageSignature, MAX_PAGES, type Page, type PageMeta } from './paging';
import { positiveInteger } from './validate';

/**
 * Return All with several pages in flight. Kickserv sends no totals, so the end of a list shows only
 * when a page comes back empty or shorter than the page size: pages are requested ahead, a bounded
 * number at a time, and judged in order by the same end rules as one-at-a-time paging (`judgePage`).
 * Once the end is seen nothing more is requested, so at most (in flight − 1) requests go past it.
 * When Kickserv answers 429 or 503 (the request itself waits and retries, honouring Retry-After), the
 * rest of the list is read one page at a time. Pure logic over a `read(page)` function.
 */

/** Pages in flight when the node's "Pages in Parallel" option is not set. */
export const DEFAULT_IN_FLIGHT = 5;
export const MAX_IN_FLIGHT = 10;

/** Reads one page; calls `throttled()` when Kickserv answered 429 or 503 on the way (before retrying). */
export type PageReader = (page: number, throttled: () => void) => Promise<Page>;

/** Where one-at-a-time paging left off: the page size learned and the last page read. */
export interface PagingSoFar {
	/** The first page of the whole list (what `judgeRepeat` counts from). */
	first: number;
	/** The next page to read. */
	next: number;
	/** The longest page the list has shown (the server's page size, learned). */
	largest: number;
	/** Signature of the last page read, to notice a page that repeats it. */
	previous?: string;
	/** The last page, when the list says (`meta.total_pages`): nothing past it is requested. */
	lastPage?: number;
}

export interface ParallelPage {
	records: Page['records'];
	meta?: PageMeta;
	page: number;
	pageSize: number;
}

/** The "Pages in Parallel" option, checked: a whole number from 1 to MAX_IN_FLIGHT. Pure. */
export function inFlightOption(value: unknown): number {
	const n = positiveInteger(value, 'Pages in Parallel');
	if (n > MAX_IN_FLIGHT) throw new Error(`Pages in Parallel must be at most ${MAX_IN_FLIGHT} (got ${n})`);
	return n;
}

/**
 * Yields the pages from `soFar.next` on, in order, with up to `inFlight` requests outstanding. Returns
 * `true` at the end of the list, `false` at the MAX_PAGES cap, in both cases once the requests still in
 * flight have settled (their pages are dropped unread). Throws the first failed page's error, in page
 * order. Starts after the first two pages (read one at a time: they settle the page parameter and the
 * page size), so a page that repeats the previous one is the server clamping past the end (`judgeRepeat`
 * from the third page on).
 */
export async function* pagesInParallel(
	read: PageReader,
	soFar: PagingSoFar,
	inFlight: number,
): AsyncGenerator<ParallelPage, boolean> {
	if (soFar.next < soFar.first + 2) throw new Error('pagesInParallel starts after the first two pages');
	const pending = new Map<number, Promise<Page>>();
	let width = Math.max(1, inFlight);
	const throttled = () => {
		width = 1;
	};
	let launched = soFar.next - 1;
	let { largest, previous, lastPage } = soFar;
	try {
		for (let page = soFar.next; page <= MAX_PAGES; page++) {
			// keep `width` pages outstanding, counting the one about to be awaited
			while (launched < Math.min(page + width - 1, lastPage ?? MAX_PAGES, MAX_PAGES) || launched < page) {
				launched++;
				const reply = read(launched, throttled);
				reply.catch(() => undefined); // a page dropped after the end must not be an unhandled rejection
				pending.set(launched, reply);
			}
			const reply = pending.get(page)!;
			pending.delete(page);
			const { records, meta } = await reply;
			if (typeof meta?.total_pages === 'number') lastPage = Math.max(meta.total_pages, page);
			const verdict = judgePage({ page, records, meta, largestEarlierPage: largest, previousSignature: previous });
			if (verdict === 'empty') return true;
			if (verdict === 'repeated') {
				if (judgeRepeat(page - soFar.first + 1, records) === 'end') return true;
				throw new Error(`page ${page} repeated the one before it`); // (not reached from the third page on)
			}
			largest = Math.max(largest, records.length);
			yield { records, meta, page, pageSize: largest };
			if (verdict === 'last') return true;
			previous = pageSignature(records);
		}
		return false;
	} finally {
		// pages requested past the end (or past a failed page) are not used, but no request outlives the
		// execution: they were sent with the last ones used, so waiting for them costs about nothing
		await Promise.allSettled(pending.values());
	}
}
