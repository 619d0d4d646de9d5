/**
 * The sandbox's paging, shared by the store (slicing sorted arrays) and the routes (reading `page=` /
 * `per_page=` from the query): page numbers are 1-based, anything else means page 1.
 */

/** The `meta` object some lists (payments) carry. */
export interface PageMeta {
	current_page: number;
	total_pages: number;
	total_count: number;
	per_page: number;
}

/** A valid 1-based page number, or 1. */
export function normPage(page: number): number {
	return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** `page=N` as sent (an integer string, blanks around allowed), or 1. */
export function parsePage(raw: string | undefined): number {
	return normPage(parseIntParam(raw) ?? 1);
}

/** `per_page=N` (default when absent or below 1), capped at `max`. */
export function parsePerPage(raw: string | undefined, defaultSize: number, max: number): number {
	let size = parseIntParam(raw) ?? defaultSize;
	if (size < 1) size = defaultSize;
	return Math.min(size, max);
}

/** An integer query value, undefined when absent or not an integer. */
export function parseIntParam(raw: string | undefined): number | undefined {
	if (raw === undefined || !/^\s*-?\d+\s*$/.test(raw)) return undefined;
	return Number(raw);
}

/** One page of an ascending array, in ascending order. */
export function pageSlice<T>(arr: T[], page: number, size: number): T[] {
	const start = (page - 1) * size;
	if (start >= arr.length) return [];
	return arr.slice(start, start + size);
}

/** Page of an ascending array in descending order (newest first), without copying the array. */
export function pageSliceDesc<T>(arr: T[], page: number, size: number): T[] {
	const out: T[] = [];
	const start = arr.length - 1 - (page - 1) * size;
	for (let i = start; i >= 0 && i > start - size; i--) out.push(arr[i]);
	return out;
}

/** The `meta` of page `page` of `total` items in pages of `size`. */
export function pageMeta(page: number, size: number, total: number): PageMeta {
	return { current_page: page, total_pages: Math.ceil(total / size), total_count: total, per_page: size };
}
