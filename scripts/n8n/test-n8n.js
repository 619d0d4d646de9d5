#!/usr/bin/env node
'use strict';
/**
 * End-to-end test in REAL n8n releases (`npm run test:n8n`).
 *
 * For every n8n version below: install n8n once into a cache outside the repo,
 * make a fresh user folder, install the packed community package into
 * <userFolder>/.n8n/nodes (as n8n's community-package installer does), then
 *   - import credentials + workflows, run the "execute" scenarios with
 *     `n8n execute --id` and check their output,
 *   - activate the "trigger" scenarios, `n8n start` (loopback), wait until each
 *     poll happened, stop n8n, `n8n export:workflow` and check staticData.
 *
 * Usage: node scripts/n8n/test-n8n.js [--version=1.123.50,2.41.0] [--sequential]
 * Env:   N8N_CACHE_DIR     cache root (default ~/.cache/n8n-nodes-kickserv)
 *        N8N_VERSIONS      comma list, same as --version
 *        KICKSERV_TARBALL  use this .tgz instead of packing (only for the real package)
 *        N8N_E2E_KEEP=1    keep temp user folders; N8N_E2E_ECHO=1 echo `n8n start` output
 *
 * Generic plumbing lives in ./n8n-harness.js. Everything package-specific is in
 * the "SUITE" section below (replace it with the real package's scenarios).
 */

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const h = require('./n8n-harness');

const DEFAULT_VERSIONS = ['1.123.50', '2.41.0'];

// ===========================================================================
// SUITE — package-specific part. Today: a throw-away probe package generated
// in a temp dir, to prove the plumbing. Later: n8n-nodes-kickserv's own
// credential, workflows and assertions (with a fake Kickserv API server).
//
// A suite provides:
//   name
//   packageTarball()            -> path of the .tgz to install (called once)
//   startServer()               -> { url, requests: [], close() } (optional)
//   credentials(ctx)            -> [{ id, name, type, data }]
//   executions: [{ name, workflow(ctx), assert(run, ctx) }]
//   triggers:   [{ name, workflow(ctx), ready(ctx, wfId), assert(exported, ctx) }]
// ctx = { server, version, n8n, credIds, h }
// ===========================================================================

const PROBE_USER = 'probe-user';
const PROBE_PASS = 'probe-pass';
const PROBE_CRED_ID = 'probeCred0000001';

