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

/** An ISO-8601 date-time (an offset is kept as given). */
export function isoDateTime(value: unknown, field: string): string {
	const text = asText(value);
	if (!isDateTime(text)) {
		throw new Error(`${field} must be a date and time like 2026-11-28T09:30:00-05:00 (got ${show(value)})`);
	}
	return text;
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
