/**
 * Notes layer of the store: notes of a customer or a job, oldest first; customer notes are never public.
 */
import { FieldErrors, NotFoundError } from '../errors';
import { normPage, pageSlice } from '../paging';
import type { EmployeeRecord, ParentRef, WriteMeta } from './account';
import type { CustomerRow } from './customers';
import { JobsLayer, type JobRow } from './jobs';
import { bool, formatTimestamp, has, removeFrom, str, type Attrs } from './values';

export type NoteRecord = {
	id: number;
	note: string;
	public: boolean;
	noteable_id: number;
	noteable_type: 'Customer' | 'Job';
	created_at: string;
	updated_at: string;
	creator?: EmployeeRecord | null;
};

export interface NoteRow {
	id: number;
	parentType: 'Customer' | 'Job';
	parent: CustomerRow | JobRow;
	text: string;
	isPublic: boolean;
	creatorId: number | null;
	createdMs: number;
	updatedMs: number;
}

export abstract class NotesLayer extends JobsLayer {
	protected resolveParent(parent: ParentRef): CustomerRow | JobRow {
		return parent.type === 'Customer' ? this.requireCustomer(parent.number) : this.requireJob(parent.number);
	}

	/** attrs: { note: 'text', public?: boolean } (customer notes are never public) */
	createNote(parent: ParentRef, attrs: Attrs, meta?: WriteMeta): NoteRecord {
		const row = this.resolveParent(parent);
		const text = str(attrs.note);
		const errors = new FieldErrors();
		if (text === null || text.trim() === '') errors.add('note', "can't be blank");
		errors.throwIfAny();
		const ms = this.nowMs(meta);
		const note: NoteRow = {
			id: this.nextNoteId++,
			parentType: parent.type,
			parent: row,
			text: text as string,
			isPublic: parent.type === 'Job' ? bool(attrs.public, false) : false,
			creatorId: this.apiUser?.id ?? null,
			createdMs: ms,
			updatedMs: ms,
		};
		this.notes.set(note.id, note);
		(row.notes ??= []).push(note);
		return this.noteOut(note, true);
	}

	getNote(id: number, options: { creator?: boolean } = {}): NoteRecord | undefined {
		const n = this.notes.get(id);
		return n ? this.noteOut(n, !!options.creator) : undefined;
	}

	updateNote(id: number, attrs: Attrs, meta?: WriteMeta): NoteRecord {
		const n = this.notes.get(id);
		if (!n) throw new NotFoundError('note', id);
		const errors = new FieldErrors();
		const text = has(attrs, 'note') ? str(attrs.note) : n.text;
		if (text === null || text.trim() === '') errors.add('note', "can't be blank");
		errors.throwIfAny();
		n.text = text as string;
		if (has(attrs, 'public') && n.parentType === 'Job') n.isPublic = bool(attrs.public, n.isPublic);
		n.updatedMs = this.nowMs(meta);
		return this.noteOut(n, true);
	}

	deleteNote(id: number): NoteRecord {
		const n = this.notes.get(id);
		if (!n) throw new NotFoundError('note', id);
		const out = this.noteOut(n, false);
		this.notes.delete(id);
		removeFrom(n.parent.notes, n);
		return out;
	}

	/** All notes of the parent, oldest first. */
	listNotes(parent: ParentRef): NoteRecord[] {
		return (this.resolveParent(parent).notes ?? []).map((n) => this.noteOut(n, false));
	}

	pageNotes(parent: ParentRef, page: number, size: number): NoteRecord[] {
		return pageSlice(this.resolveParent(parent).notes ?? [], normPage(page), size).map((n) => this.noteOut(n, false));
	}

	protected noteOut(n: NoteRow, withCreator: boolean): NoteRecord {
		const rec: NoteRecord = {
			id: n.id,
			note: n.text,
			public: n.isPublic,
			noteable_id: n.parent.id,
			noteable_type: n.parentType,
			created_at: formatTimestamp(n.createdMs, this.offsetMinutes),
			updated_at: formatTimestamp(n.updatedMs, this.offsetMinutes),
		};
		if (withCreator) rec.creator = this.employeeRecord(n.creatorId);
		return rec;
	}

	/** Where a note belongs. */
	noteOwner(id: number): ParentRef | undefined {
		const n = this.notes.get(id);
		if (!n) return undefined;
		return {
			type: n.parentType,
			number: n.parentType === 'Customer' ? (n.parent as CustomerRow).customer_number : (n.parent as JobRow).job_number,
		};
	}
}
