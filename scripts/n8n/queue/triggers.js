'use strict';
/**
 * The trigger across instances: New Job and New Payment active on the main
 * instance while the sandbox receives new jobs and payments; the main instance
 * is restarted twice (records keep coming while it is down) and one worker is
 * SIGKILLed while it runs a trigger execution. Then every new job and payment
 * must have been delivered exactly once (items of the stored executions
 * against the sandbox's records) and the static data must stay under 16 KB.
 */

const fx = require('../kickserv-fixtures');
const pgdb = require('./pg');
const { until, BUSY } = require('./cluster');
const { TRIGGERS } = require('./workflows');

const STATIC_DATA_LIMIT = 16 * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Ids of every job and every job payment in the sandbox now. */
function sandboxIds(store) {
	const jobs = store.listJobs();
	const payments = jobs.flatMap((j) => store.listPayments({ type: 'Job', number: j.job_number }));
	return { jobs: new Set(jobs.map((j) => j.id)), payments: new Set(payments.map((p) => p.id)) };
}

/** A new job every 2 s, a payment on one of the 100 newest jobs every other step, until stop(). */
function startProducer(store) {
	const customers = store.listCustomers().slice(0, 10).map((c) => c.customer_number);
	let running = true;
	const made = { jobs: 0, payments: 0 };
	const done = (async () => {
		for (let i = 1; running; i++) {
			store.createJob(customers[i % customers.length], { job_type_id: 61, description: `queue-trigger-job-${i}` });
			made.jobs++;
			if (i % 2 === 0) {
				const recent = store.listJobs().slice(0, 100);
				const job = recent[(i * 7) % recent.length];
				store.createPayment({ type: 'Job', number: job.job_number }, { amount: `${10 + (i % 90)}.00`, payment_type: 'Check' });
				made.payments++;
			}
			await sleep(2000);
		}
	})();
	return { made, stop: async () => ((running = false), done) };
}

/** Record id -> execution ids that delivered it, per trigger. */
async function deliveries(n8n, db, triggerIds) {
	const execs = await pgdb.executions(n8n, db, Object.values(triggerIds), { includeData: true });
	const out = {};
	for (const t of TRIGGERS) {
		const byRecord = new Map();
		for (const e of execs.filter((x) => x.workflowId === triggerIds[t.key])) {
			for (const item of pgdb.triggerItems(e, t.nodeName)) byRecord.set(item.id, [...(byRecord.get(item.id) || []), e.id]);
		}
		out[t.key] = byRecord;
	}
	return { execs, byTrigger: out };
}

/** Waits until `victim` logs the start of a trigger execution it has not finished, then SIGKILLs it. */
async function killMidRun(victim, isTriggerExecution, ms) {
	const t0 = Date.now();
	let caught = null;
	try {
		caught = await until(
			async () => {
				const { started, finished } = victim.workerExecutions();
				const running = [...started].filter((id) => !finished.has(id));
				return (await Promise.all(running.map(isTriggerExecution))).some(Boolean) ? running : null;
			},
			ms,
			`${victim.name} to start a trigger execution`,
			100,
		);
	} catch {
		caught = null; // no trigger execution reached it: kill it anyway, the run goes on with one worker
	}
	await victim.kill();
	return { killedAfterMs: Date.now() - t0, inFlight: caught || [] };
}

const nextMinute = () => 60000 - (Date.now() % 60000);

