/**
 * Notes of a customer or a job, oldest first; customer notes are never public. A job record embeds its
 * notes (`include=notes`) through the jobs module's `embeds`.
 */
import { FieldErrors, NotFoundError } from '../errors';
import { normPage, pageSlice } from '../paging';
import type { AccountLists } from './account';
import type { AccountDb, CustomerRow, JobRow, NoteRow, ParentRef, WriteMeta } from './db';
import type { Jobs } from './jobs';
import type { NoteRecord } from './records';
import { bool, formatTimestamp, has, removeFrom, str, type Attrs } from './values';

export class Notes {
	constructor(
		private readonly db: AccountDb,
		private readonly jobs: Jobs,
		private readonly account: AccountLists,
	) {
		jobs.embeds.notes = (job) => (job.notes ?? []).map((n) => this.noteOut(n, false));
	}

	/** attrs: { note: 'text', public?: boolean } (customer notes are never public) */
	createNote(parent: ParentRef, attrs: Attrs, meta?: WriteMeta): NoteRecord {
		const row = this.jobs.parentRow(parent);
		const text = str(attrs.note);
		const errors = new FieldErrors();
		if (text === null || text.trim() === '') errors.add('note', "can't be blank");
		errors.throwIfAny();
		const ms = this.db.nowMs(meta);
		const note: NoteRow = {
			id: this.db.nextNoteId++,
			parentType: parent.type,
			parent: row,
			text: text as string,
			isPublic: parent.type === 'Job' ? bool(attrs.public, false) : false,
			creatorId: this.account.apiUser?.id ?? null,
			createdMs: ms,
			updatedMs: ms,
		};
		this.db.notes.set(note.id, note);
		(row.notes ??= []).push(note);
		return this.noteOut(note, true);
	}

	getNote(id: number, options: { creator?: boolean } = {}): NoteRecord | undefined {
		const n = this.db.notes.get(id);
		return n ? this.noteOut(n, !!options.creator) : undefined;
	}

	updateNote(id: number, attrs: Attrs, meta?: WriteMeta): NoteRecord {
		const n = this.db.notes.get(id);
		if (!n) throw new NotFoundError('note', id);
		const errors = new FieldErrors();
		const text = has(attrs, 'note') ? str(attrs.note) : n.text;
		if (text === null || text.trim() === '') errors.add('note', "can't be blank");
		errors.throwIfAny();
		n.text = text as string;
		if (has(attrs, 'public') && n.parentType === 'Job') n.isPublic = bool(attrs.public, n.isPublic);
		n.updatedMs = this.db.nowMs(meta);
		return this.noteOut(n, true);
	}

	deleteNote(id: number): NoteRecord {
		const n = this.db.notes.get(id);
		if (!n) throw new NotFoundError('note', id);
		const out = this.noteOut(n, false);
		this.db.notes.delete(id);
		removeFrom(n.parent.notes, n);
		return out;
	}

	/** All notes of the parent, oldest first. */
	listNotes(parent: ParentRef): NoteRecord[] {
		return (this.jobs.parentRow(parent).notes ?? []).map((n) => this.noteOut(n, false));
	}

	pageNotes(parent: ParentRef, page: number, size: number): NoteRecord[] {
		return pageSlice(this.jobs.parentRow(parent).notes ?? [], normPage(page), size).map((n) => this.noteOut(n, false));
	}

	private noteOut(n: NoteRow, withCreator: boolean): NoteRecord {
		const rec: NoteRecord = {
			id: n.id,
			note: n.text,
			public: n.isPublic,
			noteable_id: n.parent.id,
			noteable_type: n.parentType,
			created_at: formatTimestamp(n.createdMs, this.db.offsetMinutes),
			updated_at: formatTimestamp(n.updatedMs, this.db.offsetMinutes),
		};
		if (withCreator) rec.creator = this.account.employeeRecord(n.creatorId);
		return rec;
	}

	/** Where a note belongs. */
	noteOwner(id: number): ParentRef | undefined {
		const n = this.db.notes.get(id);
		if (!n) return undefined;
		return {
			type: n.parentType,
			number: n.parentType === 'Customer' ? (n.parent as CustomerRow).customer_number : (n.parent as JobRow).job_number,
		};
	}
}
