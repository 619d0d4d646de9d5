'use strict';
/**
 * A long-running child process (n8n start / worker, redis-server, postgres):
 * own process group, output captured (and appended to a log file when asked),
 * waits on log lines or predicates that fail early when the process exits,
 * graceful stop with a SIGKILL fallback. Killed with everything else at exit.
 */

const childProcess = require('node:child_process');
const fs = require('node:fs');
const { tail } = require('./util');
const { TIMEOUTS, killGroup, installExitHooks, liveChildren } = require('./process');

/**
 * Spawn `cmd args`; `label` names it in errors. Options: cwd, env, echo (copy
 * output to stderr), logFile (append output), uid/gid (run as another user).
 * Returns { pid, output(), exited(), waitForLog(regex, ms), waitFor(pred, ms, what), stop({ timeoutMs, signal }), kill(signal) }.
 */
function spawnDaemon(cmd, args, { cwd, env, label, echo = false, logFile, uid, gid } = {}) {
	installExitHooks();
	const child = childProcess.spawn(cmd, args, {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		...(uid === undefined ? {} : { uid, gid }),
	});
	liveChildren.add(child);
	let output = '';
	let exited = null;
	const waiters = new Set();
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	const check = () => {
		for (const w of waiters) w();
	};
	const onData = (d) => {
		output += d;
		if (echo) process.stderr.write(d);
		if (logFile) fs.appendFileSync(logFile, d);
		check();
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exitPromise = new Promise((resolve) => {
		child.on('close', (code, signal) => {
			exited = { code, signal };
			liveChildren.delete(child);
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* ok */
			}
			check();
			resolve(exited);
		});
		child.on('error', (err) => {
			output += `\n[spawn error] ${err.message}\n`;
			exited = exited || { code: -1, signal: null };
			liveChildren.delete(child);
			check();
			resolve(exited);
		});
	});

	function waitForLog(regex, ms = TIMEOUTS.start) {
		return new Promise((resolve, reject) => {
			let timer;
			const w = () => {
				const m = output.match(regex);
				if (m) {
					cleanup();
					resolve(m);
				} else if (exited) {
					cleanup();
					reject(
						new Error(
							`${label} exited (code ${exited.code}, signal ${exited.signal}) before logging ${regex}\n--- output (tail) ---\n${tail(output)}`,
						),
					);
				}
			};
			const cleanup = () => {
				clearTimeout(timer);
				waiters.delete(w);
			};
			timer = setTimeout(() => {
				cleanup();
				reject(new Error(`${label}: no log line matching ${regex} within ${ms} ms\n--- output (tail) ---\n${tail(output)}`));
			}, ms);
			waiters.add(w);
			w();
		});
	}

	/** Wait until (await) predicate() is truthy (polled every 100 ms); fails early if the process exits. */
	function waitFor(predicate, ms = TIMEOUTS.start, what = 'condition') {
		return new Promise((resolve, reject) => {
			const started = Date.now();
			const tick = async () => {
				let v;
				try {
					v = await predicate();
				} catch (e) {
					return reject(e);
				}
				if (v) return resolve(v);
				if (exited) {
					return reject(new Error(`${label.replace(/ start$/, '')} exited before ${what}\n--- output (tail) ---\n${tail(output)}`));
				}
				if (Date.now() - started > ms) {
					return reject(new Error(`timed out after ${ms} ms waiting for ${what}\n--- ${label.replace(/ start$/, '')} output (tail) ---\n${tail(output)}`));
				}
				setTimeout(tick, 100);
			};
			tick();
		});
	}

	/** `signal` (SIGTERM: graceful shutdown) to the process, SIGKILL the whole group after timeoutMs. Resolves { code, signal, ms }. */
	async function stop({ timeoutMs = TIMEOUTS.stop, signal = 'SIGTERM' } = {}) {
		const t0 = Date.now();
		if (!exited) {
			try {
				process.kill(child.pid, signal);
			} catch {
				/* gone */
			}
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
			await exitPromise;
			clearTimeout(timer);
		}
		return { ...exited, ms: Date.now() - t0 };
	}

	/** Signal the whole process group at once (SIGKILL: a crash) and wait for the exit. */
	async function kill(signal = 'SIGKILL') {
		if (!exited) killGroup(child, signal);
		return exitPromise;
	}

	return { pid: child.pid, output: () => output, exited: () => exited, waitForLog, waitFor, stop, kill };
}

module.exports = { spawnDaemon };