/** Sources of the probe package (plain JS; what tsc would have emitted). */
function probePackageFiles() {
	return {
		'package.json': JSON.stringify(
			{
				name: 'n8n-nodes-probe',
				version: '0.1.0',
				description: 'Throw-away package used to test the n8n e2e plumbing',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					strict: true,
					credentials: ['dist/credentials/ProbeApi.credentials.js'],
					nodes: ['dist/nodes/Probe/Probe.node.js', 'dist/nodes/Probe/ProbeTrigger.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
		'dist/credentials/ProbeApi.credentials.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ProbeApi = void 0;
class ProbeApi {
	constructor() {
		this.name = 'probeApi';
		this.displayName = 'Probe API';
		this.documentationUrl = 'https://example.invalid/probe';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'Username', name: 'username', type: 'string', default: '' },
			{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { auth: { username: '={{$credentials.username}}', password: '={{$credentials.password}}' } },
		};
		this.test = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/items' } };
	}
}
exports.ProbeApi = ProbeApi;
`,
		'dist/nodes/Probe/Probe.node.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Probe = void 0;
const n8n_workflow_1 = require("n8n-workflow"); // resolved through n8n's NODE_PATH
class Probe {
	constructor() {
		this.description = {
			displayName: 'Probe',
			name: 'probe',
			icon: 'fa:vial',
			group: ['transform'],
			version: 1,
			description: 'Declarative probe node',
			defaults: { name: 'Probe' },
			inputs: [n8n_workflow_1.NodeConnectionTypes.Main],
			outputs: [n8n_workflow_1.NodeConnectionTypes.Main],
			credentials: [{ name: 'probeApi', required: true }],
			requestDefaults: {
				baseURL: '={{$credentials.baseUrl}}',
				headers: { Accept: 'application/json' },
			},
			properties: [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					options: [
						{
							name: 'Get Many',
							value: 'getAll',
							action: 'Get many items',
							routing: {
								request: { method: 'GET', url: '/items' },
								output: { postReceive: [{ type: 'rootProperty', properties: { property: 'items' } }] },
							},
						},
					],
					default: 'getAll',
				},
				{
					displayName: 'Tag',
					name: 'tag',
					type: 'string',
					default: '',
					routing: { send: { type: 'query', property: 'tag' } },
				},
			],
		};
	}
}
exports.Probe = Probe;
`,
		'dist/nodes/Probe/ProbeTrigger.node.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ProbeTrigger = void 0;
const n8n_workflow_1 = require("n8n-workflow");
class ProbeTrigger {
	constructor() {
		this.description = {
			displayName: 'Probe Trigger',
			name: 'probeTrigger',
			icon: 'fa:vial',
			group: ['trigger'],
			version: 1,
			description: 'Polls /items and emits new ones',
			defaults: { name: 'Probe Trigger' },
			polling: true,
			inputs: [],
			outputs: [n8n_workflow_1.NodeConnectionTypes.Main],
			credentials: [{ name: 'probeApi', required: true }],
			properties: [
				{
					displayName: 'Emit On First Poll',
					name: 'emitOnFirstPoll',
					type: 'boolean',
					default: false,
					description: 'Whether the first poll emits the current items instead of only seeding the cursor',
				},
			],
		};
	}
	async poll() {
		const mode = this.getMode();
		const state = this.getWorkflowStaticData('node');
		const credentials = await this.getCredentials('probeApi');
		const emitOnFirstPoll = this.getNodeParameter('emitOnFirstPoll', false);
		const after = mode === 'manual' || state.lastId === undefined ? 0 : state.lastId;
		const res = await this.helpers.httpRequestWithAuthentication.call(this, 'probeApi', {
			method: 'GET',
			url: credentials.baseUrl + '/items',
			qs: { after, mode, workflow: this.getWorkflow().id, first: state.lastId === undefined ? 1 : 0 },
			json: true,
		});
		const items = (res && res.items) || [];
		if (mode === 'manual') return items.length ? [this.helpers.returnJsonArray(items)] : null;
		const seeding = state.lastId === undefined;
		state.lastId = items.reduce((max, i) => Math.max(max, i.id), seeding ? 0 : state.lastId);
		if ((seeding && !emitOnFirstPoll) || items.length === 0) return null;
		return [this.helpers.returnJsonArray(items)];
	}
}
exports.ProbeTrigger = ProbeTrigger;
`,
	};
}

const PROBE_ITEMS = [
	{ id: 1, name: 'alpha', tag: 'a' },
	{ id: 2, name: 'beta', tag: 'b' },
	{ id: 3, name: 'gamma', tag: 'a' },
];

/** Loopback fake API for the probe: GET /items[?after=N][&tag=x], Basic auth. */
function startProbeServer() {
	const requests = [];
	const expectedAuth = 'Basic ' + Buffer.from(`${PROBE_USER}:${PROBE_PASS}`).toString('base64');
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const entry = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			authorization: req.headers.authorization || null,
			at: Date.now(),
		};
		requests.push(entry);
		const send = (status, body) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (req.headers.authorization !== expectedAuth) return send(401, { error: 'unauthorized' });
		if (req.method === 'GET' && url.pathname === '/items') {
			const after = Number(url.searchParams.get('after') || 0);
			const tag = url.searchParams.get('tag');
			const items = PROBE_ITEMS.filter((i) => i.id > after && (!tag || i.tag === tag));
			return send(200, { items });
		}
		return send(404, { error: 'not found' });
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}`,
				requests,
				close: () => new Promise((r) => server.close(() => r())),
			});
		});
	});
}

const probeCredentialRef = { probeApi: { id: PROBE_CRED_ID, name: 'Probe account' } };

