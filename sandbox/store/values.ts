/**
 * Value helpers of the store: the account's clock offset, timestamps, dates and money, the coercions
 * applied to JSON input, deterministic fake strings (for secret-looking fields) and sorted-array helpers.
 */

/** Input attributes as they come from a JSON body: validated and coerced by the store. */
export type Attrs = Record<string, unknown>;

// Module-level copies of hot globals: global lookups are slow inside jest's VM context.
const { floor, round, imul, abs } = Math;
const DateCtor = Date;
export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** '-05:00' -> -300 */
export function parseUtcOffset(offset: string): number {
	const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim());
	if (!m) {
		if (offset.trim() === 'Z') return 0;
		throw new Error(`Invalid UTC offset: ${offset}`);
	}
	const minutes = Number(m[2]) * 60 + Number(m[3]);
	return m[1] === '-' ? -minutes : minutes;
}

const offsetStrings = new Map<number, string>();

function offsetString(minutes: number): string {
	let s = offsetStrings.get(minutes);
	if (s === undefined) {
		const sign = minutes < 0 ? '-' : '+';
		const a = abs(minutes);
		s = `${sign}${String(floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
		offsetStrings.set(minutes, s);
	}
	return s;
}

/** Epoch ms -> '2026-11-28T10:04:14-05:00' (second precision) */
export function formatTimestamp(ms: number, offsetMinutes: number): string {
	return new DateCtor(ms + offsetMinutes * MINUTE).toISOString().slice(0, 19) + offsetString(offsetMinutes);
}

/** Epoch ms -> local 'YYYY-MM-DD' in the given offset */
export function formatDate(ms: number, offsetMinutes: number): string {
	return new DateCtor(ms + offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** 12345 -> '123.45', -50 -> '-0.50' */
export function formatMoney(cents: number): string {
	const neg = cents < 0;
	const a = abs(round(cents));
	const cents2 = a % 100;
	const s = `${floor(a / 100)}.${cents2 < 10 ? '0' : ''}${cents2}`;
	return neg ? `-${s}` : s;
}

/** '125.00' / 125 / '125' -> 12500; NaN when not a number */
export function parseMoney(value: unknown): number {
	if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 100) : NaN;
	if (typeof value !== 'string') return NaN;
	const s = value.trim();
	if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return NaN;
	return Math.round(Number(s) * 100);
}

function validYmd(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1 || d > 31) return false;
	const t = new Date(Date.UTC(y, m - 1, d));
	return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isValidDate(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	return !!m && validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * 'YYYY-MM-DD' (local midnight), 'YYYY-MM-DDTHH:MM[:SS]' (local) or with 'Z' / '+HH:MM' -> epoch ms.
 * NaN when invalid.
 */
export function parseDateTime(value: unknown, offsetMinutes: number): number {
	if (value instanceof Date) return value.getTime();
	if (typeof value !== 'string') return NaN;
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
		value.trim(),
	);
	if (!m) return NaN;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (!validYmd(y, mo, d)) return NaN;
	const h = m[4] ? Number(m[4]) : 0;
	const mi = m[5] ? Number(m[5]) : 0;
	const s = m[6] ? Number(m[6]) : 0;
	if (h > 23 || mi > 59 || s > 59) return NaN;
	const zone = m[7] === undefined ? offsetMinutes : parseUtcOffset(m[7]);
	return Date.UTC(y, mo - 1, d, h, mi, s) - zone * MINUTE;
}

/** Small deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = imul(t ^ (t >>> 15), t | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const BCRYPT = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789ABCDEF';

export function fakeString(seed: number, length: number, alphabet: string): string {
	const rnd = mulberry32(seed);
	const n = alphabet.length;
	let s = '';
	while (s.length < length) {
		let bits = floor(rnd() * 1073741824); // 30 bits -> 5 characters
		for (let k = 0; k < 5 && s.length < length; k++) {
			s += alphabet[(bits & 63) % n];
			bits >>>= 6;
		}
	}
	return s;
}

export function str(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return null;
}

export function bool(value: unknown, fallback: boolean): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === '1' || value === 'true' || value === 'TRUE' || value === 't') return true;
	if (value === 0 || value === '0' || value === 'false' || value === 'FALSE' || value === 'f') return false;
	return fallback;
}

/** integer or null; NaN when present but not an integer */
export function intOrNull(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	return Number.isInteger(n) ? n : NaN;
}

/** Present in the input (JSON bodies never carry `undefined`; a plain check is much faster than hasOwnProperty in jest's VM). */
export function has(attrs: Attrs, key: string): boolean {
	return attrs[key] !== undefined;
}

/** Binary search in an array sorted ascending by `key`. */
export function indexByKey<T>(arr: T[], key: (t: T) => number, value: number): number {
	let lo = 0;
	let hi = arr.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const v = key(arr[mid]);
		if (v === value) return mid;
		if (v < value) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

export function removeFrom<T>(arr: T[] | null, item: T): void {
	if (!arr) return;
	const i = arr.indexOf(item);
	if (i >= 0) arr.splice(i, 1);
}

