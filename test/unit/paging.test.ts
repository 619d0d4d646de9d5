import type { IDataObject } from 'n8n-workflow';

import {
	JOBS_PAGE_SIZE,
	MAX_PAGES,
	isEmptyRecord,
	judgePage,
	judgeRepeat,
	SMALLEST_DOCUMENTED_PAGE,
	pageQuery,
	pageSignature,
	perPageFor,
	unwrapList,
	unwrapRecord,
	type PagingProgress,
} from '../../nodes/Kickserv/transport/paging';

const jobs = (...numbers: number[]): IDataObject[] => numbers.map((n) => ({ id: 1000 + n, job_number: n }));
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('unwrapList', () => {
	test('a bare array', () => {
		const list = [{ id: 1 }, { id: 2 }];
		expect(unwrapList(list, 'customers')).toEqual({ records: list });
	});

	test('a bare array drops entries that are not records', () => {
		expect(unwrapList([{ id: 1 }, null, 3, 'x', [1], { id: 2 }], 'jobs').records).toEqual([{ id: 1 }, { id: 2 }]);
	});

	test('an empty bare array', () => {
		expect(unwrapList([], 'jobs')).toEqual({ records: [] });
	});

	test('the array under the plural key, with meta', () => {
		const meta = { current_page: 1, total_pages: 3, total_count: 61, per_page: 25 };
		const result = unwrapList({ payments: [{ id: 7 }], meta }, 'payments');
		expect(result.records).toEqual([{ id: 7 }]);
		expect(result.meta).toEqual(meta);
	});

	test('the array under the plural key beside other keys', () => {
		const result = unwrapList({ jobs: [{ job_number: 617 }], total_balance_remaining: '1464.27' }, 'jobs');
		expect(result.records).toEqual([{ job_number: 617 }]);
		expect(result.meta).toBeUndefined();
	});

	test('a non-object meta is ignored', () => {
		expect(unwrapList({ notes: [], meta: 'x' }, 'notes').meta).toBeUndefined();
		expect(unwrapList({ notes: [], meta: [1] }, 'notes').meta).toBeUndefined();
	});

	test.each([
		['empty object', {}],
		['empty string', ''],
		['null', null],
		['undefined', undefined],
	])('an empty body (%s) is an empty list', (_label, body) => {
		expect(unwrapList(body, 'customers')).toEqual({ records: [] });
	});

	test('another key than the expected one throws and names the expected key', () => {
		expect(() => unwrapList({ customers: [{ id: 1 }] }, 'jobs')).toThrow(/"jobs"/);
	});

	test('the key holding something else than an array throws', () => {
		expect(() => unwrapList({ jobs: { job_number: 1 } }, 'jobs')).toThrow(/jobs/);
		expect(() => unwrapList({ jobs: null }, 'jobs')).toThrow(/jobs/);
	});

	test.each([
		['a number', 5],
		['text', 'Internal error'],
		['true', true],
	])('a body that is %s throws', (_label, body) => {
		expect(() => unwrapList(body, 'notes')).toThrow(/notes/);
	});
});

describe('unwrapRecord', () => {
	test('a bare record is returned as is', () => {
		const record = { id: 5, customer_number: 380, name: 'Clarence' };
		expect(unwrapRecord(record, 'customer')).toBe(record);
	});

	test('a record wrapped in the singular key is unwrapped', () => {
		const inner = { id: 5, job_number: 617 };
		expect(unwrapRecord({ job: inner }, 'job')).toBe(inner);
	});

	test('a record that may come under either of two keys (an opportunity is a job) is unwrapped from each', () => {
		const inner = { id: 5, job_number: 617, status: 'won' };
		expect(unwrapRecord({ opportunity: inner }, ['opportunity', 'job'])).toBe(inner);
		expect(unwrapRecord({ job: inner }, ['opportunity', 'job'])).toBe(inner);
		expect(unwrapRecord(inner, ['opportunity', 'job'])).toBe(inner);
	});

	test('wrapped beside other keys stays as is', () => {
		const body = { customer: { id: 5 }, status: 'exist', customer_url: '/acme/customers/14907' };
		expect(unwrapRecord(body, 'customer')).toBe(body);
	});

	test('a bare payment that embeds a customer object is not mistaken for a wrapper', () => {
		const payment = { id: 3, amount: '125.00', customer: { id: 9 } };
		expect(unwrapRecord(payment, 'customer')).toBe(payment);
	});

	test('a wrapper with another key is not unwrapped', () => {
		const body = { note: { id: 1 } };
		expect(unwrapRecord(body, 'job')).toBe(body);
	});

	test('the singular key holding a non-object is not unwrapped', () => {
		const body = { note: 'text' };
		expect(unwrapRecord(body, 'note')).toBe(body);
	});

	test('JSON text is parsed and unwrapped', () => {
		expect(unwrapRecord(' {"job":{"job_number":617}}', 'job')).toEqual({ job_number: 617 });
	});

	test.each([
		['empty string', ''],
		['null', null],
		['undefined', undefined],
		['an array', [{ id: 1 }]],
		['plain text', 'OK'],
		['a number', 204],
	])('no record (%s) throws naming the key', (_label, body) => {
		expect(() => unwrapRecord(body, 'payment')).toThrow(/payment/);
	});
});

