/**
 * Items: the catalog (`/items.json`) that job charges pick from. Only the list is known [3p]; the
 * record's keys are [inf].
 */
import { normPage, pageSlice } from '../paging';
import type { AccountDb, ItemRow } from './db';
import type { ItemRecord } from './records';
import { formatMoney, parseMoney } from './values';

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

export class Items {
	constructor(private readonly db: AccountDb) {}

	/** Adds a catalog item (seeds and tests: the API cannot create items). */
	addItem(seed: ItemSeed): ItemRecord {
		const price = parseMoney(seed.price);
		if (Number.isNaN(price)) throw new Error(`Invalid item price: ${seed.price}`);
		const cost = seed.cost === undefined || seed.cost === null ? null : parseMoney(seed.cost);
		const row: ItemRow = {
			id: this.db.nextItemId++,
			name: seed.name,
			description: seed.description ?? null,
			item_type: seed.item_type ?? 'service',
			priceCents: price,
			costCents: cost === null || Number.isNaN(cost) ? null : cost,
			sku: seed.sku ?? null,
			taxable: seed.taxable ?? seed.item_type === 'part',
			active: seed.active ?? true,
		};
		this.db.itemRows.push(row);
		this.db.itemsById.set(row.id, row);
		return this.itemOut(row);
	}

	getItem(id: number): ItemRecord | undefined {
		const row = this.db.itemsById.get(id);
		return row ? this.itemOut(row) : undefined;
	}

	/** The catalog row of an id, if any. */
	itemRow(id: number): ItemRow | undefined {
		return this.db.itemsById.get(id);
	}

	listItems(): ItemRecord[] {
		return this.db.itemRows.map((r) => this.itemOut(r));
	}

	pageItems(page: number, size: number): ItemRecord[] {
		return pageSlice(this.db.itemRows, normPage(page), size).map((r) => this.itemOut(r));
	}

	itemOut(r: ItemRow): ItemRecord {
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
