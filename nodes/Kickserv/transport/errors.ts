import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isSecretKey } from './secrets';

/** What the transport knows about a failed reply. Headers and the request itself never travel on. */
export interface FailedReply {
	statusCode: number;
	body: unknown;
}

const fieldLabel = (field: string) =>
	field === 'base' ? '' : `${field.charAt(0).toUpperCase()}${field.slice(1).replace(/_/g, ' ')} `;

function messagesOf(value: unknown, field?: string): string[] {
	if (value === null || value === undefined || value === '') return [];
	if (typeof value === 'string' || typeof value === 'number') {
		const text = String(value).trim();
		return text ? [field ? `${fieldLabel(field)}${text}`.trim() : text] : [];
	}
	if (Array.isArray(value)) return value.flatMap((entry) => messagesOf(entry, field));
	if (typeof value === 'object') {
		const record = value as Record<string, unknown>;
		// {"field": "name", "message": "can't be blank"}
		if (typeof record.message === 'string' && typeof (record.field ?? record.attribute) === 'string') {
			return [`${fieldLabel(String(record.field ?? record.attribute))}${record.message}`.trim()];
		}
		// a body that echoes a record (with its secrets) shows its messages, never the secrets
		return Object.entries(record).flatMap(([key, entry]) =>
			isSecretKey(key) ? [] : messagesOf(entry, key === 'error' || key === 'message' ? field : key),
		);
	}
	return [];
}

/**
 * Kickserv's JSON error bodies are undocumented: `{"errors": [...]}`, `{"errors": {field: [...]}}`,
 * `{"error": "..."}`, `{"message": "..."}`, plain text, or the XML `<errors><error>…</error></errors>`.
 * Returns the human messages in whichever shape came.
 */
export function extractErrorMessages(body: unknown): string[] {
	if (body === null || body === undefined) return [];
	if (Buffer.isBuffer(body)) return extractErrorMessages(body.toString('utf8'));
	if (typeof body === 'string') {
		const text = body.trim();
		if (!text) return [];
		if (text.startsWith('{') || text.startsWith('[')) {
			try {
				return extractErrorMessages(JSON.parse(text));
			} catch {
				// not JSON after all: fall through to text handling
			}
		}
		if (text.startsWith('<')) {
			const found = [...text.matchAll(/<error(?:\s[^>]*)?>([\s\S]*?)<\/error>/g)].map((m) => decodeEntities(m[1].trim()));
			if (found.length) return found;
			if (/<html/i.test(text)) return [];
			return [text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()].filter(Boolean);
		}
		return [text.length > 500 ? `${text.slice(0, 500)}…` : text];
	}
	if (Array.isArray(body)) return messagesOf(body);
	if (typeof body === 'object') {
		const record = body as Record<string, unknown>;
		for (const key of ['errors', 'error', 'message', 'messages']) {
			if (key in record) {
				const found = messagesOf(record[key], undefined);
				if (found.length) return found;
			}
		}
	}
	return [];
}

const decodeEntities = (text: string) =>
	text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&apos;/g, "'")
		.replace(/&amp;/g, '&');

const NOT_FOUND_400 = /^invalid (customer|job)\.?$/i;

/** Older recordings answer an unknown number with 400 "Invalid customer." / "Invalid job.". */
export function isNotFound(reply: FailedReply): boolean {
	if (reply.statusCode === 404) return true;
	if (reply.statusCode !== 400) return false;
	const messages = extractErrorMessages(reply.body);
	return messages.length > 0 && messages.every((m) => NOT_FOUND_400.test(m));
}

const RECORD_NAMES: Record<string, string> = {
	customers: 'customer',
	jobs: 'job',
	notes: 'note',
	payments: 'payment',
	tasks: 'task',
	job_charges: 'job charge',
	employees: 'employee',
	opportunities: 'opportunity',
};

/** The records a path refers to, outermost first: `/jobs/1017/job_charges/5.json` -> job 1017, job charge 5. */
function recordsOf(path: string): Array<{ name: string; id: string }> {
	const parts = path.replace(/\.json$/, '').split('/').filter(Boolean);
	const found: Array<{ name: string; id: string }> = [];
	for (let i = 0; i < parts.length - 1; i++) {
		const name = RECORD_NAMES[parts[i]];
		if (name && /^\d+$/.test(parts[i + 1])) found.push({ name, id: parts[i + 1] });
	}
	return found;
}

/** Names the records a path refers to: `/customers/380/notes/5.json` -> `customer 380, note 5`. */
export function describePath(path: string): string {
	return recordsOf(path)
		.map(({ name, id }) => `${name} ${id}`)
		.join(', ');
}

/**
 * Where a person finds the identifier of a record of this kind: customers and jobs (and opportunities,
 * which are jobs) by the number the web app shows; the others by an internal ID the web app does not
 * show, found in the output of a Get Many or of the operation that created the record.
 */
