import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { assumptionError } from '../transport/errors';
import { statusKey } from '../transport/filters';
import { kickservList } from '../transport/request';
import type { WindowJob } from './cursor';

/**
 * The account-wide views that let the trigger see jobs of any age (Watch: Every Open Job):
 * - `/invoices.json?invoice_status=unpaid` [doc]: every job that owes money, whatever its age;
 * - `/tasks/job_list.json` [doc]: every active job (not canceled, lost or complete) with its status.
 *
 * Their item keys and paging are [inf]: each reply is checked, and one that lacks what the trigger
 * needs stops the poll with an error naming the guess, rather than watching an incomplete list.
 */

const INVOICE_FIELDS = 'id,job_number,updated_at,balance_remaining,total,status,invoice_status';

const num = (value: unknown) => Number(value);
const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/** What to do about a guess on an account-wide list that failed. */
const WATCH_RECENT = 'Set Watch to Recent Jobs Only to watch only the most recent jobs.';

/** A list item without a key the trigger needs: the guess named, with the item's keys (never values). */
export function requireKeys(context: IPollFunctions, item: IDataObject, keys: string[], list: string, advice = WATCH_RECENT): void {
	const missing = keys.filter((key) => !present(item[key]));
	if (!missing.length) return;
	throw assumptionError(
		context.getNode(),
		`the items of ${list} carry ${keys.map((key) => `"${key}"`).join(', ')}`,
		`An item of ${list} has no ${missing.map((key) => `"${key}"`).join(', ')} (its keys: ${Object.keys(item).join(', ') || 'none'}).`,
		`Without it the trigger cannot tell jobs or their changes apart, so it stops rather than miss events. ${advice}`,
	);
}

/**
 * Every unpaid invoice of the account, trimmed to the fields that show a payment. Items that say they
 * are not unpaid (a server ignoring the filter) are left out here.
 */
export async function unpaidJobs(this: IPollFunctions): Promise<WindowJob[]> {
	const records = await kickservList.call(this, {
		path: '/invoices.json',
		key: 'invoices',
		style: 'page',
		qs: { invoice_status: 'unpaid', only: INVOICE_FIELDS },
	});
	const jobs: WindowJob[] = [];
	for (const item of records) {
		requireKeys(this, item, ['id', 'job_number', 'balance_remaining'], '/invoices.json');
		if (present(item.invoice_status) && item.invoice_status !== 'unpaid') {
			if (item.invoice_status === 'paid') continue; // a server that ignores the filter
			throw assumptionError(
				this.getNode(),
				'an invoice is "paid" or "unpaid"',
				`An item of /invoices.json?invoice_status=unpaid says "${String(item.invoice_status)}".`,
				`Jobs in that state might not be watched, so the trigger stops rather than miss their payments. ${WATCH_RECENT}`,
			);
		}
		jobs.push(item as unknown as WindowJob);
	}
	return jobs;
}

/** One item of `/tasks/job_list.json`. */
export interface ActiveJob {
	id: unknown;
	job_number: number;
	name?: unknown;
	status: string;
	updated_at?: unknown;
}

/** Every active job of the account. A server that does not page this short list sends it whole [inf]. */
export async function activeJobs(this: IPollFunctions): Promise<ActiveJob[]> {
	const records = await kickservList.call(this, { path: '/tasks/job_list.json', key: 'jobs', style: 'page', unpagedIsWhole: true });
	for (const item of records) requireKeys(this, item, ['id', 'job_number', 'status'], '/tasks/job_list.json');
	return records.map((item) => ({ ...item, status: statusKey(item.status) })) as unknown as ActiveJob[];
}

/**
 * A job gone from the unpaid list must be paid in full (or deleted): one that still owes money
 * contradicts the guess that a job paid in part stays listed [inf]. Its later payments could not be seen,
 * so the poll stops with an error naming the guess.
 */
export function settledWhenLeft(context: IPollFunctions, jobNumber: number, job: IDataObject): void {
	const balance = Number(job.balance_remaining);
	if (job.invoice_status === 'paid' || !(balance > 0)) return;
	throw assumptionError(
		context.getNode(),
		'a job that still owes money stays on /invoices.json?invoice_status=unpaid (also when paid in part)',
		`Job ${jobNumber} left that list, yet it still owes ${String(job.balance_remaining)} (invoice status "${String(job.invoice_status ?? '')}").`,
		'Its later payments could not be seen, so the trigger stops rather than miss them. Set Watch to Recent Jobs Only to watch only the most recent jobs.',
	);
}

/** Statuses that take a job off the active list. */
export const INACTIVE_STATUSES = new Set(['complete', 'canceled', 'lost']);

export const sameId = (a: unknown, b: unknown) => present(a) && present(b) && num(a) === num(b);
