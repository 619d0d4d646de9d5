'use strict';
/**
 * The action node on workers: a burst of webhook calls to the main instance,
 * each queued as one execution (Create Job, then a note on it) that a worker
 * runs. Checks: every call answered, every execution succeeded, both workers
 * ran some, every job and note exists exactly once in the sandbox.
 */

const pgdb = require('./pg');
const { until, BUSY } = require('./cluster');
const { BURST_PATH, BURST_NOTE } = require('./workflows');

const PARALLEL = 10;

async function postAll(url, bodies) {
	const statuses = [];
	let next = 0;
	const sender = async () => {
		while (next < bodies.length) {
			const body = bodies[next++];
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			await response.text();
			statuses.push(response.status);
		}
	};
	await Promise.all(Array.from({ length: PARALLEL }, sender));
	return statuses;
}

/** Runs the burst; returns figures and `problems` (empty when all is well). */
async function runBurst({ n8n, db, main, workers, workflowId, server, size }) {
	const store = server.store();
	const customers = store.listCustomers().slice(0, 10).map((c) => c.customer_number);
	const bodies = Array.from({ length: size }, (_, i) => ({ ref: `queue-burst-${i + 1}`, customer: customers[i % customers.length] }));
	const t0 = Date.now();
	const statuses = await postAll(`${main.url}/webhook/${BURST_PATH}`, bodies);
	const answeredMs = Date.now() - t0;
	const accepted = statuses.filter((s) => s === 200).length;
	const execs = await until(
		async () => {
			const list = await pgdb.executions(n8n, db, [workflowId]);
			return list.length >= accepted && !list.some((e) => BUSY.includes(e.status)) ? list : null;
		},
		180000,
		`${accepted} burst executions to finish (read the worker logs)`,
	);
	const doneMs = Date.now() - t0;

	const problems = [];
	const refused = statuses.filter((s) => s !== 200);
	if (refused.length) problems.push(`${refused.length} webhook call(s) not answered 200 (${[...new Set(refused)].join(', ')}): read ${main.logFile}`);
	if (execs.length !== size) problems.push(`${execs.length} executions for ${size} webhook calls: read ${main.logFile}`);
	const failed = execs.filter((e) => e.status !== 'success');
	if (failed.length) problems.push(`executions not successful: ${failed.map((e) => `#${e.id} ${e.status}`).join(', ')}: read the worker logs`);

	const perWorker = {};
	for (const w of workers) {
		const { started } = w.workerExecutions();
		perWorker[w.name] = execs.filter((e) => started.has(e.id)).length;
		if (!perWorker[w.name]) problems.push(`${w.name} ran none of the burst: read ${w.logFile}`);
	}
	const unattributed = execs.length - Object.values(perWorker).reduce((a, b) => a + b, 0);
	if (unattributed) problems.push(`${unattributed} burst execution(s) not logged by any worker (run on main?): read ${main.logFile}`);

	const jobs = store.listJobs();
	const bad = [];
	for (const { ref } of bodies) {
		const mine = jobs.filter((j) => j.description === ref);
		const notes = mine.length === 1 ? store.listNotes({ type: 'Job', number: mine[0].job_number }).filter((n) => n.note === `${BURST_NOTE} ${ref}`) : [];
		if (mine.length !== 1 || notes.length !== 1) bad.push(`${ref}: ${mine.length} job(s), ${notes.length} note(s)`);
	}
	if (bad.length) problems.push(`sandbox records not exactly once: ${bad.slice(0, 10).join('; ')}${bad.length > 10 ? ` (+${bad.length - 10})` : ''}`);

	return { size, answeredMs, doneMs, perWorker, jobsOk: size - bad.length, problems };
}

module.exports = { runBurst };
