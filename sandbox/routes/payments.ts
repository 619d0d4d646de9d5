/**
 * A customer's or a job's payments: list (fixed page size, with `meta`), create, and by id update and
 * delete; GET of one answers the record under a job but 204 under a customer (the documented quirk).
 */
import type { ParentRef } from '../store';
import { list, missing, only, page, pathNumber, pick, record, root, type Ctx, type Reply } from './context';

export function paymentRoutes(ctx: Ctx, parent: ParentRef, idSeg: string | undefined): Reply {
	const { store, method } = ctx;
	if (idSeg === undefined) {
		if (method === 'GET') {
			const { payments, meta } = store.pagePayments(parent, page(ctx), ctx.options.listPageSize);
			const keys = only(ctx);
			return list(
				ctx,
				'payments',
				payments.map((p) => pick(p, keys, [])),
				ctx.options.paymentsMeta ? { meta } : {},
			);
		}
		if (method === 'POST') return record(ctx, 'payment', store.createPayment(parent, root(ctx, 'payment')));
		throw missing(ctx, 'route');
	}
	const id = pathNumber(idSeg);
	const owner = Number.isNaN(id) ? undefined : store.paymentOwner(id);
	const owned = !!owner && (parent.type === 'Customer' ? owner.customerNumber === parent.number : owner.jobNumber === parent.number);
	if (!owned) throw missing(ctx, 'payment');
	if (method === 'GET') {
		if (parent.type === 'Customer') return { status: 204 }; // the documented quirk: 204 even when it exists
		return record(ctx, 'payment', store.getPayment(id));
	}
	if (method === 'PUT') return record(ctx, 'payment', store.updatePayment(id, root(ctx, 'payment')));
	if (method === 'DELETE') return record(ctx, 'payment', store.deletePayment(id));
	throw missing(ctx, 'route');
}
