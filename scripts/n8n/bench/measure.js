'use strict';
/**
 * One measured run of one contender for `npm run bench:n8n`: the sandbox's request log and byte counter
 * are reset, the latency set, then either `n8n execute` of the contender's workflow (time = the sum of
 * its nodes' own execution times in the run data; peak RSS of n8n's main process through
 * rss-preload.js) or the plain fetch loop under the same Node binary.
 */
const fs = require('node:fs');
const path = require('node:path');

const h = require('../n8n-harness');
const { lastExecution } = require('./last-execution');
const { TIMED_NODES, OUTPUT_NODE } = require('./workflows');

const PRELOAD = path.join(__dirname, 'rss-preload.js');
const FETCH_LOOP = path.join(__dirname, 'fetch-loop.js');
const RUN_TIMEOUT_MS = 15 * 60 * 1000;

/** What rss-preload.js wrote for n8n's main process (not its task runner). */
function mainProcess(rssDir) {
	const records = fs.readdirSync(rssDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(rssDir, f), 'utf8')));
	return records.find((r) => r.argv.some((a) => /[/\\]n8n[/\\]bin[/\\]n8n$/.test(a))) || {};
}

/**
 * Cuts the main process's CPU profile to the contender's execution window (from its first node's start
 * to its last node's end, placed on the profile's clock with the preload's clock pair), saves it and
 * returns its top self-time areas and functions.
 */
function cutProfile(rssDir, out, main, nodes) {
	const { slice, byArea, topFunctions, save } = require('../../bench/profile');
	const file = path.join(rssDir, `${main.pid}.cpuprofile`);
	if (!fs.existsSync(file) || !main.clock) return undefined;
	const full = JSON.parse(fs.readFileSync(file, 'utf8'));
	const [first, last] = [nodes[0], nodes[nodes.length - 1]];
	const toUs = (epochMs) => main.clock.monotonicUs - (main.clock.epochMs - epochMs) * 1000;
	const window = slice(full, toUs(first.startTime), toUs(last.startTime + last.executionTime));
	fs.mkdirSync(path.dirname(out), { recursive: true });
	save(window, out);
	const skip = (area) => area === 'profiler';
	return { file: out, areas: byArea(window, skip).slice(0, 15), functions: topFunctions(window, 15, skip) };
}

/**
 * @param bench { sandbox, bytes, slug, token, baseUrl, profileDir? }
 * @param target { n8n, dir, ids: { [workflowKey]: id } }
 * @param run { contender: 'kickserv' | 'http' | 'fetch' | 'limit' | 'baseline', list, latencyMs, profile? }
 */
async function measure(bench, target, run) {
	const { sandbox, bytes, slug } = bench;
	sandbox.options.latencyMs = run.latencyMs;
	sandbox.clearLog();
	bytes.reset();
	let result;
	if (run.contender === 'fetch') result = await fetchLoop(bench, target, run);
	else result = await execute(bench, target, run);
	sandbox.options.latencyMs = 0;
	result.requests = sandbox.log.filter((r) => r.slug === slug).length;
	result.bytes = bytes.bytesOf(slug);
	result.statuses = [...new Set(sandbox.log.map((r) => r.status))];
	return result;
}

async function fetchLoop(bench, { n8n }, run) {
	const args = { baseUrl: bench.baseUrl, slug: bench.slug, token: bench.token, list: run.list, perPage: 50 };
	const r = await h.run(n8n.nodeBin, [FETCH_LOOP, JSON.stringify(args)], {
		env: { PATH: process.env.PATH },
		timeoutMs: RUN_TIMEOUT_MS,
		label: `fetch loop (${n8n.version} runtime) ${run.list}`,
	});
	const out = JSON.parse(r.stdout.trim().split('\n').pop());
	return { ms: out.ms, items: out.records, first: out.first, last: out.last, rssKb: out.maxRssKb, wallMs: r.ms };
}

async function execute(bench, { n8n, dir, ids }, run) {
	const key = run.contender === 'baseline' ? 'baseline' : `${run.contender}:${run.list}`;
	const rssDir = fs.mkdtempSync(path.join(dir, 'rss-'));
	const env = { ...n8n.env, NODE_OPTIONS: `--require ${PRELOAD}`, BENCH_RSS_DIR: rssDir };
	if (run.profile) env.BENCH_CPU_PROFILE = '1';
	const measured = { ...n8n, env };
	const started = Date.now();
	const r = await h.n8nCommand(measured, dir, ['execute', `--id=${ids[key]}`, '--rawOutput'], { allowFailure: true, timeoutMs: RUN_TIMEOUT_MS });
	const wallMs = Date.now() - started;
	const idKey = run.list === 'customers' ? 'customer_number' : 'job_number';
	const execution = await lastExecution(n8n, dir, ids[key], { outputNode: OUTPUT_NODE[run.contender], idKey });
	const failed = Object.entries(execution.nodes).find(([, node]) => node.error);
	if (!h.executeCompleted(n8n, ids[key], r, execution.status === 'success' && !failed) || execution.status !== 'success' || failed) {
		throw new Error(`n8n ${n8n.version} execute of ${key} failed (exit ${r.code}${r.signal ? ` on ${r.signal}` : ''}, ${execution.status}${failed ? `, ${failed[0]}: ${failed[1].error}` : ''})\n${r.stderr.slice(-2000)}`);
	}
	const timed = TIMED_NODES[run.contender].map((name) => execution.nodes[name]);
	const main = mainProcess(rssDir);
	const profileFile = path.join(bench.profileDir, `${n8n.version}-${key.replace(':', '-')}-${run.latencyMs}ms.cpuprofile`);
	const profile = run.profile ? cutProfile(rssDir, profileFile, main, timed) : undefined;
	fs.rmSync(rssDir, { recursive: true, force: true });
	return {
		profile,
		ms: timed.reduce((sum, node) => sum + node.executionTime, 0),
		items: execution.nodes[OUTPUT_NODE[run.contender]].items,
		first: execution.first,
		last: execution.last,
		rssKb: main.maxRssKb,
		wallMs,
	};
}

module.exports = { measure };
