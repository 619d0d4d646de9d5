'use strict';
/**
 * Reading what n8n stored in PostgreSQL, with n8n's own `pg` and `flatted`
 * modules (pure JS, loaded from the cached n8n install: no dependency of ours).
 */

const path = require('node:path');

/** A small pool on the test's PostgreSQL: { query(sql, params) -> rows, end() }. */
function connect(n8n, pg) {
	const { Pool } = require(path.join(n8n.dir, 'node_modules', 'pg'));
	const pool = new Pool({ host: '127.0.0.1', port: pg.port, user: pg.user, database: pg.database, max: 2 });
	pool.on('error', () => {}); // an idle connection dropped by a server stop: the next query reconnects
	return {
		query: async (sql, params = []) => (await pool.query(sql, params)).rows,
		end: () => pool.end(),
	};
}

/**
 * Executions of the given workflows: [{ id, workflowId, status, mode, startedAt, stoppedAt, data? }]
 * ordered by id; `data` (IRunExecutionData) only when includeData.
 */
async function executions(n8n, db, workflowIds, { includeData = false } = {}) {
	const { parse } = require(path.join(n8n.dir, 'node_modules', 'flatted'));
	const rows = await db.query(
		`SELECT e.id, e."workflowId", e.status, e.mode, e."startedAt", e."stoppedAt"${includeData ? ', d.data' : ''}
		   FROM execution_entity e ${includeData ? 'LEFT JOIN execution_data d ON d."executionId" = e.id' : ''}
		  WHERE e."workflowId" = ANY($1) ORDER BY e.id`,
		[workflowIds],
	);
	return rows.map((r) => ({ ...r, id: String(r.id), data: r.data ? parse(r.data) : undefined }));
}

/** Bytes of each workflow's static data as stored (JSON text), by workflow id. */
async function staticDataBytes(db, workflowIds) {
	const rows = await db.query(`SELECT id, "staticData"::text AS s FROM workflow_entity WHERE id = ANY($1)`, [workflowIds]);
	return Object.fromEntries(rows.map((r) => [r.id, Buffer.byteLength(r.s || '', 'utf8')]));
}

/**
 * True once the main instance activated the workflows: the webhook path is
 * registered and every trigger's first poll stored its state
 * (`triggers`: { workflowId: nodeName }). n8n 2.41 activates published
 * workflows in the background after "Editor is now accessible".
 */
async function activated(db, { webhookPath, triggers }) {
	const hooks = await db.query('SELECT 1 FROM webhook_entity WHERE "webhookPath" = $1', [webhookPath]);
	const rows = await db.query('SELECT id, "staticData" AS s FROM workflow_entity WHERE id = ANY($1)', [Object.keys(triggers)]);
	const seeded = rows.filter((r) => r.s && r.s[`node:${triggers[r.id]}`]).length;
	return hooks.length > 0 && seeded === Object.keys(triggers).length;
}

/**
 * The items a trigger node handed to an execution: its run data once a worker
 * ran it, else the start data the main instance queued with the execution
 * (an execution lost with a killed worker still holds what was delivered).
 */
function triggerItems(execution, nodeName) {
	const data = execution.data || {};
	const ran = data.resultData && data.resultData.runData && data.resultData.runData[nodeName];
	const main = ran && ran[0] && ran[0].data && ran[0].data.main;
	if (main) return (main[0] || []).map((i) => i.json);
	const stack = (data.executionData && data.executionData.nodeExecutionStack) || [];
	const start = stack.find((s) => s.node && s.node.name === nodeName);
	return start && start.data && start.data.main ? (start.data.main[0] || []).map((i) => i.json) : [];
}

module.exports = { connect, executions, staticDataBytes, activated, triggerItems };
