'use strict';
/**
 * The last execution of a workflow, read from the user folder's SQLite database with n8n's own sqlite3
 * and flatted (run under n8n's Node, n8n not running) and summarised there: per node its start and
 * execution time and output size, and the first and last record of one node's output. (`n8n execute`
 * also prints the run data, but it exits before a pipe has taken tens of MB of it.)
 */
const path = require('node:path');

const h = require('../n8n-harness');

const SCRIPT = `
const sqlite3 = require('sqlite3');
const { parse } = require('flatted');
const [dbFile, workflowId, outputNode, idKey] = process.argv.slice(1);
const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY);
const sql = 'SELECT e.id, e.status, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id ' +
  'WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1';
db.get(sql, [workflowId], (err, row) => {
  if (err) { console.error(err.message); process.exit(1); }
  if (!row) { console.error('no execution of workflow ' + workflowId); process.exit(1); }
  const runData = parse(row.data).resultData.runData;
  const nodes = {};
  for (const [name, runs] of Object.entries(runData)) {
    const run = runs[0];
    const items = (run.data && run.data.main && run.data.main[0]) || [];
    nodes[name] = { startTime: run.startTime, executionTime: run.executionTime, items: items.length, error: run.error ? run.error.message : undefined };
  }
  const out = ((runData[outputNode] || [])[0] || {}).data;
  const items = (out && out.main && out.main[0]) || [];
  const id = (item) => (item ? item.json[idKey] : null);
  process.stdout.write(JSON.stringify({ id: row.id, status: row.status, nodes, first: id(items[0]), last: id(items[items.length - 1]) }));
  db.close();
});`;

async function lastExecution(n8n, dir, workflowId, { outputNode, idKey }) {
	const dbFile = path.join(dir, '.n8n', 'database.sqlite');
	const r = await h.run(n8n.nodeBin, ['-e', SCRIPT, dbFile, workflowId, outputNode, idKey], {
		cwd: path.join(n8n.dir, 'node_modules', 'n8n'),
		env: n8n.env,
		timeoutMs: 5 * 60 * 1000,
		label: `read the last execution of ${workflowId}`,
	});
	return JSON.parse(r.stdout);
}

module.exports = { lastExecution };
