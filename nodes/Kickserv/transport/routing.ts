import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodePropertyRouting,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { inputError } from './errors';

import { assumptionError } from './errors';
import { recordFilter, type FilterRule } from './filters';
import { locatorNumber, type LocatorKind } from './locator';
import { DEFAULT_IN_FLIGHT, inFlightOption } from './parallel';
import { isEmptyRecord, unwrapRecord, type ListKey, type PagingStyle, type RecordKey } from './paging';
import { getAccount, kickservList, kickservRequest, type KickservRequest } from './request';
import { checkOptionValues, parameterGetter, registeredProperties } from './options';
import { stripSecrets } from './secrets';
import { positiveInteger } from './validate';

/**
 * The glue between a declarative operation and the transport.
 *
 * Each operation's `routing` comes from `route()`: n8n's RoutingNode evaluates the URL and every
 * field's `send` mapping (query and body) as usual, runs the `preSend` checks, and then hands the
 * prepared request to the function registered as `operations.pagination`. That function is the
 * transport: it pages lists by Kickserv's rules, unwraps envelopes, retries where safe, and maps
 * errors. (RoutingNode applies no retries and cannot page by Kickserv's end rules on its own.)
 */

export type OperationRunner = (
	this: IExecutePaginationFunctions,
	request: KickservRequest,
	limit: number | undefined,
) => Promise<IDataObject[]>;

export interface OperationSpec {
	method: IHttpRequestMethods;
	/** Path under the account; `{name}` placeholders are filled from parameters, checked first. */
	url: string;
	/** The reply is one record, wrapped in this key or bare. */
	record?: RecordKey | readonly RecordKey[];
	/** The reply is a paged list. */
	list?: { key: ListKey; style: PagingStyle; dropEmptyRecords?: boolean; filters?: readonly FilterRule[] };
	/** Anything else: the operation's own steps, through the transport. */
	run?: OperationRunner;
	/** Extra checks, run before any request. */
	preSend?: PreSendAction[];
}

/** Display names of the parameters that fill path placeholders, for error messages. */
const PLACEHOLDER_LABELS: Record<string, string> = {
	customer: 'Customer',
	job: 'Job',
	noteId: 'Note ID',
	paymentId: 'Payment ID',
	taskId: 'Task ID',
	chargeId: 'Job Charge ID',
};

const LOCATOR_KINDS: Record<string, LocatorKind> = { customer: 'customers', job: 'jobs' };

/** Whether the node runs as an AI tool (n8n's `kickservTool` variant, attached to an agent or an MCP Server Trigger). */
export const isToolMode = (context: Pick<IExecuteSingleFunctions, 'getNode'>): boolean => context.getNode().type.endsWith('Tool');

/** Throws the checker's message as an input error (errors.ts `inputError`), before any request is sent. */
export function check<T>(context: Pick<IExecuteSingleFunctions, 'getNode'> & Partial<Pick<IExecuteSingleFunctions, 'getItemIndex'>>, fn: () => T): T {
	let failure: unknown;
	try {
		return fn();
	} catch (error) {
		failure = error;
	}
	if (failure instanceof NodeOperationError || failure instanceof NodeApiError) throw failure;
	throw inputError(context.getNode(), (failure as Error).message, {
		itemIndex: context.getItemIndex?.(),
		description: 'Nothing was sent to Kickserv.',
	});
}

/**
 * Every options parameter shown for this operation holds one of its listed values (an expression may
 * give anything): checked first, so that a bad value never picks another branch of a request.
 */
export async function checkOptions(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	check(this, () => checkOptionValues(registeredProperties(), parameterGetter(this), { singleAsList: true, emptyIsUnset: isToolMode(this) }));
	return options;
}

/** Without the values that are "" (one level into each object). */
function withoutEmpty<T>(value: T): T {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
	const out: IDataObject = {};
	for (const [key, inner] of Object.entries(value as IDataObject)) {
		if (inner === '') continue;
		out[key] = inner && typeof inner === 'object' && !Array.isArray(inner) ? withoutEmpty(inner) : inner;
	}
	return out as T;
}

