import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { kickservList, kickservRequest } from '../transport/request';
import { unwrapRecord } from '../transport/paging';

/**
 * The trigger's reads of one job by number: the job itself (`/jobs/{n}.json`) and its payments
 * (`/jobs/{n}/payments.json`). Each read has one switch for what a 404 means: by default it fails as it
 * came (a NodeApiError with Kickserv's status); with `GONE_IS_UNDEFINED` it says the job is not there
 * any more (deleted) and the read gives `undefined`. Every other failure goes on as it came either way.
 */

/** The switch: a 404 means the job is gone, and the read gives `undefined`. */
export const GONE_IS_UNDEFINED = 'gone-is-undefined';
type IfGone = typeof GONE_IS_UNDEFINED | undefined;

async function unlessGone<T>(read: Promise<T>, ifGone: IfGone): Promise<T | undefined> {
	if (ifGone !== GONE_IS_UNDEFINED) return await read;
	return await read.catch(async (error: unknown) =>
		error instanceof NodeApiError && error.httpCode === '404' ? undefined : await Promise.reject(error),
	);
}

/** The whole job by number (or undefined when it is gone, with `GONE_IS_UNDEFINED`). */
export async function readJob(context: IPollFunctions, jobNumber: number): Promise<IDataObject>;
export async function readJob(context: IPollFunctions, jobNumber: number, ifGone: IfGone): Promise<IDataObject | undefined>;
export async function readJob(context: IPollFunctions, jobNumber: number, ifGone?: IfGone): Promise<IDataObject | undefined> {
	const reply = await unlessGone(kickservRequest.call(context, { method: 'GET', path: `/jobs/${jobNumber}.json` }), ifGone);
	return reply && unwrapRecord(reply.body, 'job');
}

/** A job's payments, every page (or undefined when the job is gone, with `GONE_IS_UNDEFINED`). */
export async function readPayments(context: IPollFunctions, jobNumber: number): Promise<IDataObject[]>;
export async function readPayments(context: IPollFunctions, jobNumber: number, ifGone: IfGone): Promise<IDataObject[] | undefined>;
export async function readPayments(context: IPollFunctions, jobNumber: number, ifGone?: IfGone): Promise<IDataObject[] | undefined> {
	return await unlessGone(kickservList.call(context, { path: `/jobs/${jobNumber}/payments.json`, key: 'payments', style: 'page' }), ifGone);
}
