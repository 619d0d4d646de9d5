'use strict';
/** n8n CLI commands against a user folder: import, execute, activate, export. */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { tail, readJson, writeJson, parseJsonFromOutput, getFreePort, newId } = require('./util');
const { TIMEOUTS, CommandError, run } = require('./process');


async function commandEnv(n8n, dir, extra = {}) {
	const env = { ...n8n.env, N8N_USER_FOLDER: dir, ...extra };
	if (n8n.major >= 2 && !env.N8N_RUNNERS_BROKER_PORT) {
		// 2.x always starts an internal task-runner broker (default 127.0.0.1:5679)
		// for `execute` and `start`; give each process its own port.
		env.N8N_RUNNERS_BROKER_PORT = String(await getFreePort());
	}
	return env;
}

/** Run `n8n <args...>` with the user folder `dir`. Resolves { code, stdout, stderr, ms }. */
async function n8nCommand(n8n, dir, args, opts = {}) {
	const env = await commandEnv(n8n, dir, opts.env);
	return run(n8n.nodeBin, [n8n.n8nBin, ...args], {
		cwd: dir,
		env,
		timeoutMs: opts.timeoutMs || TIMEOUTS.cli,
		allowFailure: opts.allowFailure,
		label: `n8n ${n8n.version} ${args.join(' ')}`,
	});
}

function writeTempJson(dir, name, data) {
	const file = path.join(dir, `${name}-${crypto.randomBytes(4).toString('hex')}.json`);
	writeJson(file, data);
	return file;
}

