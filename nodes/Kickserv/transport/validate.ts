/**
 * Input checks, run before any request is sent. Each throws an Error whose message names the field
 * (its display name) and says what was wrong. Pure.
 */

export const MAX_ID = 2_147_483_647;

const show = (value: unknown): string => {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/** A customer or job number, or a note or payment id: digits only, 1 … 2^31-1. */
export function positiveInteger(value: unknown, field: string): number {
	if (value === undefined || value === null) throw new Error(`${field} is required`);
	if (typeof value !== 'number' && typeof value !== 'string') {
		throw new Error(`${field} must be a positive whole number (got ${show(value)})`);
	}
	const text = String(value).trim();
	if (text === '') throw new Error(`${field} is required`);
	if (!/^\d+$/.test(text)) {
		throw new Error(`${field} must be a positive whole number (got ${show(value)})`);
	}
	const number = Number(text);
	if (number < 1 || number > MAX_ID) {
		throw new Error(`${field} must be between 1 and ${MAX_ID} (got ${show(value)})`);
	}
	return number;
}

/** A list of IDs (a multi-options field given by expression must still be a list). */
export function positiveIntegers(value: unknown, field: string): number[] {
	if (!Array.isArray(value)) throw new Error(`${field} must be a list of IDs (got ${show(value)})`);
	return value.map((entry) => positiveInteger(entry, field));
}

export function optionalPositiveInteger(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) return undefined;
	return positiveInteger(value, field);
}

/**
 * Text that must not be blank, nor longer than `max` characters. Names are trimmed (Kickserv matches
 * them exactly); free text (`asWritten`) is sent as the user wrote it, indentation and final newline
 * included: only text that is nothing but whitespace is refused.
 */
export function requiredText(value: unknown, field: string, max = 10_000, asWritten = false): string {
	if (value === undefined || value === null) throw new Error(`${field} is required`);
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new Error(`${field} must be text (got ${show(value)})`);
	}
	const text = asWritten ? String(value) : String(value).trim();
	if (!text.trim()) throw new Error(`${field} must not be empty or only whitespace`);
	if (text.length > max) throw new Error(`${field} is too long (${text.length} characters; at most ${max})`);
	return text;
}

export function optionalText(value: unknown, field: string, max = 10_000): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
		throw new Error(`${field} must be text (got ${show(value)})`);
	}
	const text = String(value);
	if (text.length > max) throw new Error(`${field} is too long (${text.length} characters; at most ${max})`);
	return text;
}

const isCalendarDate = (y: number, m: number, d: number) => {
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const asText = (value: unknown): string => {
	if (typeof value === 'string') return value.trim();
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
	return '';
};

/** `YYYY-MM-DD`; a valid date-time is cut to its date (as written, without moving time zones). */
export function isoDate(value: unknown, field: string): string {
	const text = asText(value);
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(text);
	const valid =
		match &&
		isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) &&
		(text.length === 10 || isDateTime(text));
	if (!valid) throw new Error(`${field} must be a date like 2026-11-28 (got ${show(value)})`);
	return text.slice(0, 10);
}

/**
 * A day for a filter that Kickserv applies to whole days (`YYYY-MM-DD`). A date-time from n8n's picker
 * is taken when its time is midnight; any other time is refused rather than dropped, since Kickserv
 * would ignore it and return records from earlier that day.
 */
export function isoDay(value: unknown, field: string): string {
	const day = isoDate(value, field);
	const time = /^\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?/.exec(asText(value));
	if (time && (Number(time[1]) || Number(time[2]) || Number(time[3] ?? 0) || Number(time[4] ?? 0))) {
		throw new Error(
			`${field} takes a day, not a time (got ${show(value)}): Kickserv filters by the day only, so ${time[1]}:${time[2]} would be ignored. Pick the day with the time at 00:00, or filter the output by its time afterwards (e.g. an If node on starts_at)`,
		);
	}
	return day;
}

