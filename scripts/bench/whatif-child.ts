/**
 * One variant of scripts/bench/whatif.ts, run inside that variant's (patched) copy of the sources:
 * node vs floor, client only (the sandbox is another process), best of 5 interleaved, on the 10k lists;
 * CPU self time of one node run; then peak memory of the node over the 100k lists (memory-child.ts).
 */
import './env';

import { fork } from 'child_process';
import * as path from 'path';

import { runKickserv } from '../../test/harness/engine';
import { floorList, type ListKind, type Target } from './floor';
import type { MemoryReport } from './memory-child';
import { byArea, profile } from './profile';
import { best, fullGc } from './util';

export interface WhatIfRequest {
	baseUrl: string;
	token: string;
	small: { slug: string; n: number };
	large: { slug: string; n: number; bytes: Record<ListKind, number> };
	rounds: number;
}

export interface WhatIfReport {
	/** best wall ms and best client CPU ms (process.cpuUsage, user + system) */
	times: Record<ListKind, { node: number; floor: number; nodeCpu: number; floorCpu: number }>;
	cpu: { total: number; ours: number; credentials: number; http: number; gc: number };
	memory: Record<ListKind, { growth: number; ratio: number; kept: number; buffersAtEnd: number }>;
}

const PARAMS = {
	customers: { resource: 'customer', operation: 'getAll', returnAll: true, simplify: false },
	jobs: { resource: 'job', operation: 'getAll', scope: 'account', returnAll: true, simplify: false },
};

async function main(request: WhatIfRequest): Promise<WhatIfReport> {
	const { baseUrl, token, small, large } = request;
	const credentials = { accountSlug: small.slug, apiToken: token, baseUrl };
	const target: Target = { baseUrl, slug: small.slug, token };
	const times = {} as WhatIfReport['times'];
	for (const kind of ['customers', 'jobs'] as const) {
		const node: number[] = [];
		const floor: number[] = [];
		const nodeCpu: number[] = [];
		const floorCpu: number[] = [];
		await runKickserv(PARAMS[kind], credentials); // warm-up
		for (let round = 0; round < request.rounds; round++) {
			for (const who of round % 2 ? ['floor', 'node'] : ['node', 'floor']) {
				fullGc();
				const start = performance.now();
				const cpuStart = process.cpuUsage();
				const cpuMs = () => {
					const used = process.cpuUsage(cpuStart);
					return (used.user + used.system) / 1000;
				};
				if (who === 'node') {
					const r = await runKickserv(PARAMS[kind], credentials);
					if (r.error || r.items.length !== small.n) throw new Error(`node ${kind}: ${r.error?.message ?? r.items.length}`);
					node.push(performance.now() - start);
					nodeCpu.push(cpuMs());
				} else {
					const r = await floorList(target, kind);
					if (r.records.length !== small.n) throw new Error(`floor ${kind}: ${r.records.length}`);
					floor.push(performance.now() - start);
					floorCpu.push(cpuMs());
				}
			}
		}
		times[kind] = { node: best(node), floor: best(floor), nodeCpu: best(nodeCpu), floorCpu: best(floorCpu) };
	}
	fullGc();
	const { profile: p } = await profile(() => runKickserv(PARAMS.customers, credentials));
	const areas = byArea(p, (a) => a === 'profiler');
	const sum = (...labels: string[]) => areas.filter((a) => labels.includes(a.label)).reduce((s, a) => s + a.ms, 0);
	const cpu = {
		total: areas.filter((a) => !a.label.startsWith('idle')).reduce((s, a) => s + a.ms, 0),
		ours: sum('our node code'),
		credentials: sum('luxon', 'n8n-workflow expressions', 'n8n-workflow (other)', '@n8n/tournament'),
		http: sum('axios', 'follow-redirects', 'proxy-from-env', 'n8n-core request helpers', 'native: connect', 'native: TCP', 'native: close'),
		gc: sum('GC'),
	};
	const memory = {} as WhatIfReport['memory'];
	for (const kind of ['customers', 'jobs'] as const) {
		const child = fork(path.join(__dirname, 'memory-child.ts'), [], {
			execArgv: ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const report = await new Promise<MemoryReport & { error?: string }>((resolve, reject) => {
			child.once('message', (m) => resolve(m as MemoryReport));
			child.once('exit', (code) => reject(new Error(`memory-child exited ${code}`)));
			child.send({ mode: 'node', kind, target: { baseUrl, slug: large.slug, token } });
		});
		if (report.error) throw new Error(report.error);
		const growth = report.peakRss - report.baselineRss;
		memory[kind] = {
			growth,
			ratio: growth / large.bytes[kind],
			kept: report.retainedHeap - report.baselineHeap,
			buffersAtEnd: report.endUsage.arrayBuffers,
		};
	}
	return { times, cpu, memory };
}

process.once('message', (request: WhatIfRequest) => {
	main(request).then(
		(report) => process.send!(report, () => process.exit(0)),
		(error: Error) => process.send!({ error: error.stack ?? String(error) }, () => process.exit(1)),
	);
});
