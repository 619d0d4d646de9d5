import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { assumptionError } from '../transport/errors';
import { MAX_PAGES } from '../transport/paging';
import { kickservPages } from '../transport/request';
import { planNew, seedIdCursor, type IdCursor } from './cursor';
import type { PollOutcome, PollSettings } from './strategies';

/*
 * New Customer. Customers are listed oldest first (ascending number, `customers_page=N`, the server's
 * page size) and a new customer gets the next number and a higher internal id: new customers are at
 * the end of the list. The state is an id cursor (as New Job's) and the page where the end was last
 * read; a poll reads from that page to the end. Deleted customers move the end back: a first page that
 * holds no customer the cursor knows (or nothing at all) steps back a page, until it does or is page 1.
 * The first activation finds the end in about 2·log2(pages) requests and emits nothing.
 */

const PATH = '/customers.json';
const idOf = (customer: IDataObject) => Number(customer.id);

/** One page of the customer list (empty past the end). */
async function pageAt(this: IPollFunctions, page: number): Promise<IDataObject[]> {
	for await (const { records } of kickservPages.call(this, { path: PATH, key: 'customers', style: 'customers', startPage: page })) return records;
	return [];
}

/** The last page that holds customers, and its customers: galloping, then halving. */
async function findEnd(this: IPollFunctions): Promise<{ page: number; records: IDataObject[] }> {
	let lo = 1;
	let loRecords = await pageAt.call(this, 1);
	if (!loRecords.length) return { page: 1, records: [] };
	let hi = 2;
	for (; hi <= MAX_PAGES; hi *= 2) {
		const records = await pageAt.call(this, hi);
		if (!records.length) break;
		if (idOf(records[0]) === idOf(loRecords[0])) {
			throw assumptionError(
				this.getNode(),
				`the customer list pages with "customers_page"`,
				`Page ${hi} began with the same customer as page ${lo}.`,
				'The end of the list cannot be found, so the trigger cannot tell new customers from old ones.',
			);
		}
		lo = hi;
		loRecords = records;
	}
	while (hi - lo > 1) {
		const mid = Math.floor((lo + hi) / 2);
		const records = await pageAt.call(this, mid);
		if (records.length) {
			lo = mid;
			loRecords = records;
		} else hi = mid;
	}
	return { page: lo, records: loRecords };
}

/**
 * The customers from `page` to the end (stepping back while the first page holds no known customer),
 * each with the page it was on.
 */
async function readFrom(this: IPollFunctions, page: number, cursor: IdCursor): Promise<Array<{ customer: IDataObject; page: number }>> {
	for (let start = Math.max(1, page); ; start--) {
		const seen: Array<{ customer: IDataObject; page: number }> = [];
		let back = false;
		for await (const { records, page: at } of kickservPages.call(this, { path: PATH, key: 'customers', style: 'customers', startPage: start })) {
			if (at === start && start > 1 && !records.some((c) => idOf(c) <= cursor.high)) {
				back = true;
				break;
			}
			for (const customer of records) seen.push({ customer, page: at });
		}
		if (!back && (seen.length || start === 1)) return seen;
	}
}

export async function pollNewCustomers(this: IPollFunctions, state: IDataObject, settings: PollSettings): Promise<PollOutcome> {
	if (state.high === undefined) {
		// first production poll: everything present now is history
		const end = await findEnd.call(this);
		return { items: [], state: { ...seedIdCursor(end.records.map(idOf)), pg: end.page } };
	}
	const cursor: IdCursor = { high: Number(state.high), recent: String(state.recent ?? '') };
	const seen = await readFrom.call(this, Number(state.pg) || 1, cursor);
	const plan = planNew(
		seen.map((s) => s.customer),
		idOf,
		cursor,
		settings.cap,
	);
	// next time, start where the newest accounted customer is (new ones not emitted yet follow it)
	const pageOf = new Map(seen.map((s) => [idOf(s.customer), s.page]));
	const page = pageOf.get(plan.next.high) ?? (seen.length ? seen[seen.length - 1].page : 1);
	return { items: plan.emit, state: { ...plan.next, pg: page } };
}

/** Fetch Test Event: the newest customer (the last of the list). */
export async function sampleCustomer(this: IPollFunctions): Promise<IDataObject[]> {
	const { records } = await findEnd.call(this);
	return records.length ? [records[records.length - 1]] : [];
}
