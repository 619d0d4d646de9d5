/**
 * What every route file shares: the request context, the reply type, query readers, the record and list
 * envelopes, and the not-found answer in the configured status.
 */
import { HttpError, notFound, type NotFoundEntity } from '../errors';
import { parsePage } from '../paging';
import type { SandboxOptions } from '../options';
import type { AccountStore, Attrs } from '../store';

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface Ctx {
	method: string;
	/** path segments after the slug, `.json` removed */
	segs: string[];
	query: Record<string, string | string[]>;
	body: Attrs;
	store: AccountStore;
	slug: string;
	/** the sandbox's options as they are now (tests change them between requests) */
	options: Required<SandboxOptions>;
}

export function first(v: string | string[] | undefined): string | undefined {
	return Array.isArray(v) ? v[v.length - 1] : v;
}

export function all(v: string | string[] | undefined): string[] {
	return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** A number from a path segment; NaN when it is not one. */
export function pathNumber(seg: string): number {
	return /^\d{1,15}$/.test(seg) ? Number(seg) : NaN;
}

export function isObject(v: unknown): v is Attrs {
	return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Trim a record to the `only` keys, keeping the explicitly included ones. */
export function pick(rec: object, only: string[] | undefined, keep: ReadonlyArray<string>): Record<string, unknown> {
	if (!only) return rec as Record<string, unknown>;
	const src = rec as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const k of only) if (k in src) out[k] = src[k];
	for (const k of keep) if (k in src) out[k] = src[k];
	return out;
}

/** The body's root object (`{"customer": {...}}`), or {} when absent. */
export function root(ctx: Ctx, key: string): Attrs {
	const v = ctx.body[key];
	return isObject(v) ? v : {};
}

/** `only=a,b` / `only[]=a`: the keys to keep, undefined for all. */
export function only(ctx: Ctx): string[] | undefined {
	const v = all(ctx.query.only).concat(all(ctx.query['only[]']));
	if (!v.length) return undefined;
	const keys = v
		.join(',')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return keys.length ? keys : undefined;
}

/** `include=a,b` / `include[]=a`. */
export function include(ctx: Ctx): string[] {
	return all(ctx.query.include)
		.concat(all(ctx.query['include[]']))
		.join(',')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

/** The requested page (`page=` unless told), 1 when absent or invalid. */
export function page(ctx: Ctx, key = 'page'): number {
	return parsePage(first(ctx.query[key]));
}

/** A single record, bare or keyed (`{"job": {...}}`) as configured. */
export function record(ctx: Ctx, kind: string, rec: unknown): Reply {
	return { status: 200, body: ctx.options.recordEnvelope === 'keyed' ? { [kind]: rec } : rec };
}

/**
 * The answer to a DELETE whose reply is not documented (tasks, job charges): the deleted record, a
 * message, or 204 No Content, as `options.deleteReply` says.
 */
export function deleted(ctx: Ctx, kind: string, rec: unknown, message: string): Reply {
	if (ctx.options.deleteReply === 'message') return { status: 200, body: { message } };
	if (ctx.options.deleteReply === 'no-content') return { status: 204 };
	return record(ctx, kind, rec);
}

/** A list, keyed (`{"jobs": [...], ...extra}`) or bare as configured. */
export function list(ctx: Ctx, kind: string, items: unknown[], extra: Record<string, unknown> = {}): Reply {
	return { status: 200, body: ctx.options.listEnvelope === 'keyed' ? { [kind]: items, ...extra } : items };
}

/** A list reply of records trimmed to the `only=` keys (keeping `keep`), keyed or bare as configured. */
export function pickedList(ctx: Ctx, kind: string, records: object[], extra?: Record<string, unknown>, keep: ReadonlyArray<string> = []): Reply {
	const keys = only(ctx);
	return list(
		ctx,
		kind,
		records.map((r) => pick(r, keys, keep)),
		extra,
	);
}

/** The not-found answer for an entity (or an unknown route) in the configured status. */
export function missing(ctx: Ctx, entity: NotFoundEntity | 'route'): HttpError {
	return notFound(entity, ctx.options.notFoundStatus);
}

/** A customer number from the path, 404/400 when unknown. */
export function customerNumber(ctx: Ctx, seg: string): number {
	const n = pathNumber(seg);
	if (Number.isNaN(n) || !ctx.store.hasCustomer(n)) throw missing(ctx, 'customer');
	return n;
}

/** A job number from the path, 404/400 when unknown. */
export function jobNumber(ctx: Ctx, seg: string): number {
	const n = pathNumber(seg);
	if (Number.isNaN(n) || !ctx.store.hasJob(n)) throw missing(ctx, 'job');
	return n;
}
