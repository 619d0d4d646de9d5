import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { assumptionError } from '../transport/errors';
import { kickservPages } from '../transport/request';
import { planNew, seedIdCursor, type IdCursor } from './cursor';
import { noCustomers } from './empty-sample';
import { lastPage } from './listing';
import { emptySample, type PollOutcome, type PollSettings } from './strategies';

/*
 * New Customer. Customers are listed oldest first (ascending number, `customers_page=N`, the server's
 * page size) and a new customer gets the next number and a higher internal id: new customers are at
 * the end of the list. The state is an id cursor (as New Job's) and the page where the end was last
 * read; a poll reads from that page to the end. Deleted customers move the end back: a first page that
 * holds no customer the cursor knows (or nothing at all) steps back a page, until it does or is page 1.
 * The first activation finds the end in about 2·log2(pages) requests and emits nothing. A server that
 * ignores `customers_page` (page 2 repeats page 1) is read with `page=` instead, kept with the state.
 */

const PATH = '/customers.json';
const idOf = (customer: IDataObject) => Number(customer.id);

type CustomerPaging = 'customers' | 'page';

/**
 * The trigger relies on the list coming oldest first (ascending id) [doc][inf]: every page read is
 * checked, within itself and after `before` (the last id of a page before it), and a list in another
 * order (by name, say) stops the poll with an error naming the guess, since new customers would then
 * not be at its end.
 */
function checkOrder(context: IPollFunctions, page: number, records: IDataObject[], before?: number): void {
	const ids = records.map(idOf);
	const at = ids.findIndex((id, i) => (i ? id <= ids[i - 1] : before !== undefined && id <= before));
	if (at < 0) return;
	throw assumptionError(
		context.getNode(),
		'the customer list comes oldest first (ascending internal id)',
		`Page ${page} of ${PATH} lists customer ${ids[at]} after ${at ? ids[at - 1] : before}.`,
		'New customers would not all be at the end of the list, so the trigger stops rather than miss them.',
	);
}

/** One page of the customer list (empty past the end), its order checked. */
async function pageAt(this: IPollFunctions, page: number, style: CustomerPaging): Promise<IDataObject[]> {
	for await (const { records } of kickservPages.call(this, { path: PATH, key: 'customers', style, startPage: page })) {
		checkOrder(this, page, records);
		return records;
	}
	return [];
}

/** The last page that holds customers, its customers, and the page parameter the server honours. */
async function findEnd(this: IPollFunctions): Promise<{ page: number; records: IDataObject[]; style: CustomerPaging }> {
	let style: CustomerPaging = 'customers';
	const first = await pageAt.call(this, 1, style);
	if (!first.length) return { page: 1, records: [], style };
	const second = await pageAt.call(this, 2, style);
	if (second.length && idOf(second[0]) === idOf(first[0])) style = 'page';
	const read = (page: number) => (page === 2 && style === 'customers' ? Promise.resolve(second) : pageAt.call(this, page, style));
	const end = await lastPage(read, { page: 1, records: first }, (page, previous) => {
		if (idOf(page.records[0]) !== idOf(previous.records[0])) return checkOrder(this, page.page, page.records, idOf(previous.records[previous.records.length - 1]));
		throw assumptionError(
			this.getNode(),
			`the customer list pages with "customers_page"`,
			`Page ${page.page} began with the same customer as page ${previous.page}.`,
			'The end of the list cannot be found, so the trigger cannot tell new customers from old ones.',
		);
	});
	return { ...end, style };
}

/**
 * The customers from `page` to the end (stepping back while the first page holds no known customer),
 * each with the page it was on.
 */
async function readFrom(
	this: IPollFunctions,
	page: number,
	cursor: IdCursor,
	style: CustomerPaging,
): Promise<Array<{ customer: IDataObject; page: number }>> {
	for (let start = Math.max(1, page); ; start--) {
		const seen: Array<{ customer: IDataObject; page: number }> = [];
		let back = false;
		for await (const { records, page: at } of kickservPages.call(this, { path: PATH, key: 'customers', style, startPage: start })) {
			checkOrder(this, at, records, seen.length ? idOf(seen[seen.length - 1].customer) : undefined);
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
		return { items: [], state: { ...seedIdCursor(end.records.map(idOf)), pg: end.page, ...(end.style === 'page' ? { st: 'page' } : {}) } };
	}
	const cursor: IdCursor = { high: Number(state.high), recent: String(state.recent ?? '') };
	const style: CustomerPaging = state.st === 'page' ? 'page' : 'customers';
	const seen = await readFrom.call(this, Number(state.pg) || 1, cursor, style);
	const plan = planNew(
		seen.map((s) => s.customer),
		idOf,
		cursor,
		settings.cap,
	);
	// next time, start where the newest accounted customer is (new ones not emitted yet follow it)
	const pageOf = new Map(seen.map((s) => [idOf(s.customer), s.page]));
	const page = pageOf.get(plan.next.high) ?? (seen.length ? seen[seen.length - 1].page : 1);
	return { items: plan.emit, state: { ...plan.next, pg: page, ...(style === 'page' ? { st: 'page' } : {}) } };
}

/** Fetch Test Event: the newest customer (the last of the list). */
export async function sampleCustomer(this: IPollFunctions): Promise<IDataObject[]> {
	const { records } = await findEnd.call(this);
	if (!records.length) throw emptySample(this, noCustomers());
	return [records[records.length - 1]];
}
