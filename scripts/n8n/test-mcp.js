#!/usr/bin/env node
'use strict';
/**
 * `npm run test:mcp`: the Kickserv Tool in real n8n 2.41.0, driven by the official MCP client.
 *
 * n8n 2.41.0 (installed by the harness, as for test:n8n) with the packed package in its user folder,
 * the Kickserv sandbox as the API. Before start: `n8n execute` of the graph n8n runs for "Execute step"
 * on a tool (every attached tool built, one called, no model), and the import of an AI Agent workflow
 * with the tools attached. Then one `n8n start` with the MCP server workflow (examples/kickserv-mcp-server.json
 * plus the writes it leaves out) published; `@modelcontextprotocol/sdk`'s Client connects over
 * Streamable HTTP and over SSE, lists the tools (names, descriptions, input schemas), calls each as a
 * model would, checks the sandbox after every write, and checks that a bad argument, a not-found and a
 * Kickserv validation error come back as isError text an agent can act on, the session still usable.
 *
 * Env: N8N_CACHE_DIR, KICKSERV_TARBALL, N8N_E2E_KEEP, N8N_E2E_ECHO as for test-n8n.js.
 */

const assert = require('node:assert/strict');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');
const h = require('./n8n-harness');
const fx = require('./kickserv-fixtures');
const wfs = require('./mcp/workflows');

const VERSION = '2.41.0';
const CALL_TIMEOUT_MS = 60_000;
const steps = [];

async function step(name, fn) {
	const t0 = Date.now();
	try {
		const value = await fn();
		steps.push({ name, ok: true, ms: Date.now() - t0 });
		process.stderr.write(`ok   ${name} (${h.fmtMs(Date.now() - t0)})\n`);
		return value;
	} catch (error) {
		steps.push({ name, ok: false, ms: Date.now() - t0 });
		process.stderr.write(`FAIL ${name} (${h.fmtMs(Date.now() - t0)})\n`);
		throw error;
	}
}

/** `$fromAI` keys of a tool's parameters: { key: { description, optional } }. */
function fromAiKeys(parameters) {
	const keys = {};
	const text = JSON.stringify(parameters);
	for (const m of text.matchAll(/\$fromAI\('([^']+)', `([^`]*)`, '(\w+)'(, [^)]+)?\)/g)) {
		keys[m[1]] = { description: m[2], type: m[3], optional: m[4] !== undefined };
	}
	return keys;
}

/** The MCP tool names n8n gives the workflow's tool nodes. */
const toolName = (nodeName) => nodeName.replace(/[^a-zA-Z0-9_-]/g, '_');

/** The text of a tool result, and its records when it is JSON. */
function textOf(result) {
	const text = (result.content || []).map((c) => c.text || '').join('\n');
	let records;
	try {
		records = JSON.parse(text);
	} catch {
		records = undefined;
	}
	return { text, records, isError: result.isError === true };
}

/** One MCP session over a transport; `call` returns { text, records, isError, ms }. */
async function session(transport) {
	const client = new Client({ name: 'kickserv-e2e', version: '1.0.0' });
	await client.connect(transport, { timeout: CALL_TIMEOUT_MS });
	const calls = [];
	return {
		client,
		calls,
		async call(name, args) {
			const t0 = Date.now();
			const out = { ...textOf(await client.callTool({ name, arguments: args }, undefined, { timeout: CALL_TIMEOUT_MS })), ms: Date.now() - t0 };
			calls.push({ name, args, isError: out.isError, bytes: out.text.length, ms: out.ms });
			return out;
		},
		async ok(name, args) {
			const out = await this.call(name, args);
			assert.equal(out.isError, false, `${name}(${JSON.stringify(args)}) failed: ${out.text}`);
			assert.ok(Array.isArray(out.records), `${name}: JSON records (got ${out.text.slice(0, 200)})`);
			return out.records;
		},
		async fails(name, args, pattern) {
			const out = await this.call(name, args);
			assert.equal(out.isError, true, `${name}(${JSON.stringify(args)}) should fail (got ${out.text.slice(0, 200)})`);
			assert.match(out.text, pattern, `${name}: the error says what was wrong (got ${JSON.stringify(out.text)})`);
			process.stderr.write(`     ${name} -> isError: ${out.text.split('\n')[0].slice(0, 220)}\n`);
			return out.text;
		},
		close: () => client.close(),
	};
}

