/**
 * In-process CPU profile of one async run (node:inspector's Profiler, the same sampler as --cpu-prof),
 * summarised as self time per function and per area (our code, n8n-core, n8n-workflow, axios, the
 * sandbox, Node internals, GC...). Used by `npm run bench` for the "where the time goes" table and
 * by `scripts/bench/profile-case.ts` for a manual look.
 */
import * as fs from 'fs';
import { Session } from 'inspector';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
	columnNumber: number;
}
interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}
export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
	return new Promise((resolve, reject) =>
		session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
	);
}

/** Runs `fn` under the sampling profiler (interval in microseconds). */
export async function profile<T>(fn: () => Promise<T>, intervalUs = 200): Promise<{ result: T; profile: CpuProfile }> {
	const session = new Session();
	session.connect();
	try {
		await post(session, 'Profiler.enable');
		await post(session, 'Profiler.setSamplingInterval', { interval: intervalUs });
		await post(session, 'Profiler.start');
		const result = await fn();
		const { profile: p } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
		return { result, profile: p };
	} finally {
		session.disconnect();
	}
}

/** The area a frame belongs to, from its script URL. */
export function areaOf(frame: CallFrame): string {
	const url = frame.url;
	const name = frame.functionName;
	if (!url) {
		if (name === '(garbage collector)') return 'GC';
		if (name === 'dispatch') return 'profiler'; // Profiler.stop serialising the profile
		if (name === '(idle)') return 'idle (waiting on I/O)';
		if (name === '(program)') return 'V8/native (program)';
		if (name === 'JSON.parse' || name === 'parse') return 'native: JSON.parse';
		if (name === 'stringify') return 'native: JSON.stringify';
		return `native: ${name || '(anonymous)'}`;
	}
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (m) {
		const pkg = m[1];
		if (pkg === 'n8n-core') {
			if (/routing-node|RoutingNode/i.test(url)) return 'n8n-core RoutingNode';
			if (/request-helper|http/i.test(url)) return 'n8n-core request helpers';
			if (/workflow-execute/i.test(url)) return 'n8n-core WorkflowExecute';
			return 'n8n-core (other)';
		}
		if (pkg === 'n8n-workflow') {
			if (/expression|extensions|tmpl|Evaluator/i.test(url)) return 'n8n-workflow expressions';
			return 'n8n-workflow (other)';
		}
		return pkg;
	}
	if (url.includes('/sandbox/')) return 'sandbox (server side)';
	if (url.includes('/nodes/Kickserv/') || url.includes('/credentials/')) return 'our node code';
	if (url.includes('/test/harness/')) return 'test harness';
	if (url.includes('/scripts/bench')) return 'bench script';
	if (url.startsWith('node:')) {
		if (/http|_http|net|stream|undici|fetch/.test(url)) return 'Node http/net/streams';
		return 'Node internals (other)';
	}
	return url.replace(/^.*\//, '');
}

export interface SelfTime {
	label: string;
	ms: number;
	share: number;
}

function selfTimes(p: CpuProfile): { perNode: Map<number, number>; total: number } {
	const perNode = new Map<number, number>();
	let total = 0;
	for (let i = 0; i < p.samples.length; i++) {
		const dt = (p.timeDeltas[i] ?? 0) / 1000;
		perNode.set(p.samples[i], (perNode.get(p.samples[i]) ?? 0) + dt);
		total += dt;
	}
	return { perNode, total };
}

/** Self time per area, largest first. */
export function byArea(p: CpuProfile, exclude: (area: string) => boolean = () => false): SelfTime[] {
	const { perNode } = selfTimes(p);
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const sums = new Map<string, number>();
	let total = 0;
	for (const [id, ms] of perNode) {
		const area = areaOf(byId.get(id)!.callFrame);
		if (exclude(area)) continue;
		sums.set(area, (sums.get(area) ?? 0) + ms);
		total += ms;
	}
	return [...sums].map(([label, ms]) => ({ label, ms, share: ms / total })).sort((a, b) => b.ms - a.ms);
}

const short = (url: string) =>
	url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '');

/** Self time per function (name + file:line), largest first. */
export function topFunctions(p: CpuProfile, count = 20, exclude: (area: string) => boolean = () => false): SelfTime[] {
	const { perNode } = selfTimes(p);
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const sums = new Map<string, number>();
	let total = 0;
	for (const [id, ms] of perNode) {
		const f = byId.get(id)!.callFrame;
		if (exclude(areaOf(f))) continue;
		// line numbers of .ts files are those of ts-node's transpiled output, not of the source: left out
		const where = f.url ? (f.url.endsWith('.ts') ? short(f.url) : `${short(f.url)}:${f.lineNumber + 1}`) : '';
		const label = f.url ? `${f.functionName || '(anonymous)'} ${where}` : f.functionName || '(native)';
		sums.set(label, (sums.get(label) ?? 0) + ms);
		total += ms;
	}
	return [...sums]
		.map(([label, ms]) => ({ label, ms, share: ms / total }))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, count);
}

/**
 * Inclusive ("total") time of the frames whose label matches, counted once per sample even when
 * nested (e.g. all time under RoutingNode.runNode, or under any function of the Kickserv transport).
 */
export function inclusive(p: CpuProfile, match: (frame: CallFrame) => boolean): number {
	const parent = new Map<number, number>();
	for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const memo = new Map<number, boolean>();
	const under = (id: number): boolean => {
		const known = memo.get(id);
		if (known !== undefined) return known;
		const node = byId.get(id)!;
		const parentId = parent.get(id);
		const result = match(node.callFrame) || (parentId !== undefined && under(parentId));
		memo.set(id, result);
		return result;
	};
	const { perNode } = selfTimes(p);
	let ms = 0;
	for (const [id, t] of perNode) if (under(id)) ms += t;
	return ms;
}

export function save(p: CpuProfile, file: string): void {
	fs.writeFileSync(file, JSON.stringify(p));
}

/** The part of a profile between two timestamps (microseconds, the profile's own clock). */
export function slice(p: CpuProfile, fromUs: number, toUs: number): CpuProfile {
	const samples: number[] = [];
	const timeDeltas: number[] = [];
	let t = p.startTime;
	let previous = fromUs;
	for (let i = 0; i < p.samples.length; i++) {
		t += p.timeDeltas[i] ?? 0;
		if (t < fromUs || t > toUs) continue;
		samples.push(p.samples[i]);
		timeDeltas.push(t - previous);
		previous = t;
	}
	return { nodes: p.nodes, startTime: fromUs, endTime: toUs, samples, timeDeltas };
}
