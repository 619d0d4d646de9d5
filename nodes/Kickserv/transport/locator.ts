import { parseUrl, type KickservAccount } from './credentials';
import { positiveInteger } from './validate';

export type LocatorKind = 'customers' | 'jobs';

interface LocatorValue {
	mode?: string;
	value?: unknown;
}

/**
 * A customer or job picked with a resource locator (From List, By Number, By URL), or given as a
 * plain number, as the number Kickserv's paths take. A URL must point at the credential's own host
 * and account. Pure; throws an Error naming the field.
 */
export function locatorNumber(
	raw: unknown,
	kind: LocatorKind,
	field: string,
	account: Pick<KickservAccount, 'accountUrl' | 'origin' | 'slug'>,
): number {
	// a locator is `{__rl, mode, value}`; anything else (a number, text, or a stray object or array
	// from an expression) is the value itself, and is refused as such with what was given
	const isLocator = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && ('mode' in raw || '__rl' in raw);
	const locator: LocatorValue = isLocator ? (raw as LocatorValue) : { mode: 'id', value: raw };
	const value = locator.value;
	const looksLikeUrl = typeof value === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(value.trim()) && !/^\d/.test(value.trim());
	if (locator.mode !== 'url' && !looksLikeUrl) return positiveInteger(value, field);
	const url = parseUrl(String(value ?? '').trim());
	if (!url) throw new Error(`${field} URL is not a valid address (got ${JSON.stringify(value)})`);
	if (url.origin !== account.origin) {
		throw new Error(
			`${field} URL points at ${url.protocol}//${url.host}, not at the credential's Kickserv (${account.origin}): refused`,
		);
	}
	// the web app's address of the record: <base URL>/<slug>/<kind>/<number>, optionally followed by
	// a page of it (/edit) or the API's .json
	const accountPath = new URL(account.accountUrl).pathname.replace(/\/+$/, '');
	const basePath = accountPath.slice(0, accountPath.length - account.slug.length - 1);
	const match = new RegExp(`^${escape(basePath)}/([^/]+)/${kind}/(\\d+)(?:\\.json|/[a-z_]+)?/?$`).exec(url.pathname);
	if (!match) {
		throw new Error(`${field} URL must look like ${account.accountUrl}/${kind}/123 (got ${url.pathname})`);
	}
	if (match[1] !== account.slug) {
		throw new Error(`${field} URL is for account "${match[1]}", but the credential is for "${account.slug}"`);
	}
	return positiveInteger(match[2], field);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
