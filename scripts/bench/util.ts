import * as os from 'os';
import * as v8 from 'v8';
import * as vm from 'vm';

/** Progress goes to stderr; the results go to stdout and bench/RESULTS.md. */
export const progress = (text: string): void => {
	process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
};

/** A full GC between measurements (without needing --expose-gc on the command line). */
let gcFn: (() => void) | undefined;
export function fullGc(): void {
	if (!gcFn) {
		const existing = (globalThis as { gc?: () => void }).gc;
		if (existing) gcFn = existing;
		else {
			v8.setFlagsFromString('--expose-gc');
			gcFn = vm.runInNewContext('gc') as () => void;
		}
	}
	const start = performance.now();
	gcFn();
	gcStats.count++;
	gcStats.ms += performance.now() - start;
}

/** Time spent in the forced GCs between measurements (not part of any measurement). */
export const gcStats = { count: 0, ms: 0 };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
	const start = performance.now();
	const result = await fn();
	return { ms: performance.now() - start, result };
}

export const best = (values: number[]) => Math.min(...values);
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const fmtInt = (n: number) => n.toLocaleString('en-US');
export const fmtMB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const fmtX = (x: number) => `${x.toFixed(2)}x`;

export function machine(): { cpu: string; cores: number; ram: string; node: string; platform: string } {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model?.trim() ?? 'unknown',
		cores: cpus.length,
		ram: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
		node: process.version,
		platform: `${os.type()} ${os.release()} (${os.arch()})`,
	};
}

/** A markdown table, padded so that it also reads well on a terminal. */
export function table(headers: string[], rows: Array<Array<string | number>>, align: Array<'l' | 'r'> = []): string {
	const cells = rows.map((row) => row.map(String));
	const widths = headers.map((h, i) => Math.max(h.length, 3, ...cells.map((r) => (r[i] ?? '').length)));
	const pad = (text: string, i: number) => (align[i] === 'r' ? text.padStart(widths[i]) : text.padEnd(widths[i]));
	const line = (row: string[]) => `| ${row.map((c, i) => pad(c, i)).join(' | ')} |`;
	const rule = `|${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
	return [line(headers), rule, ...cells.map(line)].join('\n');
}