describe('isEmptyRecord', () => {
	test('all null / undefined / empty string values', () => {
		expect(isEmptyRecord({ customer_number: null, name: null, email_address: '', id: undefined })).toBe(true);
		expect(isEmptyRecord({})).toBe(true);
	});

	test('no customer_number and no id: the placeholder, whatever defaults its other keys hold', () => {
		expect(isEmptyRecord({ customer_number: null, id: null, is_active: false, balance: '0.00', notify_via_email: true })).toBe(true);
		expect(isEmptyRecord({ customer_number: null, is_active: false })).toBe(true);
		expect(isEmptyRecord({ customer_number: '', id: null, name: '' })).toBe(true);
	});

	test('a customer_number or an id makes it a record', () => {
		expect(isEmptyRecord({ customer_number: 380, name: null })).toBe(false);
		expect(isEmptyRecord({ customer_number: 380, id: null })).toBe(false);
		expect(isEmptyRecord({ customer_number: null, id: 14907 })).toBe(false);
		expect(isEmptyRecord({ customer_number: 0, id: 0 })).toBe(false);
	});
});

describe('pageSignature', () => {
	test('empty page', () => {
		expect(pageSignature([])).toBe('0');
	});

	test('equal pages have equal signatures', () => {
		expect(pageSignature(jobs(30, 29, 28))).toBe(pageSignature(jobs(30, 29, 28)));
	});

	test('different pages have different signatures', () => {
		expect(pageSignature(jobs(30, 29, 28))).not.toBe(pageSignature(jobs(27, 26, 25)));
		expect(pageSignature(jobs(30, 29, 28))).not.toBe(pageSignature(jobs(30, 29)));
	});

	test('falls back to job_number, customer_number, then the whole record', () => {
		expect(pageSignature([{ job_number: 5 }])).not.toBe(pageSignature([{ job_number: 6 }]));
		expect(pageSignature([{ customer_number: 5 }])).not.toBe(pageSignature([{ customer_number: 6 }]));
		expect(pageSignature([{ name: 'a' }])).not.toBe(pageSignature([{ name: 'b' }]));
	});
});

