/**
 * `npx ts-node --transpile-only scripts/bench/whatif.ts` (6-7 minutes; not part of `npm run bench`):
 * measures the changes the benchmark recommends, without touching the sources. Each variant is a copy of
 * the sources in a temp dir with one or more text patches applied (a patch that no longer applies is
 * reported, not guessed); each runs in its own process against one sandbox process. Writes bench/WHATIF.md.
 */
import './env';

import { fork, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { floorList, type ListKind } from './floor';
import type { SandboxChildAccount } from './sandbox-child';
import { fmtMB, fmtMs, fmtX, machine, progress, table } from './util';
import type { WhatIfReport, WhatIfRequest } from './whatif-child';

const ROOT = path.resolve(__dirname, '..', '..');
const TOKEN = 'whatif-token';
const COPY = ['nodes', 'credentials', 'sandbox', 'test/harness', 'scripts/bench', 'package.json', 'tsconfig.json'];

interface Patch {
	file: string;
	apply: (text: string) => string | undefined; // undefined: does not apply
}

/** stripSecrets without spread + delete: an object rest copy (V8 keeps it compact), for...in instead of Object.entries. */
const compactStripSecrets: Patch = {
	file: 'nodes/Kickserv/transport/routing.ts',
	apply(text) {
		const start = text.indexOf('export function stripSecrets(');
		if (start < 0 || !text.includes('function stripNested(')) return undefined;
		const end = text.indexOf('\n}\n', start);
		const replacement = `export function stripSecrets(record: IDataObject): IDataObject {
	let result = record;
	if (SECRET_KEYS.some((key) => key in record)) {
		const { token, password_digest, encrypted_password, api_token, ...rest } = record;
		result = rest;
	}
	for (const key in result) {
		const value = result[key];
		if (value === null || typeof value !== 'object') continue;
		const cleaned = stripNested(value);
		if (cleaned !== value) {
			if (result === record) result = { ...record };
			result[key] = cleaned as IDataObject[string];
		}
	}
	return result;
}`;
		return text.slice(0, start) + replacement + text.slice(end + 2);
	},
};

/** disableFollowRedirect: true in kickservRequest's options (axios then skips its follow-redirects wrapper). */
const noFollowRedirect: Patch = {
	file: 'nodes/Kickserv/transport/request.ts',
	apply(text) {
		const anchor = '\t\tignoreHttpStatusErrors: true,\n';
		const at = text.indexOf(anchor, text.indexOf('export async function kickservRequest('));
		if (at < 0) return undefined;
		return `${text.slice(0, at + anchor.length)}\t\tdisableFollowRedirect: true,\n${text.slice(at + anchor.length)}`;
	},
};

/** The credential read once per execution and the Basic header set by the node (this.helpers.httpRequest). */
const authOnce: Patch = {
	file: 'nodes/Kickserv/transport/request.ts',
	apply(text) {
		const call = /this\.helpers\.httpRequestWithAuthentication\.call\(\s*this,\s*CREDENTIAL_TYPE,\s*\{ \.\.\.options \},?\s*\)/;
		if (!call.test(text)) return undefined;
		return (
			text.replace(call, 'this.helpers.httpRequest({ ...options, headers: { ...options.headers, Authorization: await basicAuth.call(this) } })') +
			`
const basicAuthHeaders = new WeakMap<object, string>();
async function basicAuth(this: KickservContext): Promise<string> {
	const known = basicAuthHeaders.get(this);
	if (known) return known;
	const credentials = (await this.getCredentials(CREDENTIAL_TYPE)) as unknown as KickservCredentials;
	const header = \`Basic \${Buffer.from(\`\${credentials.apiToken}:\${credentials.apiToken}\`).toString('base64')}\`;
	basicAuthHeaders.set(this, header);
	return header;
}
`
		);
	},
};

const VARIANTS: Array<{ name: string; patches: Patch[] }> = [
	{ name: 'as is', patches: [] },
	{ name: 'A: stripSecrets with an object rest copy', patches: [compactStripSecrets] },
	{ name: 'B: disableFollowRedirect', patches: [noFollowRedirect] },
	{ name: 'A + B', patches: [compactStripSecrets, noFollowRedirect] },
	{ name: 'A + B + C: credential read once, Basic header set by the node (see note)', patches: [compactStripSecrets, noFollowRedirect, authOnce] },
];

function copySources(dir: string) {
	fs.rmSync(dir, { recursive: true, force: true });
	for (const entry of COPY) {
		fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), {
			recursive: true,
			filter: (src) => !/\/scripts\/bench\/_/.test(src),
		});
	}
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
}

function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
	return new Promise((resolve, reject) => {
		child.once('message', (m) => {
			const error = (m as { error?: string }).error;
			if (error) reject(new Error(error));
			else resolve(m as T);
		});
		child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
		child.send(message as object);
	});
}

