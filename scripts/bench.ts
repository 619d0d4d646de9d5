/**
 * `npm run bench`: the Kickserv node against the sandbox (loopback, ephemeral port), in n8n's engine,
 * compared with the floor (a minimal fetch loop over the same pages). Prints the tables to stdout,
 * progress to stderr, and writes the same to bench/RESULTS.md. See scripts/bench/*.ts for the parts.
 */
import './bench/env';

import { fork, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_IN_FLIGHT } from '../nodes/Kickserv/transport/parallel';
import { KickservSandbox, generateLarge } from '../sandbox';
import { runKickserv, type TestCredential } from '../test/harness/engine';
import { TriggerUnderTest } from '../test/harness/trigger';
import { axiosNoReuseList, floorList, floorPaged, httpNoReuseList, JOBS_PER_PAGE, type ListKind, type PagedList, type Target } from './bench/floor';
import type { MemoryReport, MemoryRequest } from './bench/memory-child';
import { byArea, profile, save, topFunctions, type CpuProfile } from './bench/profile';
import type { SandboxChildAccount } from './bench/sandbox-child';
import { writeEnginePart } from './bench/results-file';
import { OPEN_SIZES, openJobCases, openSlug, seedOpenAccount, type TriggerRow } from './bench/triggers';
import { countBytes, sandboxServer, type ByteCounter } from './bench/sandbox-bytes';
import { best, fmtInt, fmtMB, fmtMs, fmtX, fullGc, gcStats, machine, median, progress, sleep, table, timed } from './bench/util';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'bench');
const TOKEN = 'bench-token-0001';
/** BENCH_SCALE=10 divides the list sizes by 10 (a quick check of the script itself; not for results). */
const SCALE = Math.max(1, Number(process.env.BENCH_SCALE ?? 1) || 1);
const SIZES = [1_000, 10_000, 100_000].map((n) => Math.round(n / SCALE));
const LARGEST = SIZES[SIZES.length - 1];
const RUNS = (n: number) => (n >= LARGEST ? 2 : 3);
const label = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
const slugFor = (n: number) => `bench-${label(n)}`;
const LADDER_ROUNDS = 5;
/** The account of section 1b (tasks, charges, time entries, employees, items, invoices, opportunities). */
const MORE = 'bench-more';
const MORE_SIZE = Math.round(1_000 / SCALE);
const TARGET_TIME = 1.3;
const TARGET_MEMORY = 3;
/** Requests Return All may send past the end with its default pages in flight. */
const ALLOWED_EXTRA = DEFAULT_IN_FLIGHT - 1;

const started = performance.now();
const LOAD_AT_START = os.loadavg()[0];
const out: string[] = [];
const emit = (text = '') => {
	out.push(text);
	process.stdout.write(`${text}\n`);
};

// ------------------------------------------------------------------------------------ sandbox

const sandbox = new KickservSandbox({
	accounts: [
		...SIZES.map((n) => ({ slug: slugFor(n), token: TOKEN, seed: 'empty' as const })),
		{ slug: 'bench-newjob', token: TOKEN, seed: 'empty' as const },
		{ slug: 'bench-payment', token: TOKEN, seed: 'empty' as const },
		{ slug: MORE, token: TOKEN, seed: 'empty' as const },
		...OPEN_SIZES.map((n) => ({ slug: openSlug(n), token: TOKEN, seed: 'empty' as const })),
	],
});
let baseUrl = '';
const credentialsFor = (slug: string): TestCredential => ({ accountSlug: slug, apiToken: TOKEN, baseUrl });
const targetFor = (slug: string): Target => ({ baseUrl, slug, token: TOKEN });

let bytes: ByteCounter | undefined;
const bytesOf = (slug: string, skipFirst = 0) => bytes?.bytesOf(slug, skipFirst) ?? 0;
const requestsOf = (slug: string) => sandbox.log.filter((r) => r.slug === slug).length;

function reset() {
	sandbox.clearLog();
	bytes?.reset();
}

// ------------------------------------------------------------------------ 1. Return All

const PARAMS: Record<ListKind, IDataObject> = {
	customers: { resource: 'customer', operation: 'getAll', returnAll: true, simplify: false },
	jobs: { resource: 'job', operation: 'getAll', scope: 'account', returnAll: true, simplify: false },
};

/** Times (ms) and request counts of the node and the floor over one list. */
interface Measured {
	n: number;
	node: number[];
	floor: number[];
	nodeRequests: number;
	floorRequests: number;
	minRequests: number;
}

interface ListCase extends Measured {
	kind: ListKind;
	/** response bytes of the node's run, counted by the sandbox */
	bytes: number;
	/** response bytes of the floor's run, counted by the floor */
	floorBytes: number;
}

async function nodeRun(kind: ListKind, slug: string, expected: number): Promise<{ ms: number; requests: number; bytes: number }> {
	reset();
	fullGc();
	const { ms, result } = await timed(() => runKickserv(PARAMS[kind], credentialsFor(slug)));
	if (result.error) throw new Error(`node ${kind} ${slug}: ${result.error.message}`);
	if (result.items.length !== expected) throw new Error(`node ${kind} ${slug}: ${result.items.length} items, expected ${expected}`);
	return { ms, requests: requestsOf(slug), bytes: bytesOf(slug) };
}

async function floorRun(kind: ListKind, slug: string, expected: number): Promise<{ ms: number; requests: number; bytes: number }> {
	reset();
	fullGc();
	const { ms, result } = await timed(() => floorList(targetFor(slug), kind));
	if (result.records.length !== expected) throw new Error(`floor ${kind} ${slug}: ${result.records.length} records, expected ${expected}`);
	return { ms, requests: result.requests, bytes: result.bytes };
}

async function listCases(): Promise<ListCase[]> {
	const cases: ListCase[] = [];
	// warm-up (JIT, lazy modules) on the small account, not measured
	const small = SIZES[0];
	await nodeRun('customers', slugFor(small), small);
	await floorRun('customers', slugFor(small), small);
	await nodeRun('jobs', slugFor(small), small);
	await floorRun('jobs', slugFor(small), small);
	for (const kind of ['customers', 'jobs'] as const) {
		for (const n of SIZES) {
			const slug = slugFor(n);
			const pageSize = kind === 'customers' ? sandbox.options.customersPageSize : JOBS_PER_PAGE;
			const c: ListCase = { kind, n, node: [], floor: [], nodeRequests: 0, floorRequests: 0, minRequests: Math.ceil(n / pageSize), bytes: 0, floorBytes: 0 };
			for (let round = 0; round < RUNS(n); round++) {
				// interleaved, alternating which goes first
				const order = round % 2 === 0 ? (['node', 'floor'] as const) : (['floor', 'node'] as const);
				for (const who of order) {
					progress(`Return All ${kind} ${label(n)}: ${who} run ${round + 1}/${RUNS(n)} (heap ${fmtMB(process.memoryUsage().heapUsed)}, GCs so far ${(gcStats.ms / 1000).toFixed(1)} s)`);
					if (who === 'node') {
						const r = await nodeRun(kind, slug, n);
						c.node.push(r.ms);
						c.nodeRequests = Math.max(c.nodeRequests, r.requests);
						c.bytes = r.bytes;
					} else {
						const r = await floorRun(kind, slug, n);
						c.floor.push(r.ms);
						c.floorRequests = r.requests;
						c.floorBytes = r.bytes;
					}
				}
			}
			cases.push(c);
		}
	}
	return cases;
}

