import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { recordFilter, type FilterRule } from '../transport/filters';
import { kickservPages } from '../transport/request';
import { route, validate } from '../transport/routing';
import { listControls, operationsOf, showFor } from './shared';

const resource = 'invoice';

/** What Simplify keeps of an invoice (`total_balance_remaining`, on every item, is always kept). */
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

/**
 * Invoice Status checked against each invoice returned ([doc]): one in another status stops the list with
 * an error naming the guess, rather than being left out, since the reply's total_balance_remaining
 * (on every item) would then sum invoices that were not asked for.
 */
const INVOICE_FILTER_CHECKS: FilterRule[] = [{ param: 'invoice_status', compare: 'status', label: 'Invoice Status', onMismatch: 'stop' }];

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
			'List invoices, paid or unpaid; every item also carries total_balance_remaining, the balance still owed on all matching invoices together',
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
					keep: recordFilter(this.getNode(), request.path, request.qs, INVOICE_FILTER_CHECKS),
				})) {
					for (const record of records) invoices.push(record);
					if (extras?.total_balance_remaining !== undefined) total = extras.total_balance_remaining;
				}
				// on every item: the table shows the column on every row (and on its first page), and a
				// downstream node reads $json.total_balance_remaining from whichever item it is given
				if (total === undefined) return invoices;
				return invoices.map((invoice) => ({ ...invoice, total_balance_remaining: total as string }));
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
