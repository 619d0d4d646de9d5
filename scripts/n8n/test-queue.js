#!/usr/bin/env node
'use strict';
/**
 * The package in n8n's queue mode (`npm run test:queue`): real n8n 2.41.0 as one
 * main instance (`n8n start`, EXECUTIONS_MODE=queue) and two workers
 * (`n8n worker`), each with the packed package in its own .n8n/nodes, sharing
 * PostgreSQL, Redis (both from Debian packages, on loopback ports, data in temp
 * folders) and the encryption key; the Kickserv sandbox as the API.
 *
 *   1. burst: >= 50 webhook calls, each a queued execution (Create Job + a note)
 *      run by the workers: both workers busy, every job and note exactly once;
 *   2. triggers: New Job and New Payment on main while records keep coming, main
 *      restarted twice, a worker SIGKILLed mid-run: every new record delivered
 *      exactly once, static data < 16 KB.
 *
 * Figures printed and written to a file in the temp folder; `QUEUE_RESULTS=bench/QUEUE.md` records
 * them in the repository (a plain run leaves its files as they are). Every instance logs to its own
 * file; on failure their paths and tails are printed (the folder is kept).
 * Env: QUEUE_BURST (default 60), QUEUE_RESULTS (results file), N8N_CACHE_DIR, N8N_E2E_KEEP=1.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./n8n-harness');
const fx = require('./kickserv-fixtures');
const { startRedis, startPostgres } = require('./harness/services');
const { queueMode, Instance, until } = require('./queue/cluster');
const pgdb = require('./queue/pg');
const { BURST_PATH, burstWorkflow, TRIGGERS } = require('./queue/workflows');
const { runBurst } = require('./queue/burst');
const { runTriggers, sandboxIds } = require('./queue/triggers');
const report = require('./queue/report');

const VERSION = '2.41.0';
const BURST = Number(process.env.QUEUE_BURST || 60);
const RESULTS = path.resolve(process.env.QUEUE_RESULTS || path.join(os.tmpdir(), 'kickserv-test-queue.md'));

async function main() {
	const t0 = Date.now();
	const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-logs-'));
	const fig = { version: VERSION, workers: 2, when: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', setup: {} };
	const problems = [];
	const live = { instances: [] };
	const timed = async (name, fn) => {
		const s = Date.now();
		const v = await fn();
		fig.setup[name] = Date.now() - s;
		h.log(`ok ${name} (${h.fmtMs(fig.setup[name])})`);
		return v;
	};
	let failure = null;
	try {
		const [redis, pg, n8nPlain, tarball] = await Promise.all([
			startRedis({ logFile: path.join(logDir, 'redis.log') }),
			startPostgres({ logFile: path.join(logDir, 'postgres.log') }),
			h.ensureN8n(VERSION),
			h.resolvePackageTarball({ packageDir: fx.REPO }),
		]);
		Object.assign(live, { redis, pg });
		fig.setup['redis-server: apt-get install (0 = already there)'] = redis.installMs;
		fig.setup['redis-server: start'] = redis.startMs;
		fig.setup['PostgreSQL: apt-get install (0 = already there)'] = pg.installMs;
		fig.setup['PostgreSQL: initdb + start + createdb'] = pg.startMs;
		fig.setup[`n8n ${VERSION} install (0 = cached)`] = n8nPlain.installed.cached ? 0 : n8nPlain.installed.totalMs;
		const n8n = queueMode(n8nPlain, { pg, redis });
		const dirs = await Promise.all([0, 1, 2].map(() => h.makeUserFolder({ tarball })));
		const [main, ...workers] = ['main', 'worker-1', 'worker-2'].map(
			(name, i) => new Instance({ name, kind: i ? 'worker' : 'main', n8n, dir: dirs[i], logDir }),
		);
		live.instances = [main, ...workers];
		live.server = await fx.startSandbox();
		live.db = pgdb.connect(n8n, pg);

		await timed('import credential (n8n CLI, runs the migrations)', () => h.importCredentials(n8n, main.dir, [fx.sandboxCredential(live.server.url)]));
		const wfs = [burstWorkflow(), ...TRIGGERS.map((t) => t.workflow())];
		const [burstId, ...trigIds] = await timed('import 3 workflows', () => h.importWorkflows(n8n, main.dir, wfs));
		await timed('publish 3 workflows', () => Promise.all([burstId, ...trigIds].map((id) => h.activateWorkflow(n8n, main.dir, id))));
		const triggerIds = Object.fromEntries(TRIGGERS.map((t, i) => [t.key, trigIds[i]]));
		const before = sandboxIds(live.server.store());

		await timed('start 2 workers + main (in parallel)', () => Promise.all(live.instances.map((i) => i.start())));
		const triggers = Object.fromEntries(TRIGGERS.map((t) => [triggerIds[t.key], t.nodeName]));
		await timed('main: workflows activated (webhook registered, trigger cursors seeded)', () =>
			until(() => pgdb.activated(live.db, { webhookPath: BURST_PATH, triggers }), 120000, `activation (read ${main.logFile})`),
		);
		h.log('burst ...');
		fig.burst = await runBurst({ n8n, db: live.db, main, workers, workflowId: burstId, server: live.server, size: BURST });
		problems.push(...fig.burst.problems);
		h.log('triggers: 2 main restarts, 1 worker SIGKILL ...');
		const trig = await runTriggers({ n8n, db: live.db, main, victim: workers[1], triggerIds, server: live.server, before });
		fig.triggers = trig.figures;
		problems.push(...trig.problems);
		const [pgVersion] = await live.db.query('SHOW server_version');
		fig.postgres = pgVersion.server_version;
		fig.redis = (/Redis version=([\d.]+)/.exec(redis.output()) || [])[1];
	} catch (err) {
		failure = err;
	} finally {
		await Promise.all(live.instances.map((i) => i.stop().catch(() => null)));
		if (live.db) await live.db.end().catch(() => null);
		if (live.server) await live.server.close();
		if (live.pg) await live.pg.stop();
		if (live.redis) await live.redis.stop();
	}

	fig.totalMs = Date.now() - t0;
	fig.ok = !failure && problems.length === 0;
	const out = ['', '================ test:queue ================', ...report.lines(fig)];
	if (failure) out.push('', `error: ${String(failure.stack || failure)}`);
	if (problems.length) out.push('', 'problems:', ...problems.map((p) => `  - ${p}`));
	if (!fig.ok) {
		out.push('', `instance logs (kept): ${logDir}`);
		for (const f of fs.readdirSync(logDir)) {
			out.push(`--- ${path.join(logDir, f)} (tail) ---`, ...fs.readFileSync(path.join(logDir, f), 'utf8').trimEnd().split('\n').slice(-15));
		}
	} else {
		if (!process.env.N8N_E2E_KEEP) fs.rmSync(logDir, { recursive: true, force: true });
		report.write(RESULTS, fig);
		out.push(`results written to ${RESULTS}`);
	}
	out.push(`test:queue: ${fig.ok ? 'passed' : 'FAILED'}`);
	console.log(out.join('\n'));
	process.exitCode = fig.ok ? 0 : 1;
}

main().catch((err) => {
	console.error(err && err.stack ? err.stack : err);
	process.exit(1);
});
