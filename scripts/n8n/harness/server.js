'use strict';
/** `n8n start` as a long-running child process with log waiting and graceful stop. */

const childProcess = require('node:child_process');
const { tail, getFreePort } = require('./util');
const { TIMEOUTS, killGroup, installExitHooks, liveChildren } = require('./process');
const { commandEnv } = require('./cli');

/**
 * `n8n start` on 127.0.0.1:<port> (a free one unless given). Resolves once the
 * process is spawned (not when it is ready: use waitForLog). Returns
 * { port, url, pid, output(), waitForLog(regex, ms), stop({ timeoutMs }) }.
 */
async function startN8n(n8n, dir, { port, env: extraEnv, echo = !!process.env.N8N_E2E_ECHO } = {}) {
	installExitHooks();
	port = port || (await getFreePort());
	const env = await commandEnv(n8n, dir, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		...extraEnv,
	});
	const child = childProcess.spawn(n8n.nodeBin, [n8n.n8nBin, 'start'], {
		cwd: dir,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
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
							`n8n ${n8n.version} start exited (code ${exited.code}, signal ${exited.signal}) before logging ${regex}\n--- output (tail) ---\n${tail(output)}`,
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
				reject(new Error(`n8n ${n8n.version} start: no log line matching ${regex} within ${ms} ms\n--- output (tail) ---\n${tail(output)}`));
			}, ms);
			waiters.add(w);
			w();
		});
	}

	/** Wait until (await) predicate() is truthy (polled every 100 ms); fails early if n8n exits. */
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
					return reject(new Error(`n8n ${n8n.version} exited before ${what}\n--- output (tail) ---\n${tail(output)}`));
				}
				if (Date.now() - started > ms) {
					return reject(new Error(`timed out after ${ms} ms waiting for ${what}\n--- n8n output (tail) ---\n${tail(output)}`));
				}
				setTimeout(tick, 100);
			};
			tick();
		});
	}

	/** SIGTERM (graceful shutdown), SIGKILL the whole group after timeoutMs. Resolves { code, signal, ms }. */
	async function stop({ timeoutMs = TIMEOUTS.stop } = {}) {
		const t0 = Date.now();
		if (!exited) {
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {
				/* gone */
			}
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
			await exitPromise;
			clearTimeout(timer);
		}
		return { ...exited, ms: Date.now() - t0 };
	}

	return {
		port,
		url: `http://127.0.0.1:${port}`,
		pid: child.pid,
		output: () => output,
		exited: () => exited,
		waitForLog,
		waitFor,
		stop,
	};
}

module.exports = { startN8n };
