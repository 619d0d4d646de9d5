/**
 * A customer's or a job's notes: list (fixed page size), create, and by id get (no ownership check: the
 * client must check), update (owner only) and delete (any parent's note: the documented oversight).
 */
import type { ParentRef } from '../store';
import { list, missing, only, page, pathNumber, pick, record, root, type Ctx, type Reply } from './context';

export function noteRoutes(ctx: Ctx, parent: ParentRef, idSeg: string | undefined): Reply {
	const { store, method } = ctx;
	if (idSeg === undefined) {
		if (method === 'GET') {
			const keys = only(ctx);
			return list(
				ctx,
				'notes',
				store.pageNotes(parent, page(ctx), ctx.options.listPageSize).map((n) => pick(n, keys, [])),
			);
		}
		if (method === 'POST') return record(ctx, 'note', store.createNote(parent, root(ctx, 'note')));
		throw missing(ctx, 'route');
	}
	const id = pathNumber(idSeg);
	const owner = Number.isNaN(id) ? undefined : store.noteOwner(id);
	if (!owner) throw missing(ctx, 'note');
	if (method === 'GET') return record(ctx, 'note', store.getNote(id)); // no ownership check (client must check)
	if (method === 'DELETE') {
		store.deleteNote(id); // deletes even another parent's note: the documented oversight
		return { status: 200, body: { message: 'Note successfully deleted' } };
	}
	if (method === 'PUT') {
		if (owner.type !== parent.type || owner.number !== parent.number) throw missing(ctx, 'note');
		return record(ctx, 'note', store.updateNote(id, root(ctx, 'note')));
	}
	throw missing(ctx, 'route');
}
