#!/usr/bin/env node
'use strict';
/**
 * `npm run test:all`: every test the project has, in the order CI runs them (`.ci/run` is `npm ci` and
 * this). Each stage is the script its own `npm run` command runs, minus the build: the package is built
 * once, by `npm run check`, and every later stage uses that build (a stage's own `npm run build` would
 * delete dist/ under a stage running beside it).
 *
 * Two lanes run side by side: the alternatives' jest run, which keeps both cores busy, and the n8n
 * installs (nothing to do when the cache is warm), the queue test, the MCP test and the small real-n8n
 * benchmark, which spend most of their time waiting (on n8n's
 * minute-by-minute polls, on restarts, on n8n starting). The second lane's output goes to a file per stage, printed in one piece
 * when the stage ends, so the lanes never interleave.
 *
 * The first stage that fails ends the run: a stage beside it gets SIGTERM (its harness then stops its
 * n8n instances, PostgreSQL and Redis) and the exit code is 1. Each stage's time is printed at the end.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.join(__dirname, '..');
const bin = (name) => path.join(REPO, 'node_modules', '.bin', name);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The stages in order: a stage is its name (the npm script a person would run) and its command; an
 * array is a group of lanes run side by side, each lane (a stage or a list of stages) in order.
 */
const PLAN = [
	{ name: 'check', command: [npm, 'run', 'check'] },
	{ name: 'scan', command: [process.execPath, 'scripts/scan.js'] },
	[
		{ name: 'test:alternatives', command: [bin('jest'), '--config', 'jest.alternatives.config.js'] },
		[
			// (a cold cache: the three releases install side by side here, not one stage after another)
			{ name: 'n8n:install', command: [process.execPath, 'scripts/n8n/install.js'], quiet: true },
			{ name: 'test:queue', command: [process.execPath, 'scripts/n8n/test-queue.js'], quiet: true },
			{ name: 'test:mcp', command: [process.execPath, 'scripts/n8n/test-mcp.js'], quiet: true },
			// (its checks are records and request counts; the times it prints are slowed by the lane beside it)
			{ name: 'bench:n8n --quick', command: [process.execPath, 'scripts/n8n/bench-n8n.js', '--quick'], quiet: true },
		],
	],
	{ name: 'test:n8n', command: [process.execPath, 'scripts/n8n/test-n8n.js'] },
	{ name: 'test:ui', command: [process.execPath, 'scripts/n8n/ui/test-ui.js'] },
];

const running = new Set();
const times = [];
const fmt = (ms) => {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${(ms / 1000).toFixed(1)} s`;
};
const say = (text) => process.stderr.write(`\n[test:all ${new Date().toISOString().slice(11, 19)}] ${text}\n`);

/** Runs one stage to its end: resolves with its exit code (a signal counts as a failure). */
function run(stage) {
	const started = Date.now();
	const logFile = stage.quiet ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kickserv-test-all-')), `${stage.name.replace(/\W+/g, '-')}.log`) : undefined;
	const out = logFile ? fs.openSync(logFile, 'w') : 'inherit';
	say(`${stage.name}: started${logFile ? ` (output in ${logFile}, printed when it ends)` : ''}`);
	// its own process group, so that SIGTERM reaches what it started
	const child = spawn(stage.command[0], stage.command.slice(1), { cwd: REPO, stdio: ['ignore', out, out], detached: true });
	running.add(child);
	return new Promise((resolve) => {
		child.on('error', (err) => {
			process.stderr.write(`${stage.name}: could not start: ${err.message}\n`);
			resolve(1);
		});
		child.on('exit', (code, signal) => {
			running.delete(child);
			if (logFile) {
				fs.closeSync(out);
				process.stdout.write(fs.readFileSync(logFile, 'utf8'));
				fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
			}
			const status = code ?? 1;
			const text = child.stopped ? 'stopped (a stage beside it failed)' : signal ? `killed by ${signal}` : status === 0 ? 'passed' : `FAILED (exit ${status})`;
			times.push({ name: stage.name, ms: Date.now() - started, status: text });
			say(`${stage.name}: ${times[times.length - 1].status} in ${fmt(Date.now() - started)}`);
			resolve(signal ? 1 : status);
		});
	});
}

function stopAll(signal = 'SIGTERM') {
	for (const child of running) {
		child.stopped = true;
		try {
			process.kill(-child.pid, signal);
		} catch {
			/* already gone */
		}
	}
}

function summary(t0, ok) {
	const width = Math.max(5, ...times.map((t) => t.name.length));
	const lines = times.map((t) => `  ${t.name.padEnd(width)}  ${fmt(t.ms).padStart(12)}  ${t.status}`);
	process.stdout.write(`\n================ test:all ================\n${lines.join('\n')}\n  ${'total'.padEnd(width)}  ${fmt(Date.now() - t0).padStart(12)}  ${ok ? 'ALL PASSED' : 'FAILED'}\n`);
}

async function main() {
	const t0 = Date.now();
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => {
			say(`received ${signal}: stopping ${running.size} stage(s)`);
			stopAll();
			process.exitCode = 130;
		});
	}
	let failed = false;
	/** Runs a lane's stages in order, until one fails (here or in a lane beside it). */
	const lane = async (stages) => {
		for (const stage of stages) {
			if (failed) return;
			if ((await run(stage)) !== 0 && !failed) {
				failed = true;
				stopAll(); // the first failure stops what runs beside it
			}
		}
	};
	for (const step of PLAN) {
		await Promise.all((Array.isArray(step) ? step : [step]).map((l) => lane(Array.isArray(l) ? l : [l])));
		if (failed || process.exitCode) {
			summary(t0, false);
			process.exitCode = process.exitCode || 1;
			return;
		}
	}
	summary(t0, true);
}

main().catch((err) => {
	console.error(err && err.stack ? err.stack : err);
	stopAll();
	process.exit(1);
});
