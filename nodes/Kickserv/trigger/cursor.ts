/**
 * The trigger's bookkeeping, as pure functions over small, JSON-able state. Nothing here does I/O.
 *
 * Two cursors:
 * - `IdCursor` for things that get increasing numbers (internal job and payment ids): a high-water mark
 *   plus a bounded set of recently accounted numbers, so a record committed out of order (a number
 *   below the mark that shows up late) is still emitted once, and never twice.
 * - `WindowState` for change detection over the most recent jobs: one short fingerprint per job.
 */

/** How many recently accounted numbers an IdCursor remembers (the late-arrival window). */
export const RECENT_MAX = 200;

export interface IdCursor {
	/** Highest number accounted for. */
	high: number;
	/** Recently accounted numbers, base-36, comma-separated, newest first (compact in static data). */
	recent: string;
}

export const decodeNumbers = (text: string | undefined): number[] =>
	text ? text.split(',').filter(Boolean).map((n) => parseInt(n, 36)) : [];

export const encodeNumbers = (numbers: number[]): string => numbers.map((n) => n.toString(36)).join(',');

/** Keeps the largest `max` distinct numbers, newest (largest) first. */
function topNumbers(numbers: Iterable<number>, max = RECENT_MAX): number[] {
	return [...new Set(numbers)].sort((a, b) => b - a).slice(0, max);
}

/** A first cursor from the numbers present now: all of them count as already seen. */
export function seedIdCursor(numbers: number[]): IdCursor {
	const recent = topNumbers(numbers);
	return { high: recent.length ? recent[0] : 0, recent: encodeNumbers(recent) };
}

/** Whether a newest-first listing has reached numbers the cursor already accounts for. */
export function reachedKnown(pageNumbers: number[], cursor: IdCursor): boolean {
	return pageNumbers.some((n) => n <= cursor.high);
}

export interface Plan<T> {
	/** Records to emit, oldest (lowest number) first. */
	emit: T[];
	/** The cursor after emitting them. */
	next: IdCursor;
	/** How many new records wait for the next poll (over the per-poll cap). */
	carried: number;
}

/**
 * Which of the records seen are new, and the cursor after this poll.
 *
 * New = above the high-water mark, or below it but within the recent window and not accounted for
 * (committed late). Processed oldest first, at most `cap` per poll; the rest stay above the new mark
 * and come next poll. Records that don't `match` the user's filters are accounted for, not emitted.
 */
export function planNew<T>(
	seen: T[],
	numberOf: (record: T) => number,
	cursor: IdCursor,
	cap: number,
	match: (record: T) => boolean = () => true,
): Plan<T> {
	const recent = decodeNumbers(cursor.recent);
	const known = new Set(recent);
	const floor = recent.length ? Math.min(...recent) : cursor.high + 1;
	const byNumber = new Map<number, T>();
	for (const record of seen) {
		const n = numberOf(record);
		if (!Number.isInteger(n) || n < 1 || byNumber.has(n)) continue;
		if (n > cursor.high || (n >= floor && !known.has(n))) byNumber.set(n, record);
	}
	const candidates = [...byNumber.keys()].sort((a, b) => a - b);
	const processed = candidates.slice(0, Math.max(0, cap));
	const high = Math.max(cursor.high, ...processed);
	return {
		emit: processed.map((n) => byNumber.get(n) as T).filter(match),
		next: { high, recent: encodeNumbers(topNumbers([...recent, ...processed])) },
		carried: candidates.length - processed.length,
	};
}

/** What the change detection remembers of one watched job. */
export interface Watched {
	n: number; // job number
	f: string; // fingerprint of id + updated_at + balance_remaining + status (a reused number differs by id)
	s: string; // status
	p: number; // highest payment id known on the job (0 = none)
}

/** Short, stable fingerprint (FNV-1a, base 36). */
export function fingerprint(...parts: unknown[]): string {
	let hash = 0x811c9dc5;
	const text = parts.map((p) => (p === null || p === undefined ? '' : String(p))).join('|');
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(36);
}

const STATUS_CODES: Record<string, string> = {
	new: 'n',
	unscheduled: 'u',
	scheduled: 's',
	in_progress: 'i',
	on_hold: 'h',
	complete: 'c',
	canceled: 'x',
};
const STATUS_NAMES = Object.fromEntries(Object.entries(STATUS_CODES).map(([name, code]) => [code, name]));

