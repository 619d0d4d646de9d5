import type { IAuthenticateRuleResponseSuccessBody, INodeType } from 'n8n-workflow';

import { KickservApi } from '../../credentials/KickservApi.credentials';
import { registerNodeType, runWorkflow, type TestCredential } from '../harness/engine';
import { TOKEN, useSandbox } from '../harness/setup';

const t = useSandbox();

/**
 * The "Test" button as n8n runs it for a credential with a `test.request`: a node type whose
 * requestDefaults are the test request, executed by RoutingNode with the credential applied; the
 * reply is then checked against the credential's `responseSuccessBody` rules (as n8n's credentials
 * tester does: a rule whose key holds its value fails the test with the rule's message).
 */
async function testCredential(credentials: TestCredential): Promise<{ ok: boolean; message?: string }> {
	const credential = new KickservApi();
	const probe: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'kickservApi', required: true }],
			requestDefaults: credential.test.request,
			properties: [],
		},
	};
	registerNodeType('test.credentialTest', probe);
	const { error, output } = await runWorkflow(
		{
			nodes: [
				{
					id: 'c',
					name: 'Credential Test',
					type: 'test.credentialTest',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
					credentials: { kickservApi: { id: 'cred-1', name: 'Kickserv' } },
				},
			],
			connections: {},
		},
		credentials,
	);
	if (error) return { ok: false, message: error.message };
	const body = output('Credential Test')[0]?.json as Record<string, unknown> | string;
	for (const rule of credential.test.rules as IAuthenticateRuleResponseSuccessBody[]) {
		const value = typeof body === 'object' && body !== null ? body[rule.properties.key] : undefined;
		if (value === rule.properties.value) return { ok: false, message: rule.properties.message };
	}
	return { ok: true };
}

describe('KickservApi credential', () => {
	test('a good token and slug pass with one GET of the calendar (the job types)', async () => {
		expect(await testCredential(t.credentials)).toEqual({ ok: true });
		expect(t.sandbox.log).toHaveLength(1);
		expect(t.sandbox.log[0]).toMatchObject({ method: 'GET', path: '/demo-hvac/calendar.json' });
	});

	test('the Test holds whatever envelope the lists come in (bare arrays, keyed objects)', async () => {
		const was = t.sandbox.options.listEnvelope;
		try {
			for (const envelope of ['bare', 'keyed'] as const) {
				t.sandbox.options.listEnvelope = envelope;
				expect(await testCredential(t.credentials)).toEqual({ ok: true });
			}
		} finally {
			t.sandbox.options.listEnvelope = was;
		}
	});

	test('a wrong token fails once (never retried: Kickserv locks logins after 5 failures)', async () => {
		const result = await testCredential({ ...t.credentials, apiToken: 'not-the-token' });
		expect(result.ok).toBe(false);
		expect(result.message).toMatch(/did not accept this credential: check the API Token/);
		expect(t.sandbox.log).toHaveLength(1);
	});

	test('an address pasted as the Account Slug passes: the Test takes the slug out of it, as the node does', async () => {
		const pasted = `https://app.kickserv.com/${t.credentials.accountSlug}/dashboard`;
		expect(await testCredential({ ...t.credentials, accountSlug: pasted })).toEqual({ ok: true });
		expect(t.sandbox.log.map((r) => r.path)).toEqual([`/${t.credentials.accountSlug}/calendar.json`]);
		const { runKickserv } = await import('../harness/engine');
		const run = await runKickserv({ resource: 'jobType', operation: 'getAll', returnAll: true }, { ...t.credentials, accountSlug: pasted });
		expect(run.error).toBeUndefined();
		expect(run.items.length).toBeGreaterThan(0);
	});

	test('a wrong slug is reported as such', async () => {
		const result = await testCredential({ ...t.credentials, accountSlug: 'no-such-account' });
		expect(result).toEqual({ ok: false, message: expect.stringMatching(/Account Slug is the one in your Kickserv address/) });
		expect(t.sandbox.log).toHaveLength(1);
	});

	test('the node refuses a bad slug or a plain-http remote base URL before any request', async () => {
		const { runKickserv } = await import('../harness/engine');
		const badSlug = await runKickserv({ resource: 'customer', operation: 'getAll', limit: 1 }, { ...t.credentials, accountSlug: '../admin' });
		expect(badSlug.error?.message).toMatch(/^Kickserv credential: Account Slug may contain only letters/);
		const http = await runKickserv(
			{ resource: 'customer', operation: 'getAll', limit: 1 },
			{ accountSlug: 'demo-hvac', apiToken: TOKEN, baseUrl: 'http://kickserv.example.com' },
		);
		expect(http.error?.message).toMatch(/^Kickserv credential: Base URL must use https/);
		expect(t.sandbox.log).toHaveLength(0);
	});
});
