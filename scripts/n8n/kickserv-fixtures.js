'use strict';
/**
 * What the real-n8n drivers (test-n8n.js, test-queue.js) share about this
 * package: the Kickserv sandbox (TypeScript, loaded through ts-node, a dev
 * dependency), its credential, and builders for workflow nodes of the package.
 */

const path = require('node:path');

const REPO = path.join(__dirname, '..', '..');
const CREDENTIAL_ID = 'kickservSandbox';
const CREDENTIAL_NAME = 'Kickserv sandbox';
const credentialRef = { kickservApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
const SLUG = 'demo-hvac';
const TOKEN = 'sandbox-token-0001';

require('ts-node').register({ transpileOnly: true, preferTsExts: true, compilerOptions: { module: 'commonjs' } });
const { KickservSandbox } = require(path.join(REPO, 'sandbox'));

/**
 * A second account of the same sandbox, empty until a driver fills it (test-n8n.js: 2,000 jobs for the
 * trigger's account-wide coverage), with its own credential.
 */
const WIDE = { slug: 'wide-hvac', token: 'sandbox-token-wide', credentialId: 'kickservWide', credentialName: 'Kickserv sandbox (2,000 jobs)' };
const wideCredentialRef = { kickservApi: { id: WIDE.credentialId, name: WIDE.credentialName } };

/** The sandbox on a free loopback port: { url, sandbox, store(slug?), close() }. */
async function startSandbox() {
	const sandbox = new KickservSandbox({
		accounts: [
			{ slug: SLUG, token: TOKEN, seed: 'demo' },
			{ slug: WIDE.slug, token: WIDE.token, seed: 'empty' },
		],
	});
	const url = await sandbox.start(0);
	return { url, sandbox, store: (slug) => sandbox.store(slug), close: () => sandbox.stop() };
}

/** The credential to import with `n8n import:credentials` (n8n encrypts `data`). */
const sandboxCredential = (url) => ({
	id: CREDENTIAL_ID,
	name: CREDENTIAL_NAME,
	type: 'kickservApi',
	data: { accountSlug: SLUG, apiToken: TOKEN, baseUrl: url },
});

/** The second account's credential. */
const wideCredential = (url) => ({
	id: WIDE.credentialId,
	name: WIDE.credentialName,
	type: 'kickservApi',
	data: { accountSlug: WIDE.slug, apiToken: WIDE.token, baseUrl: url },
});

/** A node of this package (`kickserv` or `kickservTrigger`) using the sandbox credential (or `credentials`). */
const kickservNode = (type, name, parameters, position = [0, 0], credentials = credentialRef) => ({
	name,
	type: `n8n-nodes-kickserv.${type}`,
	typeVersion: 1,
	position,
	parameters,
	credentials,
});

/** A workflow made of one Kickserv Trigger node polling every minute. */
const triggerWorkflow = (name, nodeName, parameters) => ({
	name,
	nodes: [kickservNode('kickservTrigger', nodeName, { pollTimes: { item: [{ mode: 'everyMinute' }] }, maxPerPoll: 200, ...parameters })],
	connections: {},
	settings: { executionOrder: 'v1' },
});

/** Sandbox requests whose "METHOD path" matches `pattern`. */
const requestsTo = (server, pattern) => server.sandbox.log.filter((r) => pattern.test(`${r.method} ${r.path}`));

module.exports = { REPO, CREDENTIAL_ID, SLUG, TOKEN, WIDE, credentialRef, wideCredentialRef, startSandbox, sandboxCredential, wideCredential, kickservNode, triggerWorkflow, requestsTo };
