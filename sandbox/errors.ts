/**
 * The sandbox's errors, shared by the store and the routes: the store throws ValidationError (422 with
 * field messages) and NotFoundError; the routes throw HttpError; the server renders any of them in the
 * configured error shape.
 */
import * as http from 'http';

export type ErrorShape = 'errors-array' | 'errors-object' | 'error-string' | 'text' | 'xml';

/** Thrown on invalid input; the server answers 422 with `messages` (and `fields` for keyed error shapes). */
export class ValidationError extends Error {
	readonly messages: string[];
	readonly fields: Record<string, string[]>;
	constructor(messages: string[], fields?: Record<string, string[]>) {
		super(messages.join(', '));
		this.name = 'ValidationError';
		this.messages = messages;
		this.fields = fields ?? { base: messages.slice() };
	}
}

export type NotFoundEntity = 'customer' | 'job' | 'note' | 'payment' | 'job_charge' | 'task' | 'time_entry' | 'opportunity';

/** Thrown by update/delete/create-under-parent when the record (or parent) does not exist. */
export class NotFoundError extends Error {
	readonly entity: NotFoundEntity;
	readonly key: number;
	constructor(entity: NotFoundEntity, key: number) {
		super(`${entity} ${key} not found`);
		this.name = 'NotFoundError';
		this.entity = entity;
		this.key = key;
	}
}

function humanize(field: string): string {
	const s = field.replace(/_id$/, '').replace(/_/g, ' ');
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Collects Rails-style field errors ("Name can't be blank") and throws them together. */
export class FieldErrors {
	readonly messages: string[] = [];
	readonly fields: Record<string, string[]> = {};
	add(field: string, message: string): void {
		this.messages.push(`${humanize(field)} ${message}`);
		(this.fields[field] ??= []).push(message);
	}
	throwIfAny(): void {
		if (this.messages.length) throw new ValidationError(this.messages, this.fields);
	}
}

/** An HTTP error answer (status, messages, optional per-field messages and headers). */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly messages: string[],
		readonly fields?: Record<string, string[]>,
		readonly headers?: Record<string, string>,
	) {
		super(messages.join(', '));
	}
}

const FAULT_MESSAGES: Record<number, string> = {
	400: 'Bad request',
	401: 'HTTP Basic: Access denied.',
	403: 'Forbidden',
	404: 'Not found',
	408: 'Request timeout',
	429: 'Rate limit exceeded',
	500: 'Internal server error',
	502: 'Bad gateway',
	503: 'Service unavailable',
	504: 'Gateway timeout',
};

/** The message an injected status fault answers with. */
export function faultMessage(status: number): string {
	return FAULT_MESSAGES[status] ?? http.STATUS_CODES[status] ?? 'Error';
}

/** 404 "Not found", or (notFoundStatus 400, older recordings) 400 "Invalid customer." / "Invalid job.". */
export function notFound(entity: NotFoundEntity | 'route', notFoundStatus: 404 | 400): HttpError {
	if (notFoundStatus === 400) {
		if (entity === 'customer') return new HttpError(400, ['Invalid customer.']);
		if (entity === 'job') return new HttpError(400, ['Invalid job.']);
	}
	return new HttpError(404, ['Not found']);
}

export function toHttpError(err: unknown, notFoundStatus: 404 | 400): HttpError {
	if (err instanceof HttpError) return err;
	if (err instanceof ValidationError) return new HttpError(422, err.messages, err.fields);
	if (err instanceof NotFoundError) return notFound(err.entity, notFoundStatus);
	return new HttpError(500, ['Internal server error']);
}

function xmlEscape(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The error body and its content type in the configured shape. */
export function renderError(err: HttpError, shape: ErrorShape): { text: string; type: string } {
	const M = err.messages;
	switch (shape) {
		case 'errors-object':
			return {
				text: JSON.stringify({ errors: err.status === 422 && err.fields ? err.fields : { base: M } }),
				type: 'application/json; charset=utf-8',
			};
		case 'error-string':
			return { text: JSON.stringify({ error: M.join(', ') }), type: 'application/json; charset=utf-8' };
		case 'text':
			return { text: M.join(', '), type: 'text/plain; charset=utf-8' };
		case 'xml':
			return {
				text:
					'<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n' +
					M.map((m) => `  <error>${xmlEscape(m)}</error>\n`).join('') +
					'</errors>\n',
				type: 'application/xml; charset=utf-8',
			};
		default:
			return { text: JSON.stringify({ errors: M }), type: 'application/json; charset=utf-8' };
	}
}
