/**
 * Peak memory of one Return All, in a process of its own (forked by scripts/bench.ts with
 * --expose-gc). The sandbox runs in the parent, so its memory is not counted here; the parent counts
 * the response bytes it sends.
 *
 * Baseline: after n8n-core, the node and the HTTP stack are loaded and warmed up (one Limit 5 run),
 * and after full GCs. Then a worker thread samples the whole process's RSS every 2 ms while the run
 * goes on (a worker keeps sampling while the main thread is busy in long synchronous stretches, which
 * a setInterval on the main thread would miss); the report is peak RSS - baseline RSS.
 */
import './env';
import * as v8 from 'v8';
import { Worker } from 'worker_threads';

import type { ListKind, Target } from './floor';

export interface MemoryRequest {
	mode: 'node' | 'floor';
	kind: ListKind;
	target: Target;
}

export interface MemoryReport {
	mode: 'node' | 'floor';
	kind: ListKind;
	records: number;
	requests?: number;
	floorBytes?: number;
	ms: number;
	baselineRss: number;
	peakRss: number;
	samples: number;
	endRss: number;
	/** process.memoryUsage() right at the end of the run, before any forced GC */
	endUsage: NodeJS.MemoryUsage;
	/** Share of the output records V8 holds in dictionary ("slow") mode, of a sample of up to 2,000 */
	dictionaryShare: number;
	/** V8 heap used after the run and a full GC, the output still referenced */
	retainedHeap: number;
	baselineHeap: number;
	error?: string;
}

const SAMPLER = `
const { parentPort } = require('worker_threads');
let max = 0, on = false, samples = 0;
setInterval(() => {
	if (!on) return;
	const rss = process.memoryUsage.rss();
	if (rss > max) max = rss;
	samples++;
}, 2);
parentPort.on('message', (m) => {
	if (m === 'start') { max = process.memoryUsage.rss(); samples = 0; on = true; parentPort.postMessage('started'); }
	else if (m === 'stop') { on = false; parentPort.postMessage({ max, samples }); }
});
`;

// %HasFastProperties: whether V8 keeps an object in its compact layout or as a hash table
v8.setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
function dictionaryShare(records: object[]): number {
	const step = Math.max(1, Math.floor(records.length / 2000));
	let sampled = 0;
	let slow = 0;
	for (let i = 0; i < records.length; i += step) {
		sampled++;
		if (!hasFastProperties(records[i])) slow++;
	}
	return sampled ? slow / sampled : 0;
}

const gc = () => {
	const fn = (globalThis as { gc?: () => void }).gc;
	if (!fn) throw new Error('memory-child needs --expose-gc');
	fn();
	fn();
};

function ask<T>(worker: Worker, message: string): Promise<T> {
	return new Promise((resolve) => {
		worker.once('message', resolve);
		worker.postMessage(message);
	});
}

async function measure(request: MemoryRequest): Promise<MemoryReport> {
	const { mode, kind, target } = request;
	const credentials = { accountSlug: target.slug, apiToken: target.token, baseUrl: target.baseUrl };
	const resource = kind === 'customers' ? 'customer' : 'job';
	const params = { resource, operation: 'getAll', ...(kind === 'jobs' ? { scope: 'account' } : {}), simplify: false };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const engine = require('../../test/harness/engine') as typeof import('../../test/harness/engine');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const floor = require('./floor') as typeof import('./floor');
	// warm-up: load and JIT the whole path once, on a small read
	if (mode === 'node') await engine.runKickserv({ ...params, returnAll: false, limit: 5 }, credentials);
	else await fetch(`${target.baseUrl}/${target.slug}/${kind}.json`, { headers: { Authorization: `Basic ${Buffer.from(`${target.token}:${target.token}`).toString('base64')}` } }).then((r) => r.text());
	const worker = new Worker(SAMPLER, { eval: true });
	await new Promise((resolve) => setTimeout(resolve, 50));
	gc();
	await new Promise((resolve) => setTimeout(resolve, 200));
	gc();
	const baselineHeap = process.memoryUsage().heapUsed;
	const baselineRss = process.memoryUsage.rss();
	await ask(worker, 'start');
	const start = performance.now();
	let records = 0;
	let requests: number | undefined;
	let floorBytes: number | undefined;
	let error: string | undefined;
	let keep: unknown;
	let output: () => object[];
	if (mode === 'node') {
		const result = await engine.runKickserv({ ...params, returnAll: true }, credentials);
		records = result.items.length;
		error = result.error?.message;
		keep = result;
		output = () => result.items.map((item) => item.json);
	} else {
		const result = await floor.floorList(target, kind);
		records = result.records.length;
		requests = result.requests;
		floorBytes = result.bytes;
		keep = result;
		output = () => result.records as object[];
	}
	const ms = performance.now() - start;
	const endUsage = process.memoryUsage();
	const { max, samples } = await ask<{ max: number; samples: number }>(worker, 'stop');
	const endRss = endUsage.rss;
	gc();
	const retainedHeap = process.memoryUsage().heapUsed;
	void keep;
	await worker.terminate();
	return {
		mode,
		kind,
		records,
		requests,
		floorBytes,
		ms,
		baselineRss,
		peakRss: Math.max(max, endRss),
		samples,
		endRss,
		endUsage,
		dictionaryShare: dictionaryShare(output()),
		retainedHeap,
		baselineHeap,
		error,
	};
}

process.once('message', (request: MemoryRequest) => {
	measure(request).then(
		(report) => process.send!(report, () => process.exit(0)),
		(err: Error) => {
			process.send!({ error: err.stack ?? String(err) }, () => process.exit(1));
		},
	);
});