// ------------------------------------------------------------- 1b. The other Get Many lists

interface MoreCase extends Measured {
	what: string;
}

/** MORE_SIZE records in each of the other lists of one account (charges and time entries on one job each). */
function seedMore(): Array<{ what: string; params: IDataObject; list: PagedList; n: number }> {
	const store = sandbox.store(MORE);
	const n = MORE_SIZE;
	store.addJobType('Service', 61);
	const customer = store.createCustomer({ name: 'Bench Customer' }).customer_number;
	for (let i = 0; i < n; i++) store.createTask({ name: `Task ${i}` });
	const charged = store.createJob(customer, { job_type_id: 61 }).job_number;
	for (let i = 0; i < n; i++) store.addJobCharge(charged, { job_charge_type_id: 1, description: `Line ${i}`, price_per_unit: '1.00' });
	const timed = store.createJob(customer, { job_type_id: 61 }).job_number;
	const employee = store.employees[0].id;
	for (let i = 0; i < n; i++) {
		const start = Date.UTC(2026, 0, 1) + i * 3_600_000;
		store.logTimeEntry(timed, { employee_id: employee, started_at: new Date(start).toISOString(), ended_at: new Date(start + 1_800_000).toISOString() });
	}
	for (let i = store.employees.length; i < n; i++) store.addEmployee({ first_name: 'Tech', last_name: String(i) });
	for (let i = 0; i < n; i++) store.addItem({ name: `Item ${i}`, price: '9.50' });
	for (let i = 1; i < n; i++) {
		const job = store.createJob(customer, { job_type_id: 61 }).job_number;
		store.addJobCharge(job, { job_charge_type_id: 1, description: 'Visit', price_per_unit: '50.00' });
	}
	for (let i = 0; i < n; i++) store.createOpportunity(customer, { job_type_id: 61 });
	const job = (number: number) => ({ __rl: true, mode: 'id', value: String(number) });
	const invoices = store.queryInvoices(undefined, 1, 10 * n).invoices.length;
	return [
		{ what: 'Task Get Many', params: { resource: 'task', operation: 'getAll' }, list: { path: '/tasks.json', key: 'tasks', style: 'page' }, n },
		{
			what: 'Job Charge Get Many',
			params: { resource: 'jobCharge', operation: 'getAll', job: job(charged) },
			list: { path: `/jobs/${charged}/job_charges.json`, key: 'job_charges', style: 'page' },
			n,
		},
		{
			what: 'Time Entry Get Many',
			params: { resource: 'timeEntry', operation: 'getAll', job: job(timed) },
			list: { path: `/jobs/${timed}/time_entries.json`, key: 'time_entries', style: 'page' },
			n,
		},
		{ what: 'Employee Get Many (active)', params: { resource: 'employee', operation: 'getAll', status: 'active' }, list: { path: '/employees.json', key: 'employees', style: 'page' }, n },
		{ what: 'Item Get Many', params: { resource: 'item', operation: 'getAll' }, list: { path: '/items.json', key: 'items', style: 'page' }, n },
		{ what: 'Invoice Get Many (all)', params: { resource: 'invoice', operation: 'getAll', invoiceStatus: 'all' }, list: { path: '/invoices.json', key: 'invoices', style: 'page' }, n: invoices },
		{ what: 'Opportunity Get Many', params: { resource: 'opportunity', operation: 'getAll' }, list: { path: '/opportunities.json', key: 'opportunities', style: 'page' }, n },
	];
}

async function moreCases(): Promise<MoreCase[]> {
	const cases: MoreCase[] = [];
	const pageSize = sandbox.options.listPageSize;
	for (const spec of seedMore()) {
		const c: MoreCase = { what: spec.what, n: spec.n, node: [], floor: [], nodeRequests: 0, floorRequests: 0, minRequests: Math.ceil(spec.n / pageSize) };
		for (let round = 0; round < 3; round++) {
			const order = round % 2 === 0 ? (['node', 'floor'] as const) : (['floor', 'node'] as const);
			for (const who of order) {
				progress(`Return All, ${spec.what}: ${who} run ${round + 1}/3`);
				reset();
				fullGc();
				if (who === 'node') {
					const { ms, result } = await timed(() => runKickserv({ ...spec.params, returnAll: true, simplify: false }, credentialsFor(MORE)));
					if (result.error) throw new Error(`node ${spec.what}: ${result.error.message}`);
					if (result.items.length !== spec.n) throw new Error(`node ${spec.what}: ${result.items.length} items, expected ${spec.n}`);
					c.node.push(ms);
					c.nodeRequests = Math.max(c.nodeRequests, requestsOf(MORE));
				} else {
					const { ms, result } = await timed(() => floorPaged(targetFor(MORE), spec.list));
					if (result.records.length !== spec.n) throw new Error(`floor ${spec.what}: ${result.records.length} records, expected ${spec.n}`);
					c.floor.push(ms);
					c.floorRequests = result.requests;
				}
			}
		}
		cases.push(c);
	}
	return cases;
}

// ------------------------------------------------------------------------ 2. Limit 10

async function limitCases(): Promise<Array<{ kind: ListKind; items: number; requests: number; query: string }>> {
	const slug = slugFor(LARGEST);
	const rows = [];
	for (const kind of ['customers', 'jobs'] as const) {
		reset();
		const result = await runKickserv({ ...PARAMS[kind], returnAll: false, limit: 10 }, credentialsFor(slug));
		if (result.error) throw result.error;
		const queries = sandbox.log.filter((r) => r.slug === slug).map((r) => new URLSearchParams(r.query as Record<string, string>).toString());
		rows.push({ kind, items: result.items.length, requests: requestsOf(slug), query: queries.join(' ; ') });
	}
	return rows;
}

