/**
 * Kickserv sandbox: a local, stateful HTTP server that behaves like the Kickserv JSON API described in
 * /work/shared/kickserv-api.md, quirks included (numbers in paths vs internal ids in bodies, 200 on create,
 * 204 on a customer payment GET, the EMPTY tail of filter.json, note DELETE without ownership check, ...).
 * This file is the HTTP pipeline (auth, faults, latency, logging, error shapes); routes/ has one file per
 * resource and store/ the account state, one file per resource too. Node built-ins only.
 */
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

import { faultMessage, HttpError, renderError, toHttpError } from './errors';
import { isObject, type Ctx, type Reply } from './routes/context';
import { route } from './routes';
import { defaults, type SandboxOptions } from './options';
import { AccountStore } from './store';
import { seedDemo } from './seed';

export {
	ALTERNATIVES,
	alternative,
	type AlternativeName,
	type ListEnvelope,
	type RecordEnvelope,
	type SandboxAccount,
	type SandboxOptions,
} from './options';
export type { ErrorShape } from './errors';

export interface LoggedRequest {
	seq: number;
	method: string;
	/** full path incl. /slug, no query */
	path: string;
	slug?: string;
	query: Record<string, string | string[]>;
	body?: unknown;
	status: number;
	fault?: string;
}

export type Fault =
	| { kind: 'latency'; ms: number }
	| { kind: 'status'; status: number; retryAfter?: number | string; body?: string }
	/** destroy the socket without answering (connection reset) */
	| { kind: 'drop' }
	/** never answer (until the client times out / the server stops) */
	| { kind: 'hang' };

export interface FaultRule {
	fault: Fault;
	method?: string;
	/** substring or regex on the path */
	path?: string | RegExp;
	/** 1-based: trigger on the nth matching request from now (default 1 = next) */
	nth?: number;
	/** default 1; Infinity allowed */
	times?: number;
}

interface ActiveRule {
	rule: FaultRule;
	seen: number;
	remaining: number;
}

function parseQuery(params: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of params) {
		const prev = out[k];
		if (prev === undefined) out[k] = v;
		else if (Array.isArray(prev)) prev.push(v);
		else out[k] = [prev, v];
	}
	return out;
}

function constantTimeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

export class KickservSandbox {
	/** Mutable at run time (tests flip envelopes / error shapes between requests). */
	options: Required<SandboxOptions>;
	/** Every request (also 401s and faulted ones), in arrival order. */
	readonly log: LoggedRequest[] = [];
	/** Hook run after auth, before the handler. */
	beforeHandle?: (req: LoggedRequest) => void | Promise<void>;

	private readonly stores = new Map<string, AccountStore>();
	private readonly tokens = new Map<string, string>();
	private server?: http.Server;
	private port = 0;
	private seq = 0;
	private rules: ActiveRule[] = [];
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private stopped = false;

	constructor(options: SandboxOptions = {}) {
		this.options = defaults(options);
		for (const account of this.options.accounts) {
			if (this.stores.has(account.slug)) throw new Error(`Duplicate account slug: ${account.slug}`);
			const store = new AccountStore({
				slug: account.slug,
				utcOffset: account.utcOffset ?? '-05:00',
				now: () => this.options.now(),
				paymentsTouchJob: () => this.options.paymentsTouchJob,
			});
			if ((account.seed ?? 'demo') === 'demo') seedDemo(store);
			else if (!store.employees.length) store.addEmployee({ first_name: 'Account', last_name: 'Owner', email: `owner@${account.slug}.example` });
			this.stores.set(account.slug, store);
			this.tokens.set(account.slug, account.token);
		}
	}

	// ----- lifecycle ---------------------------------------------------------------------------

