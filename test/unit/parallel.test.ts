import type { IDataObject } from 'n8n-workflow';

import { inFlightOption, pagesInParallel, type PageReader, type PagingSoFar } from '../../nodes/Kickserv/transport/parallel';
import { pageSignature, type Page } from '../../nodes/Kickserv/transport/paging';

/** A list of `total` records served `size` a page (page N past the end is empty), with an in-flight count. */
function fakeList(total: number, size: number, options: { meta?: boolean; failAt?: number; throttleAt?: number; clampAt?: number } = {}) {
	const records = Array.from({ length: total }, (_, i) => ({ id: i + 1 }) as IDataObject);
	const lastPage = Math.max(1, Math.ceil(total / size));
	const state = { active: 0, maxActive: 0, requested: [] as number[], activeAtStart: new Map<number, number>(), throttledSeen: false };
	const read: PageReader = async (page, throttled) => {
		state.requested.push(page);
		state.active++;
		state.maxActive = Math.max(state.maxActive, state.active);
		state.activeAtStart.set(page, state.active);
		try {
			// pages finish out of order: later pages sooner
			await new Promise((resolve) => setTimeout(resolve, 1 + ((page * 7) % 5)));
			if (page === options.throttleAt && !state.throttledSeen) {
				state.throttledSeen = true;
				throttled();
			}
			if (page === options.failAt) throw new Error(`page ${page} failed`);
			const served = options.clampAt !== undefined && page > options.clampAt ? options.clampAt : page;
			const slice = records.slice((served - 1) * size, served * size);
			const result: Page = { records: slice };
			if (options.meta) result.meta = { current_page: page, total_pages: lastPage };
			return result;
		} finally {
			state.active--;
		}
	};
	return { records, read, state };
}

/** Where the one-at-a-time part leaves off after pages 1 and 2. */
const after2 = (records: IDataObject[], size: number, lastPage?: number): PagingSoFar => ({
	first: 1,
	next: 3,
	largest: size,
	previous: pageSignature(records.slice(size, 2 * size)),
	lastPage,
});

async function collect(generator: AsyncGenerator<{ records: IDataObject[]; page: number }, boolean>) {
	const pages: number[] = [];
	const ids: unknown[] = [];
	let result: IteratorResult<{ records: IDataObject[]; page: number }, boolean>;
	while (!(result = await generator.next()).done) {
		pages.push(result.value.page);
		for (const r of result.value.records) ids.push(r.id);
	}
	return { pages, ids, ended: result.value };
}

describe('pagesInParallel', () => {
	test('yields every page in order with at most the in-flight count outstanding, and reaches it', async () => {
		const list = fakeList(103, 10); // 11 pages, the last short
		const { pages, ids, ended } = await collect(pagesInParallel(list.read, after2(list.records, 10), 4));
		expect(ended).toBe(true);
		expect(pages).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
		expect(ids).toEqual(list.records.slice(20).map((r) => r.id));
		expect(list.state.maxActive).toBe(4);
	});

	for (const [total, inFlight] of [
		[100, 4], // exactly full: the floor needs one empty page
		[103, 4], // a short last page
		[100, 1],
		[55, 10], // fewer pages left than in flight
	] as const) {
		test(`${total} records, ${inFlight} in flight: at most in flight − 1 requests past the end`, async () => {
			const list = fakeList(total, 10);
			const floor = Math.ceil(total / 10) + (total % 10 === 0 ? 1 : 0); // what one at a time requests
			await collect(pagesInParallel(list.read, after2(list.records, 10), inFlight));
			const requests = 2 + list.state.requested.length; // pages 1 and 2 were read before
			expect(requests).toBeGreaterThanOrEqual(floor);
			expect(requests).toBeLessThanOrEqual(floor + inFlight - 1);
			expect(new Set(list.state.requested).size).toBe(list.state.requested.length);
		});
	}

	test('a list that says its last page (meta) is not read past it', async () => {
		const list = fakeList(100, 10, { meta: true });
		const { ids } = await collect(pagesInParallel(list.read, after2(list.records, 10, 10), 5));
		expect(ids).toHaveLength(80);
		expect(Math.max(...list.state.requested)).toBe(10);
	});

	test('a server that clamps past-the-end pages to its last page: the repeat ends the list, nothing twice', async () => {
		const list = fakeList(100, 10, { clampAt: 10 });
		const { ids, ended } = await collect(pagesInParallel(list.read, after2(list.records, 10), 3));
		expect(ended).toBe(true);
		expect(ids).toEqual(list.records.slice(20).map((r) => r.id));
	});

	test('after a throttled page (429/503), one request at a time for the rest of the list', async () => {
		const list = fakeList(200, 10, { throttleAt: 5 });
		const { ids } = await collect(pagesInParallel(list.read, after2(list.records, 10), 4));
		expect(ids).toEqual(list.records.slice(20).map((r) => r.id));
		const highestBefore = Math.max(...list.state.requested.slice(0, list.state.requested.indexOf(5) + 4));
		// pages launched once the throttle was seen started alone
		const later = list.state.requested.filter((page) => page > highestBefore);
		expect(later.length).toBeGreaterThan(5);
		for (const page of later) expect(list.state.activeAtStart.get(page)).toBe(1);
	});

	test('a failed page is thrown in page order, nothing after it is yielded, and nothing is left in flight', async () => {
		const list = fakeList(200, 10, { failAt: 6 });
		const seen: number[] = [];
		const generator = pagesInParallel(list.read, after2(list.records, 10), 4);
		await expect(
			(async () => {
				for await (const page of generator) seen.push(page.page);
			})(),
		).rejects.toThrow('page 6 failed');
		expect(seen).toEqual([3, 4, 5]);
		expect(list.state.active).toBe(0);
	});

	test('starts only after the first two pages (they settle the page parameter and size)', async () => {
		const list = fakeList(100, 10);
		await expect(collect(pagesInParallel(list.read, { first: 1, next: 2, largest: 10 }, 4))).rejects.toThrow(/after the first two pages/);
		expect(list.state.requested).toEqual([]);
	});
});

describe('inFlightOption', () => {
	test.each([1, 5, 10, '3'])('accepts %p', (value) => {
		expect(inFlightOption(value)).toBe(Number(value));
	});

	test.each([0, -1, 11, 2.5, 'abc', '', null])('refuses %p, naming the field', (value) => {
		expect(() => inFlightOption(value)).toThrow(/Pages in Parallel/);
	});
});
