import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { KickservApi } from '../../credentials/KickservApi.credentials';
import { runKickserv, type TestCredential } from '../harness/engine';
import { TOKEN, useSandbox } from '../harness/setup';

// 7 customers a page, so that a Return All takes several requests
const t = useSandbox({ customersPageSize: 7 });

describe('what each request costs', () => {
	test('Return All reads the credential once for all its pages, and every page is authenticated', async () => {
		let reads = 0;
		const counting = (): TestCredential => {
			reads++;
			return t.credentials;
		};
		const { items } = await runKickserv({ resource: 'customer', operation: 'getAll', returnAll: true, simplify: false }, counting);
		const pages = t.sandbox.log.length;
		expect(items).toHaveLength(t.sandbox.store().listCustomers().length);
		expect(pages).toBeGreaterThanOrEqual(4);
		// the sandbox answers 401 to anything but Basic token:token
		expect(t.sandbox.log.every((r) => r.status === 200)).toBe(true);
		// one read by n8n's RoutingNode (for the request defaults), one by the transport; none per page
		expect(reads).toBe(2);
	});

	test('a wrong token still fails with 401 (the credential read once is the one used)', async () => {
		const { error } = await runKickserv({ resource: 'customer', operation: 'getAll', returnAll: true }, { ...t.credentials, apiToken: 'wrong-token' });
		expect(error?.httpCode).toBe('401');
		expect(t.sandbox.log).toHaveLength(1);
	});
});

describe('the credential\'s authenticate', () => {
	const authenticate = new KickservApi().authenticate as (
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>;

	test('sets HTTP Basic with the token as user name and password, leaving the request it was given as it was', async () => {
		const options: IHttpRequestOptions = { url: '/customers.json', headers: { Accept: 'application/json' } };
		const result = await authenticate({ accountSlug: 'demo-hvac', apiToken: TOKEN }, options);
		expect(result).toEqual({ url: '/customers.json', headers: { Accept: 'application/json' }, auth: { username: TOKEN, password: TOKEN } });
		expect(options).not.toHaveProperty('auth');
	});

	test('trims a token pasted with a stray space or newline', async () => {
		const result = await authenticate({ accountSlug: 'demo-hvac', apiToken: ` ${TOKEN}\n` }, { url: '/jobs.json' });
		expect(result.auth).toEqual({ username: TOKEN, password: TOKEN });
	});
});