async function runTriggers({ n8n, db, main, victim, triggerIds, server, before }) {
	const store = server.store();
	const triggerExecIds = async () => new Set((await pgdb.executions(n8n, db, Object.values(triggerIds))).map((e) => e.id));
	const isTriggerExecution = async (id) => (await triggerExecIds()).has(id);
	const producer = startProducer(store);
	const restarts = [];
	const polls = () => fx.requestsTo(server, /^GET \/[^/]+\/jobs\.json/).length;
	const restart = async (whileDown = async () => {}) => {
		const t0 = Date.now();
		await main.stop();
		const stopMs = Date.now() - t0;
		await whileDown();
		const before = polls();
		const startMs = await main.start();
		await until(() => polls() > before, 120000, 'the first poll after the restart', 200);
		restarts.push({ stopMs, startMs, gapMs: Date.now() - t0 });
	};
	const t0 = Date.now();
	await sleep(10000);
	await restart();
	// the activation poll emits at once and a cron tick follows within a minute: kill the victim on its first trigger execution
	const firstTick = Date.now() + nextMinute();
	const kill = await killMidRun(victim, isTriggerExecution, nextMinute() + 20000);
	const beforeTick = await triggerExecIds();
	const tick = Date.now() < firstTick ? firstTick : Date.now() + nextMinute(); // the next tick with one worker left
	await sleep(tick + 8000 - Date.now());
	const tickExecs = [...(await triggerExecIds())].filter((id) => !beforeTick.has(id)).length;
	// second restart; production ends while the main instance is down
	await restart(() => producer.stop());
	const expected = sandboxIds(store);
	for (const key of ['jobs', 'payments']) for (const id of before[key]) expected[key].delete(id);
	const allDelivered = async () => {
		const d = await deliveries(n8n, db, triggerIds);
		return TRIGGERS.every((t) => [...expected[t.key]].every((id) => d.byTrigger[t.key].has(id))) ? d : null;
	};
	let drainMs = null;
	try {
		await until(allDelivered, 150000, 'every new job and payment to be delivered');
		drainMs = Date.now() - t0;
	} catch {
		/* counted as misses below */
	}
	// one more cron tick: an extra poll must deliver nothing twice
	await sleep(nextMinute() + 8000);
	const lost = new Set(kill.inFlight);
	await until(
		async () => !(await pgdb.executions(n8n, db, Object.values(triggerIds))).some((e) => BUSY.includes(e.status) && !lost.has(e.id)),
		60000,
		'trigger executions to finish',
	).catch(() => null);
	const final = await deliveries(n8n, db, triggerIds);
	const bytes = await pgdb.staticDataBytes(db, Object.values(triggerIds));

	kill.finalStatuses = final.execs.filter((e) => lost.has(e.id)).map((e) => `#${e.id} ${e.status}`);
	const problems = [];
	const figures = { produced: producer.made, restarts, kill, tickExecs, drainMs, phaseMs: Date.now() - t0, staticData: {}, perTrigger: {} };
	for (const t of TRIGGERS) {
		const got = final.byTrigger[t.key];
		const misses = [...expected[t.key]].filter((id) => !got.has(id));
		const duplicates = [...got].filter(([, e]) => e.length > 1);
		const unexpected = [...got.keys()].filter((id) => !expected[t.key].has(id));
		const execs = final.execs.filter((e) => e.workflowId === triggerIds[t.key]);
		figures.perTrigger[t.key] = {
			expected: expected[t.key].size,
			delivered: [...got.values()].reduce((a, e) => a + e.length, 0),
			misses: misses.length,
			duplicates: duplicates.length,
			unexpected: unexpected.length,
			executions: execs.length,
			statuses: execs.reduce((acc, e) => ({ ...acc, [e.status]: (acc[e.status] || 0) + 1 }), {}),
		};
		figures.staticData[t.key] = bytes[triggerIds[t.key]];
		if (misses.length) problems.push(`${t.nodeName}: ${misses.length} record(s) never delivered (ids ${misses.slice(0, 10).join(', ')}): read ${main.logFile}`);
		if (duplicates.length) {
			problems.push(`${t.nodeName}: ${duplicates.length} record(s) delivered more than once (${duplicates.slice(0, 5).map(([id, e]) => `${id} in executions ${e.join('+')}`).join('; ')}): read ${main.logFile}`);
		}
		if (unexpected.length) problems.push(`${t.nodeName}: delivered ${unexpected.length} record(s) that existed before activation: read ${main.logFile}`);
		if (!(bytes[triggerIds[t.key]] < STATIC_DATA_LIMIT)) problems.push(`${t.nodeName}: static data ${bytes[triggerIds[t.key]]} bytes, limit ${STATIC_DATA_LIMIT}`);
		const failed = execs.filter((e) => e.status !== 'success' && !lost.has(e.id));
		if (failed.length) problems.push(`${t.nodeName}: executions ${failed.map((e) => `#${e.id} ${e.status}`).join(', ')}: read the worker logs`);
	}
	return { figures, problems };
}

module.exports = { runTriggers, sandboxIds, STATIC_DATA_LIMIT };
