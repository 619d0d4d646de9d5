import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { deleteRecord, requireUpdateFields, route, validate } from '../transport/routing';
import { amount, boolean, optionalPositiveInteger, optionalText, positiveInteger, requiredText } from '../transport/validate';
import { dropdown, fieldCollection, idLocator, jobLocator, listControls, operationsOf, showFor } from './shared';

const resource = 'jobCharge';

/** What Simplify keeps of a job charge. */
export const JOB_CHARGE_SIMPLE_FIELDS = [
	'id',
	'job_id',
	'description',
	'quantity',
	'price_per_unit',
	'discount',
	'total',
	'item_id',
	'job_charge_type_id',
] as const;

const body = (property: string) => ({ send: { type: 'body' as const, property: `job_charge.${property}` } });

const CHARGE_TYPE_HINT =
	"Kickserv's kind of line item (job_charge_type_id), which Kickserv requires on every charge and publishes no list of: use the job_charge_type_id that Job Charge > Get Many shows on an existing line of the same kind (labor, a part...)";

/** The catalog item of a line (Add: at the top, since a charge needs an item or a description). */
const itemDropdown = (name: string): INodeProperties =>
	dropdown({
		displayName: 'Item Name or ID',
		name,
		method: 'getItems',
		description: 'A catalog item: its name and price are the line\'s defaults. Leave empty for a free-text line (then fill Description).',
		routing: body('item_id'),
	});

/** The line's text (Add: at the top, required when no Item is picked). */
const chargeDescription: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	placeholder: 'e.g. Labor',
	description: 'The line as the invoice shows it. Required when no Item is picked; with an Item, empty means the item\'s name.',
	routing: body('description'),
};

/** Charge fields a workflow may write (add and update). */
const chargeFieldOptions = (update: boolean): INodeProperties[] => {
	const options: INodeProperties[] = [
		{
			displayName: 'Details',
			name: 'details',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'More text under the line',
			routing: body('details'),
		},
		{
			displayName: 'Discount',
			name: 'discount',
			type: 'string',
			default: '',
			placeholder: 'e.g. 10.00',
			description: 'Amount taken off the line',
			routing: body('discount'),
		},
		{
			displayName: 'Price Per Unit',
			name: 'price_per_unit',
			type: 'string',
			default: '',
			placeholder: 'e.g. 95.00',
			description: 'Unit price (the item\'s price when empty)',
			routing: body('price_per_unit'),
		},
		{
			displayName: 'Quantity',
			name: 'quantity',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 1,
			description: 'How many units (hours for labor)',
			routing: body('quantity'),
		},
		{
			displayName: 'Taxable',
			name: 'taxable',
			type: 'boolean',
			default: false,
			description: 'Whether the job\'s tax rate applies to this line',
			routing: body('taxable'),
		},
	];
	if (update) {
		options.push(itemDropdown('item_id'), { ...chargeDescription, description: 'The line as the invoice shows it' }, {
			displayName: 'Charge Type',
			name: 'job_charge_type_id',
			type: 'number',
			default: 1,
			description: CHARGE_TYPE_HINT,
			routing: body('job_charge_type_id'),
		});
	}
	return options.sort((a, b) => a.displayName.localeCompare(b.displayName));
};

/** A money value of at least 0 (a discount may be 0). */
const money = (value: unknown, field: string): string => (value === 0 || String(value).trim().match(/^0+(\.0*)?$/) ? '0.00' : amount(value, field));

const checkChargeBody = (adding: boolean) =>
	validate(function (options) {
		const charge = ((options.body as IDataObject)?.job_charge ?? {}) as IDataObject;
		for (const key of Object.keys(charge)) if (charge[key] === '') delete charge[key];
		if (adding || 'job_charge_type_id' in charge) charge.job_charge_type_id = positiveInteger(charge.job_charge_type_id, 'Charge Type');
		if ('item_id' in charge) charge.item_id = optionalPositiveInteger(charge.item_id, 'Item');
		if ('quantity' in charge) {
			const quantity = Number(charge.quantity);
			if (typeof charge.quantity === 'boolean' || !Number.isFinite(quantity) || quantity <= 0) {
				throw new Error(`Quantity must be a number greater than 0 (got ${JSON.stringify(charge.quantity)})`);
			}
			charge.quantity = quantity;
		}
		if ('price_per_unit' in charge) charge.price_per_unit = money(charge.price_per_unit, 'Price Per Unit');
		if ('discount' in charge) charge.discount = money(charge.discount, 'Discount');
		if ('description' in charge) charge.description = requiredText(charge.description, 'Description', 255);
		if ('details' in charge) charge.details = optionalText(charge.details, 'Details');
		if ('taxable' in charge) charge.taxable = boolean(charge.taxable, 'Taxable');
		if (adding && charge.item_id === undefined && charge.description === undefined) {
			throw new Error('Item or Description is required: pick a catalog Item, or write a Description for a free-text line');
		}
		return options;
	});

export const jobChargeOperations: INodeProperties[] = operationsOf(resource, [
	{
		name: 'Add',
		value: 'add',
		action: 'Add a job charge',
		description: 'Add a line item (a catalog item or free text) to a job, by job number. Returns the charge with its ID.',
		routing: route({ method: 'POST', url: '/jobs/{job}/job_charges.json', record: 'job_charge', preSend: [checkChargeBody(true)] }),
	},
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a job charge',
		description: 'Remove a line item from a job, by job number and the charge\'s ID',
		routing: route({ method: 'DELETE', url: '/jobs/{job}/job_charges/{chargeId}.json', run: deleteRecord('job_charge') }),
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many job charges',
		description: 'List the line items of a job, by job number; each has the ID that Update and Delete take',
		routing: route({ method: 'GET', url: '/jobs/{job}/job_charges.json', list: { key: 'job_charges', style: 'page' } }),
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a job charge',
		description: 'Change a line item of a job, by job number and the charge\'s ID',
		routing: route({
			method: 'PUT',
			url: '/jobs/{job}/job_charges/{chargeId}.json',
			record: 'job_charge',
			preSend: [checkChargeBody(false), requireUpdateFields('job_charge')],
		}),
	},
]);

export const jobChargeFields: INodeProperties[] = [
	jobLocator(showFor(resource, ['add', 'getAll', 'update', 'delete']), 'The job whose line items these are'),
	idLocator({
		displayName: 'Job Charge ID',
		name: 'chargeId',
		searchListMethod: 'searchJobCharges',
		example: '5100001',
		description: 'The line item, from the job\'s list or by its ID (Get Many job charges lists them; Add returns it)',
		displayOptions: showFor(resource, ['update', 'delete']),
	}),
	{ ...itemDropdown('itemId'), displayOptions: showFor(resource, ['add']) },
	{ ...chargeDescription, displayOptions: showFor(resource, ['add']) },
	{
		displayName: 'Charge Type',
		name: 'jobChargeTypeId',
		type: 'number',
		default: 1,
		required: true,
		description: CHARGE_TYPE_HINT,
		displayOptions: showFor(resource, ['add']),
		routing: body('job_charge_type_id'),
	},
	fieldCollection('additionalFields', resource, ['add'], chargeFieldOptions(false)),
	fieldCollection('updateFields', resource, ['update'], chargeFieldOptions(true)),
	...listControls(resource, ['getAll'], JOB_CHARGE_SIMPLE_FIELDS),
];
