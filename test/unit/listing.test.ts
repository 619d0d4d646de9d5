/** lastPage and firstPageWhere on their own: the searches over a list by doubling and halving. */
import { MAX_PAGES } from '../../nodes/Kickserv/transport/paging';
import { firstPageWhere, jobOrder, lastPage, type PageRead } from '../../nodes/Kickserv/trigger/listing';

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

/* firstPageWhere: the first page that reaches (here: whose record is at least `answer`), searched from page 1. */

function answerOn(answer: number) {
	const reads: number[] = [];
	const pageAt = async (page: number) => {
		reads.push(page);
		return [{ page }];
	};
	const reaches = (records: Array<Record<string, unknown>>) => Number(records[0].page) >= answer;
	return { pageAt, reaches, reads };
}

test.each([1, 2, 3])('an answer on page %i costs exactly that many reads, as reading page by page would', async (answer) => {
	const { pageAt, reaches, reads } = answerOn(answer);
	expect(await firstPageWhere(pageAt, reaches)).toBe(answer);
	expect(reads).toEqual(Array.from({ length: answer }, (_, i) => i + 1));
});

test.each([4, 5, 6, 21, 200, 201, 4097])('an answer on page %i is found in about 2·log2(page) reads, each page once', async (answer) => {
	const { pageAt, reaches, reads } = answerOn(answer);
	expect(await firstPageWhere(pageAt, reaches)).toBe(answer);
	expect(reads.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(answer)) + 2);
	expect(new Set(reads).size).toBe(reads.length);
	// pages 1, 2, 3, 5, 9, 17… up to the first page that reaches, then halving below it
	const gallop = [1, 2, 3, 5, 9, 17, 33, 65, 129, 257, 513, 1025, 2049, 4097];
	const upTo = gallop.slice(0, gallop.findIndex((page) => page >= answer) + 1);
	expect(reads.slice(0, upTo.length)).toEqual(upTo);
	expect(reads.slice(upTo.length).every((page) => page > upTo[upTo.length - 2] && page < upTo[upTo.length - 1])).toBe(true);
});

test('no answer up to MAX_PAGES: MAX_PAGES + 1, and no page past MAX_PAGES is read', async () => {
	const { pageAt, reads } = answerOn(Infinity);
	expect(await firstPageWhere(pageAt, () => false)).toBe(MAX_PAGES + 1);
	expect(Math.max(...reads)).toBe(MAX_PAGES);
});

/* jobOrder: how a page of /jobs.json orders its jobs. */

test.each([
	[[3, 2, 1], 'descending'],
	[[1, 2, 3], 'ascending'],
	[[1, 3, 2], 'mixed'],
	[[5], 'unknown'],
	[[], 'unknown'],
])('jobOrder(%j) is %s', (numbers, order) => {
	expect(jobOrder((numbers as number[]).map((job_number) => ({ job_number })))).toBe(order);
});
