import type { IDataObject } from 'n8n-workflow';

/** The plural keys lists come under, and the singular keys records come under. */
export type ListKey =
	| 'customers'
	| 'jobs'
	| 'notes'
	| 'payments'
	| 'employees'
	| 'job_types'
	| 'tasks'
	| 'job_charges'
	| 'time_entries'
	| 'items'
	| 'invoices'
	| 'opportunities';
export type RecordKey = 'customer' | 'job' | 'opportunity' | 'note' | 'payment' | 'task' | 'job_charge' | 'time_entry';

export interface PageMeta {
	current_page?: number;
	total_pages?: number;
	total_count?: number;
	per_page?: number;
}

export interface Page {
	records: IDataObject[];
	meta?: PageMeta;
	/** The list object's other plain values (e.g. `total_balance_remaining` beside `invoices`). */
	extras?: IDataObject;
}

export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A list comes as a bare array or as an object holding it under the plural key (beside `meta` etc.). */
export function unwrapList(body: unknown, key: ListKey): Page {
	if (Array.isArray(body)) return { records: body.filter(isObject) };
	if (isObject(body)) {
		const list = body[key];
		if (Array.isArray(list)) {
			let extras: IDataObject | undefined;
			for (const name of Object.keys(body)) {
				const value = body[name];
				if (name === key || name === 'meta' || (value !== null && typeof value === 'object')) continue;
				(extras ??= {})[name] = value;
			}
			return {
				records: list.filter(isObject),
				meta: isObject(body.meta) ? (body.meta as PageMeta) : undefined,
				extras,
			};
		}
		if (Object.keys(body).length === 0) return { records: [] };
	}
	if (body === '' || body === null || body === undefined) return { records: [] };
	throw new Error(`Kickserv sent a list without the expected "${key}" array`);
}

/** A record comes bare or wrapped in its singular key (`{"customer": {...}}`). */
export function unwrapRecord(body: unknown, key: RecordKey | readonly RecordKey[]): IDataObject {
	const keys: readonly RecordKey[] = typeof key === 'string' ? [key] : key;
	if (isObject(body)) {
		// wrapped in its singular key (any of `keys`: an opportunity may come as `opportunity` or `job`)
		const inner = keys.map((k) => body[k]).find(isObject);
		if (inner && Object.keys(body).length === 1) return inner;
		return body;
	}
	if (typeof body === 'string' && body.trim().startsWith('{')) {
		return unwrapRecord(JSON.parse(body), keys);
	}
	throw new Error(`Kickserv sent no ${keys[0]} record in its reply`);
}

const known = (value: unknown) => value !== null && value !== undefined && value !== '';

/**
 * The filter endpoint always ends its list with an empty customer object, `customer_number: null` [seed]:
 * not a customer. Every customer Kickserv lists has its number (Kickserv assigns it) and its internal id,
 * so a record with neither is that placeholder, whatever its other keys hold (a default such as
 * `is_active: false` or `balance: "0.00"` does not make it a customer).
 */
export const isEmptyRecord = (record: IDataObject): boolean => !known(record.customer_number) && !known(record.id);

/** How a list endpoint pages. */
export type PagingStyle =
	| 'customers' // customers_page=N, page size is the server's
	| 'perPage' // page=N&per_page=P (only /jobs.json documents per_page)
	| 'page'; // page=N, page size is the server's

/**
 * The style to try when a list repeats its first page: `customers_page` is [doc] only; a server that
 * ignores it may page /customers.json with `page` like every other list.
 */
export const FALLBACK_STYLE: Partial<Record<PagingStyle, PagingStyle>> = { customers: 'page' };

/** Pages are never assumed to be a fixed size; the loop is always capped. */
export const MAX_PAGES = 20_000;

export interface PagingProgress {
	page: number; // the page just received, 1-based
	records: IDataObject[];
	meta?: PageMeta;
	/** The longest page this list has shown so far (0 before the first): the page size learned. */
	largestEarlierPage: number;
	previousSignature?: string;
}

/** Cheap identity of a page, to notice a server that repeats a page instead of advancing. */
export function pageSignature(records: IDataObject[]): string {
	if (!records.length) return '0';
	const id = (r: IDataObject) => String(r.id ?? r.job_number ?? r.customer_number ?? JSON.stringify(r));
	return `${records.length}:${id(records[0])}:${id(records[records.length - 1])}`;
}

export type PageVerdict = 'empty' | 'repeated' | 'last' | 'more';

/**
 * The contract's end rules, applied to a page just received: an empty page ends; a page equal to the
 * previous one is reported (see `judgeRepeat`); `meta` saying it is the last page ends; a page shorter
 * than a page size this list has already shown (an earlier, longer page) ends. A page shorter than the
 * `per_page` that was sent proves nothing on its own: the server may cap page sizes below what was
 * asked (Kickserv's own documentation says 30 a page), so the next page is read to find out.
 */
export function judgePage(progress: PagingProgress): PageVerdict {
	const { records, meta, largestEarlierPage } = progress;
	if (records.length === 0) return 'empty';
	if (progress.previousSignature !== undefined && pageSignature(records) === progress.previousSignature) {
		return 'repeated';
	}
	if (meta && typeof meta.total_pages === 'number') {
		const current = typeof meta.current_page === 'number' ? meta.current_page : progress.page;
		if (current >= meta.total_pages) return 'last';
	}
	if (largestEarlierPage > 0 && records.length < largestEarlierPage) return 'last';
	return 'more';
}

/**
 * The smallest page size any Kickserv list is documented with (25, the default `per_page` of
 * /jobs.json) [doc]. A server that answers page 2 with page 1 again ignores the page parameter: a first
 * page shorter than this is taken as the whole list; a longer one may be cut, so it is an error.
 */
export const SMALLEST_DOCUMENTED_PAGE = 25;

export type RepeatVerdict = 'end' | 'ignored-page-parameter';

/**
 * What a repeated page means. From page 3 on, paging worked before: the server clamps past-the-end page
 * numbers to its last page, and the list is complete. On page 2 the server ignored the page parameter:
 * complete only if the first page is shorter than any documented page size.
 */
export function judgeRepeat(page: number, records: IDataObject[]): RepeatVerdict {
	if (page > 2) return 'end';
	return records.length < SMALLEST_DOCUMENTED_PAGE ? 'end' : 'ignored-page-parameter';
}

/** The query for page N of a list in the given style. */
export function pageQuery(style: PagingStyle, page: number, perPage?: number): IDataObject {
	if (style === 'customers') return { customers_page: page };
	if (style === 'perPage') return { page, per_page: perPage };
	return { page };
}

/**
 * The `per_page` asked of /jobs.json: 50 is the largest page size seen in Kickserv's own documentation.
 * The server may send fewer a page (it may cap at 25 or 30): the page size actually used is learned
 * from the replies, never assumed from this.
 */
export const JOBS_PAGE_SIZE = 50;

export const perPageFor = (style: PagingStyle, limit?: number): number | undefined =>
	style === 'perPage' ? Math.max(1, Math.min(JOBS_PAGE_SIZE, limit ?? JOBS_PAGE_SIZE)) : undefined;