/**
 * In tool mode, a field that is "" was not given: `$fromAI('key', 'description', 'string', '')` is how a
 * workflow keeps a field optional for the model (n8n makes every `$fromAI` key without a default
 * required), so "" must leave the field as it is rather than blank it.
 */
export async function dropEmptyToolFields(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	if (!isToolMode(this)) return options;
	return { ...options, qs: withoutEmpty(options.qs), body: withoutEmpty(options.body) };
}

/** Fills `{customer}`, `{job}`, `{noteId}`, `{paymentId}` in the URL with checked numbers. */
export async function resolvePath(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const placeholders = [...String(options.url).matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
	if (!placeholders.length) return options;
	const account = await getAccount.call(this);
	let url = String(options.url);
	for (const name of placeholders) {
		const label = PLACEHOLDER_LABELS[name] ?? name;
		// an ID picker (task, charge) holds `{__rl, mode, value}`; a customer or job locator is read whole (By URL)
		const given = this.getNodeParameter(name, undefined);
		const raw = !LOCATOR_KINDS[name] && typeof given === 'object' && given !== null && '__rl' in given ? (given as { value?: unknown }).value : given;
		const kind = LOCATOR_KINDS[name];
		const number = check(this, () =>
			kind ? locatorNumber(raw, kind, label, account) : positiveInteger(raw, label),
		);
		url = url.replace(`{${name}}`, String(number));
	}
	return { ...options, url };
}

export { stripSecrets } from './secrets';

/** A yes/no parameter (checked first by `checkOptions`): true, or "true" from an expression. */
const isTrue = (value: unknown) => value === true || value === 'true';

/** Pages in flight for Return All (the "Pages in Parallel" option, checked); with a Limit, one at a time. */
export function pagesInFlight(this: IExecuteSingleFunctions, limit: number | undefined): number | undefined {
	if (limit !== undefined) return undefined;
	return check(this, () => inFlightOption(this.getNodeParameter('pagesInParallel', DEFAULT_IN_FLIGHT)));
}

/** The most records one tool call returns with a Limit: a model's context is the limit. */
export const TOOL_MAX_LIMIT = 100;

/** The Limit, checked; in tool mode at most TOOL_MAX_LIMIT. */
function limitOf(context: IExecutePaginationFunctions): number {
	const limit = positiveInteger(context.getNodeParameter('limit', undefined), 'Limit');
	if (limit > TOOL_MAX_LIMIT && isToolMode(context)) {
		throw new Error(
			`Limit must be at most ${TOOL_MAX_LIMIT} when Kickserv runs as an AI tool (got ${limit}): ask for ${TOOL_MAX_LIMIT} or fewer and narrow the list with filters`,
		);
	}
	return limit;
}

const hasBody = (method: string) => method === 'POST' || method === 'PUT' || method === 'PATCH';

function runner(spec: OperationSpec) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const { options } = requestData;
		const request: KickservRequest = {
			method: (options.method ?? spec.method) as IHttpRequestMethods,
			path: String(options.url),
			qs: options.qs && Object.keys(options.qs).length ? options.qs : undefined,
			body: hasBody(spec.method) ? ((options.body as IDataObject) ?? {}) : undefined,
			transport: {
				timeout: options.timeout,
				proxy: options.proxy,
				skipSslCertificateValidation: options.skipSslCertificateValidation === true || options.skipSslCertificateValidation === 'true',
			},
		};
		// Limit applies when the operation has Return All and it is off (read here, not from
		// RoutingNode's maxResults, which drops a Limit of 0)
		const limit = !isTrue(this.getNodeParameter('returnAll', true)) ? check(this, () => limitOf(this)) : undefined;
		let records: IDataObject[];
		if (spec.run) {
			records = await spec.run.call(this, request, limit);
		} else if (spec.list) {
			const inFlight = pagesInFlight.call(this, limit);
			const { filters, ...list } = spec.list;
			const keep = filters && recordFilter(this.getNode(), request.path, request.qs, filters);
			records = await kickservList.call(this, { ...list, path: request.path, qs: request.qs, limit, transport: request.transport, inFlight, keep });
			if (spec.list.dropEmptyRecords) records = records.filter((record) => !isEmptyRecord(record));
		} else {
			const reply = await kickservRequest.call(this, request);
			records = [spec.record ? unwrapRecord(reply.body, spec.record) : ((reply.body ?? {}) as IDataObject)];
			if (spec.record && (request.method === 'POST' || request.method === 'PUT')) writtenRecord(this.getNode(), records[0], request.method, request.path);
		}
		let items: INodeExecutionData[] = records.map((record) => ({ json: stripSecrets(record) }));
		const response = { statusCode: 200, headers: {}, body: {} };
		for (const { actions } of requestData.postReceive) {
			for (const action of actions) {
				if (typeof action === 'function') items = await action.call(this, items, response);
			}
		}
		return items;
	};
}

