/**
 * The floor: the least a client must do to get the same records over the same pages, with Node's
 * global fetch (keep-alive, as any modern client): Basic auth, the same page parameters and the same
 * end rules as the node (customers: the server's page size learned from the first full page, stop at a
 * shorter page, else at an empty one; jobs: page + per_page=50, stop at a page shorter than 50),
 * `JSON.parse`, collect the records.
 *
 * Two more loops, for diagnosis only (they explain the node/floor gap, they are not the floor):
 * - `httpNoReuse`: node:http with a new http.Agent per request (so a new TCP connection per page,
 *   "Connection: close"), which is what n8n-core's request helpers do (setAxiosAgents creates a new
 *   http.Agent for every request).
 * - `axiosNoReuse`: axios (n8n-core's own copy) with a new http.Agent per request: n8n's HTTP stack
 *   without the engine, the credential and the node.
 */
import * as http from 'http';

export type ListKind = 'customers' | 'jobs';

export interface FloorResult {
	records: unknown[];
	requests: number;
	bytes: number;
}

export interface Target {
	baseUrl: string;
	slug: string;
	token: string;
}

export const JOBS_PER_PAGE = 50;

/**
 * A paged list: its path under the account, the key its records come under, and how it pages:
 * `customers_page=N`, `page=N` (the server's page size, learned) or `page=N&per_page=50`.
 */
export interface PagedList {
	path: string;
	key: string;
	style: 'customers' | 'page' | 'perPage';
}

const LISTS: Record<ListKind, PagedList> = {
	customers: { path: '/customers.json', key: 'customers', style: 'customers' },
	jobs: { path: '/jobs.json', key: 'jobs', style: 'perPage' },
};

function pageUrl(target: Target, list: PagedList, page: number): string {
	const base = `${target.baseUrl}/${target.slug}${list.path}`;
	if (list.style === 'customers') return `${base}?customers_page=${page}`;
	return list.style === 'page' ? `${base}?page=${page}` : `${base}?page=${page}&per_page=${JOBS_PER_PAGE}`;
}

/** Same end rules as the node (see the file comment). */
function isLast(list: PagedList, count: number, largest: number): boolean {
	if (list.style === 'perPage') return count < JOBS_PER_PAGE;
	return largest > 0 && count < largest;
}

type Fetcher = (url: string, auth: string) => Promise<string>;

async function pageLoop(target: Target, kindOrList: ListKind | PagedList, get: Fetcher): Promise<FloorResult> {
	const list = typeof kindOrList === 'string' ? LISTS[kindOrList] : kindOrList;
	const auth = `Basic ${Buffer.from(`${target.token}:${target.token}`).toString('base64')}`;
	const records: unknown[] = [];
	let requests = 0;
	let bytes = 0;
	let largest = 0;
	for (let page = 1; page <= 20_000; page++) {
		const text = await get(pageUrl(target, list, page), auth);
		requests++;
		bytes += Buffer.byteLength(text);
		const body = JSON.parse(text) as Record<string, unknown[]> | unknown[];
		const found = (Array.isArray(body) ? body : body[list.key]) ?? [];
		if (found.length === 0) break;
		for (const record of found) records.push(record);
		if (isLast(list, found.length, largest)) break;
		largest = Math.max(largest, found.length);
	}
	return { records, requests, bytes };
}

const fetchText: Fetcher = async (url, auth) => {
	let res: Response;
	try {
		res = await fetch(url, { headers: { Authorization: auth, Accept: 'application/json' } });
	} catch (error) {
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		throw new Error(`floor: fetch ${url} failed: ${cause?.code ?? ''} ${cause?.message ?? (error as Error).message}`);
	}
	if (!res.ok) throw new Error(`floor: HTTP ${res.status} for ${url}`);
	return await res.text();
};

/** The floor. */
export const floorList = (target: Target, kind: ListKind) => pageLoop(target, kind, fetchText);

/** The floor of any other paged list (tasks, items, invoices...). */
export const floorPaged = (target: Target, list: PagedList) => pageLoop(target, list, fetchText);

const httpNoReuseText: Fetcher = (url, auth) =>
	new Promise((resolve, reject) => {
		const agent = new http.Agent();
		const req = http.get(url, { agent, headers: { Authorization: auth, Accept: 'application/json' } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				agent.destroy();
				if ((res.statusCode ?? 0) >= 300) reject(new Error(`HTTP ${res.statusCode}`));
				else resolve(Buffer.concat(chunks).toString('utf8'));
			});
			res.on('error', reject);
		});
		req.on('error', reject);
	});

/** Diagnosis: a new connection per page (as n8n-core does), no axios. */
export const httpNoReuseList = (target: Target, kind: ListKind) => pageLoop(target, kind, httpNoReuseText);

type Axios = (config: object) => Promise<{ data: string }>;
let axios: Axios | undefined;
function loadAxios(): Axios {
	// n8n-core's own axios, as it is installed for it
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	axios ??= require(require.resolve('axios', { paths: [require.resolve('n8n-core')] })) as Axios;
	return axios;
}

const axiosNoReuseText: Fetcher = async (url, auth) => {
	const agent = new http.Agent();
	const res = await loadAxios()({
		url,
		method: 'GET',
		headers: { Authorization: auth, Accept: 'application/json' },
		httpAgent: agent,
		responseType: 'text',
		transformResponse: [(data: string) => data],
	});
	return res.data;
};

/** Diagnosis: axios with a new agent per page (n8n's HTTP stack without n8n), text then JSON.parse. */
export const axiosNoReuseList = (target: Target, kind: ListKind) => pageLoop(target, kind, axiosNoReuseText);
