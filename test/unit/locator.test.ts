import { resolveAccount } from '../../nodes/Kickserv/transport/credentials';
import { locatorNumber } from '../../nodes/Kickserv/transport/locator';

const account = resolveAccount({ accountSlug: 'acme', apiToken: 't' });
const local = resolveAccount({ accountSlug: 'acme', apiToken: 't', baseUrl: 'http://127.0.0.1:4010' });
const F = 'Customer';

function failure(fn: () => unknown, field = F): string {
	let thrown: unknown;
	try {
		fn();
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(Error);
	const message = (thrown as Error).message;
	expect(message).toContain(field);
	return message;
}

describe('locatorNumber: list and id modes', () => {
	test('From List gives the number', () => {
		expect(locatorNumber({ mode: 'list', value: '380' }, 'customers', F, account)).toBe(380);
		expect(locatorNumber({ mode: 'list', value: 380 }, 'customers', F, account)).toBe(380);
	});

	test('By Number gives the number (trimmed)', () => {
		expect(locatorNumber({ mode: 'id', value: ' 617 ' }, 'jobs', 'Job', account)).toBe(617);
		expect(locatorNumber({ mode: 'id', value: 617 }, 'jobs', 'Job', account)).toBe(617);
	});

	test('a plain value (not a locator object) is a number', () => {
		expect(locatorNumber(380, 'customers', F, account)).toBe(380);
		expect(locatorNumber('380', 'customers', F, account)).toBe(380);
	});

	test.each([['../5'], ['5/6'], ['0'], ['-1'], ['1.5'], ['abc'], ['']])('By Number refuses %j naming the field', (value) => {
		failure(() => locatorNumber({ mode: 'id', value }, 'customers', F, account));
	});

	test('a missing value is refused naming the field', () => {
		failure(() => locatorNumber({ mode: 'list' }, 'customers', F, account));
		failure(() => locatorNumber(undefined, 'customers', F, account));
		failure(() => locatorNumber(null, 'customers', F, account));
	});

	test('a URL typed into By Number is read as a URL (and checked)', () => {
		expect(locatorNumber({ mode: 'id', value: 'https://app.kickserv.com/acme/customers/380' }, 'customers', F, account)).toBe(
			380,
		);
		expect(failure(() => locatorNumber('https://evil.example/acme/customers/380', 'customers', F, account))).toMatch(
			/refused/,
		);
	});
});

describe('locatorNumber: url mode', () => {
	const url = (value: unknown) => ({ mode: 'url', value });

	test.each([
		['https://app.kickserv.com/acme/customers/380', 380],
		['https://app.kickserv.com/acme/customers/380/', 380],
		['  https://app.kickserv.com/acme/customers/380  ', 380],
		['https://app.kickserv.com/acme/customers/380?tab=notes', 380],
		['https://app.kickserv.com/acme/customers/380#jobs', 380],
		['https://APP.kickserv.com/acme/customers/380', 380],
		['https://app.kickserv.com:443/acme/customers/380', 380],
	])('%s -> %d', (value, expected) => {
		expect(locatorNumber(url(value), 'customers', F, account)).toBe(expected);
	});

	test('a job URL', () => {
		expect(locatorNumber(url('https://app.kickserv.com/acme/jobs/617'), 'jobs', 'Job', account)).toBe(617);
	});

	test('the sandbox origin works for a loopback credential', () => {
		expect(locatorNumber(url('http://127.0.0.1:4010/acme/jobs/617'), 'jobs', 'Job', local)).toBe(617);
	});

	// Fixed (was a bug): resolveAccount keeps a base URL's path (https://proxy.example.com/kickserv -> accountUrl
	// https://proxy.example.com/kickserv/acme), but locatorNumber matches the URL path as /SLUG/kind/N from
	// the root: the URL under the base path is refused, and the error suggests
	// https://proxy.example.com/acme/customers/123, an address that is not the account's.
	test('a URL under a base URL with a path is accepted', () => {
		const proxied = resolveAccount({ accountSlug: 'acme', apiToken: 't', baseUrl: 'https://proxy.example.com/kickserv' });
		expect(locatorNumber(url('https://proxy.example.com/kickserv/acme/customers/380'), 'customers', F, proxied)).toBe(380);
	});

	test('another host is refused, naming the host and saying refused', () => {
		const message = failure(() => locatorNumber(url('https://evil.example.com/acme/customers/380'), 'customers', F, account));
		expect(message).toMatch(/refused/);
		expect(message).toContain('evil.example.com');
	});

	test('a look-alike host is refused', () => {
		const message = failure(() =>
			locatorNumber(url('https://app.kickserv.com.evil.example/acme/customers/380'), 'customers', F, account),
		);
		expect(message).toMatch(/refused/);
		expect(message).toContain('app.kickserv.com.evil.example');
	});

	test('another port is refused', () => {
		const message = failure(() => locatorNumber(url('http://127.0.0.1:9999/acme/jobs/1'), 'jobs', F, local));
		expect(message).toMatch(/refused/);
		expect(message).toContain('127.0.0.1:9999');
	});

	test('http against an https credential is refused', () => {
		expect(failure(() => locatorNumber(url('http://app.kickserv.com/acme/customers/380'), 'customers', F, account))).toMatch(
			/refused/,
		);
	});

	test('https against an http (loopback) credential is refused', () => {
		expect(failure(() => locatorNumber(url('https://127.0.0.1:4010/acme/jobs/617'), 'jobs', F, local))).toMatch(/refused/);
	});

	test('another slug is refused, naming both accounts', () => {
		const message = failure(() => locatorNumber(url('https://app.kickserv.com/other-co/customers/380'), 'customers', F, account));
		expect(message).toContain('"other-co"');
		expect(message).toContain('"acme"');
	});

	test.each([
		['https://app.kickserv.com/acme/jobs/617'], // a job URL where a customer is wanted
		['https://app.kickserv.com/acme/customers'],
		['https://app.kickserv.com/acme/customers/abc'],
		['https://app.kickserv.com/customers/380'],
		['https://app.kickserv.com/'],
		['https://app.kickserv.com/acme/x/customers/380'],
	])('wrong path %s is refused, showing the expected shape', (value) => {
		const message = failure(() => locatorNumber(url(value), 'customers', F, account));
		expect(message).toContain('https://app.kickserv.com/acme/customers/123');
	});

	test('a page of the record (/edit) or its API address (.json) is accepted', () => {
		expect(locatorNumber(url('https://app.kickserv.com/acme/customers/380/edit'), 'customers', F, account)).toBe(380);
		expect(locatorNumber(url('https://app.kickserv.com/acme/customers/380.json'), 'customers', F, account)).toBe(380);
	});

	test('a number out of range in the URL is refused naming the field', () => {
		failure(() => locatorNumber(url('https://app.kickserv.com/acme/customers/0'), 'customers', F, account));
		failure(() => locatorNumber(url('https://app.kickserv.com/acme/customers/99999999999'), 'customers', F, account));
	});

	test.each([['not a url'], ['380'], [''], [undefined], ['app.kickserv.com/acme/customers/380'], ['https://']])(
		'invalid URL %j is refused naming the field',
		(value) => {
			expect(failure(() => locatorNumber(url(value), 'customers', F, account))).toMatch(/not a valid address/);
		},
	);
});
