'use strict';
/** Reading the executions n8n stored in a user folder's SQLite database. */

const path = require('node:path');
const { sleep } = require('./util');
const { TIMEOUTS, run } = require('./process');

/**
 * Executions stored in the user folder's SQLite DB (read with n8n's own sqlite3
 * and flatted modules under the runtime node; n8n must not be running).
 * Returns [{ id, workflowId, mode, status, finished, startedAt, stoppedAt, data }]
 * ordered by id, where `data` is the IRunExecutionData ({ resultData: { runData } })
 * when includeData is true.
 */
async function getExecutions(n8n, dir, { workflowId, includeData = true } = {}) {
	const dbFile = path.join(dir, '.n8n', 'database.sqlite');
	const script = `
const sqlite3 = require('sqlite3');
const { parse } = require('flatted');
const [dbFile, workflowId, includeData] = process.argv.slice(1);
const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY);
const where = workflowId ? 'WHERE e.workflowId = ?' : '';
const sql = 'SELECT e.*' + (includeData === '1' ? ', d.data AS __data' : '') +
  ' FROM execution_entity e' + (includeData === '1' ? ' LEFT JOIN execution_data d ON d.executionId = e.id' : '') +
  ' ' + where + ' ORDER BY e.id';
db.all(sql, workflowId ? [workflowId] : [], (err, rows) => {
  if (err) { console.error(err.message); process.exit(1); }
  const out = rows.map((r) => {
    const { __data, ...rest } = r;
    if (__data !== undefined) rest.data = __data ? parse(__data) : null;
    return rest;
  });
  process.stdout.write(JSON.stringify(out));
  db.close();
});`;
	const r = await run(n8n.nodeBin, ['-e', script, dbFile, workflowId || '', includeData ? '1' : '0'], {
		cwd: path.join(n8n.dir, 'node_modules', 'n8n'),
		env: n8n.env,
		timeoutMs: TIMEOUTS.small,
		label: `read executions from ${dbFile}`,
	});
	return JSON.parse(r.stdout).map((e) => ({ ...e, finished: !!e.finished }));
}

/**
 * While n8n runs: wait until no stored execution is new/running and the set of
 * executions has not changed for quietMs (reads the SQLite DB read-only).
 * Use after a trigger fired, before stopping n8n. Resolves the executions list.
 */
async function waitForExecutionsToSettle(n8n, dir, { quietMs = 1500, timeoutMs = 30000 } = {}) {
	const started = Date.now();
	let last = null;
	let lastChange = Date.now();
	for (;;) {
		let execs;
		try {
			execs = await getExecutions(n8n, dir, { includeData: false });
		} catch (e) {
			if (Date.now() - started > timeoutMs) throw e;
			await sleep(300);
			continue;
		}
		const sig = JSON.stringify(execs.map((e) => [e.id, e.status, e.finished]));
		if (sig !== last) {
			last = sig;
			lastChange = Date.now();
		}
		const busy = execs.some((e) => ['new', 'running'].includes(e.status));
		if (!busy && Date.now() - lastChange >= quietMs) return execs;
		if (Date.now() - started > timeoutMs) {
			throw new Error(`executions did not settle within ${timeoutMs} ms: ${sig}`);
		}
		await sleep(300);
	}
}

module.exports = { getExecutions, waitForExecutionsToSettle };
