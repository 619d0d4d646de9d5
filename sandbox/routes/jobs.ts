/**
 * `/jobs.json` (newest first, `per_page` honoured up to a cap, filters, `include=`/`only=`,
 * `total_balance_remaining`), `/jobs/N.json`, a job's notes, payments, charges, time entries and tasks,
 * and a customer's jobs
 * (`/customers/N/jobs[/M].json`, fixed page size).
 */
import { parsePerPage } from '../paging';
import type { JobQuery, ParentRef } from '../store';
import { all, first, include, jobNumber, list, missing, only, page, pathNumber, pick, record, root, type Ctx, type Reply } from './context';
import { jobChargeRoutes } from './charges';
import { noteRoutes } from './notes';
import { paymentRoutes } from './payments';
import { jobTasks } from './tasks';
import { timeEntryRoutes } from './timeEntries';

export function jobRoutes(ctx: Ctx): Reply {
	const [, b, c, d] = ctx.segs;
	const { method, store } = ctx;
	if (b === undefined) {
		if (method === 'GET') return jobList(ctx, parsePerPage(first(ctx.query.per_page), ctx.options.defaultPerPage, ctx.options.maxPerPage));
		if (method === 'POST') return record(ctx, 'job', store.createJob(customerNumberParam(ctx.body.customer_number), root(ctx, 'job')));
		throw missing(ctx, 'route');
	}
	const jn = jobNumber(ctx, b);
	if (c === undefined) {
		if (method === 'GET') return record(ctx, 'job', store.getJob(jn, { embed: true, include: include(ctx) }));
		if (method === 'PUT') return record(ctx, 'job', store.updateJob(jn, root(ctx, 'job')));
		throw missing(ctx, 'route');
	}
	const parent: ParentRef = { type: 'Job', number: jn };
	if (c === 'notes') return noteRoutes(ctx, parent, d);
	if (c === 'payments') return paymentRoutes(ctx, parent, d);
	if (c === 'job_charges') return jobChargeRoutes(ctx, jn, d);
	if (c === 'time_entries') return timeEntryRoutes(ctx, jn, d);
	if (c === 'tasks') return jobTasks(ctx, jn, d);
	throw missing(ctx, 'route');
}

/** `/customers/N/jobs.json` (list, create) and `/customers/N/jobs/M.json` (get, update, delete). */
export function customerJobs(ctx: Ctx, cn: number, seg: string | undefined): Reply {
	const { method, store } = ctx;
	if (seg === undefined) {
		if (method === 'GET') return jobList(ctx, ctx.options.listPageSize, cn); // per_page ignored here
		if (method === 'POST') return record(ctx, 'job', store.createJob(cn, root(ctx, 'job')));
		throw missing(ctx, 'route');
	}
	const jn = pathNumber(seg);
	if (Number.isNaN(jn) || store.jobOwner(jn) !== cn) throw missing(ctx, 'job');
	if (method === 'GET') return record(ctx, 'job', store.getJob(jn, { embed: true, include: include(ctx) }));
	if (method === 'PUT') return record(ctx, 'job', store.updateJob(jn, root(ctx, 'job')));
	if (method === 'DELETE') return record(ctx, 'job', store.deleteJob(jn));
	throw missing(ctx, 'route');
}

function customerNumberParam(v: unknown): number | string | null {
	if (typeof v === 'number' || typeof v === 'string') return v;
	return null;
}

function jobQuery(ctx: Ctx): JobQuery {
	const q: JobQuery = {};
	const statuses = all(ctx.query.status)
		.concat(all(ctx.query['status[]']))
		.flatMap((s) => s.split(','))
		.map((s) => s.trim())
		.filter(Boolean);
	if (statuses.length) q.status = statuses;
	for (const k of ['job_type_id', 'job_status_id', 'employee_number', 'scheduled'] as const) {
		const v = first(ctx.query[k]);
		if (v !== undefined && v !== '') q[k] = v;
	}
	return q;
}

/** A page of jobs (all, or one customer's), filtered, with include/only applied. */
function jobList(ctx: Ctx, perPage: number, customerNumber?: number): Reply {
	const included = include(ctx);
	const { jobs, totalBalanceRemaining } = ctx.store.queryJobs(jobQuery(ctx), page(ctx), perPage, {
		include: included,
		customerNumber,
		oldestFirst: ctx.options.jobOrder === 'oldest-first',
	});
	const keys = only(ctx);
	return list(
		ctx,
		'jobs',
		jobs.map((j) => pick(j, keys, included)),
		{ total_balance_remaining: totalBalanceRemaining },
	);
}
