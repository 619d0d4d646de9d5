/**
 * Items layer of the store: the catalog (`/items.json`) that job charges pick from. Only the list is
 * known [3p]; the record's keys are [inf].
 */
import { normPage, pageSlice } from '../paging';
import { PaymentsLayer } from './payments';
import { formatMoney, parseMoney } from './values';

export type ItemRecord = {
	id: number;
	name: string;
	description: string | null;
	/** `service` or `part` [inf] */
	item_type: string;
	price: string;
	cost: string | null;
	sku: string | null;
	taxable: boolean;
	active: boolean;
};

export interface ItemRow {
	id: number;
	name: string;
	description: string | null;
	item_type: string;
	priceCents: number;
	costCents: number | null;
	sku: string | null;
	taxable: boolean;
	active: boolean;
}

export interface ItemSeed {
	name: string;
	price: string | number;
	description?: string | null;
	item_type?: 'service' | 'part';
	cost?: string | number | null;
	sku?: string | null;
	taxable?: boolean;
	active?: boolean;
}

export abstract class ItemsLayer extends PaymentsLayer {
	/** ascending by id */
	protected readonly itemRows: ItemRow[] = [];
	protected readonly itemsById = new Map<number, ItemRow>();
	private nextItemId = 7_700_001;

	/** Adds a catalog item (seeds and tests: the API cannot create items). */
	addItem(seed: ItemSeed): ItemRecord {
		const price = parseMoney(seed.price);
		if (Number.isNaN(price)) throw new Error(`Invalid item price: ${seed.price}`);
		const cost = seed.cost === undefined || seed.cost === null ? null : parseMoney(seed.cost);
		const row: ItemRow = {
			id: this.nextItemId++,
			name: seed.name,
			description: seed.description ?? null,
			item_type: seed.item_type ?? 'service',
			priceCents: price,
			costCents: cost === null || Number.isNaN(cost) ? null : cost,
			sku: seed.sku ?? null,
			taxable: seed.taxable ?? seed.item_type === 'part',
			active: seed.active ?? true,
		};
		this.itemRows.push(row);
		this.itemsById.set(row.id, row);
		return this.itemOut(row);
	}

	getItem(id: number): ItemRecord | undefined {
		const row = this.itemsById.get(id);
		return row ? this.itemOut(row) : undefined;
	}

	listItems(): ItemRecord[] {
		return this.itemRows.map((r) => this.itemOut(r));
	}

	pageItems(page: number, size: number): ItemRecord[] {
		return pageSlice(this.itemRows, normPage(page), size).map((r) => this.itemOut(r));
	}

	protected itemOut(r: ItemRow): ItemRecord {
		return {
			id: r.id,
			name: r.name,
			description: r.description,
			item_type: r.item_type,
			price: formatMoney(r.priceCents),
			cost: r.costCents === null ? null : formatMoney(r.costCents),
			sku: r.sku,
			taxable: r.taxable,
			active: r.active,
		};
	}
}