/** `n8n <command> --input=<file>` with `list` written to a temp JSON file (removed afterwards); returns the ids. */
async function importList(n8n, dir, command, list) {
	const file = writeTempJson(dir, command.replace(/\W/g, '-'), list);
	try {
		await n8nCommand(n8n, dir, [command, `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
	return list.map((x) => x.id);
}

/**
 * Import credentials: array of { id?, name, type, data: { ...plain values } }.
 * n8n encrypts `data` on import. Returns the ids.
 */
async function importCredentials(n8n, dir, creds) {
	return importList(n8n, dir, 'import:credentials', creds.map((c) => ({ id: c.id || newId(), ...c })));
}

function normalizeWorkflow(wf) {
	const copy = JSON.parse(JSON.stringify(wf));
	copy.id = copy.id || newId();
	copy.name = copy.name || `workflow ${copy.id}`;
	copy.nodes = (copy.nodes || []).map((n) => ({ id: n.id || crypto.randomUUID(), ...n }));
	copy.connections = copy.connections || {};
	copy.settings = copy.settings || {};
	copy.active = false;
	return copy;
}

/** Import one or several workflows in a single n8n call; returns the ids. */
async function importWorkflows(n8n, dir, workflows) {
	return importList(n8n, dir, 'import:workflow', workflows.map(normalizeWorkflow));
}

/** Import a workflow JSON; returns its id (generated when missing). */
async function importWorkflow(n8n, dir, workflowJson) {
	const [id] = await importWorkflows(n8n, dir, [workflowJson]);
	return id;
}


/**
 * Whether an `n8n execute` process that ended as `r` ({ code, signal }) completed, given whether the run
 * itself (as it printed it, or as it stored it) finished successfully. Exit 0 does. So does an end on a
 * signal (no exit code) after a successful run: n8n 2.41's `execute` was seen to die on SIGSEGV during
 * its own exit, after it had printed and stored a finished, successful run (see ../README.md,
 * "execute ending on a signal"); the run is what is tested, so that counts, with a note. A signal before
 * a successful run, or any non-zero exit code, does not. The one rule for every caller (executeWorkflow,
 * the benchmark's measure.js).
 */
function executeCompleted(n8n, id, r, runSucceeded) {
	if (r.code === 0) return true;
	if (r.code !== null || !runSucceeded) return false;
	console.log(`[n8n-harness] n8n ${n8n.version} execute --id=${id}: ended on ${r.signal} after a finished, successful run; accepted`);
	return true;
}

/**
 * `n8n execute --id=<id> --rawOutput`; returns the parsed IRun
 * ({ data: { resultData: { runData, error?, lastNodeExecuted } }, status, ... }).
 * On a failed execution throws an Error whose `.run` is the parsed IRun (if any).
 */
async function executeWorkflow(n8n, dir, id, { timeoutMs } = {}) {
	const r = await n8nCommand(n8n, dir, ['execute', `--id=${id}`, '--rawOutput'], {
		allowFailure: true,
		timeoutMs,
	});
	let runData = null;
	try {
		runData = parseJsonFromOutput(r.stdout);
	} catch {
		try {
			runData = parseJsonFromOutput(r.stdout + '\n' + r.stderr);
		} catch {
			runData = null;
		}
	}
	const error = runData && runData.data && runData.data.resultData && runData.data.resultData.error;
	const succeeded = Boolean(runData && !error && runData.finished === true && runData.status === 'success');
	if (!executeCompleted(n8n, id, r, succeeded) || !runData || error) {
		const printed = /Execution error:\s*\n=+\s*\n\s*(\S[^\n]*)/.exec(r.stdout + '\n' + r.stderr);
		const msg = error
			? `${error.message || error.name}${error.description ? ` — ${error.description}` : ''}`
			: `exit code ${r.code}${r.signal ? ` (signal ${r.signal})` : ''}${printed ? `: ${printed[1]}` : ''}`;
		const err = new CommandError(
			`n8n ${n8n.version} execute --id=${id} failed: ${msg}\n--- stderr (tail) ---\n${tail(r.stderr)}\n--- stdout (tail) ---\n${tail(r.stdout, 20)}`,
			r,
		);
		err.run = runData;
		throw err;
	}
	return runData;
}

/**
 * Output items (json only) of node `nodeName`: [[...output0], [...output1]] of
 * run `runIndex`. Accepts an IRun (executeWorkflow) or an execution from
 * getExecutions() / its `data` (IRunExecutionData).
 */
function nodeOutput(runResult, nodeName, runIndex = 0) {
	let exec = runResult;
	if (exec && exec.data && !exec.resultData) exec = exec.data;
	const runData = exec && exec.resultData && exec.resultData.runData;
	const taskData = runData && runData[nodeName] && runData[nodeName][runIndex];
	if (!taskData) throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(runData || {}).join(', ')})`);
	if (taskData.error) throw new Error(`node "${nodeName}" failed: ${taskData.error.message}`);
	const main = (taskData.data && taskData.data.main) || [];
	return main.map((items) => (items || []).map((i) => i.json));
}

/**
 * Mark a workflow active so that the next `n8n start` activates it. Must be done
 * while n8n is NOT running. 2.x: `publish:workflow --id` (publishes the current
 * version); 1.x: `update:workflow --id --active=true`.
 */
async function activateWorkflow(n8n, dir, id) {
	const args =
		n8n.activation === 'publish'
			? ['publish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, '--active=true'];
	await n8nCommand(n8n, dir, args);
}

/** `n8n export:workflow --id` → the workflow JSON (including staticData). */
async function exportWorkflow(n8n, dir, id) {
	const file = path.join(dir, `export-${id}-${crypto.randomBytes(4).toString('hex')}.json`);
	try {
		await n8nCommand(n8n, dir, ['export:workflow', `--id=${id}`, `--output=${file}`]);
		const data = readJson(file);
		const wf = Array.isArray(data) ? data.find((w) => w.id === id) || data[0] : data;
		if (!wf) throw new Error(`export:workflow --id=${id} returned nothing`);
		return wf;
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/**
 * Export several workflows with one n8n call (`export:workflow --all`); returns
 * { [id]: workflow JSON incl. staticData } for the requested ids (all when omitted).
 */
async function exportWorkflows(n8n, dir, ids) {
	const file = path.join(dir, `export-all-${crypto.randomBytes(4).toString('hex')}.json`);
	try {
		await n8nCommand(n8n, dir, ['export:workflow', '--all', `--output=${file}`]);
		const list = readJson(file);
		const byId = {};
		for (const wf of list) if (!ids || ids.includes(wf.id)) byId[wf.id] = wf;
		const missing = (ids || []).filter((id) => !byId[id]);
		if (missing.length) throw new Error(`export:workflow --all lacks workflow(s) ${missing.join(', ')}`);
		return byId;
	} finally {
		fs.rmSync(file, { force: true });
	}
}

module.exports = {
	commandEnv,
	n8nCommand,
	importCredentials,
	importWorkflows,
	importWorkflow,
	executeCompleted,
	executeWorkflow,
	nodeOutput,
	activateWorkflow,
	exportWorkflow,
	exportWorkflows,
};
