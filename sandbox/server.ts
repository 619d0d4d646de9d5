/**
 * Kickserv sandbox: a local, stateful HTTP server that behaves like the Kickserv JSON API described in
 * /work/shared/kickserv-api.md, quirks included (numbers in paths vs internal ids in bodies, 200 on create,
 * 204 on a customer payment GET, the EMPTY tail of filter.json, note DELETE without ownership check, ...).
 * Node built-ins only.
 */
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

import {
	AccountStore,
	CUSTOMER_EXACT_FILTERS,
	NotFoundError,
	ValidationError,
	type Attrs,
	type CustomerQuery,
	type JobQuery,
	type NotFoundEntity,
	type ParentRef,
} from './store';
import { seedDemo } from './seed';

export type ListEnvelope = 'keyed' | 'bare';
export type RecordEnvelope = 'bare' | 'keyed';
export type ErrorShape = 'errors-array' | 'errors-object' | 'error-string' | 'text' | 'xml';

export interface SandboxAccount {
	slug: string;
	token: string;
	/** default 'demo' */
	seed?: 'demo' | 'empty';
	/** default '-05:00' */
	utcOffset?: string;
}

export interface SandboxOptions {
	/** default [{ slug: 'demo-hvac', token: 'sandbox-token-0001', seed: 'demo' }] */
	accounts?: SandboxAccount[];
	/** default 'keyed' */
	listEnvelope?: ListEnvelope;
	/** default 'bare' */
	recordEnvelope?: RecordEnvelope;
	/** default 'errors-array' */
	errorShape?: ErrorShape;
	/** default 404; 400 answers "Invalid customer." / "Invalid job." (older recordings) */
	notFoundStatus?: 404 | 400;
	/** default 25: the server's page size for /customers.json (the client cannot change it) */
	customersPageSize?: number;
	/** default 25: notes, payments, customer jobs (paged with page=N only; per_page ignored there) */
	listPageSize?: number;
	/** default 25 for /jobs.json */
	defaultPerPage?: number;
	/** default 100: /jobs.json caps per_page at this */
	maxPerPage?: number;
	/** default 0, added to every request */
	latencyMs?: number;
	/** clock, default () => new Date() */
	now?: () => Date;
}

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

interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly messages: string[],
		readonly fields?: Record<string, string[]>,
		readonly headers?: Record<string, string>,
	) {
		super(messages.join(', '));
	}
}

interface Ctx {
	method: string;
	segs: string[];
	query: Record<string, string | string[]>;
	body: Attrs;
	store: AccountStore;
	slug: string;
}

const DEFAULT_ACCOUNT: SandboxAccount = { slug: 'demo-hvac', token: 'sandbox-token-0001', seed: 'demo' };

