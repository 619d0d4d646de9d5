/**
 * `/opportunities.json` (GET paged with `status`, `job_type_id`; POST a job that becomes `new`) and
 * `/opportunities/N/mark_as_won.json` / `mark_as_lost.json` (PUT) [doc].
 */
import { first, missing, page, pathNumber, pickedList, record, root, type Ctx, type Reply } from './context';

export function opportunityRoutes(ctx: Ctx): Reply {
	const [, b, c] = ctx.segs;
	const { method, store } = ctx;
	if (b === undefined) {
		if (method === 'GET') {
			const query = { status: first(ctx.query.status), job_type_id: first(ctx.query.job_type_id) };
			return pickedList(ctx, 'opportunities', store.queryOpportunities(query, page(ctx), ctx.options.listPageSize));
		}
		if (method === 'POST') {
			const cn = ctx.body.customer_number;
			return record(ctx, 'job', store.createOpportunity(typeof cn === 'number' || typeof cn === 'string' ? cn : null, root(ctx, 'job')));
		}
		throw missing(ctx, 'route');
	}
	if ((c === 'mark_as_won' || c === 'mark_as_lost') && ctx.segs.length === 3 && method === 'PUT') {
		const n = pathNumber(b);
		if (Number.isNaN(n) || !store.hasJob(n)) throw missing(ctx, 'job');
		return record(ctx, ctx.options.opportunityKey, store.markOpportunity(n, c === 'mark_as_won' ? 'won' : 'lost'));
	}
	throw missing(ctx, 'route');
}
