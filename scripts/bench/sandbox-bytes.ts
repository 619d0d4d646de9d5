/**
 * Response body bytes a sandbox sent, counted on the sandbox side (used by `npm run bench` and
 * `npm run bench:n8n`): a listener on the sandbox's own http.Server wraps each response's `end` (the
 * sandbox answers with one `res.end(text)`) and counts the body it is given, so nothing sits between
 * client and server. (The sandbox passes Content-Length to writeHead, which getHeader cannot read back.)
 */
import type * as http from 'http';

import type { KickservSandbox } from '../../sandbox';

export interface ByteCounter {
	/** Bytes of the responses of account `slug` since the last reset, optionally skipping the first ones. */
	bytesOf(slug: string, skipFirst?: number): number;
	reset(): void;
}

/** The started sandbox's http.Server. */
export function sandboxServer(sandbox: KickservSandbox): http.Server {
	const server = (sandbox as unknown as { server?: http.Server }).server;
	if (!server) throw new Error('start the sandbox first');
	return server;
}

/** Call after `sandbox.start()`. */
export function countBytes(sandbox: KickservSandbox): ByteCounter {
	const server = sandboxServer(sandbox);
	let responses: Array<{ slug: string; bytes: number }> = [];
	server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
		const slug = String(req.url ?? '').split(/[/?]/)[1] ?? '';
		const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
		(res as unknown as { end: (...args: unknown[]) => http.ServerResponse }).end = (...args: unknown[]) => {
			const [chunk] = args;
			const bytes = typeof chunk === 'string' ? Buffer.byteLength(chunk) : Buffer.isBuffer(chunk) ? chunk.length : 0;
			responses.push({ slug, bytes });
			return end(...args);
		};
	});
	return {
		bytesOf: (slug, skipFirst = 0) =>
			responses.filter((r) => r.slug === slug).slice(skipFirst).reduce((sum, r) => sum + r.bytes, 0),
		reset: () => {
			responses = [];
		},
	};
}