const FAULT_MESSAGES: Record<number, string> = {
	400: 'Bad request',
	401: 'HTTP Basic: Access denied.',
	403: 'Forbidden',
	404: 'Not found',
	408: 'Request timeout',
	429: 'Rate limit exceeded',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

function defaults(options: SandboxOptions): Required<SandboxOptions> {
	return {
		accounts: options.accounts && options.accounts.length ? options.accounts : [{ ...DEFAULT_ACCOUNT }],
		listEnvelope: options.listEnvelope ?? 'keyed',
		recordEnvelope: options.recordEnvelope ?? 'bare',
		errorShape: options.errorShape ?? 'errors-array',
		notFoundStatus: options.notFoundStatus ?? 404,
		customersPageSize: options.customersPageSize ?? 25,
		listPageSize: options.listPageSize ?? 25,
		defaultPerPage: options.defaultPerPage ?? 25,
		maxPerPage: options.maxPerPage ?? 100,
		latencyMs: options.latencyMs ?? 0,
		now: options.now ?? (() => new Date()),
	};
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

function first(v: string | string[] | undefined): string | undefined {
	return Array.isArray(v) ? v[v.length - 1] : v;
}

function all(v: string | string[] | undefined): string[] {
	return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function intParam(v: string | string[] | undefined): number | undefined {
	const s = first(v);
	if (s === undefined || !/^\s*-?\d+\s*$/.test(s)) return undefined;
	return Number(s);
}

function pathNumber(seg: string): number {
	return /^\d{1,15}$/.test(seg) ? Number(seg) : NaN;
}

function xmlEscape(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function isObject(v: unknown): v is Attrs {
	return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Trim a record to the `only` keys, keeping the explicitly included ones. */
function pick(rec: object, only: string[] | undefined, keep: ReadonlyArray<string>): Record<string, unknown> {
	if (!only) return rec as Record<string, unknown>;
	const src = rec as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const k of only) if (k in src) out[k] = src[k];
	for (const k of keep) if (k in src) out[k] = src[k];
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
				const msg = FAULT_MESSAGES[fault.status] ?? http.STATUS_CODES[fault.status] ?? 'Error';
				this.sendError(res, entry, new HttpError(fault.status, [msg], undefined, headers));
			}
			return;
		}

		try {
			const reply = await this.handle(req, entry, slug, method, url.pathname, body, malformed);
			this.send(res, entry, reply);
		} catch (err) {
			this.sendError(res, entry, this.toHttpError(err));
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
		};
		return this.route(ctx);
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

	private toHttpError(err: unknown): HttpError {
		if (err instanceof HttpError) return err;
		if (err instanceof ValidationError) return new HttpError(422, err.messages, err.fields);
		if (err instanceof NotFoundError) return this.notFound(err.entity);
		return new HttpError(500, ['Internal server error']);
	}

	private notFound(entity: NotFoundEntity | 'route'): HttpError {
		if (this.options.notFoundStatus === 400) {
			if (entity === 'customer') return new HttpError(400, ['Invalid customer.']);
			if (entity === 'job') return new HttpError(400, ['Invalid job.']);
		}
		return new HttpError(404, ['Not found']);
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
		const M = err.messages;
		let text: string;
		let type = 'application/json; charset=utf-8';
		switch (this.options.errorShape) {
			case 'errors-object':
				text = JSON.stringify({ errors: err.status === 422 && err.fields ? err.fields : { base: M } });
				break;
			case 'error-string':
				text = JSON.stringify({ error: M.join(', ') });
				break;
			case 'text':
				text = M.join(', ');
				type = 'text/plain; charset=utf-8';
				break;
			case 'xml':
				text =
					'<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n' +
					M.map((m) => `  <error>${xmlEscape(m)}</error>\n`).join('') +
					'</errors>\n';
				type = 'application/xml; charset=utf-8';
				break;
			default:
				text = JSON.stringify({ errors: M });
		}
		this.send(res, entry, { status: err.status, headers: { ...(err.headers ?? {}), 'Content-Type': type } }, text);
	}

	// ----- envelopes ---------------------------------------------------------------------------

	private record(kind: 'customer' | 'job' | 'note' | 'payment', rec: unknown): Reply {
		return { status: 200, body: this.options.recordEnvelope === 'keyed' ? { [kind]: rec } : rec };
	}

	private list(kind: string, items: unknown[], extra: Record<string, unknown> = {}): Reply {
		return { status: 200, body: this.options.listEnvelope === 'keyed' ? { [kind]: items, ...extra } : items };
	}

	private only(ctx: Ctx): string[] | undefined {
		const v = all(ctx.query.only).concat(all(ctx.query['only[]']));
		if (!v.length) return undefined;
		const keys = v
			.join(',')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		return keys.length ? keys : undefined;
	}

	private include(ctx: Ctx): string[] {
		return all(ctx.query.include)
			.concat(all(ctx.query['include[]']))
			.join(',')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
	}

	private page(ctx: Ctx, key = 'page'): number {
		const p = intParam(ctx.query[key]);
		return p !== undefined && p >= 1 ? p : 1;
	}

	// ----- routing -----------------------------------------------------------------------------

	private route(ctx: Ctx): Reply {
		const { segs, method } = ctx;
		const [a, b, c, d, e] = segs;
		if (segs.length > 4 || e !== undefined) throw this.notFound('route');
		const m = (...ms: string[]): boolean => ms.includes(method);

		if (a === 'customers') {
			if (b === undefined) {
				if (m('GET')) return this.listCustomers(ctx);
				if (m('POST')) return this.record('customer', ctx.store.createCustomer(this.root(ctx, 'customer')));
				throw this.notFound('route');
			}
			if (b === 'filter' && c === undefined) {
				if (m('GET')) return this.filterCustomers(ctx);
				throw this.notFound('route');
			}
			if (b === 'customer_validation' && c === undefined) {
				if (m('POST')) return this.validateCustomer(ctx);
				throw this.notFound('route');
			}
			const cn = this.customerNumber(ctx, b);
			if (c === undefined) {
				if (m('GET')) return this.record('customer', ctx.store.getCustomer(cn));
				if (m('PUT')) return this.record('customer', ctx.store.updateCustomer(cn, this.root(ctx, 'customer')));
				if (m('DELETE')) {
					ctx.store.deleteCustomer(cn);
					return { status: 200, body: { message: 'Customer successfully deleted' } };
				}
				throw this.notFound('route');
			}
			const parent: ParentRef = { type: 'Customer', number: cn };
			if (c === 'notes') return this.notes(ctx, parent, d);
			if (c === 'payments') return d === undefined ? this.paymentList(ctx, parent) : this.customerPayment(ctx, cn, d);
			if (c === 'jobs') return d === undefined ? this.customerJobs(ctx, cn) : this.customerJob(ctx, cn, d);
			throw this.notFound('route');
		}

		if (a === 'jobs') {
			if (b === undefined) {
				if (m('GET')) return this.listJobs(ctx);
				if (m('POST')) {
					return this.record('job', ctx.store.createJob(this.customerNumberParam(ctx.body.customer_number), this.root(ctx, 'job')));
				}
				throw this.notFound('route');
			}
			const jn = this.jobNumber(ctx, b);
			if (c === undefined) {
				if (m('GET')) return this.record('job', ctx.store.getJob(jn, { embed: true, include: this.include(ctx) }));
				if (m('PUT')) return this.record('job', ctx.store.updateJob(jn, this.root(ctx, 'job')));
				throw this.notFound('route');
			}
			const parent: ParentRef = { type: 'Job', number: jn };
			if (c === 'notes') return this.notes(ctx, parent, d);
			if (c === 'payments') return d === undefined ? this.paymentList(ctx, parent) : this.jobPayment(ctx, jn, d);
			throw this.notFound('route');
		}

		if (a === 'calendar' && b === undefined && m('GET')) {
			return {
				status: 200,
				body: {
					job_types: ctx.store.jobTypes.map((t) => ({ id: t.id, name: t.name })),
					jobs: [],
					employees: ctx.store.listEmployees(true),
				},
			};
		}
		if (a === 'employees' && b === undefined && m('GET')) {
			return this.list('employees', ctx.store.listEmployees(true));
		}
		throw this.notFound('route');
	}

	/** The body's root object (`{"customer": {...}}`), or {} when absent. */
	private root(ctx: Ctx, key: string): Attrs {
		const v = ctx.body[key];
		return isObject(v) ? v : {};
	}

	private customerNumberParam(v: unknown): number | string | null {
		if (typeof v === 'number' || typeof v === 'string') return v;
		return null;
	}

	/** A customer number from the path, 404/400 when unknown. */
	private customerNumber(ctx: Ctx, seg: string): number {
		const n = pathNumber(seg);
		if (Number.isNaN(n) || !ctx.store.hasCustomer(n)) throw this.notFound('customer');
		return n;
	}

	private jobNumber(ctx: Ctx, seg: string): number {
		const n = pathNumber(seg);
		if (Number.isNaN(n) || !ctx.store.hasJob(n)) throw this.notFound('job');
		return n;
	}

	// ----- customers ---------------------------------------------------------------------------

	private listCustomers(ctx: Ctx): Reply {
		const q: CustomerQuery = {};
		for (const k of CUSTOMER_EXACT_FILTERS) {
			const v = first(ctx.query[k]);
			if (v !== undefined) q[k] = v;
		}
		const qq = first(ctx.query.q);
		if (qq !== undefined) q.q = qq;
		const bw = first(ctx.query.begins_with);
		if (bw !== undefined) q.begins_with = bw;
		const rows = ctx.store.queryCustomers(q, this.page(ctx, 'customers_page'), this.options.customersPageSize);
		const only = this.only(ctx);
		return this.list(
			'customers',
			rows.map((r) => pick(r, only, [])),
		);
	}

	private filterCustomers(ctx: Ctx): Reply {
		const name = first(ctx.query.name) ?? '';
		const only = this.only(ctx);
		const rows: object[] = ctx.store.searchCustomersByName(name);
		rows.push(ctx.store.emptyCustomer());
		return this.list(
			'customers',
			rows.map((r) => pick(r, only, [])),
		);
	}

	private validateCustomer(ctx: Ctx): Reply {
		const name = ctx.body.name;
		const found = typeof name === 'string' ? ctx.store.findCustomerByName(name) : undefined;
		if (!found) return { status: 200, body: { status: 'not found' } };
		return {
			status: 200,
			body: {
				status: 'exist',
				customer_url: `/${ctx.slug}/customers/${found.customer_number}`,
				customer_name: found.name,
				customer: found,
			},
		};
	}

	// ----- jobs --------------------------------------------------------------------------------

	private jobQuery(ctx: Ctx): JobQuery {
		const q: JobQuery = {};
		const statuses = all(ctx.query.status)
			.concat(all(ctx.query['status[]']))
			.flatMap((s) => s.split(','))
			.map((s) => s.trim())
			.filter(Boolean);
		if (statuses.length) q.status = statuses;
		for (const k of ['job_type_id', 'job_status_id', 'employee_number', 'scheduled'] as const) {
			const v = first(ctx.query[k]);
			if (v !== undefined && v !== '') q[k] = v;
		}
		return q;
	}

	/** A page of jobs (all, or one customer's), filtered, with include/only applied. */
	private jobList(ctx: Ctx, perPage: number, customerNumber?: number): Reply {
		const include = this.include(ctx);
		const { jobs, totalBalanceRemaining } = ctx.store.queryJobs(this.jobQuery(ctx), this.page(ctx), perPage, {
			include,
			customerNumber,
		});
		const only = this.only(ctx);
		return this.list(
			'jobs',
			jobs.map((j) => pick(j, only, include)),
			{ total_balance_remaining: totalBalanceRemaining },
		);
	}

	private listJobs(ctx: Ctx): Reply {
		let perPage = intParam(ctx.query.per_page) ?? this.options.defaultPerPage;
		if (perPage < 1) perPage = this.options.defaultPerPage;
		return this.jobList(ctx, Math.min(perPage, this.options.maxPerPage));
	}

	private customerJobs(ctx: Ctx, cn: number): Reply {
		if (ctx.method === 'GET') return this.jobList(ctx, this.options.listPageSize, cn); // per_page ignored here
		if (ctx.method === 'POST') return this.record('job', ctx.store.createJob(cn, this.root(ctx, 'job')));
		throw this.notFound('route');
	}

	private customerJob(ctx: Ctx, cn: number, seg: string): Reply {
		const jn = pathNumber(seg);
		if (Number.isNaN(jn) || ctx.store.jobOwner(jn) !== cn) throw this.notFound('job');
		if (ctx.method === 'GET') return this.record('job', ctx.store.getJob(jn, { embed: true, include: this.include(ctx) }));
		if (ctx.method === 'PUT') return this.record('job', ctx.store.updateJob(jn, this.root(ctx, 'job')));
		if (ctx.method === 'DELETE') return this.record('job', ctx.store.deleteJob(jn));
		throw this.notFound('route');
	}

	// ----- notes -------------------------------------------------------------------------------

	private notes(ctx: Ctx, parent: ParentRef, idSeg: string | undefined): Reply {
		const { store, method } = ctx;
		if (idSeg === undefined) {
			if (method === 'GET') {
				const only = this.only(ctx);
				return this.list(
					'notes',
					store.pageNotes(parent, this.page(ctx), this.options.listPageSize).map((n) => pick(n, only, [])),
				);
			}
			if (method === 'POST') return this.record('note', store.createNote(parent, this.root(ctx, 'note')));
			throw this.notFound('route');
		}
		const id = pathNumber(idSeg);
		const owner = Number.isNaN(id) ? undefined : store.noteOwner(id);
		if (!owner) throw this.notFound('note');
		if (method === 'GET') return this.record('note', store.getNote(id)); // no ownership check (client must check)
		if (method === 'DELETE') {
			store.deleteNote(id); // deletes even another parent's note: the documented oversight
			return { status: 200, body: { message: 'Note successfully deleted' } };
		}
		if (method === 'PUT') {
			if (owner.type !== parent.type || owner.number !== parent.number) throw this.notFound('note');
			return this.record('note', store.updateNote(id, this.root(ctx, 'note')));
		}
		throw this.notFound('route');
	}

	// ----- payments ----------------------------------------------------------------------------

	private paymentList(ctx: Ctx, parent: ParentRef): Reply {
		if (ctx.method === 'GET') {
			const { payments, meta } = ctx.store.pagePayments(parent, this.page(ctx), this.options.listPageSize);
			const only = this.only(ctx);
			return this.list(
				'payments',
				payments.map((p) => pick(p, only, [])),
				{ meta },
			);
		}
		if (ctx.method === 'POST') return this.record('payment', ctx.store.createPayment(parent, this.root(ctx, 'payment')));
		throw this.notFound('route');
	}

	private customerPayment(ctx: Ctx, cn: number, idSeg: string): Reply {
		const id = pathNumber(idSeg);
		const owner = Number.isNaN(id) ? undefined : ctx.store.paymentOwner(id);
		if (!owner || owner.customerNumber !== cn) throw this.notFound('payment');
		if (ctx.method === 'GET') return { status: 204 }; // the documented quirk: 204 even when it exists
		if (ctx.method === 'PUT') return this.record('payment', ctx.store.updatePayment(id, this.root(ctx, 'payment')));
		if (ctx.method === 'DELETE') return this.record('payment', ctx.store.deletePayment(id));
		throw this.notFound('route');
	}

	private jobPayment(ctx: Ctx, jn: number, idSeg: string): Reply {
		const id = pathNumber(idSeg);
		const owner = Number.isNaN(id) ? undefined : ctx.store.paymentOwner(id);
		if (!owner || owner.jobNumber !== jn) throw this.notFound('payment');
		if (ctx.method === 'GET') return this.record('payment', ctx.store.getPayment(id));
		if (ctx.method === 'PUT') return this.record('payment', ctx.store.updatePayment(id, this.root(ctx, 'payment')));
		if (ctx.method === 'DELETE') return this.record('payment', ctx.store.deletePayment(id));
		throw this.notFound('route');
	}
}
