/**
 * Opportunities: an opportunity is a job whose status is `new` [doc]; marking it won or lost ends it
 * (status `won` / `lost` [inf]). `/opportunities.json` lists them newest first, filtered by `status` and
 * `job_type_id`; POST creates a job and sets it to `new`, as Kickserv's own guidance does through two
 * calls [doc].
 */
import { FieldErrors, NotFoundError } from '../errors';
import { normPage } from '../paging';
import type { AccountDb, JobRow, WriteMeta } from './db';
import type { Jobs } from './jobs';
import type { JobRecord } from './records';
import { intOrNull, type Attrs } from './values';

export const OPPORTUNITY_STATUSES = ['new', 'won', 'lost'] as const;

export class Opportunities {
	constructor(
		private readonly db: AccountDb,
		private readonly jobs: Jobs,
	) {}

	/** One page of opportunities (new, won and lost jobs unless `status` says which), newest first. */
	queryOpportunities(query: { status?: string; job_type_id?: string }, page: number, size: number): JobRecord[] {
		page = normPage(page);
		const statuses = query.status ? query.status.split(',').map((s) => s.trim()) : [...OPPORTUNITY_STATUSES];
		const type = query.job_type_id === undefined || query.job_type_id === '' ? undefined : intOrNull(query.job_type_id);
		const start = (page - 1) * size;
		const out: JobRecord[] = [];
		let seen = 0;
		for (let i = this.db.jobOrder.length - 1; i >= 0 && out.length < size; i--) {
			const j = this.db.jobOrder[i];
			if (!statuses.includes(j.status)) continue;
			if (type !== undefined && j.job_type_id !== type) continue;
			if (seen >= start) out.push(this.jobs.jobOut(j, {}));
			seen++;
		}
		return out;
	}

	/** POST /opportunities.json: a job for the customer, then status `new`. */
	createOpportunity(customerNumber: number | string | null | undefined, attrs: Attrs, meta?: WriteMeta): JobRecord {
		const job = this.jobs.createJob(customerNumber, { ...attrs, status: undefined }, meta);
		return this.jobs.updateJob(job.job_number, { status: 'new' }, meta);
	}

	/**
	 * Marks an opportunity won or lost. Repeating the same mark answers the record again (a retried PUT
	 * changes nothing); a job that is no opportunity, or one already ended the other way, is refused.
	 */
	markOpportunity(number: number, outcome: 'won' | 'lost', meta?: WriteMeta): JobRecord {
		const job = this.db.jobsByNumber.get(number);
		if (!job) throw new NotFoundError('opportunity', number);
		if (job.status !== outcome) {
			const errors = new FieldErrors();
			if (job.status !== 'new') errors.add('status', `is ${job.status}: only a new opportunity can be marked ${outcome}`);
			errors.throwIfAny();
			this.endOpportunity(job, outcome, this.db.nowMs(meta));
		}
		return this.jobs.jobOut(job, {});
	}

	/** True when the job exists and is (or was) an opportunity. */
	isOpportunity(number: number): boolean {
		const job = this.db.jobsByNumber.get(number);
		return !!job && (OPPORTUNITY_STATUSES as ReadonlyArray<string>).includes(job.status);
	}

	private endOpportunity(job: JobRow, outcome: 'won' | 'lost', ms: number): void {
		job.status = outcome;
		job.updatedMs = ms;
	}
}