const ID_SOURCES: Record<string, string> = {
	note: 'Note > Get Many lists the IDs of a customer\'s or job\'s notes; Note > Create returns the new one\'s',
	payment: 'Payment > Get Many lists the IDs of a customer\'s or job\'s payments; Payment > Create returns the new one\'s',
	task: 'Task > Get Many lists task IDs; Task > Create returns the new one\'s',
	'job charge': 'Job Charge > Get Many lists the IDs of a job\'s charges; Job Charge > Add returns the new one\'s',
	employee: 'Employee > Get Many lists employee IDs',
};

/** What a person checks when a record was not found: each identifier in the path, and where it comes from. */
function notFoundAdvice(records: Array<{ name: string; id: string }>): string {
	const numbers = records.filter(({ name }) => !ID_SOURCES[name]);
	const ids = records.filter(({ name }) => ID_SOURCES[name]);
	const advice: string[] = [];
	for (const { name, id } of ids) {
		advice.push(`Check the ${name} ID ${id}: it is an internal ID the Kickserv web app does not show (${ID_SOURCES[name]}).`);
	}
	if (numbers.length === 1) {
		const [{ name }] = numbers;
		const key = name === 'opportunity' ? 'job' : name;
		advice.push(
			ids.length
				? `Check the ${name} number too (the one the Kickserv web app shows).`
				: `Check the number (the one the Kickserv web app shows), its ${key}_number, not a record's internal ID.`,
		);
	} else if (numbers.length > 1) {
		advice.push('Check the numbers (the ones the Kickserv web app shows).');
	}
	advice.push('Check that the credential is for the right account.');
	return advice.join(' ');
}

/** The kind of record a collection path writes: `/customers/12/jobs.json` -> `job`. */
export function resourceOf(path: string): string {
	const last = path.replace(/\.json$/, '').split('/').filter((part) => part && !/^\d+$/.test(part)).pop() ?? '';
	return last.replace(/ies$/, 'y').replace(/s$/, '').replace(/_/g, ' ');
}

/** What a 422 refused: a POST to a collection writes a new record (`new job for customer 101`). */
function rejected(context: ErrorContext, target: string): string {
	const kind = resourceOf(context.path);
	if (context.method === 'POST' && kind) return target ? `new ${kind} for ${target}` : `new ${kind}`;
	return target || kind || 'request';
}

export interface ErrorContext {
	path: string;
	account: string;
	method: string;
}

/** Message and description a person can act on, for a failed Kickserv reply. Pure. */
export function explainFailure(
	reply: FailedReply,
	context: ErrorContext,
): { message: string; description: string; httpCode: string } {
	const messages = extractErrorMessages(reply.body);
	const said = messages.join('; ');
	const status = reply.statusCode;
	const httpCode = String(status);
	const target = describePath(context.path);
	if (isNotFound(reply) && !target) {
		// nothing numbered in the path (/customers.json, /jobs.json): the account itself was not found
		return {
			httpCode: '404',
			message: `Kickserv has no account "${context.account}": the Account Slug is probably wrong (404 for ${context.path})`,
			description: `Kickserv answered "not found" for ${context.method} ${context.path}, a list every account has. The Account Slug is what follows the host in the web app's address (app.kickserv.com/SLUG/...).${said ? ` Kickserv said: ${said}` : ''}`,
		};
	}
	if (isNotFound(reply)) {
		// the record the path ends with is what was missing: "no job charge 5 on job 1017", not "no job 1017"
		const records = recordsOf(context.path);
		const missing = records[records.length - 1];
		const parents = records.slice(0, -1).map(({ name, id }) => `${name} ${id}`);
		return {
			httpCode: '404',
			message: `Kickserv account "${context.account}" has no ${missing.name} ${missing.id}${parents.length ? ` on ${parents.join(', ')}` : ''}`,
			description: `${notFoundAdvice(records)}${said ? ` Kickserv said: ${said}` : ''}`,
		};
	}
	if (status === 401 || status === 403) {
		return {
			httpCode,
			message:
				status === 401
					? 'Kickserv rejected the credentials (401 Unauthorized)'
					: 'Kickserv refused this action for the token\'s user (403 Forbidden)',
			description:
				status === 401
					? 'Check the API token and the account slug in the Kickserv credential. Kickserv locks a login after 5 failed attempts, so fix the credential before running again.'
					: `The API token acts with its user's web permissions; give that user access to this action.${said ? ` Kickserv said: ${said}` : ''}`,
		};
	}
	if (status === 422) {
		return {
			httpCode,
			message: `Kickserv rejected the ${rejected(context, target)}: ${said || 'validation failed'}`,
			// the messages are in the title: the description says what to do
			description: !messages.length
				? 'Kickserv did not say which field was wrong.'
				: messages.some((m) => /already been taken/i.test(m))
					? 'Kickserv needs this value to be unique in the account: change it, or reuse the existing record (Customer > Find by Exact Name finds a customer by its name).'
					: `Correct ${messages.length > 1 ? 'the values Kickserv named' : 'the value Kickserv named'} and run again.`,
		};
	}
	if (status === 429) {
		return {
			httpCode,
			message: 'Kickserv is limiting the request rate (429 Too Many Requests)',
			description: `The request was retried and still refused. Space requests out (Options > Batching) or poll less often.${said ? ` Kickserv said: ${said}` : ''}`,
		};
	}
	if (status >= 500) {
		return {
			httpCode,
			message: `Kickserv had a server error (${status})${said ? `: ${said}` : ''}`,
			description: 'This is on Kickserv\'s side. Safe requests were retried; try again later.',
		};
	}
	return {
		httpCode,
		message: `Kickserv answered ${status}${said ? `: ${said}` : ''}`,
		description: `${context.method} ${context.path} failed.`,
	};
}