/**
 * A create or change answers with the record [doc] (Kickserv's XML documentation: "returns the new
 * customer"): one without its `id` (a bare `{"message": …}`, say) is not a silent success. Throws the
 * guess named; after a POST the record may exist all the same.
 */
export function writtenRecord(node: INode, record: IDataObject, method: string, path: string): void {
	if (record.id !== undefined && record.id !== null && record.id !== '') return;
	throw assumptionError(
		node,
		`a ${method === 'POST' ? 'create' : 'change'} answers with the record`,
		`${method} ${path} answered without an "id" (keys: ${Object.keys(record).join(', ') || 'none'}).`,
		method === 'POST' ? 'The record may have been created all the same: check Kickserv before running this again, or it may be created twice.' : 'The change may have been made: check the record in Kickserv.',
	);
}

/** The routing of one operation. See the note at the top of this file. */
export function route(spec: OperationSpec): INodePropertyRouting {
	return {
		request: { method: spec.method, url: spec.url },
		send: { paginate: true, preSend: [checkOptions, resolvePath, dropEmptyToolFields, ...(spec.preSend ?? [])] },
		operations: { pagination: runner(spec) },
	};
}

/**
 * A DELETE whose reply may be the deleted record, a `{message}` or 204 No Content (Kickserv's answer is
 * documented only for some resources): the output is `{deleted: true, ...the record when sent, id}`.
 */
export const deleteRecord = (key: RecordKey): OperationRunner =>
	async function (request) {
		const reply = await kickservRequest.call(this, request);
		let record: IDataObject = {};
		try {
			record = unwrapRecord(reply.body, key);
		} catch {
			// no record in the reply (204, or a plain message): the delete itself succeeded
		}
		if (Object.keys(record).length === 1 && 'message' in record) record = {};
		return [{ deleted: true, ...record, id: record.id ?? Number(request.path.match(/(\d+)\.json$/)?.[1]) }];
	};

/** A preSend that runs a pure check over parameters (field-named errors, nothing sent). */
export function validate(
	fn: (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => IHttpRequestOptions | void,
): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		return check(this, () => fn.call(this, options) ?? options);
	};
}

/** An Update must change something: refused before any request when `body[root]` is empty. */
export const requireUpdateFields = (root: RecordKey) =>
	validate(function (options) {
		const fields = (options.body as IDataObject | undefined)?.[root] as IDataObject | undefined;
		if (!fields || !Object.keys(fields).length) {
			throw new Error('Update Fields is empty: add at least one field to change');
		}
	});

/** The job number of the operation's Job picker (job charges, time entries), when it has one. */
function pickedJobNumber(context: IExecuteSingleFunctions): number | undefined {
	try {
		const value = context.getNodeParameter('job', undefined, { extractValue: true });
		return /^\s*\d+\s*$/.test(String(value)) ? Number(value) : undefined;
	} catch {
		return undefined; // no Job parameter on this operation
	}
}

/** Keeps only the fields a person reads, when the operation's Simplify switch is on. */
export function simplify(fields: readonly string[]) {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		if (!isTrue(this.getNodeParameter('simplify', false))) return items;
		const jobNumber = fields.includes('job_id') && !fields.includes('job_number') ? pickedJobNumber(this) : undefined;
		return items.map((item) => {
			const json: IDataObject = {};
			for (const field of fields) {
				if (field in item.json) json[field] = item.json[field];
				// the number people know beside the internal id, when the operation was given the job
				if (field === 'job_id' && jobNumber !== undefined && 'job_id' in item.json) json.job_number = jobNumber;
			}
			return { ...item, json };
		});
	};
}
