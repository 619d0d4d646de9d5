/** `/items.json`: the catalog, paged with `page=` at the list page size [inf]. */
import { list, missing, only, page, pick, type Ctx, type Reply } from './context';

export function itemRoutes(ctx: Ctx): Reply {
	if (ctx.segs.length !== 1 || ctx.method !== 'GET') throw missing(ctx, 'route');
	const keys = only(ctx);
	return list(
		ctx,
		'items',
		ctx.store.pageItems(page(ctx), ctx.options.listPageSize).map((i) => pick(i, keys, [])),
	);
}
