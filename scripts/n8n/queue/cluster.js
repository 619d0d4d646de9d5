'use strict';
/**
 * n8n in queue mode: one main (`n8n start`, EXECUTIONS_MODE=queue) and workers
 * (`n8n worker`), each with its own user folder (the package in its
 * .n8n/nodes), all sharing one PostgreSQL database, one Redis and one
 * encryption key. Every instance appends its output to its own log file.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const h = require('../n8n-harness');

const READY = { main: /Editor is now accessible via/, worker: /n8n worker is now ready/ };

/** The n8n handle with the shared queue-mode settings in every command's environment. */
function queueMode(n8n, { pg, redis, encryptionKey = crypto.randomBytes(24).toString('hex') }) {
	const env = {
		...n8n.env,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: encryptionKey,
		// a stop waits this long for running executions (n8n's default 30 s): after the worker is SIGKILLed
		// its execution stays "running" for good, and main's second restart waited out the whole 30 s on it
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
	delete env.DB_SQLITE_POOL_SIZE;
	return { ...n8n, env };
}

/**
 * One n8n instance. kind 'main' or 'worker'; start() resolves when it logged
 * that it is ready, with the start-up time. The main instance keeps its port
 * across restarts (webhook URLs stay valid).
 */
class Instance {
	constructor({ name, kind, n8n, dir, logDir, concurrency = 5 }) {
		Object.assign(this, { name, kind, n8n, dir, concurrency });
		this.logFile = path.join(logDir, `${name}.log`);
		this.proc = null;
		this.port = null;
		this.starts = [];
	}

	async start() {
		const t0 = Date.now();
		fs.appendFileSync(this.logFile, `\n===== ${this.name}: n8n ${this.kind === 'main' ? 'start' : 'worker'} at ${new Date().toISOString()} =====\n`);
		const command = this.kind === 'main' ? ['start'] : ['worker', `--concurrency=${this.concurrency}`];
		this.proc = await h.startN8n(this.n8n, this.dir, { port: this.port || undefined, command, logFile: this.logFile });
		this.port = this.proc.port;
		await this.proc.waitForLog(READY[this.kind], 180000);
		const ms = Date.now() - t0;
		this.starts.push(ms);
		return ms;
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Graceful stop (SIGTERM). */
	async stop() {
		return this.proc ? this.proc.stop({ timeoutMs: 60000 }) : null;
	}

	/** A crash: SIGKILL to the whole process group. */
	async kill() {
		return this.proc.kill('SIGKILL');
	}

	/** Everything this instance logged, over all its starts. */
	log() {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	/** Execution ids this worker logged as started / finished. */
	workerExecutions() {
		const ids = (re) => new Set([...this.log().matchAll(re)].map((m) => m[1]));
		return { started: ids(/Worker started execution (\d+)/g), finished: ids(/Worker finished execution (\d+)/g) };
	}
}

module.exports = { queueMode, Instance };

/** Poll `predicate` every intervalMs until it returns something truthy (returned); throws after ms naming `what`. */
async function until(predicate, ms, what, intervalMs = 1000) {
	const t0 = Date.now();
	for (;;) {
		const v = await predicate();
		if (v) return v;
		if (Date.now() - t0 > ms) throw new Error(`timed out after ${h.fmtMs(ms)} waiting for ${what}`);
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

const BUSY = ['new', 'running', 'waiting'];

module.exports.until = until;
module.exports.BUSY = BUSY;
