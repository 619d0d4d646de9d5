import { KickservSandbox, type SandboxOptions } from '../../sandbox';

/** A Saturday: 2026-11-28 10:04:14 in the demo account's -05:00 offset. */
export const NOW = new Date('2026-11-28T15:04:14Z');
export const SLUG = 'demo-hvac';
export const TOKEN = 'sandbox-token-0001';

export interface Clock {
	now: () => Date;
	set(d: Date): void;
	advance(ms: number): void;
}

export function makeClock(start: Date = NOW): Clock {
	let t = start.getTime();
	return {
		now: () => new Date(t),
		set: (d) => {
			t = d.getTime();
		},
		advance: (ms) => {
			t += ms;
		},
	};
}

export interface ApiResponse {
	status: number;
	headers: Headers;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

export function basic(user: string, pass: string = user): string {
	return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
}

export type Api = (method: string, path: string, body?: unknown, init?: { auth?: string | null; signal?: AbortSignal }) => Promise<ApiResponse>;

/** A small client: `api('GET', '/customers.json')` -> { status, json, text, headers } */
export function apiClient(baseUrl: string, slug: string = SLUG, token: string = TOKEN): Api {
	return async (method, path, body, init = {}) => {
		const headers: Record<string, string> = { Accept: 'application/json' };
		const auth = init.auth === undefined ? basic(token) : init.auth;
		if (auth !== null) headers.Authorization = auth;
		let payload: string | undefined;
		if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
			payload = typeof body === 'string' ? body : JSON.stringify(body);
		}
		const res = await fetch(`${baseUrl}/${slug}${path}`, { method, headers, body: payload, signal: init.signal });
		const text = await res.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, text, json };
	};
}

export async function startSandbox(options: SandboxOptions = {}): Promise<{ sandbox: KickservSandbox; baseUrl: string; api: Api }> {
	const sandbox = new KickservSandbox({ now: () => NOW, ...options });
	const baseUrl = await sandbox.start(0);
	return { sandbox, baseUrl, api: apiClient(baseUrl) };
}