function isDateTime(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/.exec(text);
	return (
		!!match &&
		isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) &&
		Number(match[4] ?? 0) <= 23 &&
		Number(match[5] ?? 0) <= 59 &&
		Number(match[6] ?? 0) <= 59 &&
		Number(match[8] ?? 0) <= 14 &&
		Number(match[9] ?? 0) <= 59
	);
}

/**
 * An ISO-8601 date-time. An offset (or Z) is kept as given. A time without one is, as everywhere in n8n,
 * the workflow's time zone (`timeZone`, from `this.getTimezone()`): it is sent with that zone's offset at
 * that moment, since Kickserv reads and writes timestamps with an offset (`2022-05-17T10:04:14-04:00`)
 * and would otherwise read it in the account's own zone. A date alone is a day and is kept as given.
 */
export function isoDateTime(value: unknown, field: string, timeZone?: string): string {
	const text = asText(value);
	if (!isDateTime(text)) {
		throw new Error(`${field} must be a date and time like 2026-11-28T09:30:00-05:00 (got ${show(value)})`);
	}
	const wall = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(text);
	if (!wall || !timeZone) return text;
	const [year, month, day, hour, minute, second] = wall.slice(1, 7).map((part) => Number(part ?? 0));
	const offset = zoneOffsetAt(timeZone, { year, month, day, hour, minute, second }, field, text);
	return `${text.replace(' ', 'T')}${offset}`;
}

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The wall time an instant shows in a time zone. */
function wallTimeIn(timeZone: string, instant: number): WallTime {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

const utcOf = (wall: WallTime) => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

function knownZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/**
 * The offset (`-05:00`) of `timeZone` at the wall time given. A wall time the zone skips (the hour the
 * clocks go forward) names no moment: refused, naming the field. An unknown zone is refused too.
 */
function zoneOffsetAt(timeZone: string, wall: WallTime, field: string, text: string): string {
	if (!knownZone(timeZone)) {
		throw new Error(`${field} has no time zone, and the workflow's time zone "${timeZone}" is unknown: add an offset, e.g. ${text}-05:00`);
	}
	const asUtc = utcOf(wall);
	let instant = asUtc;
	// two rounds: the offset at a first guess of the moment, then at the moment it gives
	for (let round = 0; round < 2; round++) {
		const minutes = Math.round((utcOf(wallTimeIn(timeZone, instant)) - Math.floor(instant / 1000) * 1000) / 60_000);
		instant = asUtc - minutes * 60_000;
	}
	if (utcOf(wallTimeIn(timeZone, instant)) !== asUtc) {
		throw new Error(
			`${field} ${text} does not exist in the workflow's time zone ${timeZone} (the clocks go forward then): pick another time, or add an offset, e.g. ${text}-05:00`,
		);
	}
	const offset = Math.round((asUtc - instant) / 60_000);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A money amount greater than 0 with at most 2 decimals, as Kickserv's decimal string. */
export const MAX_AMOUNT = '999999999.99';

export function amount(value: unknown, field: string): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (/^\d{10,}(\.\d+)?$/.test(text)) throw new Error(`${field} must be at most ${MAX_AMOUNT} (got ${show(value)})`);
	if (!/^\d{1,9}(\.\d{1,2})?$/.test(text) || Number(text) <= 0) {
		throw new Error(`${field} must be an amount greater than 0 with at most 2 decimals, e.g. 125.00 (got ${show(value)})`);
	}
	return Number(text).toFixed(2);
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new Error(`${field} must be one of ${allowed.join(', ')} (got ${show(value)})`);
}

/** A yes/no value (true/false, or the strings "true"/"false" an expression may give). */
export function boolean(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new Error(`${field} must be true or false (got ${show(value)})`);
}

export function email(value: unknown, field: string): string {
	const text = requiredText(value, field, 254);
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) throw new Error(`${field} is not an email address (got ${show(value)})`);
	return text;
}
