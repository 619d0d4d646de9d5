/** `/invoices.json?invoice_status=paid|unpaid&page=N`: invoices beside `total_balance_remaining` [doc]. */
import { first, missing, page, pickedList, type Ctx, type Reply } from './context';

export function invoiceRoutes(ctx: Ctx): Reply {
	if (ctx.segs.length !== 1 || ctx.method !== 'GET') throw missing(ctx, 'route');
	const { invoices, totalBalanceRemaining } = ctx.store.queryInvoices(first(ctx.query.invoice_status), page(ctx), ctx.options.listPageSize);
	return pickedList(ctx, 'invoices', invoices, { total_balance_remaining: totalBalanceRemaining });
}