// --------------------------------------------------------------------------- 3. Trigger

async function measurePoll(trigger: TriggerUnderTest, slug: string): Promise<{ ms: number; requests: number; emitted: number }> {
	reset();
	const { ms, result } = await timed(() => trigger.poll());
	if (result.error) throw result.error;
	return { ms, requests: requestsOf(slug), emitted: result.items?.length ?? 0 };
}

async function idlePolls(trigger: TriggerUnderTest, slug: string, count = 10) {
	const times: number[] = [];
	const requests: number[] = [];
	for (let i = 0; i < count; i++) {
		const r = await measurePoll(trigger, slug);
		if (r.emitted) throw new Error(`idle poll emitted ${r.emitted}`);
		times.push(r.ms);
		requests.push(r.requests);
	}
	return { ms: median(times), requests: Math.max(...requests) };
}

async function triggerCases(): Promise<{ rows: TriggerRow[]; open: TriggerRow[]; state: Array<{ what: string; bytes: number }>; drain: IDataObject }> {
	const rows: TriggerRow[] = [];
	const state: Array<{ what: string; bytes: number }> = [];
	const creds = () => credentialsFor(slug);
	let slug = 'bench-newjob';
	const jobStore = sandbox.store(slug);
	const customer = jobStore.listCustomers()[0].customer_number;
	const jobType = jobStore.jobTypes[0].id;
	const createJobs = (count: number) => {
		for (let i = 0; i < count; i++) jobStore.createJob(customer, { job_type_id: jobType });
	};

	progress('Trigger New Job: seed, idle polls, 100 new jobs');
	const newJob = new TriggerUnderTest({ event: 'newJob', maxPerPoll: 200 }, creds);
	const seed = await measurePoll(newJob, slug);
	rows.push({ what: 'New Job: first poll (seed, emits nothing)', requests: seed.requests, minRequests: '1', ms: fmtMs(seed.ms), emitted: seed.emitted });
	const idle = await idlePolls(newJob, slug);
	rows.push({ what: 'New Job: idle poll (median of 10)', requests: idle.requests, minRequests: '1', ms: fmtMs(idle.ms), emitted: 0 });
	createJobs(100);
	const hundred = await measurePoll(newJob, slug);
	rows.push({
		what: 'New Job: poll with 100 new jobs',
		requests: hundred.requests,
		minRequests: '3',
		ms: fmtMs(hundred.ms),
		emitted: hundred.emitted,
		note: '50 + 50 new, the 3rd page shows a known id',
	});
	state.push({ what: 'New Job (after the polls above)', bytes: newJob.stateBytes() });

	progress('Trigger New Job: drain 10,000 new jobs at Max Items per Poll 1000');
	const drainer = new TriggerUnderTest({ event: 'newJob', maxPerPoll: 1000 }, creds);
	await drainer.poll();
	createJobs(10_000);
	reset();
	const emittedIds = new Set<number>();
	let polls = 0;
	let maxState = 0;
	const perPoll: number[] = [];
	const drainStart = performance.now();
	for (; polls < 50; ) {
		const before = sandbox.log.length;
		const run = await drainer.poll();
		if (run.error) throw run.error;
		polls++;
		perPoll.push(sandbox.log.length - before);
		const items = run.items ?? [];
		for (const item of items) emittedIds.add(Number(item.json.id));
		maxState = Math.max(maxState, drainer.stateBytes());
		if (!items.length) break;
	}
	const drainMs = performance.now() - drainStart;
	const drainRequests = requestsOf(slug);
	if (emittedIds.size !== 10_000) throw new Error(`drain emitted ${emittedIds.size} distinct jobs, expected 10000`);
	// every new job read once (200 pages), plus the final idle poll; a page that also shows a known id is part of that
	const drainMin = Math.ceil(10_000 / JOBS_PER_PAGE) + 1;
	// with a state that keeps no job, the first poll must search where the backlog ends (about
	// 2·log2(pages) reads) and each later emitting poll reads again the page that shows where its jobs end
	const drainAllowed = drainMin + 2 * Math.ceil(Math.log2(drainMin)) + (polls - 2);
	rows.push({
		what: `New Job: drain 10,000 new jobs, cap 1000 (${polls} polls incl. the final idle one)`,
		requests: drainRequests,
		minRequests: `${drainMin}`,
		allowed: drainAllowed,
		ms: fmtMs(drainMs),
		emitted: emittedIds.size,
		note: `requests per poll: ${perPoll.join(', ')}`,
	});
	state.push({ what: 'New Job, after 10,000 new jobs emitted (drained)', bytes: drainer.stateBytes() });
	state.push({ what: 'New Job, largest during that drain', bytes: maxState });

	progress('Trigger New Payment: seed, idle polls, 3 new payments');
	slug = 'bench-payment';
	const payStore = sandbox.store(slug);
	const window = payStore.listJobs().slice(0, 250);
	const paidBefore = window.filter((_, i) => i % 4 === 0);
	for (const job of paidBefore) payStore.createPayment({ type: 'Job', number: job.job_number }, { amount: '10.00' });
	// the recent-jobs mode: the window alone (every open job: section 3b)
	const payment = new TriggerUnderTest({ event: 'newPayment', paymentScope: 'account', jobsToWatch: 250, maxPerPoll: 200, watch: 'recentJobs' }, creds);
	const pseed = await measurePoll(payment, slug);
	rows.push({
		what: `New Payment: first poll (seed; ${paidBefore.length} of the 250 watched jobs have payments)`,
		requests: pseed.requests,
		minRequests: `${5 + window.length}`,
		ms: fmtMs(pseed.ms),
		emitted: pseed.emitted,
		note: '5 window pages (only=…) + the payments of every watched job (a job\'s balance does not show every payment)',
	});
	const pidle = await idlePolls(payment, slug);
	rows.push({ what: 'New Payment: idle poll, default window of 250 jobs (median of 10)', requests: pidle.requests, minRequests: '5', ms: fmtMs(pidle.ms), emitted: 0 });
	for (const job of [window[0], window[1], window[2]]) payStore.createPayment({ type: 'Job', number: job.job_number }, { amount: '5.00' });
	const three = await measurePoll(payment, slug);
	rows.push({
		what: 'New Payment: poll with 3 new payments (on 3 watched jobs)',
		requests: three.requests,
		minRequests: '8',
		ms: fmtMs(three.ms),
		emitted: three.emitted,
		note: '5 window pages + the payments of the 3 changed jobs',
	});
	state.push({ what: 'New Payment, window of 250 jobs', bytes: payment.stateBytes() });
	return { rows, open: [], state, drain: { polls, perPoll } };
}

