/** The credential's values, checked before any request leaves. Pure. */
export interface KickservCredentials {
	accountSlug: string;
	apiToken: string;
	baseUrl?: string;
}

export interface KickservAccount {
	/** `https://app.kickserv.com/SLUG` without a trailing slash */
	accountUrl: string;
	origin: string;
	slug: string;
}

export const DEFAULT_BASE_URL = 'https://app.kickserv.com';

const SLUG = /^[A-Za-z0-9_-]+$/;

/**
 * A Kickserv address pasted as the Account Slug (`https://app.kickserv.com/SLUG/dashboard`,
 * `app.kickserv.com/SLUG`): a host with a dot, then the slug as the first path segment. The credential's
 * Test uses the same pattern in its request expression.
 */
export const SLUG_IN_ADDRESS = /^\s*(?:https?:\/\/)?[^/\s?#]+\.[^/\s?#]+\/([^/\s?#]+).*$/i;

/** The slug the user meant: the text, or the slug inside a pasted Kickserv address. Pure. */
export const accountSlugOf = (text: unknown): string => String(text ?? '').trim().replace(SLUG_IN_ADDRESS, '$1');

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** Returns the account's URL, or throws an Error whose message names the credential field. */
export function resolveAccount(credentials: KickservCredentials): KickservAccount {
	const slug = accountSlugOf(credentials.accountSlug);
	if (!slug) throw new Error('Account Slug is empty: enter what follows the host in your Kickserv address');
	if (!SLUG.test(slug)) {
		throw new Error(
			'Account Slug may contain only letters, digits, "-" and "_" (the part after app.kickserv.com/ in your Kickserv address)',
		);
	}
	if (!String(credentials.apiToken ?? '').trim()) throw new Error('API Token is empty');
	if (/\s/.test(String(credentials.apiToken).trim())) {
		throw new Error('API Token contains a space or line break: paste the token alone (Settings > Manage Users > user)');
	}
	const raw = String(credentials.baseUrl || DEFAULT_BASE_URL).trim();
	const url = parseUrl(raw);
	if (!url) throw new Error('Base URL is not a valid URL (expected e.g. https://app.kickserv.com)');
	if (url.username || url.password) throw new Error('Base URL must not contain a user name or password');
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		throw new Error('Base URL must use https (plain http is allowed only for a loopback address such as 127.0.0.1)');
	}
	// the web app's address of an account (app.kickserv.com/SLUG/dashboard) pasted as Base URL
	const firstSegment = url.pathname.split('/').filter(Boolean)[0];
	if (firstSegment && (firstSegment === slug || /(^|\.)kickserv\.com$/i.test(url.hostname))) {
		throw new Error(
			`Base URL holds an account address (${url.pathname}): set Base URL to ${url.origin} and Account Slug to the part after the host ("${firstSegment}")`,
		);
	}
	const base = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
	return { accountUrl: `${base}/${slug}`, origin: url.origin, slug };
}
