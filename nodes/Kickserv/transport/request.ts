import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { resolveAccount, type KickservAccount, type KickservCredentials } from './credentials';
import { absentJsonListError, assumptionError, inferredJsonList, inputError, isNotFound, kickservApiError } from './errors';
import { pagesInParallel, type PageReader } from './parallel';
import {
	FALLBACK_STYLE,
	MAX_PAGES,
	judgePage,
	judgeRepeat,
	pageQuery,
	pageSignature,
	perPageFor,
	unwrapList,
	type ListKey,
	type Page,
	type PageMeta,
	type PagingStyle,
} from './paging';

export type KickservContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| IPollFunctions
	| ILoadOptionsFunctions
	| IHookFunctions;

export const CREDENTIAL_TYPE = 'kickservApi';

export interface KickservRequest {
	method: IHttpRequestMethods;
	/** Path under the account, e.g. `/customers/380.json` */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** n8n's request options of the node ("Options" > Timeout, Proxy, Ignore SSL Issues), passed through. */
	transport?: Pick<IHttpRequestOptions, 'timeout' | 'proxy' | 'skipSslCertificateValidation'>;
	/** Called when Kickserv answered 429 or 503 and the request waits to retry (parallel paging slows down). */
	throttled?: () => void;
}

export interface KickservReply {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

/** Retry policy: only where repeating cannot duplicate anything. */
export const RETRY = {
	attempts: 4, // first try + 3 retries
	baseDelayMs: 300,
	maxDelayMs: 20_000, // cap on one wait, also on a server's Retry-After
	budgetMs: 45_000, // never wait longer than this in total for one request
	timeoutMs: 60_000, // one attempt, unless the node's Timeout option says otherwise
};

const RETRY_STATUSES = new Set([429, 503]);
const NETWORK_RETRY_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'EAI_AGAIN']);
/** The request never reached the server: even a POST may be sent again. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED']);

/** `Retry-After` in seconds or as an HTTP date, as milliseconds to wait (capped). Pure. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	if (header === undefined || header === null || header === '') return undefined;
	const text = String(Array.isArray(header) ? header[0] : header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text) * 1000, RETRY.maxDelayMs);
	// otherwise only an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"), not whatever Date.parse accepts
	if (!/^[A-Za-z]{3},? .*\d{2}:\d{2}:\d{2}/.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.min(Math.max(0, date - now), RETRY.maxDelayMs);
}

export const backoffMs = (attempt: number): number =>
	Math.min(RETRY.baseDelayMs * 2 ** attempt, RETRY.maxDelayMs);

/** Whether a failed attempt may be repeated without risking a duplicate write. Pure. */
export function mayRetry(method: string, failure: { status?: number; code?: string }): boolean {
	const verb = method.toUpperCase();
	const idempotent = verb !== 'POST' && verb !== 'PATCH';
	if (failure.code && NEVER_SENT_CODES.has(failure.code)) return true;
	if (!idempotent) return false;
	if (failure.status !== undefined) return RETRY_STATUSES.has(failure.status);
	return failure.code !== undefined && NETWORK_RETRY_CODES.has(failure.code);
}

function networkCode(error: unknown): string | undefined {
	// n8n wraps the socket error in a NodeApiError whose httpCode is the error code (ECONNRESET)
	let current = error as { code?: unknown; httpCode?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		for (const code of [current.code, current.httpCode]) {
			if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		}
		current = current.cause as typeof current;
	}
	const message = String((error as Error)?.message ?? '');
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	return undefined;
}

interface ReadCredential {
	account: KickservAccount;
	/** What n8n's authenticated request helper takes instead of reading the credential itself. */
	decrypted: ICredentialsDecrypted;
}

const credentialsRead = new WeakMap<object, ReadCredential>();

/**
 * Reads and checks the credential once per execution context (for Return All: once for all its pages).
 * n8n reads a credential from its database, decrypts it and resolves its expressions on every
 * `getCredentials`; the request helper does that for every request unless it is handed the credential.
 * Kept in a WeakMap on the context, so it is gone with the execution.
 */
async function readCredential(this: KickservContext): Promise<ReadCredential> {
	const known = credentialsRead.get(this);
	if (known) return known;
	const data = await this.getCredentials(CREDENTIAL_TYPE);
	let account: KickservAccount;
	try {
		account = resolveAccount(data as unknown as KickservCredentials);
	} catch (error) {
		throw inputError(this.getNode(), `Kickserv credential: ${(error as Error).message}`, {
			description: 'Fix the Kickserv API credential; no request was sent.',
		});
	}
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	const read: ReadCredential = {
		account,
		decrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data },
	};
	credentialsRead.set(this, read);
	return read;
}

/** The account of the credential (read once per execution context). */
export async function getAccount(this: KickservContext): Promise<KickservAccount> {
	return (await readCredential.call(this)).account;
}

/**
 * The one place that talks HTTP to Kickserv: authentication through n8n's credential, JSON in and
 * out, retries where repeating is safe (GET/PUT/DELETE on 429, 503 and connection resets, honouring
 * `Retry-After`), and every failure turned into a NodeApiError with the real status and Kickserv's
 * message. A POST is never repeated once it may have reached the server.
 */