function triggerWorkflow(name, emitOnFirstPoll) {
	return {
		name,
		nodes: [
			{
				name: 'Probe Trigger',
				type: 'n8n-nodes-probe.probeTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					emitOnFirstPoll,
				},
				credentials: probeCredentialRef,
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** Poll requests the fake server received for workflow `wfId` in trigger mode. */
const triggerPolls = (ctx, wfId) =>
	ctx.server.requests.filter((r) => r.path === '/items' && r.query.mode === 'trigger' && r.query.workflow === wfId);

const SUITE = {
	name: 'probe package (plumbing self-test)',

	async packageTarball() {
		const dir = h.mkTemp('n8n-nodes-probe-');
		for (const [rel, content] of Object.entries(probePackageFiles())) {
			const file = path.join(dir, rel);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, content);
		}
		return h.packPackage(dir, { ignoreScripts: true });
	},

	startServer: startProbeServer,

	credentials: (ctx) => [
		{
			id: PROBE_CRED_ID,
			name: 'Probe account',
			type: 'probeApi',
			data: { baseUrl: ctx.server.url, username: PROBE_USER, password: PROBE_PASS },
		},
	],

	executions: [
		{
			name: 'declarative GET with generic Basic auth',
			workflow: () => ({
				name: 'Probe: get many',
				nodes: [
					{
						name: 'Manual',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						name: 'Probe',
						type: 'n8n-nodes-probe.probe',
						typeVersion: 1,
						position: [220, 0],
						parameters: { operation: 'getAll', tag: 'a' },
						credentials: probeCredentialRef,
					},
				],
				connections: { Manual: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			}),
			assert(run, ctx) {
				const [items] = h.nodeOutput(run, 'Probe');
				assert.deepEqual(items, [PROBE_ITEMS[0], PROBE_ITEMS[2]], 'Probe output items');
				const req = ctx.server.requests.find((r) => r.path === '/items' && r.query.tag === 'a');
				assert.ok(req, 'server saw GET /items?tag=a');
				assert.equal(
					req.authorization,
					'Basic ' + Buffer.from(`${PROBE_USER}:${PROBE_PASS}`).toString('base64'),
				);
			},
		},
	],

	triggers: [
		{
			// Real-world pattern: first poll only seeds the cursor and returns null.
			name: 'poll seeds cursor (returns null)',
			workflow: () => triggerWorkflow('Probe: trigger (seed)', false),
			ready: (ctx, wfId) => triggerPolls(ctx, wfId).length >= 1,
			assert(exported, ctx, wfId) {
				assert.equal(triggerPolls(ctx, wfId)[0].query.first, '1', 'first poll had no cursor');
				assert.deepEqual(exported.staticData && exported.staticData['node:Probe Trigger'], { lastId: 3 });
			},
		},
		{
			// First poll emits items: static data is saved via the emit path, an execution runs.
			name: 'poll emits items',
			workflow: () => triggerWorkflow('Probe: trigger (emit)', true),
			ready: (ctx, wfId) => triggerPolls(ctx, wfId).length >= 1,
			assert(exported) {
				assert.deepEqual(exported.staticData && exported.staticData['node:Probe Trigger'], { lastId: 3 });
			},
		},
	],
};

// ===========================================================================
// DRIVER — generic from here on.
// ===========================================================================

function parseArgs(argv) {
	const opts = { versions: null, sequential: false };
	for (const a of argv) {
		if (a.startsWith('--version=') || a.startsWith('--versions=')) opts.versions = a.split('=')[1].split(',');
		else if (a === '--sequential') opts.sequential = true;
		else if (a === '--help' || a === '-h') {
			console.log('usage: node scripts/n8n/test-n8n.js [--version=1.123.50,2.41.0] [--sequential]');
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	if (!opts.versions && process.env.N8N_VERSIONS) opts.versions = process.env.N8N_VERSIONS.split(',');
	opts.versions = (opts.versions || DEFAULT_VERSIONS).map((v) => v.trim()).filter(Boolean);
	return opts;
}

async function step(report, name, fn) {
	const t0 = Date.now();
	const entry = { name, ok: false, ms: 0 };
	report.steps.push(entry);
	try {
		const result = await fn();
		entry.ok = true;
		return result;
	} catch (err) {
		entry.error = err;
		throw err;
	} finally {
		entry.ms = Date.now() - t0;
		process.stderr.write(
			`[${report.version}] ${entry.ok ? 'ok  ' : 'FAIL'} ${name} (${h.fmtMs(entry.ms)})\n`,
		);
	}
}

async function runVersion(version, shared, report) {
	const t0 = Date.now();
	try {
		const n8n = await step(report, 'ensure n8n installed', () => h.ensureN8n(version));
		report.install = n8n.installed;
		const dir = await step(report, 'user folder + package in .n8n/nodes', () =>
			h.makeUserFolder({ tarball: shared.tarball }),
		);
		const ctx = { server: shared.server, version, n8n, dir, h };

		const creds = SUITE.credentials(ctx);
		if (creds.length) {
			ctx.credIds = await step(report, `import ${creds.length} credential(s)`, () =>
				h.importCredentials(n8n, dir, creds),
			);
		}
		const wfs = [
			...SUITE.executions.map((s) => s.workflow(ctx)),
			...SUITE.triggers.map((s) => s.workflow(ctx)),
		];
		const ids = await step(report, `import ${wfs.length} workflow(s)`, () => h.importWorkflows(n8n, dir, wfs));
		const execIds = ids.slice(0, SUITE.executions.length);
		const trigIds = ids.slice(SUITE.executions.length);

		for (const [i, sc] of SUITE.executions.entries()) {
			await step(report, `execute: ${sc.name}`, async () => {
				const run = await h.executeWorkflow(n8n, dir, execIds[i]);
				await sc.assert(run, ctx);
			});
		}

		if (SUITE.triggers.length) {
			for (const id of trigIds) {
				await step(report, `activate ${id}`, () => h.activateWorkflow(n8n, dir, id));
			}
			const server = await step(report, 'n8n start (until all polls ran)', async () => {
				const s = await h.startN8n(n8n, dir);
				try {
					for (const [i, sc] of SUITE.triggers.entries()) {
						await s.waitFor(() => sc.ready(ctx, trigIds[i]), 120000, `trigger "${sc.name}" to poll`);
					}
					// Activation saves static data after the activation poll returns; give
					// n8n a moment to finish activating before shutting it down.
					await s.waitForLog(/Editor is now accessible|n8n ready on/i, 120000);
					await new Promise((r) => setTimeout(r, 1000));
				} finally {
					const stopped = await s.stop();
					report.stopInfo = stopped;
				}
				return s;
			});
			void server;
			for (const [i, sc] of SUITE.triggers.entries()) {
				await step(report, `trigger: ${sc.name} (export + staticData)`, async () => {
					const wf = await h.exportWorkflow(n8n, dir, trigIds[i]);
					report.exported = report.exported || {};
					report.exported[sc.name] = wf.staticData;
					await sc.assert(wf, ctx, trigIds[i]);
				});
			}
		}
		report.ok = true;
	} catch (err) {
		report.ok = false;
		report.error = err;
	} finally {
		report.ms = Date.now() - t0;
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	process.stderr.write(`n8n e2e: suite "${SUITE.name}", n8n ${opts.versions.join(', ')}, cache ${h.cacheRoot()}\n`);

	const tarball = process.env.KICKSERV_TARBALL && SUITE.usesKickservTarball
		? path.resolve(process.env.KICKSERV_TARBALL)
		: await SUITE.packageTarball();
	const server = SUITE.startServer ? await SUITE.startServer() : null;
	const shared = { tarball, server };

	const reports = opts.versions.map((version) => ({ version, steps: [], ok: false }));
	try {
		if (opts.sequential) {
			for (const r of reports) await runVersion(r.version, shared, r);
		} else {
			// Install everything first (npm downloads in parallel), then run the
			// versions concurrently (each n8n command is mostly single-threaded start-up).
			await Promise.all(reports.map((r) => runVersion(r.version, shared, r)));
		}
	} finally {
		if (server) await server.close();
	}

	// ---- summary ----
	const total = Date.now() - t0;
	const lines = ['', '================ n8n end-to-end summary ================'];
	for (const r of reports) {
		const inst = r.install
			? r.install.cached
				? 'cached install'
				: `cold install ${h.fmtMs(r.install.totalMs)} (npm install ${h.fmtMs(r.install.npmInstallMs)})`
			: 'install not done';
		lines.push(`n8n ${r.version}: ${r.ok ? 'PASS' : 'FAIL'} in ${h.fmtMs(r.ms)} (${inst})`);
		for (const s of r.steps) lines.push(`   ${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(52)} ${h.fmtMs(s.ms)}`);
		if (r.exported) lines.push(`   staticData: ${JSON.stringify(r.exported)}`);
		if (r.error) {
			lines.push('   error:');
			lines.push(
				String(r.error.stack || r.error)
					.split('\n')
					.slice(0, 60)
					.map((l) => `     ${l}`)
					.join('\n'),
			);
		}
	}
	const ok = reports.every((r) => r.ok);
	lines.push(`total: ${h.fmtMs(total)} — ${ok ? 'ALL PASSED' : 'FAILED'}`);
	console.log(lines.join('\n'));
	process.exitCode = ok ? 0 : 1;
}

main().catch((err) => {
	console.error(err && err.stack ? err.stack : err);
	process.exit(1);
});
