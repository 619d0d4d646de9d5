import { RETRY, backoffMs, mayRetry, retryAfterMs } from '../../nodes/Kickserv/transport/request';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('retryAfterMs', () => {
	test.each([
		['0', 0],
		['1', 1000],
		['5', 5000],
		['1.5', 1500],
		['0.25', 250],
		[' 3 ', 3000],
		[7, 7000],
		[['2', '9'], 2000],
	])('seconds %j -> %d ms', (header, expected) => {
		expect(retryAfterMs(header, NOW)).toBe(expected);
	});

	test('seconds are capped at RETRY.maxDelayMs', () => {
		expect(retryAfterMs('3600', NOW)).toBe(RETRY.maxDelayMs);
		expect(retryAfterMs('99999999999999', NOW)).toBe(RETRY.maxDelayMs);
		expect(retryAfterMs(String(RETRY.maxDelayMs / 1000), NOW)).toBe(RETRY.maxDelayMs);
	});

	test('an HTTP date in the future gives the time until then', () => {
		const in7s = new Date(NOW + 7000).toUTCString();
		expect(retryAfterMs(in7s, NOW)).toBe(7000);
	});

	test('an HTTP date far in the future is capped', () => {
		expect(retryAfterMs(new Date(NOW + 3_600_000).toUTCString(), NOW)).toBe(RETRY.maxDelayMs);
	});

	test('an HTTP date in the past means now', () => {
		expect(retryAfterMs(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0);
		expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).toBe(0);
	});

	test.each([[undefined], [null], [''], ['garbage'], ['soon'], ['5 seconds'], ['120s'], ['1e3'], ['Infinity']])(
		'absent or garbage %j gives undefined (the caller backs off instead)',
		(header) => {
			expect(retryAfterMs(header, NOW)).toBeUndefined();
		},
	);

	// BUG (minor): V8's lenient Date.parse reads these as dates in 2001, so they count as an HTTP date
	// in the past and the request is retried at once (0 ms) instead of falling back to the backoff.
	test.each([['-1'], ['+5'], ['5,5'], ['1.5.3']])('garbage that Date.parse accepts (%j) gives undefined', (header) => {
		expect(retryAfterMs(header, NOW)).toBeUndefined();
	});

	test('never negative and never above the cap', () => {
		for (const header of ['0', '1', '19.999', '20', '21', new Date(NOW + 5).toUTCString(), new Date(0).toUTCString()]) {
			const ms = retryAfterMs(header, NOW) as number;
			expect(ms).toBeGreaterThanOrEqual(0);
			expect(ms).toBeLessThanOrEqual(RETRY.maxDelayMs);
		}
	});
});

describe('backoffMs', () => {
	test('starts at the base delay and doubles', () => {
		expect(backoffMs(0)).toBe(RETRY.baseDelayMs);
		expect(backoffMs(1)).toBe(RETRY.baseDelayMs * 2);
		expect(backoffMs(2)).toBe(RETRY.baseDelayMs * 4);
	});

	test('grows monotonically and is capped', () => {
		let previous = 0;
		for (let attempt = 0; attempt < 40; attempt++) {
			const ms = backoffMs(attempt);
			expect(ms).toBeGreaterThanOrEqual(previous);
			expect(ms).toBeLessThanOrEqual(RETRY.maxDelayMs);
			previous = ms;
		}
		expect(backoffMs(30)).toBe(RETRY.maxDelayMs);
		expect(backoffMs(1000)).toBe(RETRY.maxDelayMs);
	});

	test('the waits of all attempts fit the budget', () => {
		let total = 0;
		for (let attempt = 0; attempt < RETRY.attempts - 1; attempt++) total += backoffMs(attempt);
		expect(total).toBeLessThanOrEqual(RETRY.budgetMs);
	});
});

describe('mayRetry', () => {
	const safe = ['GET', 'PUT', 'DELETE'];

	test.each(safe.flatMap((method) => [429, 503].map((status) => [method, status] as const)))(
		'%s retries on %d',
		(method, status) => {
			expect(mayRetry(method, { status })).toBe(true);
		},
	);

	test.each(safe.flatMap((method) => ['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED'].map((code) => [method, code] as const)))(
		'%s retries on %s',
		(method, code) => {
			expect(mayRetry(method, { code })).toBe(true);
		},
	);

	test.each(
		[...safe, 'POST'].flatMap((method) => [400, 401, 403, 404, 422, 500, 502, 504].map((status) => [method, status] as const)),
	)('%s never retries on %d', (method, status) => {
		expect(mayRetry(method, { status })).toBe(false);
	});

	test.each([[429], [503]])('POST never retries on %d', (status) => {
		expect(mayRetry('POST', { status })).toBe(false);
	});

	test.each([['ECONNRESET'], ['ETIMEDOUT'], ['EPIPE'], ['ECONNABORTED'], ['EAI_AGAIN']])('POST never retries on %s', (code) => {
		expect(mayRetry('POST', { code })).toBe(false);
	});

	test('POST retries on ECONNREFUSED (the request never reached the server)', () => {
		expect(mayRetry('POST', { code: 'ECONNREFUSED' })).toBe(true);
	});

	test('PATCH is treated like POST', () => {
		expect(mayRetry('PATCH', { status: 503 })).toBe(false);
		expect(mayRetry('PATCH', { code: 'ECONNRESET' })).toBe(false);
		expect(mayRetry('PATCH', { code: 'ECONNREFUSED' })).toBe(true);
	});

	test('unknown network codes and no information do not retry', () => {
		expect(mayRetry('GET', { code: 'ENOTFOUND' })).toBe(false);
		expect(mayRetry('GET', { code: 'CERT_HAS_EXPIRED' })).toBe(false);
		expect(mayRetry('GET', {})).toBe(false);
		expect(mayRetry('POST', {})).toBe(false);
	});
});