describe('judgePage', () => {
	const progress = (overrides: Partial<PagingProgress>): PagingProgress => ({
		page: 1,
		records: jobs(...range(1, 10)),
		largestEarlierPage: 0,
		...overrides,
	});

	test('an empty page', () => {
		expect(judgePage(progress({ records: [] }))).toBe('empty');
		expect(judgePage(progress({ records: [], page: 4, largestEarlierPage: 25, previousSignature: 'x' }))).toBe('empty');
	});

	test('a page equal to the previous one', () => {
		const records = jobs(...range(1, 25));
		expect(
			judgePage(progress({ page: 2, records, largestEarlierPage: 25, previousSignature: pageSignature(records) })),
		).toBe('repeated');
	});

	test('a repeated page is "repeated" even when it is also short or meta says last', () => {
		const records = jobs(1, 2);
		expect(
			judgePage(
				progress({
					page: 3,
					records,
					meta: { current_page: 3, total_pages: 3 },
					previousSignature: pageSignature(records),
				}),
			),
		).toBe('repeated');
	});

	test('meta saying this is the last page', () => {
		const meta = { current_page: 3, total_pages: 3, total_count: 61, per_page: 25 };
		expect(judgePage(progress({ page: 3, records: jobs(...range(1, 25)), meta, largestEarlierPage: 25 }))).toBe('last');
	});

	test('meta past the last page', () => {
		expect(judgePage(progress({ page: 5, records: jobs(1), meta: { current_page: 5, total_pages: 3 } }))).toBe('last');
	});

	test('meta with total_pages but no current_page uses the page number', () => {
		expect(judgePage(progress({ page: 2, records: jobs(...range(1, 25)), meta: { total_pages: 2 } }))).toBe('last');
		expect(judgePage(progress({ page: 1, records: jobs(...range(1, 25)), meta: { total_pages: 2 } }))).toBe('more');
	});

	test('meta saying there are more pages', () => {
		const meta = { current_page: 1, total_pages: 3, total_count: 61, per_page: 25 };
		expect(judgePage(progress({ page: 1, records: jobs(...range(1, 25)), meta }))).toBe('more');
	});

	test('meta without total_pages does not decide', () => {
		expect(judgePage(progress({ page: 1, records: jobs(...range(1, 25)), meta: { current_page: 1 } }))).toBe('more');
	});

	test('a first page shorter than the per_page sent is not an end (the server may cap page sizes)', () => {
		// 25 of 50 asked: only the next page can tell a capped page from the whole list
		expect(judgePage(progress({ records: jobs(...range(1, 25)) }))).toBe('more');
		expect(judgePage(progress({ records: jobs(1) }))).toBe('more');
	});

	test('a page as long as the capped earlier ones may have more; a shorter one is the last', () => {
		expect(judgePage(progress({ page: 2, records: jobs(...range(1, 25)), largestEarlierPage: 25 }))).toBe('more');
		expect(judgePage(progress({ page: 5, records: jobs(...range(1, 20)), largestEarlierPage: 25 }))).toBe('last');
	});

	test('without per_page, a page shorter than an earlier one is the last', () => {
		expect(judgePage(progress({ page: 2, records: jobs(...range(1, 19)), largestEarlierPage: 20 }))).toBe('last');
	});

	test('without per_page, a page as long as the earlier ones may have more', () => {
		expect(judgePage(progress({ page: 2, records: jobs(...range(1, 20)), largestEarlierPage: 20 }))).toBe('more');
	});

	test('without per_page, the first page is never judged short', () => {
		expect(judgePage(progress({ page: 1, records: jobs(1), largestEarlierPage: 0 }))).toBe('more');
		expect(judgePage(progress({ page: 1, records: jobs(...range(1, 3)), largestEarlierPage: 0 }))).toBe('more');
	});

});

describe('judgeRepeat', () => {
	test('from the third page on, a repeated page means the server clamps past the end: complete', () => {
		expect(judgeRepeat(3, jobs(...range(1, 50)))).toBe('end');
		expect(judgeRepeat(40, jobs(...range(1, 25)))).toBe('end');
	});

	test('page 2 equal to page 1: the page parameter is ignored; a short first page is the whole list', () => {
		expect(judgeRepeat(2, jobs(...range(1, SMALLEST_DOCUMENTED_PAGE - 1)))).toBe('end');
		expect(judgeRepeat(2, jobs(1))).toBe('end');
	});

	test('page 2 equal to a first page as long as a documented page size: maybe cut, so refused', () => {
		expect(judgeRepeat(2, jobs(...range(1, SMALLEST_DOCUMENTED_PAGE)))).toBe('ignored-page-parameter');
		expect(judgeRepeat(2, jobs(...range(1, 30)))).toBe('ignored-page-parameter');
	});
});

describe('pageQuery', () => {
	test('customers page with customers_page', () => {
		expect(pageQuery('customers', 3)).toEqual({ customers_page: 3 });
		expect(pageQuery('customers', 3, 50)).toEqual({ customers_page: 3 });
	});

	test('perPage pages with page and per_page', () => {
		expect(pageQuery('perPage', 2, 30)).toEqual({ page: 2, per_page: 30 });
	});

	test('page pages with page only', () => {
		expect(pageQuery('page', 4)).toEqual({ page: 4 });
		expect(pageQuery('page', 4, 30)).toEqual({ page: 4 });
	});
});

describe('perPageFor', () => {
	test('only the perPage style sends a page size', () => {
		expect(perPageFor('customers')).toBeUndefined();
		expect(perPageFor('customers', 10)).toBeUndefined();
		expect(perPageFor('page', 10)).toBeUndefined();
	});

	test('defaults to the jobs page size', () => {
		expect(perPageFor('perPage')).toBe(JOBS_PAGE_SIZE);
	});

	test('a small limit asks for no more than needed', () => {
		expect(perPageFor('perPage', 1)).toBe(1);
		expect(perPageFor('perPage', 10)).toBe(10);
	});

	test('a large limit is capped at the jobs page size', () => {
		expect(perPageFor('perPage', 500)).toBe(JOBS_PAGE_SIZE);
	});

	test('a zero or negative limit still asks for at least 1', () => {
		expect(perPageFor('perPage', 0)).toBe(1);
		expect(perPageFor('perPage', -5)).toBe(1);
	});

	test('the loop cap is large but finite', () => {
		expect(Number.isFinite(MAX_PAGES)).toBe(true);
		expect(MAX_PAGES).toBeGreaterThan(100);
	});
});