/** `n:f:s:p` per job, base 36, `;`-separated: ~18 bytes a job. */
export function encodeWindow(jobs: Watched[]): string {
	return jobs
		.map((j) => `${j.n.toString(36)}:${j.f}:${STATUS_CODES[j.s] ?? `=${encodeURIComponent(j.s)}`}:${j.p.toString(36)}`)
		.join(';');
}

export function decodeWindow(text: string | undefined): Map<number, Watched> {
	const map = new Map<number, Watched>();
	for (const entry of (text ?? '').split(';')) {
		if (!entry) continue;
		const [n, f, s, p] = entry.split(':');
		const number = parseInt(n, 36);
		map.set(number, {
			n: number,
			f,
			s: s?.startsWith('=') ? decodeURIComponent(s.slice(1)) : (STATUS_NAMES[s] ?? s ?? ''),
			p: p ? parseInt(p, 36) || 0 : 0,
		});
	}
	return map;
}

export interface WindowJob {
	id?: unknown;
	job_number: number;
	updated_at?: unknown;
	balance_remaining?: unknown;
	total?: unknown;
	status?: unknown;
	/** `paid` / `unpaid` (read for Invoice Paid only) */
	invoice_status?: unknown;
	/** (items of the active-job list, `/tasks/job_list.json`) */
	name?: unknown;
}

/**
 * What a remembered job's fingerprint covers:
 * - `payments` (the default): what payments and status changes touch (id, updated_at, balance, status);
 * - `whole`: every field of the record (timestamps have whole seconds, so two changes in one second
 *   differ only in their fields);
 * - `listed`: what an item of the active-job list shows that can change (name, status, updated_at);
 * - `none`: nothing (an empty fingerprint: the entry is judged by its status or mark alone).
 */
export type Covers = 'payments' | 'whole' | 'listed' | 'none';

function fingerprintOf(job: WindowJob, covers: Covers): string {
	if (covers === 'none') return '';
	if (covers === 'listed') return fingerprint(job.name, job.status, job.updated_at);
	if (covers === 'payments') return fingerprint(job.id, job.updated_at, job.balance_remaining, job.status);
	return fingerprint(...Object.keys(job).sort().map((key) => `${key}=${JSON.stringify((job as unknown as Record<string, unknown>)[key])}`));
}

/**
 * What is remembered of a job, whether read from `/jobs.json` (the window) or from an account-wide list:
 * its number, a fingerprint (see `Covers`), its status and `p` (the highest payment id known on it, or for
 * Job Status Changed and Job Updated the job's internal id). The one place that says how a job is
 * remembered: what it gives is stored, and must stay as 0.2.0 stored it.
 */
export const watchedOf = (job: WindowJob, p = 0, covers: Covers = 'payments'): Watched => ({
	n: Number(job.job_number),
	f: fingerprintOf(job, covers),
	s: String(job.status ?? ''),
	p,
});

/** Whether a job shows any sign of payments (its balance is below its total). */
export function mayHavePayments(job: WindowJob): boolean {
	const known = (value: unknown) => value !== null && value !== undefined && value !== '';
	if (!known(job.total) || !known(job.balance_remaining)) return true;
	const total = Number(job.total);
	const balance = Number(job.balance_remaining);
	if (!Number.isFinite(total) || !Number.isFinite(balance)) return true;
	return balance !== total;
}

export type WindowChange = 'entered-new' | 'entered-old' | 'changed' | 'same';

/**
 * How a job of the current window relates to the remembered one. A job that entered the window
 * above the old window's lowest number is new; one that entered below it came in because a job was
 * deleted: its history is old.
 */
export function classify(
	job: WindowJob,
	previous: Map<number, Watched>,
	previousFloor: number,
	whole = false,
): WindowChange {
	const known = previous.get(Number(job.job_number));
	if (!known) return Number(job.job_number) > previousFloor ? 'entered-new' : 'entered-old';
	return known.f === watchedOf(job, 0, whole ? 'whole' : 'payments').f ? 'same' : 'changed';
}

export const windowFloor = (window: Map<number, Watched>): number =>
	window.size ? Math.min(...window.keys()) : 0;

