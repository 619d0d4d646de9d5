import type { INodeProperties } from 'n8n-workflow';

import { route } from '../transport/routing';
import { listControls, operationsOf } from './shared';

const resource = 'item';

/** What Simplify keeps of a catalog item. */
export const ITEM_SIMPLE_FIELDS = ['id', 'name', 'description', 'item_type', 'price', 'sku', 'taxable', 'active'] as const;

export const itemOperations: INodeProperties[] = operationsOf(resource, [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many items',
		description: 'List the catalog of items (services and parts); each has the ID a job charge takes as its item',
		routing: route({ method: 'GET', url: '/items.json', list: { key: 'items', style: 'page' } }),
	},
]);

export const itemFields: INodeProperties[] = [...listControls(resource, ['getAll'], ITEM_SIMPLE_FIELDS)];