export async function kickservRequest(this: KickservContext, request: KickservRequest): Promise<KickservReply> {
	const { account, decrypted } = await readCredential.call(this);
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: account.accountUrl,
		url: request.path,
		qs: request.qs,
		headers: { Accept: 'application/json' },
		json: true,
		arrayFormat: 'brackets',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: RETRY.timeoutMs,
		// Kickserv's API does not redirect: a 3xx is reported, never followed with the credentials
		// (following also keeps every raw reply alive longer: measured in bench/)
		disableFollowRedirect: true,
	};
	const { timeout, proxy, skipSslCertificateValidation } = request.transport ?? {};
	if (timeout) options.timeout = timeout;
	if (proxy) options.proxy = proxy;
	if (skipSslCertificateValidation) options.skipSslCertificateValidation = true;
	if (request.body !== undefined) {
		options.body = request.body;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}
	const context = { path: request.path, account: account.slug, method: request.method };
	const started = Date.now();
	// set when an attempt failed in a way that may have left it applied (no reply, connection reset)
	let mayHaveApplied = false;
	for (let attempt = 0; ; attempt++) {
		let reply: IN8nHttpFullResponse;
		try {
			reply = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{ ...options },
				{ credentialsDecrypted: decrypted },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkCode(error);
			if (!code || !NEVER_SENT_CODES.has(code)) mayHaveApplied = true;
			if (attempt + 1 < RETRY.attempts && mayRetry(request.method, { code })) {
				const wait = backoffMs(attempt);
				if (Date.now() - started + wait <= RETRY.budgetMs) {
					await sleep(wait);
					continue;
				}
			}
			// (not under `code`: NodeApiError would replace our message with a generic one)
			const reason: JsonObject = { message: code ?? 'request failed', networkError: code ?? null };
			throw new NodeApiError(this.getNode(), reason, {
				// the code goes in the description: in the message, n8n would swap it for a generic text
				message: `Could not reach Kickserv for ${request.method} ${request.path}`,
				description: `${code ? `Connection error ${code}. ` : ''}${
					request.method === 'POST'
						? 'A create is never retried automatically once it may have reached Kickserv, to avoid duplicates: check Kickserv before running it again.'
						: 'The request was retried and still failed. Check the Base URL and that Kickserv is reachable.'
				}`,
				httpCode: 'none',
			});
		}
		const status = reply.statusCode;
		if (request.method === 'DELETE' && status === 404 && mayHaveApplied) {
			// an earlier attempt was applied but its reply was lost: the record is gone, as asked
			return { statusCode: 204, body: '', headers: (reply.headers ?? {}) as IDataObject };
		}
		if (status >= 200 && status < 300) {
			return { statusCode: status, body: reply.body, headers: (reply.headers ?? {}) as IDataObject };
		}
		if (attempt + 1 < RETRY.attempts && mayRetry(request.method, { status })) {
			const headers = (reply.headers ?? {}) as IDataObject;
			const wait = retryAfterMs(headers['retry-after']) ?? backoffMs(attempt);
			if (Date.now() - started + wait <= RETRY.budgetMs) {
				request.throttled?.();
				await sleep(wait);
				continue;
			}
		}
		const failed = { statusCode: status, body: reply.body };
		const inferred = isNotFound(failed) ? inferredJsonList(request.path) : undefined;
		if (inferred && (await readsFine.call(this, inferred.probe))) {
			throw absentJsonListError(this.getNode(), request.method, request.path, inferred);
		}
		throw kickservApiError(this.getNode(), failed, context);
	}
}

/** Whether GET `path` succeeds (one request, used to tell a wrong slug or job from an absent list). */
async function readsFine(this: KickservContext, path: string): Promise<boolean> {
	try {
		await kickservRequest.call(this, { method: 'GET', path });
		return true;
	} catch {
		return false;
	}
}

export interface ListRequest {
	path: string;
	qs?: IDataObject;
	key: ListKey;
	style: PagingStyle;
	/** Stop as soon as this many records were collected. */
	limit?: number;
	/** Page to start at (default 1). */
	startPage?: number;
	transport?: KickservRequest['transport'];
	/** Without `limit`: pages requested at once after the first two (default 1, one at a time). */
	inFlight?: number;
	/**
	 * A list that may not page at all, whose first page is then the whole list (`/tasks/job_list.json`,
	 * a short list [inf]): page 2 identical to page 1 ends the list instead of stopping with an error.
	 */
	unpagedIsWhole?: boolean;
	/**
	 * Which records to keep (filters.ts `recordFilter`: a filter checked against each record); `limit`
	 * then counts the records kept, and pages are read until it is met.
	 */
	keep?: (record: IDataObject) => boolean;
}

