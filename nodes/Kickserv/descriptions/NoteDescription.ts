import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../transport/errors';
import { kickservRequest } from '../transport/request';
import { route, validate } from '../transport/routing';
import { unwrapRecord } from '../transport/paging';
import { boolean, requiredText } from '../transport/validate';
import { PARENT_PATH, customerLocator, jobLocator, listControls, showFor, simplifyField } from './shared';

const resource = 'note';

export const NOTE_SIMPLE_FIELDS = ['id', 'note', 'public', 'noteable_type', 'noteable_id', 'created_at', 'updated_at'] as const;

const NOTE_MAX = 65_535;

const checkNoteText = validate(function (options) {
	const note = ((options.body as IDataObject)?.note ?? {}) as IDataObject;
	note.note = requiredText(note.note, 'Note', NOTE_MAX, true);
	if ('public' in note) note.public = boolean(note.public, 'Public');
	return options;
});

/**
 * Kickserv serves (and deletes!) a note by id under any parent. Before touching one, check that it
 * belongs to the parent in the path: the parent's internal id must be the note's `noteable_id`.
 */
async function ownedNote(this: IExecuteSingleFunctions, notePath: string): Promise<IDataObject> {
	const parentPath = notePath.replace(/\/notes\/\d+\.json$/, '.json');
	const [parentReply, noteReply] = await Promise.all([
		kickservRequest.call(this, { method: 'GET', path: parentPath }),
		kickservRequest.call(this, { method: 'GET', path: notePath }),
	]);
	const isJob = parentPath.startsWith('/jobs/');
	const parent = unwrapRecord(parentReply.body, isJob ? 'job' : 'customer');
	const note = unwrapRecord(noteReply.body, 'note');
	const type = isJob ? 'Job' : 'Customer';
	if (String(note.noteable_id) !== String(parent.id) || (note.noteable_type && note.noteable_type !== type)) {
		const parentLabel = isJob ? `job ${parent.job_number}` : `customer ${parent.customer_number}`;
		throw inputError(this.getNode(), `Note ${note.id} does not belong to ${parentLabel}`, {
			itemIndex: this.getItemIndex(),
			description: 'Nothing was changed. Check the Note ID and the parent it was written on.',
		});
	}
	return note;
}

export const noteOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: 'getAll',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a note on a customer or job',
				description: 'Write a note on a customer (by customer number) or a job (by job number). Returns the note with its ID.',
				routing: route({ method: 'POST', url: `=${PARENT_PATH}/notes.json`, record: 'note', preSend: [checkNoteText] }),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a note',
				description: 'Delete a note by its ID, under its customer or job (by number), after checking it belongs there',
				routing: route({
					method: 'DELETE',
					url: `=${PARENT_PATH}/notes/{noteId}.json`,
					async run(request) {
						const note = await ownedNote.call(this, request.path);
						await kickservRequest.call(this, request);
						return [{ deleted: true, id: note.id }];
					},
				}),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a note',
				description: 'Get one note by its ID, under its customer or job (by number)',
				routing: route({
					method: 'GET',
					url: `=${PARENT_PATH}/notes/{noteId}.json`,
					async run(request) {
						return [await ownedNote.call(this, request.path)];
					},
				}),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many notes',
				description: 'List the notes of a customer or a job, by number; each has the ID that Get, Update and Delete take',
				routing: route({
					method: 'GET',
					url: `=${PARENT_PATH}/notes.json`,
					list: { key: 'notes', style: 'page' },
				}),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a note',
				description: 'Change the text of a note by its ID, under its customer or job (by number), after checking it belongs there',
				routing: route({
					method: 'PUT',
					url: `=${PARENT_PATH}/notes/{noteId}.json`,
					preSend: [checkNoteText],
					async run(request) {
						await ownedNote.call(this, request.path);
						const reply = await kickservRequest.call(this, request);
						return [unwrapRecord(reply.body, 'note')];
					},
				}),
			},
		],
	},
];

export const noteFields: INodeProperties[] = [
	{
		displayName: 'Parent',
		name: 'parent',
		type: 'options',
		default: 'customer',
		description: 'Whether the note is on a customer or on a job',
		displayOptions: { show: { resource: [resource] } },
		options: [
			{ name: 'Customer', value: 'customer' },
			{ name: 'Job', value: 'job' },
		],
	},
	customerLocator({ show: { resource: [resource], parent: ['customer'] } }, 'The customer the note is on'),
	jobLocator({ show: { resource: [resource], parent: ['job'] } }, 'The job the note is on'),
	{
		displayName: 'Note ID',
		name: 'noteId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 20431',
		description: 'ID of the note (notes have no number)',
		displayOptions: showFor(resource, ['get', 'update', 'delete']),
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'Text of the note. Customer notes are always hidden from the customer.',
		displayOptions: showFor(resource, ['create', 'update']),
		routing: { send: { type: 'body', property: 'note.note' } },
	},
	{
		displayName: 'Public',
		name: 'public',
		type: 'boolean',
		default: false,
		description: 'Whether the customer can see the note (job notes only)',
		displayOptions: showFor(resource, ['create', 'update'], { parent: ['job'] }),
		routing: { send: { type: 'body', property: 'note.public' } },
	},
	...listControls(resource, ['getAll'], NOTE_SIMPLE_FIELDS),
	...simplifyField(resource, ['get'], false, NOTE_SIMPLE_FIELDS, ['create', 'update']),
];
