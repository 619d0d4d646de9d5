#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:n8n`: Return All inside REAL n8n releases (installed as `test:n8n` installs them), three
 * contenders over the same sandbox pages:
 *   - the Kickserv node (the packed package in <userFolder>/.n8n/nodes),
 *   - the HTTP Request node with its pagination + Split Out (one item per record, like the node),
 *   - a plain fetch loop (scripts/n8n/bench/fetch-loop.js) under the same Node binary as that n8n.
 * Interleaved (the order rotates every round), at 0 ms and at 150 ms of latency added by the sandbox to
 * every request; requests and bytes counted on the sandbox; time = the nodes' own execution time from
 * n8n's run data; peak RSS of n8n's main process. Writes its part of bench/RESULTS.md.
 *
 * Usage: node scripts/n8n/bench-n8n.js [--quick] [--version=2.41.0,1.123.50] [--rounds=3]
 *        [--latency=0,150] [--records=10000] [--lists=customers,jobs] [--profile]
 *   --quick   CI size: n8n 2.41.0, 1,000 records, one round, 0 ms of latency (the checks - records, request
 *             bounds - hold at any latency; the 150 ms row is about time, which CI does not judge); prints,
 *             checks, writes to a temp file.
 *   --profile also write CPU profiles of one Kickserv and one HTTP Request run per list (bench/profiles/n8n/).
 * Exit code 1 when a contender returned the wrong records or the Kickserv node made more requests than
 * the floor allows (never for a time: times are reported as ratios, not asserted).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// the sandbox and the shared bench helpers are TypeScript: load them through ts-node (a dev dependency)
require('ts-node').register({ transpileOnly: true, preferTsExts: true, compilerOptions: { module: 'commonjs' } });

const h = require('./n8n-harness');
const workflows = require('./bench/workflows');
const { measure } = require('./bench/measure');
const { report } = require('./bench/report');

const REPO = path.join(__dirname, '..', '..');
const SLUG = 'bench-n8n';
const TOKEN = 'bench-n8n-token-0001';

const { KickservSandbox, generateLarge } = require(path.join(REPO, 'sandbox'));
const { countBytes } = require(path.join(REPO, 'scripts', 'bench', 'sandbox-bytes'));
const { writeRealN8nPart } = require(path.join(REPO, 'scripts', 'bench', 'results-file'));

function parseArgs(argv) {
	const opts = { quick: false, profile: false };
	for (const a of argv) {
		const [key, value] = a.replace(/^--/, '').split('=');
		if (key === 'quick' || key === 'profile') opts[key] = true;
		else if (['version', 'rounds', 'latency', 'records', 'lists'].includes(key) && value) opts[key] = value;
		else throw new Error(`unknown argument ${a} (see the comment at the top of ${path.relative(REPO, __filename)})`);
	}
	const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
	return {
		// only the full default run writes bench/RESULTS.md
		custom: opts.quick || ['version', 'rounds', 'latency', 'records', 'lists'].some((key) => opts[key] !== undefined),
		quick: opts.quick,
		profile: opts.profile,
		versions: list(opts.version || (opts.quick ? '2.41.0' : '2.41.0,1.123.50')),
		rounds: Number(opts.rounds || (opts.quick ? 1 : 3)),
		latencies: list(opts.latency || (opts.quick ? '0' : '0,150')).map(Number),
		records: Number(opts.records || (opts.quick ? 1000 : 10000)),
		lists: list(opts.lists || 'customers,jobs'),
	};
}

const CONTENDERS = ['kickserv', 'http', 'fetch'];
const rotate = (array, n) => array.map((_, i) => array[(i + n) % array.length]);
const say = (text) => process.stderr.write(`[bench:n8n ${new Date().toISOString().slice(11, 19)}] ${text}\n`);

/** The parallel paging default of the built package (1 before parallel paging existed). */
function inFlightDefault() {
	try {
		return require(path.join(REPO, 'dist', 'nodes', 'Kickserv', 'transport', 'parallel.js')).DEFAULT_IN_FLIGHT || 1;
	} catch {
		return 1;
	}
}

function printProfile(title, { file, areas, functions }) {
	say(`profile of ${title} (its execution window only): ${path.relative(REPO, file)}`);
	for (const a of areas) process.stderr.write(`   ${a.label.padEnd(40)} ${a.ms.toFixed(1).padStart(8)} ms ${(a.share * 100).toFixed(1).padStart(5)}%\n`);
	for (const f of functions) process.stderr.write(`   ${f.ms.toFixed(1).padStart(8)} ms  ${f.label}\n`);
}

