import {
	accountSlugOf,
	DEFAULT_BASE_URL,
	isLoopbackHost,
	parseUrl,
	resolveAccount,
	type KickservCredentials,
} from '../../nodes/Kickserv/transport/credentials';

const creds = (overrides: Partial<KickservCredentials> = {}): KickservCredentials => ({
	accountSlug: 'acme-plumbing',
	apiToken: 'abc123token',
	...overrides,
});

describe('resolveAccount', () => {
	test('defaults to https://app.kickserv.com', () => {
		expect(DEFAULT_BASE_URL).toBe('https://app.kickserv.com');
		expect(resolveAccount(creds())).toEqual({
			accountUrl: 'https://app.kickserv.com/acme-plumbing',
			origin: 'https://app.kickserv.com',
			slug: 'acme-plumbing',
		});
	});

	test('an empty base URL means the default', () => {
		expect(resolveAccount(creds({ baseUrl: '' })).accountUrl).toBe('https://app.kickserv.com/acme-plumbing');
	});

	test.each([
		['https://app.kickserv.com/', 'https://app.kickserv.com/acme-plumbing'],
		['https://app.kickserv.com///', 'https://app.kickserv.com/acme-plumbing'],
		['  https://app.kickserv.com  ', 'https://app.kickserv.com/acme-plumbing'],
		['https://proxy.example.com/kickserv/', 'https://proxy.example.com/kickserv/acme-plumbing'],
		['https://proxy.example.com:8443', 'https://proxy.example.com:8443/acme-plumbing'],
		['https://APP.KICKSERV.COM', 'https://app.kickserv.com/acme-plumbing'],
	])('base URL %j -> %s', (baseUrl, accountUrl) => {
		expect(resolveAccount(creds({ baseUrl })).accountUrl).toBe(accountUrl);
	});

	test('the origin has no path and no trailing slash', () => {
		expect(resolveAccount(creds({ baseUrl: 'https://proxy.example.com:8443/x/' })).origin).toBe(
			'https://proxy.example.com:8443',
		);
	});

	test.each([['acme'], ['ACME_2'], ['a-b_c-9'], ['0'], ['  acme  ']])('slug %j is accepted (trimmed)', (accountSlug) => {
		expect(resolveAccount(creds({ accountSlug })).slug).toBe(accountSlug.trim());
	});

	test.each([
		['https://app.kickserv.com/demo-hvac/dashboard', 'demo-hvac'],
		['app.kickserv.com/demo-hvac', 'demo-hvac'],
		['  https://app.kickserv.com/acme_2/customers/380?tab=jobs  ', 'acme_2'],
		['http://127.0.0.1:5680/demo-hvac/', 'demo-hvac'],
	])('a pasted address %j gives its slug %j', (accountSlug, slug) => {
		expect(resolveAccount(creds({ accountSlug })).slug).toBe(slug);
		expect(accountSlugOf(accountSlug)).toBe(slug);
	});

	test.each([['a/b'], ['../x'], ['a b'], ['a.b'], ['acme?x=1'], ['acme#x'], ['%2F'], ['café'], ['acme/']])(
		'slug %j is refused naming "Account Slug"',
		(accountSlug) => {
			expect(() => resolveAccount(creds({ accountSlug }))).toThrow(/Account Slug/);
		},
	);

	test.each([[''], ['   ']])('empty slug %j is refused naming "Account Slug"', (accountSlug) => {
		expect(() => resolveAccount(creds({ accountSlug }))).toThrow(/Account Slug.*empty/);
	});

	test('a missing slug is refused naming "Account Slug"', () => {
		expect(() => resolveAccount({ apiToken: 't' } as unknown as KickservCredentials)).toThrow(/Account Slug/);
	});

	test.each([[''], ['   ']])('empty token %j is refused naming "API Token"', (apiToken) => {
		expect(() => resolveAccount(creds({ apiToken }))).toThrow(/API Token/);
	});

	test('a missing token is refused naming "API Token"', () => {
		expect(() => resolveAccount({ accountSlug: 'acme' } as unknown as KickservCredentials)).toThrow(/API Token/);
	});

	test.each([
		['http://app.kickserv.com'],
		['http://example.com:8080'],
		['http://127.0.0.1.nip.io'],
		['http://localhost.evil.com'],
		['http://0.0.0.0'],
		['http://10.0.0.1'],
		['ftp://app.kickserv.com'],
		['ws://localhost'],
	])('%s is refused (https required unless loopback)', (baseUrl) => {
		expect(() => resolveAccount(creds({ baseUrl }))).toThrow(/Base URL must use https/);
	});

	test.each([
		['http://127.0.0.1', 'http://127.0.0.1/acme-plumbing'],
		['http://127.0.0.1:4010/', 'http://127.0.0.1:4010/acme-plumbing'],
		['http://127.1.2.3:8080', 'http://127.1.2.3:8080/acme-plumbing'],
		['http://localhost:3000', 'http://localhost:3000/acme-plumbing'],
		['http://LOCALHOST', 'http://localhost/acme-plumbing'],
		['http://[::1]:4010', 'http://[::1]:4010/acme-plumbing'],
	])('plain http to loopback %s is allowed', (baseUrl, accountUrl) => {
		expect(resolveAccount(creds({ baseUrl })).accountUrl).toBe(accountUrl);
	});

	test.each([['https://user:pass@app.kickserv.com'], ['https://token@app.kickserv.com'], ['http://u:p@127.0.0.1:4010']])(
		'%s with credentials in the URL is refused',
		(baseUrl) => {
			expect(() => resolveAccount(creds({ baseUrl }))).toThrow(/Base URL must not contain a user name or password/);
		},
	);

	test.each([['not a url'], ['app.kickserv.com'], ['https://'], ['://x']])('%j is refused as not a valid URL', (baseUrl) => {
		expect(() => resolveAccount(creds({ baseUrl }))).toThrow(/Base URL is not a valid URL/);
	});

	test('error messages do not echo the token', () => {
		for (const bad of [creds({ baseUrl: 'http://example.com' }), creds({ accountSlug: 'a/b' }), creds({ baseUrl: 'nope' })]) {
			try {
				resolveAccount(bad);
				throw new Error('expected a failure');
			} catch (error) {
				expect((error as Error).message).not.toContain('abc123token');
			}
		}
	});
});

describe('isLoopbackHost', () => {
	test.each([['127.0.0.1'], ['127.255.255.255'], ['localhost'], ['LocalHost'], ['::1'], ['[::1]']])('%s is loopback', (host) => {
		expect(isLoopbackHost(host)).toBe(true);
	});

	test.each([['128.0.0.1'], ['127.0.0'], ['127.0.0.1.evil.com'], ['evil127.0.0.1'], ['localhost.localdomain'], ['::2'], ['']])(
		'%s is not loopback',
		(host) => {
			expect(isLoopbackHost(host)).toBe(false);
		},
	);
});

describe('parseUrl', () => {
	test('parses a URL or gives undefined', () => {
		expect(parseUrl('https://app.kickserv.com/x')?.pathname).toBe('/x');
		expect(parseUrl('nope')).toBeUndefined();
		expect(parseUrl('')).toBeUndefined();
	});
});
