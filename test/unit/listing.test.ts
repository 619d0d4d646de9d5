/** lastPage on its own: the last page that holds records, found by doubling and halving. */
import { MAX_PAGES } from '../../nodes/Kickserv/transport/paging';
import { lastPage, type PageRead } from '../../nodes/Kickserv/trigger/listing';

/** A list of `pages` pages (one record each, its page number), and the pages read. */
function list(pages: number) {
	const reads: number[] = [];
	const pageAt = async (page: number) => {
		reads.push(page);
		return page <= pages ? [{ page }] : [];
	};
	return { pageAt, reads, first: { page: 1, records: [{ page: 1 }] } as PageRead };
}

test.each([1, 2, 3, 7, 8, 9, 100, 1000, 12_345])('a list of %i pages: its last page, in about 2·log2(pages) reads', async (pages) => {
	const { pageAt, reads, first } = list(pages);
	expect(await lastPage(pageAt, first)).toEqual({ page: pages, records: [{ page: pages }] });
	expect(reads.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(pages + 1)) + 1);
	expect(new Set(reads).size).toBe(reads.length); // no page read twice
});

test('a list longer than MAX_PAGES: no page past MAX_PAGES is read', async () => {
	const { pageAt, reads, first } = list(MAX_PAGES * 3);
	expect((await lastPage(pageAt, first)).page).toBe(MAX_PAGES);
	expect(Math.max(...reads)).toBe(MAX_PAGES);
});

test('check sees each page the doubling finds, with the one before it, and may stop the search', async () => {
	const { pageAt, first } = list(20);
	const seen: Array<[number, number]> = [];
	await lastPage(pageAt, first, (read, previous) => seen.push([read.page, previous.page]));
	expect(seen).toEqual([
		[2, 1],
		[4, 2],
		[8, 4],
		[16, 8],
	]);
	await expect(
		lastPage(pageAt, first, (read) => {
			if (read.page === 4) throw new Error('page 4 repeats');
		}),
	).rejects.toThrow('page 4 repeats');
});