async function benchVersion(version, bench, opts, tarball) {
	const n8n = await h.ensureN8n(version);
	const dir = await h.makeUserFolder({ tarball });
	await h.importCredentials(n8n, dir, workflows.credentials(bench));
	const keys = [];
	const wfs = [];
	for (const list of opts.lists) {
		keys.push(`kickserv:${list}`, `http:${list}`, `limit:${list}`);
		wfs.push(workflows.kickserv(list), workflows.http(list, bench), workflows.limit(list));
	}
	keys.push('baseline');
	wfs.push(workflows.baseline());
	const imported = await h.importWorkflows(n8n, dir, wfs);
	const target = { n8n, dir, ids: Object.fromEntries(keys.map((k, i) => [k, imported[i]])) };

	const result = { version, runs: [], limits: [], baseline: null };
	result.baseline = await measure(bench, target, { contender: 'baseline', list: opts.lists[0], latencyMs: 0 });
	say(`${version}: an execute of the Manual Trigger alone peaks at ${(result.baseline.rssKb / 1024).toFixed(0)} MB RSS`);
	for (const list of opts.lists) {
		const r = await measure(bench, target, { contender: 'limit', list, latencyMs: 0 });
		result.limits.push({ list, ...r });
		say(`${version}: ${list} Limit 10: ${r.items} items, ${r.requests} request(s)`);
	}
	for (let round = 0; round < opts.rounds; round++) {
		for (const latencyMs of opts.latencies) {
			for (const [i, list] of opts.lists.entries()) {
				for (const contender of rotate(CONTENDERS, round + i)) {
					const profile = opts.profile && round === 0 && contender !== 'fetch';
					const r = await measure(bench, target, { contender, list, latencyMs, profile });
					result.runs.push({ round, latencyMs, list, contender, ...r });
					if (r.profile) printProfile(`${version} ${contender} ${list} ${latencyMs} ms`, r.profile);
					say(
						`${version} round ${round + 1} ${String(latencyMs).padStart(3)} ms ${list.padEnd(9)} ${contender.padEnd(8)} ` +
							`${(r.ms / 1000).toFixed(2)} s, ${r.requests} req, ${r.items} items, ${(r.rssKb / 1024).toFixed(0)} MB peak RSS (execute ${(r.wallMs / 1000).toFixed(1)} s)`,
					);
				}
			}
		}
	}
	return result;
}

/** What must hold whatever the machine's speed: the right records, the request bounds. */
function problems(results, opts, inFlight) {
	const found = [];
	for (const v of results) {
		for (const r of v.runs) {
			if (r.items !== opts.records) found.push(`${v.version} ${r.contender} ${r.list} ${r.latencyMs} ms: ${r.items} items, expected ${opts.records}`);
			if (r.statuses.some((s) => s !== 200)) found.push(`${v.version} ${r.contender} ${r.list}: sandbox answered ${r.statuses.join(', ')}`);
		}
		for (const r of v.runs.filter((x) => x.contender !== 'fetch')) {
			const floor = v.runs.find((x) => x.contender === 'fetch' && x.list === r.list);
			if (floor && (r.first !== floor.first || r.last !== floor.last)) {
				found.push(`${v.version} ${r.contender} ${r.list}: records ${r.first}..${r.last}, the fetch loop's ${floor.first}..${floor.last}`);
			}
			if (r.contender === 'kickserv' && floor && r.requests > floor.requests + inFlight - 1) {
				found.push(`${v.version} Kickserv ${r.list} ${r.latencyMs} ms: ${r.requests} requests > floor ${floor.requests} + ${inFlight - 1}`);
			}
		}
		for (const l of v.limits) {
			if (l.items !== 10 || l.requests !== 1) found.push(`${v.version} ${l.list} Limit 10: ${l.items} items in ${l.requests} requests, expected 10 in 1`);
		}
	}
	return found;
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const load = { start: os.loadavg(), end: null };
	const inFlight = inFlightDefault();
	say(`n8n ${opts.versions.join(', ')}; ${opts.records} records; latency ${opts.latencies.join(', ')} ms; ${opts.rounds} round(s); in flight ${inFlight}`);

	const tarball = await h.resolvePackageTarball({ packageDir: REPO });
	const sandbox = new KickservSandbox({ accounts: [{ slug: SLUG, token: TOKEN, seed: 'empty' }] });
	generateLarge(sandbox.store(SLUG), { customers: opts.records, jobs: opts.records });
	const baseUrl = await sandbox.start(0);
	const bench = { sandbox, bytes: countBytes(sandbox), slug: SLUG, token: TOKEN, baseUrl, profileDir: path.join(REPO, 'bench', 'profiles', 'n8n') };
	if (opts.profile) fs.rmSync(bench.profileDir, { recursive: true, force: true });

	const results = [];
	try {
		for (const version of opts.versions) results.push(await benchVersion(version, bench, opts, tarball));
	} finally {
		await sandbox.stop();
	}
	load.end = os.loadavg();
	const found = problems(results, opts, inFlight);
	const text = report({ results, opts, load, inFlight, totalMs: Date.now() - started, problems: found });
	process.stdout.write(`${text}\n`);
	const file = opts.custom ? path.join(os.tmpdir(), 'kickserv-bench-n8n.md') : path.join(REPO, 'bench', 'RESULTS.md');
	if (file.endsWith('RESULTS.md')) writeRealN8nPart(file, text);
	else fs.writeFileSync(file, `${text}\n`);
	say(`wrote ${file}`);
	for (const p of found) process.stderr.write(`PROBLEM: ${p}\n`);
	process.stdout.write(`bench:n8n: ${found.length ? `${found.length} problem(s)` : 'records and request counts as expected'}\n`);
	process.exitCode = found.length ? 1 : 0;
}

if (require.main === module) {
	main().catch((err) => {
		console.error(err && err.stack ? err.stack : err);
		process.exit(1);
	});
}
