/**
 * Opportunities layer of the store: an opportunity is a job whose status is `new` [doc]; marking it won
 * or lost ends it (status `won` / `lost` [inf]). `/opportunities.json` lists them newest first, filtered
 * by `status` and `job_type_id`; POST creates a job and sets it to `new`, as Kickserv's own guidance
 * does through two calls [doc].
 */
import { FieldErrors, NotFoundError } from '../errors';
import { normPage } from '../paging';
import type { WriteMeta } from './account';
import { InvoicesLayer } from './invoices';
import type { JobRecord, JobRow } from './jobs';
import { intOrNull, type Attrs } from './values';

export const OPPORTUNITY_STATUSES = ['new', 'won', 'lost'] as const;

export abstract class OpportunitiesLayer extends InvoicesLayer {
	/** One page of opportunities (new, won and lost jobs unless `status` says which), newest first. */
	queryOpportunities(query: { status?: string; job_type_id?: string }, page: number, size: number): JobRecord[] {
		page = normPage(page);
		const statuses = query.status ? query.status.split(',').map((s) => s.trim()) : [...OPPORTUNITY_STATUSES];
		const type = query.job_type_id === undefined || query.job_type_id === '' ? undefined : intOrNull(query.job_type_id);
		const start = (page - 1) * size;
		const out: JobRecord[] = [];
		let seen = 0;
		for (let i = this.jobOrder.length - 1; i >= 0 && out.length < size; i--) {
			const j = this.jobOrder[i];
			if (!statuses.includes(j.status)) continue;
			if (type !== undefined && j.job_type_id !== type) continue;
			if (seen >= start) out.push(this.jobOut(j, {}));
			seen++;
		}
		return out;
	}

	/** POST /opportunities.json: a job for the customer, then status `new`. */
	createOpportunity(customerNumber: number | string | null | undefined, attrs: Attrs, meta?: WriteMeta): JobRecord {
		const job = this.createJob(customerNumber, { ...attrs, status: undefined }, meta);
		return this.updateJob(job.job_number, { status: 'new' }, meta);
	}

	/**
	 * Marks an opportunity won or lost. Repeating the same mark answers the record again (a retried PUT
	 * changes nothing); a job that is no opportunity, or one already ended the other way, is refused.
	 */
	markOpportunity(number: number, outcome: 'won' | 'lost', meta?: WriteMeta): JobRecord {
		const job = this.jobsByNumber.get(number);
		if (!job) throw new NotFoundError('opportunity', number);
		if (job.status !== outcome) {
			const errors = new FieldErrors();
			if (job.status !== 'new') errors.add('status', `is ${job.status}: only a new opportunity can be marked ${outcome}`);
			errors.throwIfAny();
			this.endOpportunity(job, outcome, this.nowMs(meta));
		}
		return this.jobOut(job, {});
	}

	/** True when the job exists and is (or was) an opportunity. */
	isOpportunity(number: number): boolean {
		const job = this.jobsByNumber.get(number);
		return !!job && (OPPORTUNITY_STATUSES as ReadonlyArray<string>).includes(job.status);
	}

	private endOpportunity(job: JobRow, outcome: 'won' | 'lost', ms: number): void {
		job.status = outcome;
		job.updatedMs = ms;
	}
}
