/** `/invoices.json?invoice_status=paid|unpaid&page=N`: invoices beside `total_balance_remaining` [doc]. */
import { pageSlice } from '../paging';
import { first, missing, page, pickedList, type Ctx, type Reply } from './context';

export function invoiceRoutes(ctx: Ctx): Reply {
	if (ctx.segs.length !== 1 || ctx.method !== 'GET') throw missing(ctx, 'route');
	const status = first(ctx.query.invoice_status);
	if (status === 'unpaid' && ctx.options.unpaidPartPaid === 'left-out') {
		// a server on which a job paid in part is on neither list: the unpaid ones without any payment
		const all = ctx.store.queryInvoices(status, 1, Number.MAX_SAFE_INTEGER).invoices.filter((i) => i.balance_remaining === i.total);
		const total = all.reduce((sum, i) => sum + Math.round(Number(i.balance_remaining) * 100), 0);
		return pickedList(ctx, 'invoices', pageSlice(all, page(ctx), ctx.options.listPageSize), { total_balance_remaining: (total / 100).toFixed(2) });
	}
	const { invoices, totalBalanceRemaining } = ctx.store.queryInvoices(status, page(ctx), ctx.options.listPageSize);
	return pickedList(ctx, 'invoices', invoices, { total_balance_remaining: totalBalanceRemaining });
}
