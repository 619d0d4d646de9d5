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

/** The sandbox on a free loopback port: { url, sandbox, store(), close() }. */
async function startSandbox() {
	const sandbox = new KickservSandbox();
	const url = await sandbox.start(0);
	return { url, sandbox, store: () => sandbox.store(), close: () => sandbox.stop() };
}

/** The credential to import with `n8n import:credentials` (n8n encrypts `data`). */
const sandboxCredential = (url) => ({
	id: CREDENTIAL_ID,
	name: CREDENTIAL_NAME,
	type: 'kickservApi',
	data: { accountSlug: SLUG, apiToken: TOKEN, baseUrl: url },
});

/** A node of this package (`kickserv` or `kickservTrigger`) using the sandbox credential. */
const kickservNode = (type, name, parameters, position = [0, 0]) => ({
	name,
	type: `n8n-nodes-kickserv.${type}`,
	typeVersion: 1,
	position,
	parameters,
	credentials: credentialRef,
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

module.exports = { REPO, CREDENTIAL_ID, SLUG, TOKEN, credentialRef, startSandbox, sandboxCredential, kickservNode, triggerWorkflow, requestsTo };