async function main() {
	const started = performance.now();
	const small = { slug: 'whatif-10k', n: 10_000 };
	const large = { slug: 'whatif-100k', n: 100_000 };
	const accounts: SandboxChildAccount[] = [
		{ slug: small.slug, token: TOKEN, customers: small.n, jobs: small.n },
		{ slug: large.slug, token: TOKEN, customers: large.n, jobs: large.n },
	];
	progress('Starting the sandbox process (10k and 100k accounts)');
	const sandbox = fork(path.join(__dirname, 'sandbox-child.ts'), [], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const { baseUrl } = await ask<{ baseUrl: string }>(sandbox, accounts);
	const bytes = {} as Record<ListKind, number>;
	for (const kind of ['customers', 'jobs'] as const) bytes[kind] = (await floorList({ baseUrl, slug: large.slug, token: TOKEN }, kind)).bytes;
	const rows: string[][] = [];
	const base = path.join(os.tmpdir(), 'kickserv-whatif');
	try {
		for (const variant of VARIANTS) {
			const dir = path.join(base, variant.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
			copySources(dir);
			const failed = variant.patches.find((patch) => {
				const file = path.join(dir, patch.file);
				const patched = patch.apply(fs.readFileSync(file, 'utf8'));
				if (patched === undefined) return true;
				fs.writeFileSync(file, patched);
				return false;
			});
			if (failed) {
				rows.push([variant.name, `patch to ${failed.file} no longer applies`, '', '', '', '', '', '', '', '']);
				continue;
			}
			progress(`Variant "${variant.name}"`);
			const child = fork(path.join(dir, 'scripts/bench/whatif-child.ts'), [], {
				execArgv: ['-r', 'ts-node/register/transpile-only'],
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
				cwd: dir,
			});
			const request: WhatIfRequest = { baseUrl, token: TOKEN, small, large: { ...large, bytes }, rounds: 5 };
			const r = await ask<WhatIfReport>(child, request);
			rows.push([
				variant.name,
				...(['customers', 'jobs'] as const).flatMap((kind) => {
					const t = r.times[kind];
					return [
						`${fmtMs(t.node)} / ${fmtMs(t.floor)} = ${fmtX(t.node / t.floor)}`,
						`${fmtMs(t.nodeCpu)} / ${fmtMs(t.floorCpu)} = ${fmtX(t.nodeCpu / t.floorCpu)}`,
					];
				}),
				`${fmtMs(r.cpu.total)} (ours ${fmtMs(r.cpu.ours)}, credential ${fmtMs(r.cpu.credentials)}, HTTP ${fmtMs(r.cpu.http)}, GC ${fmtMs(r.cpu.gc)})`,
				`${fmtMB(r.memory.customers.growth)} = ${fmtX(r.memory.customers.ratio)}`,
				`${fmtMB(r.memory.jobs.growth)} = ${fmtX(r.memory.jobs.ratio)}`,
				`${fmtMB(r.memory.customers.kept)} / ${fmtMB(r.memory.jobs.kept)}`,
				`${fmtMB(r.memory.customers.buffersAtEnd)} / ${fmtMB(r.memory.jobs.buffersAtEnd)}`,
			]);
		}
	} finally {
		sandbox.kill();
		fs.rmSync(base, { recursive: true, force: true });
	}
	const m = machine();
	const text = [
		'# What-if: the recommended changes, measured on patched copies',
		'',
		`Date: ${new Date().toISOString()}  `,
		`Machine: ${m.cpu}, ${m.cores} cores, ${m.ram} RAM, Node ${m.node}; load average (1 min) at the end ${os.loadavg()[0].toFixed(2)}  `,
		`Command: \`npx ts-node --transpile-only scripts/bench/whatif.ts\` (${((performance.now() - started) / 1000).toFixed(0)} s)`,
		'',
		'Each variant is a copy of the current sources with text patches applied (scripts/bench/whatif.ts), run in its own',
		'process against one sandbox process (client only, so the ratios are higher than in RESULTS.md section 1).',
		'Times: best of 5, node and floor interleaved, 10k records; wall time, and client CPU time (`process.cpuUsage()` of the client',
		'process, user + system: it does not count waiting for the server or for cores held by other work, so it is the steadier',
		'figure on a busy machine). CPU profile: self time of one node run over 10k customers',
		"(ours = nodes/Kickserv; credential = n8n-workflow's expression evaluation + luxon, run for the credential's",
		'`authenticate` on every request; HTTP = axios, follow-redirects, proxy-from-env, n8n-core request helpers, connect).',
		'Memory: peak RSS growth of a Return All over 100k records in a child process (as RESULTS.md section 4) / JSON received;',
		'kept = heap of the output after a full GC; Buffers = `arrayBuffers` alive the moment the run returns.',
		'',
		table(
			['Variant', 'Customers 10k, wall: node / floor ms', 'Customers 10k, client CPU: node / floor ms', 'Jobs 10k, wall', 'Jobs 10k, client CPU', 'CPU profile of a node run (customers), self ms', 'Customers 100k: peak growth', 'Jobs 100k: peak growth', 'Kept: customers / jobs', 'Buffers at end: customers / jobs'],
			rows,
		),
		'',
		"Note on C: it sets the Basic header itself instead of going through `httpRequestWithAuthentication`, which n8n's",
		'community-node rule `@n8n/community-nodes/no-http-request-with-manual-auth` asks nodes not to do; it is measured to',
		'show what the per-request credential resolution costs, not recommended.',
		'',
	].join('\n');
	process.stdout.write(`${text}\n`);
	fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
	fs.writeFileSync(path.join(ROOT, 'bench', 'WHATIF.md'), text);
	progress('Wrote bench/WHATIF.md');
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		process.stderr.write(`whatif failed: ${error.stack ?? error.message}\n`);
		process.exit(1);
	},
);
