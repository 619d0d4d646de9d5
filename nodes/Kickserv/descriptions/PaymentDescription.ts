import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getAccount, kickservPages, kickservRequest } from '../transport/request';
import { deleteRecord, requireUpdateFields, route, validate } from '../transport/routing';
import { unwrapRecord } from '../transport/paging';
import { kickservApiError } from '../transport/errors';
import { amount, isoDate, optionalText } from '../transport/validate';
import { PARENT_PATH, customerLocator, jobLocator, listControls, showFor, simplifyField } from './shared';

const resource = 'payment';

export const PAYMENT_SIMPLE_FIELDS = [
	'id',
	'date',
	'amount',
	'payment_type',
	'ref_number',
	'notes',
	'status',
	'payment_application_ids',
	'created_at',
	'updated_at',
] as const;

const field = (property: string) => ({ send: { type: 'body' as const, property: `payment.${property}` } });

/** Checks and normalises a payment body (amount as a decimal string, date-only date). */
const checkPaymentBody = (requireAmount: boolean) =>
	validate(function (options) {
		const payment = ((options.body as IDataObject)?.payment ?? {}) as IDataObject;
		if (requireAmount || 'amount' in payment) payment.amount = amount(payment.amount, 'Amount');
		if ('date' in payment && (payment.date === '' || payment.date === undefined || payment.date === null)) {
			delete payment.date; // Kickserv dates it today
		}
		if ('date' in payment) payment.date = isoDate(payment.date, 'Date');
		for (const [key, label] of [
			['payment_type', 'Payment Type'],
			['ref_number', 'Reference Number'],
			['notes', 'Notes'],
		]) {
			if (key in payment) payment[key] = optionalText(payment[key], label, key === 'notes' ? 10_000 : 255);
		}
		return options;
	});

const paymentFieldOptions = (withAmount: boolean): INodeProperties[] => {
	const options: INodeProperties[] = [
		{
			displayName: 'Notes',
			name: 'notes',
			type: 'string',
			default: '',
			description: 'Internal notes (not synced to QuickBooks)',
			routing: field('notes'),
		},
		{
			displayName: 'Payment Type',
			name: 'payment_type',
			type: 'string',
			default: '',
			placeholder: 'e.g. Check',
			description: 'How the customer paid: free text such as Check, Cash or Credit Card',
			routing: field('payment_type'),
		},
		{
			displayName: 'Reference Number',
			name: 'ref_number',
			type: 'string',
			default: '',
			placeholder: 'e.g. 10452',
			description: 'Check or transaction number (synced to QuickBooks)',
			routing: field('ref_number'),
		},
	];
	if (withAmount) {
		options.push(
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'string',
				default: '',
				placeholder: 'e.g. 125.00',
				description: 'Amount paid, greater than 0',
				routing: field('amount'),
			},
			{
				displayName: 'Date',
				name: 'date',
				type: 'dateTime',
				default: '',
				description: 'Day of the payment',
				routing: field('date'),
			},
		);
	}
	return options.sort((a, b) => a.displayName.localeCompare(b.displayName));
};

export const paymentOperations: INodeProperties[] = [
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
				action: 'Create a payment',
				description: 'Record a payment on a job, by job number (Kickserv applies it to the job). Returns the payment with its ID.',
				routing: route({
					method: 'POST',
					url: '/jobs/{job}/payments.json',
					record: 'payment',
					preSend: [checkPaymentBody(true)],
				}),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a payment',
				description: 'Delete a payment of a job, by job number and the payment\'s ID',
				routing: route({
					method: 'DELETE',
					url: '/jobs/{job}/payments/{paymentId}.json',
					run: deleteRecord('payment'),
				}),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a payment',
				description: 'Get one payment by its ID, under its customer or job (by number)',
				routing: route({
					method: 'GET',
					url: `=${PARENT_PATH}/payments/{paymentId}.json`,
					async run(request) {
						const reply = await kickservRequest.call(this, request);
						if (reply.statusCode !== 204 && reply.body !== '' && reply.body !== undefined) {
							return [unwrapRecord(reply.body, 'payment')];
						}
						// Kickserv answers 204 No Content for an existing customer payment: find it in the list
						const id = request.path.match(/(\d+)\.json$/)?.[1];
						const listPath = request.path.replace(/\/\d+\.json$/, '.json');
						for await (const { records } of kickservPages.call(this, { key: 'payments', style: 'page', path: listPath })) {
							const found = records.find((payment) => String(payment.id) === id);
							if (found) return [found];
						}
						const { slug } = await getAccount.call(this);
						throw kickservApiError(this.getNode(), { statusCode: 404, body: '' }, { path: request.path, account: slug, method: 'GET' });
					},
				}),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many payments',
				description: 'List the payments of a customer or a job, by number; each has its ID',
				routing: route({
					method: 'GET',
					url: `=${PARENT_PATH}/payments.json`,
					list: { key: 'payments', style: 'page' },
				}),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a payment',
				description: 'Change a payment of a job, by job number and the payment\'s ID',
				routing: route({
					method: 'PUT',
					url: '/jobs/{job}/payments/{paymentId}.json',
					record: 'payment',
					preSend: [checkPaymentBody(false), requireUpdateFields('payment')],
				}),
			},
		],
	},
];

export const paymentFields: INodeProperties[] = [
	{
		displayName: 'Parent',
		name: 'parent',
		type: 'options',
		default: 'job',
		description: 'Whether to read the payments of a customer or of a job',
		displayOptions: showFor(resource, ['get', 'getAll']),
		options: [
			{ name: 'Customer', value: 'customer' },
			{ name: 'Job', value: 'job' },
		],
	},
	customerLocator(showFor(resource, ['get', 'getAll'], { parent: ['customer'] }), 'The customer whose payments to read'),
	jobLocator(showFor(resource, ['get', 'getAll'], { parent: ['job'] }), 'The job whose payments to read'),
	jobLocator(showFor(resource, ['create', 'update', 'delete']), 'The job the payment is applied to'),
	{
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5521',
		description: 'ID of the payment',
		displayOptions: showFor(resource, ['get', 'update', 'delete']),
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 125.00',
		description: 'Amount paid, greater than 0',
		displayOptions: showFor(resource, ['create']),
		routing: field('amount'),
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'dateTime',
		default: '',
		description: 'Day of the payment (today when empty)',
		displayOptions: showFor(resource, ['create']),
		routing: field('date'),
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(resource, ['create']),
		options: paymentFieldOptions(false),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(resource, ['update']),
		options: paymentFieldOptions(true),
	},
	...listControls(resource, ['getAll'], PAYMENT_SIMPLE_FIELDS),
	...simplifyField(resource, ['get'], false, PAYMENT_SIMPLE_FIELDS, ['create', 'update']),
];