	/** Listens on 127.0.0.1 (port 0 = ephemeral); resolves to the base URL. */
	start(port = 0): Promise<string> {
		if (this.server) return Promise.reject(new Error('Sandbox already started'));
		this.stopped = false;
		const server = http.createServer((req, res) => {
			this.onRequest(req, res).catch((err) => {
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'Content-Type': 'text/plain' });
					res.end(String(err && err.message ? err.message : err));
				}
			});
		});
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		server.on('clientError', (_err, socket) => socket.destroy());
		this.server = server;
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				this.port = (server.address() as AddressInfo).port;
				resolve(this.baseUrl);
			});
		});
	}

	/** Closes the server and destroys every socket (keep-alive and hung ones too). */
	stop(): Promise<void> {
		const server = this.server;
		this.stopped = true;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		if (!server) return Promise.resolve();
		this.server = undefined;
		return new Promise((resolve) => {
			server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
			this.sockets.clear();
			server.closeAllConnections?.();
		});
	}

	get baseUrl(): string {
		if (!this.server) throw new Error('Sandbox not started');
		return `http://127.0.0.1:${this.port}`;
	}

	// ----- inspection --------------------------------------------------------------------------

	clearLog(): void {
		this.log.length = 0;
	}

	requestCount(filter: { method?: string; path?: string | RegExp } = {}): number {
		return this.log.filter((e) => this.matches(e, filter.method, filter.path)).length;
	}

	/** The account store (default: the first account). */
	store(slug?: string): AccountStore {
		const s = this.stores.get(slug ?? this.options.accounts[0].slug);
		if (!s) throw new Error(`Unknown account: ${slug}`);
		return s;
	}

	addFault(rule: FaultRule): void {
		this.rules.push({ rule, seen: 0, remaining: rule.times ?? 1 });
	}

	clearFaults(): void {
		this.rules = [];
	}

	private matches(e: { method: string; path: string }, method?: string, path?: string | RegExp): boolean {
		if (method && method.toUpperCase() !== e.method.toUpperCase()) return false;
		if (path !== undefined) {
			if (typeof path === 'string') {
				if (!e.path.includes(path)) return false;
			} else {
				path.lastIndex = 0;
				if (!path.test(e.path)) return false;
			}
		}
		return true;
	}

	private takeFault(entry: LoggedRequest): Fault | undefined {
		let fired: Fault | undefined;
		for (const r of this.rules) {
			if (!this.matches(entry, r.rule.method, r.rule.path)) continue;
			r.seen++;
			if (!fired && r.seen >= (r.rule.nth ?? 1)) {
				r.remaining--;
				fired = r.rule.fault;
			}
		}
		if (fired) this.rules = this.rules.filter((r) => r.remaining > 0);
		return fired;
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, ms);
			this.timers.add(t);
		});
	}

	// ----- request pipeline --------------------------------------------------------------------

	private readBody(req: http.IncomingMessage): Promise<string> {
		return new Promise((resolve, reject) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			req.on('error', reject);
			req.on('aborted', () => reject(new Error('aborted')));
		});
	}

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const segments = url.pathname.split('/');
		const slug = segments[1] !== undefined && this.stores.has(segments[1]) ? segments[1] : undefined;
		const entry: LoggedRequest = { seq: ++this.seq, method, path: url.pathname, query: parseQuery(url.searchParams), status: 0 };
		if (slug) entry.slug = slug;
		this.log.push(entry);

		const fault = this.takeFault(entry);
		if (fault) entry.fault = fault.kind;
		if (fault?.kind === 'drop') {
			req.socket.destroy();
			return;
		}

		let raw: string;
		try {
			raw = await this.readBody(req);
		} catch {
			return;
		}
		let body: unknown;
		let malformed = false;
		if (raw.trim().length) {
			try {
				body = JSON.parse(raw);
			} catch {
				body = raw;
				malformed = true;
			}
			entry.body = body;
		}
		if (fault?.kind === 'hang') return;

		const delay = this.options.latencyMs + (fault?.kind === 'latency' ? fault.ms : 0);
		if (delay > 0) await this.sleep(delay);
		if (this.stopped || res.destroyed) return;

		if (fault?.kind === 'status') {
			const headers: Record<string, string> = {};
			if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
			if (fault.body !== undefined) {
				let type = 'text/plain; charset=utf-8';
				try {
					JSON.parse(fault.body);
					type = 'application/json; charset=utf-8';
				} catch {
					// plain text
				}
				this.send(res, entry, { status: fault.status, headers: { ...headers, 'Content-Type': type } }, fault.body);
			} else {
				this.sendError(res, entry, new HttpError(fault.status, [faultMessage(fault.status)], undefined, headers));
			}
			return;
		}

		try {
			const reply = await this.handle(req, entry, slug, method, url.pathname, body, malformed);
			this.send(res, entry, reply);
		} catch (err) {
			this.sendError(res, entry, toHttpError(err, this.options.notFoundStatus));
		}
	}

	private async handle(
		req: http.IncomingMessage,
		entry: LoggedRequest,
		slug: string | undefined,
		method: string,
		pathname: string,
		body: unknown,
		malformed: boolean,
	): Promise<Reply> {
		if (!slug) throw new HttpError(404, ['Account not found']);
		if (!this.authorized(req, slug)) {
			throw new HttpError(401, ['HTTP Basic: Access denied.'], undefined, { 'WWW-Authenticate': 'Basic realm="Application"' });
		}
		if (this.beforeHandle) await this.beforeHandle(entry);
		const rest = pathname.slice(slug.length + 1);
		if (!rest.endsWith('.json') || !rest.startsWith('/')) throw new HttpError(404, ['Not found']);
		const segs = rest.slice(1, -'.json'.length).split('/');
		if (segs.some((s) => s === '')) throw new HttpError(404, ['Not found']);
		if (malformed && (method === 'POST' || method === 'PUT')) {
			throw new HttpError(400, ['Malformed JSON in request body']);
		}
		const ctx: Ctx = {
			method,
			segs,
			query: entry.query,
			body: isObject(body) ? body : {},
			store: this.store(slug),
			slug,
			options: this.options,
		};
		return route(ctx);
	}

	private authorized(req: http.IncomingMessage, slug: string): boolean {
		const header = req.headers.authorization;
		if (!header) return false;
		const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
		if (!m) return false;
		const decoded = Buffer.from(m[1], 'base64').toString('utf8');
		const i = decoded.indexOf(':');
		if (i < 0) return false;
		const token = this.tokens.get(slug) as string;
		const user = decoded.slice(0, i);
		const pass = decoded.slice(i + 1);
		return constantTimeEqual(user, token) && constantTimeEqual(pass, token);
	}

	private send(res: http.ServerResponse, entry: LoggedRequest, reply: Reply, rawBody?: string): void {
		if (res.destroyed || res.writableEnded) return;
		entry.status = reply.status;
		const headers: Record<string, string | number> = { ...(reply.headers ?? {}) };
		if (reply.status === 204) {
			res.writeHead(204, headers);
			res.end();
			return;
		}
		const text = rawBody ?? JSON.stringify(reply.body ?? null);
		if (!headers['Content-Type']) headers['Content-Type'] = 'application/json; charset=utf-8';
		headers['Content-Length'] = Buffer.byteLength(text);
		res.writeHead(reply.status, headers);
		res.end(text);
	}

	private sendError(res: http.ServerResponse, entry: LoggedRequest, err: HttpError): void {
		const { text, type } = renderError(err, this.options.errorShape);
		this.send(res, entry, { status: err.status, headers: { ...(err.headers ?? {}), 'Content-Type': type } }, text);
	}
}
