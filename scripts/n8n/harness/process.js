'use strict';
/**
 * Child processes and temp folders: everything spawned here runs in its own
 * process group and is killed when this process exits (normally or on a
 * signal); temp folders are removed at exit unless N8N_E2E_KEEP is set.
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { log, tail, fmtMs, sleep, pidAlive } = require('./util');

/** Default timeouts (ms). Every child process gets one. */
const TIMEOUTS = {
	npmInstall: 20 * 60 * 1000,
	npmRebuild: 20 * 60 * 1000,
	cli: 3 * 60 * 1000,
	start: 3 * 60 * 1000,
	stop: 30 * 1000,
	small: 2 * 60 * 1000,
};

// ---------------------------------------------------------------------------
// Child-process bookkeeping: everything we spawn is killed when we exit.
// ---------------------------------------------------------------------------

const liveChildren = new Set();
const tempDirs = new Set();
let exitHooksInstalled = false;

/** Signal a child's whole process group (children are spawned detached = own group). */
function killGroup(child, signal) {
	if (!child || !child.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

function installExitHooks() {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	process.on('exit', () => {
		for (const child of liveChildren) killGroup(child, 'SIGKILL');
		if (!process.env.N8N_E2E_KEEP) {
			for (const dir of tempDirs) {
				try {
					fs.rmSync(dir, { recursive: true, force: true });
				} catch {
					/* ignore */
				}
			}
		}
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			log(`received ${sig}, killing ${liveChildren.size} child process(es)`);
			for (const child of liveChildren) killGroup(child, 'SIGKILL');
			process.exit(130);
		});
	}
}


class CommandError extends Error {
	constructor(message, details) {
		super(message);
		this.name = 'CommandError';
		Object.assign(this, details);
	}
}


/**
 * Spawn a program in its own process group, capture stdout/stderr, enforce a
 * timeout, and resolve { code, signal, stdout, stderr, ms }.
 * Rejects with CommandError on timeout or (unless allowFailure) non-zero exit.
 */
function run(cmd, args, opts = {}) {
	installExitHooks();
	const {
		cwd,
		env = process.env,
		timeoutMs = TIMEOUTS.cli,
		allowFailure = false,
		label = `${path.basename(cmd)} ${args.join(' ')}`,
		echo = false,
		input,
		heartbeatMs = 0, // >0: print "still running" to stderr every heartbeatMs
		uid, // run as another user (with gid)
		gid,
	} = opts;
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = childProcess.spawn(cmd, args, {
			cwd,
			env,
			detached: true,
			stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
			...(uid === undefined ? {} : { uid, gid }),
		});
		liveChildren.add(child);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (d) => {
			stdout += d;
			if (echo) process.stderr.write(d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (echo) process.stderr.write(d);
		});
		if (input !== undefined) child.stdin.end(input);
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		const beat = heartbeatMs
			? setInterval(() => log(`${label}: still running (${fmtMs(Date.now() - started)})`), heartbeatMs)
			: null;
		child.on('error', (err) => {
			clearTimeout(timer);
			if (beat) clearInterval(beat);
			liveChildren.delete(child);
			reject(new CommandError(`${label}: failed to start: ${err.message}`, { stdout, stderr }));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (beat) clearInterval(beat);
			liveChildren.delete(child);
			// Leftover grandchildren (none expected) die with the group.
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* group already empty */
			}
			const ms = Date.now() - started;
			const result = { code, signal, stdout, stderr, ms };
			if (timedOut) {
				reject(
					new CommandError(
						`${label}: timed out after ${Math.round(timeoutMs / 1000)} s\n--- output (tail) ---\n${tail(stdout + stderr)}`,
						result,
					),
				);
			} else if (code !== 0 && !allowFailure) {
				reject(
					new CommandError(
						`${label}: exit code ${code}${signal ? ` (signal ${signal})` : ''}\n--- stderr (tail) ---\n${tail(stderr)}\n--- stdout (tail) ---\n${tail(stdout, 20)}`,
						result,
					),
				);
			} else {
				resolve(result);
			}
		});
	});
}


function npmBin() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** Environment for npm/node-gyp child processes: no inherited npm_* config from a parent `npm run`. */
function cleanNpmEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k)) continue;
		if (k === 'NODE_OPTIONS' || k === 'INIT_CWD') continue;
		env[k] = v;
	}
	return Object.assign(env, extra);
}


/**
 * Cross-process lock on a cache entry (`<dir>.lock` directory holding our pid),
 * so two concurrent runs don't install into the same folder. Stale locks (dead
 * pid) are taken over. Returns a release function.
 */
async function lockDir(dir, { timeoutMs = 30 * 60 * 1000 } = {}) {
	const lock = `${dir}.lock`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	const started = Date.now();
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			const release = () => fs.rmSync(lock, { recursive: true, force: true });
			process.once('exit', release);
			return () => {
				process.removeListener('exit', release);
				release();
			};
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
		}
		let holder = NaN;
		let ageMs = 0;
		try {
			ageMs = Date.now() - fs.statSync(lock).mtimeMs;
			holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
		} catch {
			/* being created or removed */
		}
		const stale = Number.isInteger(holder) && holder > 0 ? !pidAlive(holder) : ageMs > 10000;
		if (stale) {
			fs.rmSync(lock, { recursive: true, force: true });
			continue;
		}
		if (!announced) {
			log(`waiting for another process (pid ${holder}) installing into ${dir} ...`);
			announced = true;
		}
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for lock ${lock}`);
		await sleep(1000);
	}
}

function mkTemp(prefix) {
	installExitHooks();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	tempDirs.add(dir);
	return dir;
}

module.exports = { TIMEOUTS, CommandError, killGroup, installExitHooks, liveChildren, run, npmBin, cleanNpmEnv, lockDir, mkTemp };
