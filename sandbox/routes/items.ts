/** `/items.json`: the catalog, paged with `page=` at the list page size [inf]. */
import { missing, page, pickedList, type Ctx, type Reply } from './context';

export function itemRoutes(ctx: Ctx): Reply {
	// (a server that offers the catalog in XML only answers the JSON path 404)
	if (ctx.segs.length !== 1 || ctx.method !== 'GET' || ctx.options.jsonLists === 'documented') throw missing(ctx, 'route');
	return pickedList(ctx, 'items', ctx.store.pageItems(page(ctx), ctx.options.listPageSize));
}