/** One page of a list, read and unwrapped. */
export async function readPage(
	this: KickservContext,
	list: ListRequest,
	style: PagingStyle,
	page: number,
	perPage: number | undefined,
	throttled?: () => void,
): Promise<Page> {
	const reply = await kickservRequest.call(this, {
		method: 'GET',
		path: list.path,
		qs: { ...list.qs, ...pageQuery(style, page, perPage) },
		transport: list.transport,
		throttled,
	});
	try {
		return unwrapList(reply.body, list.key);
	} catch (error) {
		throw new NodeApiError(this.getNode(), { message: (error as Error).message } as JsonObject, {
			message: (error as Error).message,
			description: `GET ${list.path} page ${page} returned an unexpected body.`,
			httpCode: String(reply.statusCode),
		});
	}
}

export interface ListPage {
	records: IDataObject[];
	meta?: PageMeta;
	/** The page's other top-level values (see Page.extras). */
	extras?: IDataObject;
	page: number;
	/** The server's page size as learned so far: the longest page this list has shown. */
	pageSize: number;
}

/**
 * Pages through a list, yielding each page's records, and stops by the contract's end rules (empty
 * page, `meta`, a page shorter than one the list already showed, a hard cap) or as soon as `limit`
 * records were yielded. A first page shorter than the `per_page` sent is not an end: the next page
 * tells (at most one request more than a server that honours `per_page` needs).
 *
 * A page that repeats the previous one: from the third page on the server clamps past-the-end pages and
 * the list is complete; on the second page the server ignored the page parameter, and the fallback
 * parameter is tried (`page` for /customers.json) before giving up with an error, unless the first page
 * is too short to have been cut.
 *
 * With `inFlight` > 1 and no `limit` (Return All), the pages after the first two are requested several at
 * a time by the same end rules (parallel.ts).
 *
 * With `keep`, each page yields only the records kept, and `limit` counts those: pages are read (at the
 * Return All page size) until enough were kept or the list ends.
 */
export async function* kickservPages(this: KickservContext, list: ListRequest): AsyncGenerator<ListPage> {
	const { keep, limit, ...rest } = list;
	if (!keep) return yield* everyPage.call(this, list);
	// every page is read until `limit` records were kept (the page size asked as for Return All)
	let remaining = limit ?? Infinity;
	for await (const page of everyPage.call(this, rest)) {
		const kept = page.records.filter(keep);
		const taken = kept.length > remaining ? kept.slice(0, remaining) : kept;
		remaining -= taken.length;
		yield { ...page, records: taken };
		if (remaining <= 0) return;
	}
}

/** kickservPages without `keep`. */
async function* everyPage(this: KickservContext, list: ListRequest): AsyncGenerator<ListPage> {
	const perPage = perPageFor(list.style, list.limit);
	let style = list.style;
	let largest = 0;
	let previous: string | undefined;
	let remaining = list.limit ?? Infinity;
	const first = Math.max(1, list.startPage ?? 1);
	for (let page = first; page <= MAX_PAGES; page++) {
		let { records, meta, extras } = await readPage.call(this, list, style, page, perPage);
		const judge = () => judgePage({ page, records, meta, largestEarlierPage: largest, previousSignature: previous });
		let verdict = judge();
		const fallback = FALLBACK_STYLE[style];
		if (verdict === 'repeated' && page === first + 1 && fallback) {
			({ records, meta, extras } = await readPage.call(this, list, fallback, page, perPage));
			verdict = judge();
			if (verdict !== 'repeated') style = fallback;
		}
		if (verdict === 'empty') return;
		if (verdict === 'repeated') {
			if (judgeRepeat(page - first + 1, records) === 'end' || (list.unpagedIsWhole && page === first + 1)) return;
			throw assumptionError(
				this.getNode(),
				`the list ${list.path} pages with "${Object.keys(pageQuery(style, page)).join('", "')}"`,
				`Page ${page} came back identical to page ${page - 1} (${records.length} records each), so Kickserv ignores the page parameter here.`,
				'The list may hold more records than the first page, so nothing is returned rather than a partial list.',
			);
		}
		const taken = records.length > remaining ? records.slice(0, remaining) : records;
		remaining -= taken.length;
		largest = Math.max(largest, records.length);
		yield { records: taken, meta, extras, page, pageSize: largest };
		if (verdict === 'last' || remaining <= 0) return;
		previous = pageSignature(records);
		if ((list.inFlight ?? 1) > 1 && list.limit === undefined && page === first + 1) {
			// the page parameter and the page size are settled: the rest in parallel (parallel.ts)
			const read: PageReader = (n, throttled) => readPage.call(this, list, style, n, perPage, throttled);
			const lastPage = typeof meta?.total_pages === 'number' ? meta.total_pages : undefined;
			if (yield* pagesInParallel(read, { first, next: page + 1, largest, previous, lastPage }, list.inFlight ?? 1)) return;
			break;
		}
	}
	throw new NodeOperationError(
		this.getNode(),
		`Stopped paging ${list.path} after ${MAX_PAGES} pages`,
		{ description: 'Kickserv kept sending pages; narrow the request with filters or use Limit.' },
	);
}

/** All records of a list (or the first `limit`). */
export async function kickservList(this: KickservContext, list: ListRequest): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	for await (const { records } of kickservPages.call(this, list)) {
		for (const record of records) all.push(record);
	}
	return all;
}
