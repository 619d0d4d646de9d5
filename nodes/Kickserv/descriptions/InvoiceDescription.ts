import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { kickservPages } from '../transport/request';
import { route, validate } from '../transport/routing';
import { listControls, operationsOf, showFor } from './shared';

const resource = 'invoice';

/** What Simplify keeps of an invoice (`total_balance_remaining` on the last item is always kept). */
export const INVOICE_SIMPLE_FIELDS = [
	'id',
	'job_number',
	'customer_id',
	'customer_name',
	'name',
	'invoice_status',
	'invoice_date',
	'invoice_paid_on',
	'total',
	'balance_remaining',
	'total_balance_remaining',
] as const;

const checkInvoiceFilters = validate(function (options) {
	const qs = (options.qs ?? {}) as IDataObject;
	// (the value was checked against the list before this runs)
	if (qs.invoice_status === 'all') delete qs.invoice_status;
	return options;
});

export const invoiceOperations: INodeProperties[] = operationsOf(resource, [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many invoices',
		description:
			'List invoices, paid or unpaid; the last item also carries total_balance_remaining, the balance of every matching invoice',
		routing: route({
			method: 'GET',
			url: '/invoices.json',
			preSend: [checkInvoiceFilters],
			async run(request, limit) {
				const invoices: IDataObject[] = [];
				let total: unknown;
				for await (const { records, extras } of kickservPages.call(this, {
					key: 'invoices',
					style: 'page',
					path: request.path,
					qs: request.qs,
					limit,
					transport: request.transport,
				})) {
					for (const record of records) invoices.push(record);
					if (extras?.total_balance_remaining !== undefined) total = extras.total_balance_remaining;
				}
				if (invoices.length && total !== undefined) {
					invoices[invoices.length - 1] = { ...invoices[invoices.length - 1], total_balance_remaining: total as string };
				}
				return invoices;
			},
		}),
	},
]);

export const invoiceFields: INodeProperties[] = [
	{
		displayName: 'Invoice Status',
		name: 'invoiceStatus',
		type: 'options',
		default: 'unpaid',
		description: 'Which invoices to list',
		displayOptions: showFor(resource, ['getAll']),
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Paid', value: 'paid' },
			{ name: 'Unpaid', value: 'unpaid' },
		],
		routing: { send: { type: 'query', property: 'invoice_status' } },
	},
	...listControls(resource, ['getAll'], INVOICE_SIMPLE_FIELDS),
];
