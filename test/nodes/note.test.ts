import { runKickserv } from '../harness/engine';
import { SLUG, useSandbox } from '../harness/setup';

const t = useSandbox();
const rl = (value: string | number, mode = 'id') => ({ __rl: true, mode, value: String(value) });

describe('Note', () => {
	test('Create on a customer and on a job (public), with the text inside note.note', async () => {
		const customer = await runKickserv(
			{ resource: 'note', operation: 'create', parent: 'customer', customer: rl(2), note: 'Gate code 4411' },
			t.credentials,
		);
		expect(customer.items[0].json).toMatchObject({ note: 'Gate code 4411', noteable_type: 'Customer' });
		expect(t.sandbox.log[0]).toMatchObject({ method: 'POST', path: `/${SLUG}/customers/2/notes.json`, body: { note: { note: 'Gate code 4411' } } });
		t.sandbox.clearLog();
		const job = t.sandbox.store().listJobs()[0];
		const onJob = await runKickserv(
			{ resource: 'note', operation: 'create', parent: 'job', job: rl(job.job_number), note: 'Tech on the way', public: true },
			t.credentials,
		);
		expect(onJob.items[0].json).toMatchObject({ note: 'Tech on the way', public: true, noteable_type: 'Job', noteable_id: job.id });
		expect(t.sandbox.log[0].body).toEqual({ note: { note: 'Tech on the way', public: true } });
	});

	test('Get, Get Many (all pages) and Update of a note', async () => {
		const store = t.sandbox.store();
		for (let i = 0; i < 30; i++) store.createNote({ type: 'Customer', number: 5 }, { note: `visit ${i}` });
		const all = await runKickserv({ resource: 'note', operation: 'getAll', parent: 'customer', customer: rl(5), returnAll: true }, t.credentials);
		expect(all.items).toHaveLength(store.listNotes({ type: 'Customer', number: 5 }).length);
		expect(t.sandbox.log.length).toBeGreaterThanOrEqual(2);
		const id = Number(all.items[0].json.id);
		const got = await runKickserv({ resource: 'note', operation: 'get', parent: 'customer', customer: rl(5), noteId: String(id) }, t.credentials);
		expect(got.items[0].json.id).toBe(id);
		const updated = await runKickserv(
			{ resource: 'note', operation: 'update', parent: 'customer', customer: rl(5), noteId: String(id), note: 'changed text' },
			t.credentials,
		);
		expect(updated.items[0].json).toMatchObject({ id, note: 'changed text' });
		expect(store.getNote(id)?.note).toBe('changed text');
	});

	test("Delete checks the note belongs to the customer: another customer's note is left alone", async () => {
		const store = t.sandbox.store();
		const other = store.createNote({ type: 'Customer', number: 7 }, { note: 'belongs to 7' });
		t.sandbox.clearLog();
		const { error } = await runKickserv(
			{ resource: 'note', operation: 'delete', parent: 'customer', customer: rl(6), noteId: String(other.id) },
			t.credentials,
		);
		expect(error?.message).toBe(`Note ${other.id} does not belong to customer 6`);
		expect(store.getNote(other.id)).toBeDefined();
		expect(t.sandbox.log.some((r) => r.method === 'DELETE')).toBe(false);
		const own = await runKickserv(
			{ resource: 'note', operation: 'delete', parent: 'customer', customer: rl(7), noteId: String(other.id) },
			t.credentials,
		);
		expect(own.items[0].json).toEqual({ deleted: true, id: other.id });
		expect(store.getNote(other.id)).toBeUndefined();
	});

	test('an empty note text is refused before any request; a bad Note ID names the field', async () => {
		const empty = await runKickserv(
			{ resource: 'note', operation: 'create', parent: 'customer', customer: rl(2), note: '={{ "   " }}' },
			t.credentials,
		);
		expect(empty.error?.message).toBe('Note must not be empty or only whitespace');
		const bad = await runKickserv(
			{ resource: 'note', operation: 'get', parent: 'customer', customer: rl(2), noteId: '../12' },
			t.credentials,
		);
		expect(bad.error?.message).toBe('Note ID must be a positive whole number (got "../12")');
		expect(t.sandbox.log).toHaveLength(0);
	});
});