/** Connects once the published workflow's MCP endpoint answers (2.41 activates in the background). */
async function connectWhenReady(url, n) {
	const deadline = Date.now() + 90_000;
	for (;;) {
		try {
			return await session(new StreamableHTTPClientTransport(new URL(url)));
		} catch (error) {
			if (Date.now() > deadline) throw new Error(`MCP endpoint ${url} never answered: ${error.message}\n${n.output().slice(-2000)}`);
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
}

/** The tool list: one tool per exposed node, described, with a schema that requires only the keys without a default. */
function checkToolList(tools, workflow) {
	const nodes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-kickserv.kickservTool');
	assert.deepEqual(tools.map((t) => t.name).sort(), nodes.map((n) => toolName(n.name)).sort(), 'one tool per Kickserv Tool node');
	for (const node of nodes) {
		const tool = tools.find((t) => t.name === toolName(node.name));
		assert.match(tool.description, / in Kickserv$/, `${tool.name}: n8n's automatic description from the operation's action`);
		assert.ok(tool.description.length > 'Get many x in Kickserv'.length - 4, `${tool.name}: a description`);
		const keys = fromAiKeys(node.parameters);
		const schema = tool.inputSchema;
		assert.deepEqual(Object.keys(schema.properties || {}).sort(), Object.keys(keys).sort(), `${tool.name}: the $fromAI keys`);
		const required = Object.keys(keys).filter((k) => !keys[k].optional).sort();
		assert.deepEqual([...(schema.required || [])].sort(), required, `${tool.name}: only keys without a default are required`);
		for (const [key, { description }] of Object.entries(keys)) {
			assert.equal(schema.properties[key].description, description, `${tool.name}.${key}: described`);
		}
	}
	const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
	assert.equal(byName.get_job.description, 'Get a job by job number in Kickserv');
	assert.equal(byName.get_customer.description, 'Get a customer by customer number in Kickserv');
	assert.equal(byName.list_job_types.description, 'Get many job types in Kickserv');
}

/** Every tool called with the arguments a model would send; the sandbox checked after each write. */
async function callEveryTool(s, store) {
	const compact = (records, full) => records.every((r) => Object.keys(r).length < Object.keys(full).length);
	const types = await s.ok('list_job_types', {});
	assert.deepEqual(types, store().jobTypes.map((t) => ({ id: t.id, name: t.name })));

	const found = await s.ok('search_customers', { name_contains: 'obert' });
	assert.ok(found.length > 0 && found.every((c) => /obert/i.test(c.name) && c.customer_number), 'search by part of the name');
	const clarence = store().findCustomerByName('Clarence');
	const [customer] = await s.ok('get_customer', { customer_number: clarence.customer_number });
	assert.equal(customer.id, clarence.id);
	assert.ok(compact([customer], clarence), 'a compact customer in tool mode');

	const unscheduled = await s.ok('list_jobs', { status: 'unscheduled' });
	assert.ok(unscheduled.length > 0 && unscheduled.every((j) => j.status === 'unscheduled'), 'one status, as a model sends it');
	const anyStatus = await s.ok('list_jobs', {});
	assert.equal(anyStatus.length, 25, 'status left out: every status, up to the tool\'s Limit');
	assert.ok(new Set(anyStatus.map((j) => j.status)).size > 1);
	assert.ok(JSON.stringify(anyStatus).length < 25 * 450, `25 compact jobs (${JSON.stringify(anyStatus).length} bytes)`);

	// a job that has notes, payments, charges and time entries
	const jobs = store().listJobs();
	const rich = jobs.find((j) => store().listNotes({ type: 'Job', number: j.job_number }).length && store().listPayments({ type: 'Job', number: j.job_number }).length && store().listJobCharges(j.job_number).length && store().listTimeEntries(j.job_number).length) || jobs[0];
	const [job] = await s.ok('get_job', { job_number: rich.job_number });
	assert.equal(job.job_number, rich.job_number);
	for (const [tool, count] of [
		['list_job_notes', store().listNotes({ type: 'Job', number: rich.job_number }).length],
		['list_job_payments', store().listPayments({ type: 'Job', number: rich.job_number }).length],
		['list_job_charges', store().listJobCharges(rich.job_number).length],
		['list_time_entries', store().listTimeEntries(rich.job_number).length],
	]) {
		assert.equal((await s.ok(tool, { job_number: rich.job_number })).length, Math.min(count, 25), tool);
	}
	assert.equal((await s.ok('list_tasks', {})).length, Math.min(store().listTasks().length, 25), 'list_tasks: every task');
	const withTasks = jobs.find((j) => store().listTasks(j.job_number).length);
	if (withTasks) assert.equal((await s.ok('list_tasks', { job_number: String(withTasks.job_number) })).length, store().listTasks(withTasks.job_number).length);
	const employees = await s.ok('list_employees', {});
	assert.ok(employees.length > 0 && employees.every((e) => !('encrypted_password' in e)));
	const items = await s.ok('list_items', {});
	assert.ok(items.length > 0);
	const unpaid = await s.ok('list_invoices', {});
	assert.ok(unpaid.every((i) => i.invoice_status === 'unpaid' || i.total_balance_remaining !== undefined), 'unpaid invoices by default');
	const paid = await s.ok('list_invoices', { invoice_status: 'paid' });
	assert.ok(paid.length > 0);
	await s.ok('list_opportunities', {});

	// writes, each checked in the account
	const [created] = await s.ok('create_customer', { name: 'Morgan Ellison (MCP)' });
	assert.equal(store().getCustomer(created.customer_number).name, 'Morgan Ellison (MCP)');
	assert.ok(!store().getCustomer(created.customer_number).email_address, 'the optional email was left out, not written as ""');
	const [newJob] = await s.ok('create_job', { customer_number: created.customer_number, job_type_id: types[0].id, description: 'No heat upstairs' });
	assert.deepEqual(
		{ customer_id: store().getJob(newJob.job_number).customer_id, job_type_id: store().getJob(newJob.job_number).job_type_id, description: store().getJob(newJob.job_number).description },
		{ customer_id: created.id, job_type_id: types[0].id, description: 'No heat upstairs' },
	);
	const [note] = await s.ok('create_job_note', { job_number: newJob.job_number, note: 'Customer prefers mornings' });
	assert.ok(store().listNotes({ type: 'Job', number: newJob.job_number }).some((n) => n.id === note.id && n.note === 'Customer prefers mornings'));
	const [task] = await s.ok('create_task', { name: 'Order a filter', job_number: String(newJob.job_number) });
	assert.ok(store().listTasks(newJob.job_number).some((t) => t.id === task.id && t.name === 'Order a filter'));
	const [ownTask] = await s.ok('create_task', { name: 'Restock the van' });
	assert.ok(store().getTask(ownTask.id), 'a task of its own (job_number left out)');
	await s.ok('update_job_status', { job_number: newJob.job_number, status: 'on_hold' });
	assert.equal(store().getJob(newJob.job_number).status, 'on_hold');
	await s.ok('add_job_charge', { job_number: newJob.job_number, item_id: items[0].id });
	assert.equal(store().listJobCharges(newJob.job_number).length, 1);
	const [payment] = await s.ok('create_job_payment', { job_number: newJob.job_number, amount: '25.00' });
	assert.ok(store().listPayments({ type: 'Job', number: newJob.job_number }).some((p) => p.id === payment.id && Number(p.amount) === 25));
	await s.ok('log_time_entry', { job_number: newJob.job_number, employee_id: employees[0].id, started_at: '2026-11-28T08:00:00-05:00', ended_at: '2026-11-28T10:30:00-05:00' });
	assert.equal(store().listTimeEntries(newJob.job_number).length, 1);
	const [opportunity] = await s.ok('create_opportunity', { customer_number: created.customer_number, job_type_id: types[1].id });
	assert.equal(store().getJob(opportunity.job_number).status, 'new');
	return { clarence, types };
}

/** Errors an agent can act on, in the same session, which then still works. */
async function checkErrors(s, store, { clarence, types }) {
	const before = store().listCustomers().length;
	await s.fails('list_jobs', { status: 'done' }, /Status must be one value or a list of values from: .*"unscheduled".*\(got "done"\)\. Send one value/);
	await s.fails('get_customer', { customer_number: clarence.id }, new RegExp(`has no customer ${clarence.id}[\\s\\S]*customer_number, not a record's internal ID`));
	await s.fails('create_customer', { name: 'Clarence' }, /Kickserv rejected the new customer[\s\S]*has already been taken/i);
	await s.fails('create_job_payment', { job_number: store().listJobs()[0].job_number, amount: 'twenty' }, /Amount/);
	await s.fails('get_job', { job_number: 'abc' }, /job_number/);
	assert.equal(store().listCustomers().length, before, 'nothing written by a refused call');
	assert.equal((await s.ok('list_job_types', {})).length, types.length, 'the session still works after errors');
}

async function main() {
	const t0 = Date.now();
	const n8n = await step(`ensure n8n ${VERSION} installed`, () => h.ensureN8n(VERSION));
	const tarball = await step('pack the package', () => h.resolvePackageTarball({ packageDir: fx.REPO }));
	const dir = await step('user folder + package in .n8n/nodes', () => h.makeUserFolder({ tarball }));
	const server = await fx.startSandbox();
	const store = () => server.store();
	const report = {};
	try {
		await step('import credential', () => h.importCredentials(n8n, dir, [fx.sandboxCredential(server.url)]));
		const job = store().listJobs()[0];
		const [mcpId] = await step('import the MCP server, Execute-step and AI Agent workflows', () =>
			h.importWorkflows(n8n, dir, [wfs.mcpWorkflow(), wfs.executeStepWorkflow('get_job', { job_number: job.job_number }), wfs.agentWorkflow()]),
		);
		await step('Execute step on a tool (n8n execute, no model): every tool built, get_job called', async () => {
			const run = await h.executeWorkflow(n8n, dir, 'ksMcpStep0000001');
			const [out] = h.nodeOutput(run, 'Tool Executor')[0];
			const records = typeof out === 'string' ? JSON.parse(out) : out;
			assert.equal(JSON.stringify(records).includes(`"job_number":${job.job_number}`), true, `get_job returned job ${job.job_number}: ${JSON.stringify(out).slice(0, 300)}`);
		});
		await step('publish the MCP server workflow', () => h.activateWorkflow(n8n, dir, mcpId));
		const n = await h.startN8n(n8n, dir);
		try {
			await step('n8n start', () => n.waitForLog(/Editor is now accessible via/, 120_000));
			const url = `${n.url}/mcp/${wfs.PATH}`;
			const http = await step('Streamable HTTP: connect', () => connectWhenReady(url, n));
			try {
				const { tools } = await step('Streamable HTTP: list tools', () => http.client.listTools());
				await step(`check ${tools.length} tools: names, descriptions, input schemas`, () => checkToolList(tools, wfs.mcpWorkflow()));
				report.tools = tools.length;
				report.schemaBytes = JSON.stringify(tools).length;
				const ctx = await step('call every tool; the sandbox after every write', () => callEveryTool(http, store));
				await step('errors an agent can act on; the session survives', () => checkErrors(http, store, ctx));
			} finally {
				await http.close();
				report.calls = http.calls;
			}
			const sse = await step('SSE: connect', () => session(new SSEClientTransport(new URL(url))));
			try {
				await step('SSE: list tools, call get_job and a failing call', async () => {
					const { tools } = await sse.client.listTools();
					assert.equal(tools.length, report.tools);
					const [got] = await sse.ok('get_job', { job_number: job.job_number });
					assert.equal(got.job_number, job.job_number);
					await sse.fails('get_customer', { customer_number: 987654 }, /has no customer 987654/);
				});
			} finally {
				await sse.close();
			}
		} finally {
			await n.stop();
		}
	} finally {
		await server.close();
	}
	const calls = report.calls || [];
	const slowest = calls.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0 });
	const biggest = calls.reduce((a, b) => (b.bytes > a.bytes ? b : a), { bytes: 0 });
	process.stderr.write(
		`\ntest:mcp: n8n ${VERSION}, ${report.tools} tools (tools/list ${report.schemaBytes} bytes), ${calls.length} calls over Streamable HTTP ` +
			`(${calls.filter((c) => c.isError).length} errors as expected), slowest ${slowest.name} ${slowest.ms} ms, largest reply ${biggest.name} ${biggest.bytes} bytes; ` +
			`total ${h.fmtMs(Date.now() - t0)} — PASSED\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`\ntest:mcp FAILED: ${error.stack || error}\n`);
	process.exitCode = 1;
});
