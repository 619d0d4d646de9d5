/**
 * A job's charges: `/jobs/N/job_charges.json` (GET [inf], POST [3p][doc]) and
 * `/jobs/N/job_charges/ID.json` (PUT, DELETE [inf]; the DELETE answer per `options.deleteReply`).
 */
import { deleted, missing, page, pathNumber, pickedList, record, root, type Ctx, type Reply } from './context';

export function jobChargeRoutes(ctx: Ctx, jobNumber: number, idSeg: string | undefined): Reply {
	const { method, store } = ctx;
	if (idSeg === undefined) {
		if (method === 'GET') return pickedList(ctx, 'job_charges', store.pageJobCharges(jobNumber, page(ctx), ctx.options.listPageSize));
		if (method === 'POST') return record(ctx, 'job_charge', store.addJobCharge(jobNumber, root(ctx, 'job_charge')));
		throw missing(ctx, 'route');
	}
	const id = pathNumber(idSeg);
	if (Number.isNaN(id) || !store.hasJobCharge(jobNumber, id)) throw missing(ctx, 'job_charge');
	if (method === 'PUT') return record(ctx, 'job_charge', store.updateJobCharge(jobNumber, id, root(ctx, 'job_charge')));
	if (method === 'DELETE') return deleted(ctx, 'job_charge', store.deleteJobCharge(jobNumber, id), 'Job charge successfully deleted');
	throw missing(ctx, 'route');
}
