/** A job's time entries: `/jobs/N/time_entries.json` GET and POST [3p] (no update or delete is known). */
import { missing, page, pickedList, record, root, type Ctx, type Reply } from './context';

export function timeEntryRoutes(ctx: Ctx, jobNumber: number, idSeg: string | undefined): Reply {
	const { method, store } = ctx;
	// (a server that offers time entries in XML only answers the JSON path 404)
	if (idSeg !== undefined || ctx.options.jsonLists === 'documented') throw missing(ctx, 'route');
	if (method === 'GET') return pickedList(ctx, 'time_entries', store.pageTimeEntries(jobNumber, page(ctx), ctx.options.listPageSize));
	if (method === 'POST') return record(ctx, 'time_entry', store.logTimeEntry(jobNumber, root(ctx, 'time_entry')));
	throw missing(ctx, 'route');
}