/** A NodeApiError carrying the real status and Kickserv's own message, and nothing of the request. */
export function kickservApiError(node: INode, reply: FailedReply, context: ErrorContext): NodeApiError {
	const { message, description, httpCode } = explainFailure(reply, context);
	const errorResponse: JsonObject = {
		status: reply.statusCode,
		messages: extractErrorMessages(reply.body),
	};
	return new NodeApiError(node, errorResponse, { message, description, httpCode });
}

/**
 * A reply contradicted a guess of the API contract ([doc], [inf] or [seed] in kickserv-api.md) in a way
 * the node cannot adapt to: it stops rather than return a partial list or miss a trigger item, and says
 * which assumption failed and what it saw (never any secret: only paths, counts and numbers).
 */
export function assumptionError(node: INode, assumption: string, seen: string, consequence: string): NodeOperationError {
	return new NodeOperationError(node, `Kickserv did not answer as this node assumes: ${assumption}`, {
		description: `${seen} ${consequence} See "Assumptions" in the package README.`,
	});
}

/**
 * Paths whose answer in JSON is a guess ([doc], [inf] in kickserv-api-more.md: every list but customers
 * and jobs, a job's time entries and charges): a 404 there does not show that the slug or the job is
 * wrong. `probe` is a path that tells (the customer list every account has [rec], or the job itself).
 * Pure.
 */
export function inferredJsonList(path: string): { list: string; probe: string; checked: string } | undefined {
	const child = path.match(/^\/jobs\/(\d+)\/(time_entries|job_charges)\.json$/);
	if (child) return { list: `/jobs/{job}/${child[2]}.json`, probe: `/jobs/${child[1]}.json`, checked: `job ${child[1]}` };
	if (/\d/.test(path) || path === '/customers.json' || path === '/jobs.json') return undefined;
	return { list: path, probe: '/customers.json', checked: 'the Account Slug' };
}

/** The error for such a list answered 404 while its probe succeeded: the assumption named, not the slug or the job. */
export function absentJsonListError(node: INode, method: string, path: string, known: { list: string; probe: string; checked: string }): NodeApiError {
	return new NodeApiError(node, { status: 404 } as JsonObject, {
		message: `Kickserv did not answer as this node assumes: ${known.list} is offered in JSON by this Kickserv`,
		description: `${method} ${path} answered 404, but the same credential reads ${known.probe}, so ${known.checked} is right. This Kickserv seems not to offer ${known.list} in JSON (perhaps only in its XML form, or not on this plan); the node cannot use it. See "Assumptions" in the package README.`,
		httpCode: '404',
	});
}

/**
 * An error in what the workflow gave (a parameter, the credential, a record that is not what the
 * operation takes), found by the node itself: Kickserv said nothing. n8n's RoutingNode wraps any error
 * of a declarative node's request phase that is not a NodeApiError in a NodeApiError with the code
 * "none", which the editor then shows under "From Kickserv, Error code none" as if Kickserv had
 * answered; it passes a NodeApiError through unchanged (n8n-workflow 1.x and 2.x). So for the action
 * node (and its tool) such an error is raised as a NodeApiError that carries no HTTP code, status or
 * messages of its own: the editor shows its message and description and no "From Kickserv" details.
 * The trigger, which RoutingNode does not run, gets a NodeOperationError.
 */
export function inputError(
	node: INode,
	message: string,
	options: { description?: string; itemIndex?: number } = {},
): NodeApiError | NodeOperationError {
	if (/trigger$/i.test(node.type)) return new NodeOperationError(node, message, options);
	return new NodeApiError(node, { message }, { message, description: options.description, itemIndex: options.itemIndex });
}