// ----------------------------------------------------------------------------- 4. Memory

function runChild<T>(script: string, message: unknown, execArgv: string[]): { child: ChildProcess; reply: Promise<T> } {
	const child = fork(path.join(__dirname, 'bench', script), [], {
		execArgv: [...execArgv, '-r', 'ts-node/register/transpile-only'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		cwd: ROOT,
	});
	const reply = new Promise<T>((resolve, reject) => {
		child.once('message', (m) => {
			const error = (m as { error?: string }).error;
			if (error) reject(new Error(error));
			else resolve(m as T);
		});
		child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before answering`)));
	});
	child.send(message as object);
	return { child, reply };
}

async function memoryCases(): Promise<Array<MemoryReport & { bytes: number; sandboxRequests: number }>> {
	const slug = slugFor(LARGEST);
	const reports = [];
	for (const kind of ['customers', 'jobs'] as const) {
		for (const mode of ['node', 'floor'] as const) {
			progress(`Memory: Return All ${kind} ${label(LARGEST)}, ${mode}, in a child process`);
			fullGc();
			await sleep(100);
			const request: MemoryRequest = { mode, kind, target: targetFor(slug) };
			reset();
			const report = await runChild<MemoryReport>('memory-child.ts', request, ['--expose-gc']).reply;
			if (report.error) throw new Error(report.error);
			// the child's warm-up request (Limit 5 for the node, page 1 for the floor) comes first: not counted
			const requests = requestsOf(slug) - 1;
			reports.push({ ...report, bytes: bytesOf(slug, 1), sandboxRequests: requests });
		}
	}
	return reports;
}

// ------------------------------------------------------------ 5. Where the time goes

interface Ladder {
	kind: ListKind;
	/** ms: wall time; cpu: CPU time of this (client) process, user + system, all threads */
	rows: Array<{ what: string; ms: number[]; cpu: number[]; requests: number }>;
	nodeProfile: CpuProfile;
	floorProfile: CpuProfile;
}

async function whereTimeGoes(): Promise<Ladder[]> {
	const n = SIZES[1];
	const slug = `bench-remote-${label(n)}`;
	const accounts: SandboxChildAccount[] = [{ slug, token: TOKEN, customers: n, jobs: n }];
	progress('Client-only diagnosis: starting a sandbox in a separate process');
	const { child, reply } = runChild<{ baseUrl: string }>('sandbox-child.ts', accounts, []);
	const { baseUrl: remoteUrl } = await reply;
	const target: Target = { baseUrl: remoteUrl, slug, token: TOKEN };
	const creds: TestCredential = { accountSlug: slug, apiToken: TOKEN, baseUrl: remoteUrl };
	const ladders: Ladder[] = [];
	try {
		for (const kind of ['customers', 'jobs'] as const) {
			const loops: Array<{ what: string; run: () => Promise<number> }> = [
				{ what: 'floor: fetch, keep-alive', run: async () => (await floorList(target, kind)).requests },
				{ what: 'node:http, new connection per page', run: async () => (await httpNoReuseList(target, kind)).requests },
				{ what: "axios (n8n-core's), new connection per page", run: async () => (await axiosNoReuseList(target, kind)).requests },
				{
					what: "the node in n8n's engine",
					run: async () => {
						const r = await runKickserv(PARAMS[kind], creds);
						if (r.error || r.items.length !== n) throw new Error(`remote node run: ${r.error?.message ?? r.items.length}`);
						return -1;
					},
				},
			];
			const rows = loops.map((l) => ({ what: l.what, ms: [] as number[], cpu: [] as number[], requests: 0 }));
			for (let round = 0; round < LADDER_ROUNDS; round++) {
				for (let i = 0; i < loops.length; i++) {
					const index = round % 2 === 0 ? i : loops.length - 1 - i;
					progress(`Client-only ${kind} ${label(n)}: ${loops[index].what} (${round + 1}/${LADDER_ROUNDS})`);
					fullGc();
					const cpuStart = process.cpuUsage();
					const { ms, result } = await timed(loops[index].run);
					const cpu = process.cpuUsage(cpuStart);
					rows[index].ms.push(ms);
					rows[index].cpu.push((cpu.user + cpu.system) / 1000);
					rows[index].requests = result;
				}
			}
			progress(`Client-only ${kind} ${label(n)}: CPU profiles of the node and of the floor`);
			fullGc();
			const nodeProfile = (await profile(() => runKickserv(PARAMS[kind], creds))).profile;
			fullGc();
			const floorProfile = (await profile(() => floorList(target, kind))).profile;
			if (SCALE === 1) {
				fs.mkdirSync(path.join(OUT_DIR, 'profiles'), { recursive: true });
				save(nodeProfile, path.join(OUT_DIR, 'profiles', `node-${kind}-${label(n)}.cpuprofile`));
				save(floorProfile, path.join(OUT_DIR, 'profiles', `floor-${kind}-${label(n)}.cpuprofile`));
			}
			ladders.push({ kind, rows, nodeProfile, floorProfile });
		}
	} finally {
		child.send('stop');
		await new Promise((resolve) => {
			const timer = setTimeout(() => {
				child.kill();
				resolve(undefined);
			}, 3000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve(undefined);
			});
		});
	}
	return ladders;
}

// -------------------------------------------------------------------------------- main

async function main() {
	progress(`Seeding the sandbox (${SIZES.map(label).join(", ")} customers and jobs; trigger accounts)`);
	for (const n of SIZES) generateLarge(sandbox.store(slugFor(n)), { customers: n, jobs: n });
	generateLarge(sandbox.store('bench-newjob'), { customers: 200, jobs: 500 });
	generateLarge(sandbox.store('bench-payment'), { customers: 200, jobs: 1000 });
	for (const n of OPEN_SIZES) seedOpenAccount(sandbox, n);
	baseUrl = await sandbox.start(0);
	bytes = countBytes(sandbox);
	// the server and the client share one event loop here: a long GC pause between two runs must not let the
	// server's 5 s keep-alive timer close the floor's pooled connection under a request (fetch fails then)
	sandboxServer(sandbox).keepAliveTimeout = 120_000;
	progress(`Sandbox on ${baseUrl}`);

	const list = await listCases();
	const limits = await limitCases();
	const triggers = await triggerCases();
	const open = await openJobCases(sandbox, credentialsFor, { measure: measurePoll, idle: idlePolls });
	triggers.open = open.rows;
	triggers.state.push(...open.state);
	// 1b after 3: its seven lists' records would otherwise sit in the heap during the trigger polls and slow
	// them (by up to a third), which made sections 1-3 incomparable with runs from before 1b existed
	const more = await moreCases();
	const memory = await memoryCases();
	const ladders = await whereTimeGoes();
	await sandbox.stop();
	report(list, more, limits, triggers, memory, ladders);
}

// ------------------------------------------------------------------------------ report

/** A trigger row as table cells; a minimum the design may exceed shows its target beside it. */
const triggerCells = (r: TriggerRow) => [
	r.what,
	r.requests,
	r.allowed !== undefined && r.allowed !== Number(r.minRequests) ? `${r.minRequests} (target ≤ ${r.allowed})` : r.minRequests,
	r.ms,
	r.emitted,
	r.note ?? '',
];

function report(
	list: ListCase[],
	more: MoreCase[],
	limits: Awaited<ReturnType<typeof limitCases>>,
	triggers: Awaited<ReturnType<typeof triggerCases>>,
	memory: Awaited<ReturnType<typeof memoryCases>>,
	ladders: Ladder[],
) {
	const m = machine();
	const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
	emit('# n8n-nodes-kickserv benchmark');
	emit();
	emit(`Date: ${new Date().toISOString()}  `);
	emit(`Machine: ${m.cpu}, ${m.cores} cores, ${m.ram} RAM, ${m.platform}, Node ${m.node}  `);
	emit(
		`Load average (1 min) at the start / end: ${LOAD_AT_START.toFixed(2)} / ${os.loadavg()[0].toFixed(2)} (other work on this shared machine slows runs at random; best-of runs reduce that, they do not remove it)  `,
	);
	emit(`Command: \`npm run bench\` (scripts/bench.ts), total ${(((performance.now() - started) / 1000)).toFixed(0)} s`);
	emit();
	emit('The sandbox (sandbox/) listens on 127.0.0.1 on an ephemeral port, in the same process as the client');
	emit('(sections 1-3), with its default page sizes (customers: 25 a page, fixed by the server; jobs: `per_page=50` sent by the');
	emit("node). \"Node\" is `runKickserv` (test/harness/engine.ts): a workflow with the Kickserv node run by n8n-core's");
	emit('WorkflowExecute → RoutingNode, real HTTP through n8n-core\'s request helpers and the credential\'s `authenticate`.');
	emit('Parameters: Get Many, Return All, Simplify off (whole records, as the floor collects). "Floor": a minimal loop with');
	emit("Node's global `fetch` (keep-alive), Basic auth, the same page parameters and end rules, `JSON.parse`, collect records.");
	emit('Times are the **best** of the runs (node and floor interleaved, alternating which goes first, a full GC before each);');
	emit('all runs are listed. Minimum requests = pages that hold records; when the count is an exact multiple of the page size,');
	emit('the API (no totals, no meta on these lists) needs one empty page to show the end, so the floor makes min + 1. The node');
	emit(`requests ${DEFAULT_IN_FLIGHT} pages at a time after the first two (Pages in Parallel, its default), so up to ${DEFAULT_IN_FLIGHT - 1} past the end.`);
	emit();

	// 1
	emit('## 1. Get Many, Return All');
	emit();
	const rows1 = list.map((c) => {
		const ratio = best(c.node) / best(c.floor);
		const reqOk = c.nodeRequests <= c.minRequests + 1 + ALLOWED_EXTRA;
		return [
			c.kind === 'customers' ? 'Customer Get Many' : 'Job Get Many (account)',
			fmtInt(c.n),
			fmtMB(c.bytes),
			fmtMs(best(c.node)),
			fmtMs(best(c.floor)),
			fmtX(ratio),
			`${verdict(ratio <= TARGET_TIME)}`,
			`${c.nodeRequests} / ${c.minRequests}`,
			(c.nodeRequests / c.minRequests).toFixed(3),
			String(c.floorRequests),
			verdict(reqOk),
			`${c.node.map(fmtMs).join(', ')} / ${c.floor.map(fmtMs).join(', ')}`,
		];
	});
	emit(
		table(
			['Case', 'Records', 'JSON received', 'Node ms', 'Floor ms', 'Node/floor', `≤ ${TARGET_TIME}x`, 'Node req / min', 'Req ratio', 'Floor req', `≤ min+${1 + ALLOWED_EXTRA}`, 'All runs ms (node / floor)'],
			rows1,
			['l', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'l', 'l'],
		),
	);
	emit();

	// the node's extra requests are empty pages past the end: a few dozen bytes each (`{"jobs":[]}` or with meta)
	const EMPTY_PAGE_MAX = 200;
	const pastEnd = (c: ListCase) => c.nodeRequests - c.floorRequests;
	const byteMismatch = list.filter((c) => c.bytes < c.floorBytes || c.bytes - c.floorBytes > pastEnd(c) * EMPTY_PAGE_MAX);
	const extraBytes = list.map((c) => c.bytes - c.floorBytes);
	emit(
		byteMismatch.length
			? `Note: the bytes the sandbox sent to the node and the bytes the floor read differ by more than the empty pages past the end for ${byteMismatch.map((c) => `${c.kind} ${label(c.n)}`).join(', ')}.`
			: 'JSON received: counted by the sandbox for the node\'s run; what the floor read, byte for byte, plus only the empty ' +
					`pages the node requested past the end (${Math.min(...extraBytes)}-${Math.max(...extraBytes)} bytes in all), in every case.`,
	);
	emit();

	// 1b
	emit(`## 1b. The other Get Many lists, Return All (${fmtInt(MORE_SIZE)} records each, ${sandbox.options.listPageSize} a page)`);
	emit();
	emit(
		table(
			['Case', 'Records', 'Node ms', 'Floor ms', 'Node/floor', 'Node req / min', 'Floor req', `≤ min+${1 + ALLOWED_EXTRA}`, 'All runs ms (node / floor)'],
			more.map((c) => [
				c.what,
				fmtInt(c.n),
				fmtMs(best(c.node)),
				fmtMs(best(c.floor)),
				fmtX(best(c.node) / best(c.floor)),
				`${c.nodeRequests} / ${c.minRequests}`,
				String(c.floorRequests),
				verdict(c.nodeRequests <= c.minRequests + 1 + ALLOWED_EXTRA),
				`${c.node.map(fmtMs).join(', ')} / ${c.floor.map(fmtMs).join(', ')}`,
			]),
			['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
		),
	);
	emit();
	emit('The Employee list is paged and filtered (active) by the node itself: Kickserv\'s JSON list may hold active employees only.');
	emit();

	// 2
	emit(`## 2. Limit 10 on the ${label(LARGEST)} account`);
	emit();
	emit(
		table(
			['Case', 'Items', 'Requests', 'Target 1', 'Query sent'],
			limits.map((l) => [l.kind === 'customers' ? 'Customer Get Many, Limit 10' : 'Job Get Many, Limit 10', l.items, l.requests, verdict(l.requests === 1), l.query]),
			['l', 'r', 'r', 'l', 'l'],
		),
	);
	emit();

	// 3
	emit('## 3. Trigger (KickservTrigger, polled through n8n-core\'s PollContext)');
	emit();
	emit(
		table(
			['Poll', 'Requests', 'Minimum', 'Time ms', 'Emitted', 'Note'],
			triggers.rows.map(triggerCells),
			['l', 'r', 'r', 'r', 'r', 'l'],
		),
	);
	emit();
	emit('### 3b. Watch: Every Open Job (New Payment, Invoice Paid, Job Status Changed)');
	emit();
	emit('Accounts of 100, 1,000 and 5,000 open jobs (charged, unpaid, unscheduled: on both account-wide lists) below 250');
	emit('newer finished jobs (the window, Jobs to Watch 250). Minimum = the window\'s pages + the pages of the account-wide list');
	emit('(`/invoices.json?invoice_status=unpaid`, 25 a page, or `/tasks/job_list.json`) + one request per changed job.');
	emit();
	emit(table(['Poll', 'Requests', 'Minimum', 'Time ms', 'Emitted', 'Note'], triggers.open.map(triggerCells), ['l', 'r', 'r', 'r', 'r', 'l']));
	emit();
	emit(table(['Static data of the node', 'Bytes (JSON)'], triggers.state.map((s) => [s.what, fmtInt(s.bytes)]), ['l', 'r']));
	emit();

	// 4
	emit(`## 4. Peak memory, Return All over ${fmtInt(LARGEST)} records`);
	emit();
	emit('Each case runs in its own child process (`child_process.fork` of scripts/bench/memory-child.ts with `--expose-gc`);');
	emit('the sandbox stays in the parent, so its memory is not counted. In the child: one Limit 5 run to load and warm up');
	emit('everything, full GCs, baseline RSS; then a worker thread samples the process RSS every 2 ms during the run');
	emit('(a worker keeps sampling through long synchronous stretches of the main thread). Growth = peak RSS − baseline.');
	emit('"JSON received" = sum of the response bodies the sandbox sent for the measured run, counted on the sandbox side (a');
	emit('listener on its http.Server wraps each response\'s `end`); the child\'s warm-up request is left out.');
	emit();
	emit(
		table(
			['Case', 'Records', 'Requests', 'JSON received', 'Baseline RSS', 'Peak RSS', 'Growth', 'Growth / JSON', `< ${TARGET_MEMORY}x`, 'At end: heap used / Buffers', 'Heap kept (output)', 'Dictionary-mode records', 'Run ms'],
			memory.map((r) => {
				const growth = r.peakRss - r.baselineRss;
				const ratio = growth / r.bytes;
				return [
					`${r.kind === 'customers' ? 'Customers' : 'Jobs'}, ${r.mode}`,
					fmtInt(r.records),
					String(r.sandboxRequests),
					fmtMB(r.bytes),
					fmtMB(r.baselineRss),
					fmtMB(r.peakRss),
					fmtMB(growth),
					fmtX(ratio),
					r.mode === 'node' ? verdict(ratio < TARGET_MEMORY) : '(reference)',
					`${fmtMB(r.endUsage.heapUsed - r.baselineHeap)} / ${fmtMB(r.endUsage.arrayBuffers)}`,
					fmtMB(r.retainedHeap - r.baselineHeap),
					`${(r.dictionaryShare * 100).toFixed(0)}%`,
					fmtMs(r.ms),
				];
			}),
			['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'r'],
		),
	);
	emit();
	emit('"At end" is `process.memoryUsage()` the moment the run returns, before any forced GC: V8 heap above the baseline, and');
	emit('`arrayBuffers` (Node Buffers, off the V8 heap: the raw response bodies not yet freed). "Heap kept" is the heap above');
	emit('the baseline after a full GC with the output still referenced: the size of the output itself. "Dictionary-mode');
	emit('records": share of output records (sampled) that V8 stores as hash tables instead of its compact layout (`%HasFastProperties`).');
	emit();

	// 5
	emit(`## 5. Where the time goes (client only: the sandbox in a separate process, ${label(SIZES[1])} records)`);
	emit();
	emit('Same lists with the sandbox moved to a child process, so that the client\'s time and profile hold only client work');
	emit('(in sections 1-3 the server shares the event loop and its cost is added to node and floor alike, which flattens');
	emit(`the ratio). Ladder: from the floor, change one thing at a time towards what the node does. Best of ${LADDER_ROUNDS}, interleaved.`);
	emit();
	for (const ladder of ladders) {
		const floorBest = best(ladder.rows[0].ms);
		const floorCpu = best(ladder.rows[0].cpu);
		emit(`### ${ladder.kind === 'customers' ? 'Customers' : 'Jobs'}, ${fmtInt(SIZES[1])} records`);
		emit();
		emit(
			table(
				['Client', 'Wall ms (best)', 'vs floor', 'Client CPU ms (best)', 'vs floor', 'All runs, wall ms'],
				ladder.rows.map((r) => [r.what, fmtMs(best(r.ms)), fmtX(best(r.ms) / floorBest), fmtMs(best(r.cpu)), fmtX(best(r.cpu) / floorCpu), r.ms.map(fmtMs).join(', ')]),
				['l', 'r', 'r', 'r', 'r', 'l'],
			),
		);
		emit();
		emit('Client CPU = `process.cpuUsage()` of this process over the run (user + system, GC threads included): unlike wall time it');
		emit('does not count waiting for the server, nor time when other work on the machine holds the cores.');
		emit();
		const skip = (area: string) => area === 'profiler' || area === 'bench script';
		const nodeAreas = byArea(ladder.nodeProfile, skip);
		const floorAreas = new Map(byArea(ladder.floorProfile, skip).map((a) => [a.label, a.ms]));
		const nodeTotal = nodeAreas.reduce((s, a) => s + a.ms, 0);
		const floorTotal = [...floorAreas.values()].reduce((s, v) => s + v, 0);
		emit(`CPU profile, self time by area (sampled every 0.2 ms; node run ${fmtMs(nodeTotal)} ms, floor run ${fmtMs(floorTotal)} ms of samples):`);
		emit();
		emit(
			table(
				['Area', 'Node ms', 'Share', 'Floor ms', 'Node − floor ms'],
				nodeAreas
					.filter((a) => a.ms >= 5 || (floorAreas.get(a.label) ?? 0) >= 5)
					.map((a) => [a.label, fmtMs(a.ms), `${(a.share * 100).toFixed(1)}%`, fmtMs(floorAreas.get(a.label) ?? 0), fmtMs(a.ms - (floorAreas.get(a.label) ?? 0))]),
				['l', 'r', 'r', 'r', 'r'],
			),
		);
		emit();
		emit('Top self-time functions of the node run:');
		emit();
		emit(
			table(
				['Function (file:line)', 'Self ms', 'Share'],
				topFunctions(ladder.nodeProfile, 15, skip).map((f) => [f.label.replace(/\|/g, '\\|'), fmtMs(f.ms), `${(f.share * 100).toFixed(1)}%`]),
				['l', 'r', 'r'],
			),
		);
		emit();
	}
	emit(`Profiles: bench/profiles/*.cpuprofile (open in Chrome DevTools → Performance, or \`npx ts-node --transpile-only scripts/bench/top.ts FILE\`).`);
	emit();

	// summary
	emit('## Targets');
	emit();
	const summary: string[][] = [];
	for (const c of list) {
		summary.push([
			`${c.kind} ${label(c.n)}: requests ≤ min + 1 + (in flight − 1)`,
			`${c.nodeRequests} vs min ${c.minRequests}`,
			verdict(c.nodeRequests <= c.minRequests + 1 + ALLOWED_EXTRA),
		]);
	}
	for (const c of list) {
		const ratio = best(c.node) / best(c.floor);
		summary.push([`${c.kind} ${label(c.n)}: time ≤ ${TARGET_TIME}x floor`, fmtX(ratio), verdict(ratio <= TARGET_TIME)]);
	}
	for (const l of limits) summary.push([`${l.kind} Limit 10: 1 request`, String(l.requests), verdict(l.requests === 1)]);
	for (const r of memory.filter((x) => x.mode === 'node')) {
		const ratio = (r.peakRss - r.baselineRss) / r.bytes;
		summary.push([`${r.kind} ${label(LARGEST)}: peak memory < ${TARGET_MEMORY}x JSON`, fmtX(ratio), verdict(ratio < TARGET_MEMORY)]);
	}
	for (const r of [...triggers.rows, ...triggers.open]) {
		const min = Number(r.minRequests);
		if (!Number.isFinite(min)) continue;
		const allowed = r.allowed ?? min;
		const target = allowed === min ? 'requests = minimum' : `requests ≤ ${allowed} (minimum ${min})`;
		summary.push([`Trigger ${r.what}: ${target}`, `${r.requests} vs ${allowed}`, verdict(r.requests <= allowed)]);
	}
	emit(table(['Target', 'Measured', 'Verdict'], summary, ['l', 'r', 'l']));
	emit();
	for (const line of findings(list, limits, triggers, memory, ladders)) emit(line);

	// a scaled-down check run must not overwrite the results
	const file = SCALE > 1 ? path.join(os.tmpdir(), 'kickserv-bench-RESULTS.scaled.md') : path.join(OUT_DIR, 'RESULTS.md');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	writeEnginePart(file, out.join('\n'));
	progress(`Wrote ${path.relative(ROOT, file)} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

// ---------------------------------------------------------------------------- findings

/** The analysis, from this run's numbers (each statement only when the numbers show it). */
function findings(
	list: ListCase[],
	limits: Awaited<ReturnType<typeof limitCases>>,
	triggers: Awaited<ReturnType<typeof triggerCases>>,
	memory: Awaited<ReturnType<typeof memoryCases>>,
	ladders: Ladder[],
): string[] {
	const lines: string[] = ['## Findings', ''];
	const p = (text: string) => lines.push(text, '');

	// requests
	const over = list.filter((c) => c.nodeRequests > c.floorRequests + ALLOWED_EXTRA);
	const limitOk = limits.every((l) => l.requests === 1);
	p(
		`**Requests.** ${over.length ? `Over the minimum: ${over.map((c) => `${c.kind} ${label(c.n)} (${c.nodeRequests} vs ${c.minRequests})`).join(', ')}.` : `Every Get Many makes the requests the floor makes (the pages that hold records, plus one empty page only because each count here is an exact multiple of the page size: the API sends no totals, so nothing else can show the end), plus at most ${ALLOWED_EXTRA} sent past the end by the pages in flight.`} ` +
			`${limitOk ? 'Limit 10 costs one request (jobs with `per_page=10`).' : 'Limit 10 costs more than one request.'} ` +
			'Trigger polls cost the minimum, except while draining a backlog and reading an unpaged list twice (next points).',
	);

	// trigger drain
	const drain = triggers.rows.find((r) => r.what.includes('drain'));
	if (drain) {
		const perPoll = (triggers.drain.perPoll as number[]) ?? [];
		p(
			`**Trigger backlog: ${fmtInt(drain.requests)} requests to emit 10,000 new jobs at Max Items per Poll 1000 (${drain.minRequests} would read each new job's page once; target ≤ ${drain.allowed}).** ` +
				`The first poll of a backlog searches where it ends (pages 1, 2, 3, 5, 9… then halving: \`firstPageWhere\`, nodes/Kickserv/trigger/listing.ts) and reads only the pages of the 1000 oldest new jobs (${perPoll[0] ?? '?'} requests); ` +
				'the state keeps how many it left over (`carried`) and the page size seen, not the jobs. Each later poll computes where its jobs start and reads those pages and the one that shows where they end ' +
				`(requests per poll here: ${perPoll.join(', ')}). Over the minimum: the search, and that one page per later poll, read again because the state keeps no job: ` +
				`the target allows 2·⌈log2(pages)⌉ + one a poll. Before 0.2.0 the first poll read every new job's page (201 requests) and the drain took 399.`,
		);
	}

	// time
	const ratios = list.map((c) => best(c.node) / best(c.floor));
	const timeMissed = ratios.some((r) => r > TARGET_TIME);
	const customers = ladders.find((l) => l.kind === 'customers');
	if (customers) {
		const skip = (area: string) => area === 'profiler' || area === 'bench script';
		const areas = byArea(customers.nodeProfile, skip);
		const floorAreas = byArea(customers.floorProfile, skip);
		const sum = (list2: typeof areas, ...labels: string[]) => list2.filter((a) => labels.includes(a.label)).reduce((s, a) => s + a.ms, 0);
		const fns = topFunctions(customers.nodeProfile, 1000, skip);
		const strip = fns.filter((f) => /^(stripSecrets|stripNested) /.test(f.label)).reduce((s, f) => s + f.ms, 0);
		const rung = (what: string) => customers.rows.find((r) => r.what.startsWith(what))!;
		const wall = (what: string) => best(rung(what).ms);
		const cpu = (what: string) => best(rung(what).cpu);
		const cred = sum(areas, 'luxon', 'n8n-workflow expressions', 'n8n-workflow (other)', '@n8n/tournament');
		const http = sum(areas, 'axios', 'follow-redirects', 'proxy-from-env', 'n8n-core request helpers');
		const connect = sum(areas, 'native: connect', 'native: TCP', 'native: close', 'native: setKeepAlive');
		const engine = sum(areas, 'n8n-core WorkflowExecute', 'n8n-core RoutingNode', 'n8n-core (other)', 'test harness', 'lodash');
		const requests = customers.rows[0].requests;
		p(
			`**Time: ${timeMissed ? 'missed' : 'met'} (node/floor ${fmtX(Math.min(...ratios))}–${fmtX(Math.max(...ratios))} in section 1; target ${TARGET_TIME}x).** ` +
				'Not a request-count problem (same requests as the floor): a fixed cost on every request. ' +
				`Client only (section 5, customers ${label(SIZES[1])}, ${fmtInt(requests)} requests), the node takes ${fmtX(wall('the node') / wall('floor'))} the floor's wall time and ${fmtX(cpu('the node') / cpu('floor'))} its CPU, ` +
				`${fmtMs((cpu('the node') - cpu('floor')) / requests)} ms more CPU per request. ` +
				`n8n's HTTP client on its own — axios with a new connection per page, which is what n8n-core's request helpers do (\`setAxiosAgents\` builds a new \`http.Agent\` for every request: \`Connection: close\`, one TCP handshake per page, one TLS handshake per page on the real API) — ` +
				`takes ${fmtX(wall('axios') / wall('floor'))} the floor's wall time and ${fmtX(cpu('axios') / cpu('floor'))} its CPU ` +
				`(the fetch floor is not even the cheapest client: node:http with a new connection per page uses ${fmtX(cpu('node:http') / cpu('floor'))} of its CPU). ` +
				`Where the node's CPU goes (profile self time, ms): our code ${fmtMs(sum(areas, 'our node code'))}, of which \`stripSecrets\` ${fmtMs(strip)}; ` +
				`n8n's expression engine (n8n-workflow expressions + luxon; the credential is read once per execution and its \`authenticate\` is a function, so nothing is resolved per request) ${fmtMs(cred)}; ` +
				`axios + follow-redirects + proxy-from-env + n8n-core request helpers ${fmtMs(http)}; connect/close ${fmtMs(connect)}; ` +
				`GC ${fmtMs(sum(areas, 'GC'))} (floor ${fmtMs(sum(floorAreas, 'GC'))}); WorkflowExecute, RoutingNode and n8n's per-item copying ${fmtMs(engine)} (negligible). ` +
				'What is left in the node\'s hands is `stripSecrets`: a copy of every record that carries a secret key, made with `Object.fromEntries` so that V8 keeps it ' +
				'compact (a key-by-key copy is cheaper to make but became a dictionary object: twice the heap, see Memory). The rest (axios, a new connection per ' +
				'request) is n8n-core\'s, the same for every node. bench/WHATIF.md measured the earlier fixes on patched copies.',
		);
	}

	// memory
	const nodeMem = memory.filter((r) => r.mode === 'node');
	const floorMem = memory.filter((r) => r.mode === 'floor');
	const ratioOf = (r: (typeof memory)[number]) => (r.peakRss - r.baselineRss) / r.bytes;
	const memMissed = nodeMem.some((r) => ratioOf(r) >= TARGET_MEMORY);
	const parts: string[] = [];
	const nodeCustomers = nodeMem.find((r) => r.kind === 'customers');
	const floorCustomers = floorMem.find((r) => r.kind === 'customers');
	if (nodeCustomers && floorCustomers && nodeCustomers.dictionaryShare > 0.5) {
		parts.push(
			`(1) \`stripSecrets\` (nodes/Kickserv/transport/secrets.ts): ${(nodeCustomers.dictionaryShare * 100).toFixed(0)}% of the output records are V8 dictionary-mode objects, ` +
				`so the output weighs ${fmtMB(nodeCustomers.retainedHeap - nodeCustomers.baselineHeap)} on the heap against ${fmtMB(floorCustomers.retainedHeap - floorCustomers.baselineHeap)} ` +
				'for the same records as parsed. The copy it makes of a record with a secret key must keep the compact layout (`Object.fromEntries` does; ' +
				'`delete` and a key-by-key copy do not): test/nodes/record-layout.test.ts.',
		);
	}
	const nodeBuffers = Math.max(...nodeMem.map((r) => r.endUsage.arrayBuffers));
	const floorBuffers = Math.max(...floorMem.map((r) => r.endUsage.arrayBuffers));
	if (nodeBuffers > 2 * floorBuffers + 5 * 1024 * 1024) {
		parts.push(
			`(${parts.length + 1}) follow-redirects: n8n follows redirects by default, so axios wraps every request in follow-redirects, and the raw response Buffers ` +
				`stay alive much longer (until a full GC): ${fmtMB(nodeBuffers)} of Buffers alive when the run returns, against ${fmtMB(floorBuffers)} for the floor. ` +
				'Fix: `disableFollowRedirect: true` in the options of `kickservRequest` (nodes/Kickserv/transport/request.ts); the Kickserv API does not redirect, and a 3xx then ' +
				'surfaces as an error rather than the Basic credentials being sent on to another URL.',
		);
	}
	p(
		`**Memory: ${memMissed ? 'missed' : 'met'} (${nodeMem.map((r) => `${r.kind} ${fmtX(ratioOf(r))}`).join(', ')} of the JSON received; the floor ${floorMem.map((r) => `${r.kind} ${fmtX(ratioOf(r))}`).join(', ')}; target < ${TARGET_MEMORY}x).** ` +
			(nodeMem.some((r) => ratioOf(r) > 0.9 * TARGET_MEMORY && ratioOf(r) < 1.1 * TARGET_MEMORY)
				? 'Close to the limit: when V8 runs its full GCs moves the peak by about ±10% from run to run, so this verdict can flip between runs. '
				: '') +
			(parts.length ? `Where it goes: ${parts.join(' ')}` : 'No cause beyond holding the output was found.') +
			' bench/WHATIF.md records how these fixes were measured before they were applied.',
	);
	return lines;
}

main().then(
	() => process.exit(0), // n8n-core leaves an interval timer behind
	(error: Error) => {
		process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
		process.exit(1);
	},
);
