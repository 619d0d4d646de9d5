/**
 * Job charges: a job's line items through `/jobs/{n}/job_charges.json`. Adding one needs
 * `job_charge_type_id` [3p][doc]; `item_id` picks a catalog item (its name and price are the defaults);
 * every change recomputes the job's subtotal, tax, balance and invoice state. Update and delete by id
 * are [inf] (REST analogy).
 */
import { FieldErrors, NotFoundError } from '../errors';
import { normPage, pageSlice } from '../paging';
import type { AccountDb, ChargeExtra, ChargeRow, JobRow, WriteMeta } from './db';
import type { Items } from './items';
import { chargeTotalCents, type Jobs } from './jobs';
import type { JobChargeFullRecord } from './records';
import { bool, formatMoney, formatTimestamp, has, intOrNull, parseMoney, str, type Attrs } from './values';

interface ChargeChanges {
	job_charge_type_id?: number;
	item_id?: number | null;
	quantity?: number;
	priceCents?: number;
	discountCents?: number;
	description?: string;
	details?: string | null;
	taxable?: boolean;
}

export class JobCharges {
	constructor(
		private readonly db: AccountDb,
		private readonly jobs: Jobs,
		private readonly items: Items,
	) {}

	/** A job's charges, in sort order. Throws NotFoundError for an unknown job. */
	listJobCharges(jobNumber: number): JobChargeFullRecord[] {
		const job = this.jobs.requireJob(jobNumber);
		return (job.charges ?? []).map((c, i) => this.jobChargeOut(job, c, i));
	}

	pageJobCharges(jobNumber: number, page: number, size: number): JobChargeFullRecord[] {
		const job = this.jobs.requireJob(jobNumber);
		const start = (normPage(page) - 1) * size;
		return pageSlice(job.charges ?? [], normPage(page), size).map((c, i) => this.jobChargeOut(job, c, start + i));
	}

	/** attrs: { job_charge_type_id (required), item_id?, quantity?, price_per_unit?, discount?, description?, details?, taxable? } */
	addJobCharge(jobNumber: number, attrs: Attrs, meta?: WriteMeta): JobChargeFullRecord {
		const job = this.jobs.requireJob(jobNumber);
		const ch = this.parseChargeAttrs(attrs, true);
		const ms = this.db.nowMs(meta);
		const item = ch.item_id ? this.items.itemRow(ch.item_id) : undefined;
		const charges = job.charges ?? [];
		const extra: ChargeExtra = {
			job_charge_type_id: ch.job_charge_type_id as number,
			item_id: ch.item_id ?? null,
			discountCents: ch.discountCents ?? 0,
			sort_order: charges.length + 1,
			createdMs: ms,
			updatedMs: ms,
		};
		const charge: ChargeRow = {
			id: this.db.nextChargeId++,
			name: ch.description ?? item?.name ?? '',
			description: ch.details ?? null,
			quantity: ch.quantity ?? 1,
			priceCents: ch.priceCents ?? item?.priceCents ?? 0,
			taxable: ch.taxable ?? item?.taxable ?? false,
			extra,
		};
		job.charges = [...charges, charge];
		this.chargesChanged(job, ms);
		return this.jobChargeOut(job, charge, job.charges.length - 1);
	}

	updateJobCharge(jobNumber: number, id: number, attrs: Attrs, meta?: WriteMeta): JobChargeFullRecord {
		const job = this.jobs.requireJob(jobNumber);
		const index = this.chargeIndex(job, id);
		const ch = this.parseChargeAttrs(attrs, false);
		const ms = this.db.nowMs(meta);
		const old = (job.charges as ChargeRow[])[index];
		const item = ch.item_id ? this.items.itemRow(ch.item_id) : undefined;
		const extra: ChargeExtra = { ...this.extraOf(job, old, index), updatedMs: ms };
		if (ch.job_charge_type_id !== undefined) extra.job_charge_type_id = ch.job_charge_type_id;
		if (ch.item_id !== undefined) extra.item_id = ch.item_id;
		if (ch.discountCents !== undefined) extra.discountCents = ch.discountCents;
		const charge: ChargeRow = {
			...old,
			name: ch.description ?? (item && !old.name ? item.name : old.name),
			description: ch.details !== undefined ? ch.details : old.description,
			quantity: ch.quantity ?? old.quantity,
			priceCents: ch.priceCents ?? old.priceCents,
			taxable: ch.taxable ?? old.taxable,
			extra,
		};
		const charges = (job.charges as ChargeRow[]).slice();
		charges[index] = charge;
		job.charges = charges;
		this.chargesChanged(job, ms);
		return this.jobChargeOut(job, charge, index);
	}

	/** Deletes the charge; returns it as it was. */
	deleteJobCharge(jobNumber: number, id: number, meta?: WriteMeta): JobChargeFullRecord {
		const job = this.jobs.requireJob(jobNumber);
		const index = this.chargeIndex(job, id);
		const charges = (job.charges as ChargeRow[]).slice();
		const out = this.jobChargeOut(job, charges[index], index);
		charges.splice(index, 1);
		job.charges = charges.length ? charges : null;
		this.chargesChanged(job, this.db.nowMs(meta));
		return out;
	}

	/** True when the job exists and holds this charge. */
	hasJobCharge(jobNumber: number, id: number): boolean {
		const job = this.db.jobsByNumber.get(jobNumber);
		return !!job && (job.charges ?? []).some((c) => c.id === id);
	}

	private chargesChanged(job: JobRow, ms: number): void {
		this.jobs.recomputeJobTotals(job, ms);
		job.updatedMs = ms;
	}

	private chargeIndex(job: JobRow, id: number): number {
		const index = (job.charges ?? []).findIndex((c) => c.id === id);
		if (index < 0) throw new NotFoundError('job_charge', id);
		return index;
	}

	/** Charges set through job attributes or seeds have no extra: they read as type 1, in list order. */
	private extraOf(job: JobRow, c: ChargeRow, index: number): ChargeExtra {
		return c.extra ?? { job_charge_type_id: 1, item_id: null, discountCents: 0, sort_order: index + 1, createdMs: job.createdMs, updatedMs: job.createdMs };
	}

	private parseChargeAttrs(attrs: Attrs, creating: boolean): ChargeChanges {
		const errors = new FieldErrors();
		const ch: ChargeChanges = {};
		if (creating || has(attrs, 'job_charge_type_id')) {
			const v = intOrNull(attrs.job_charge_type_id);
			if (v === null) errors.add('job_charge_type', "can't be blank");
			else if (Number.isNaN(v) || v < 1) errors.add('job_charge_type', 'is invalid');
			else ch.job_charge_type_id = v;
		}
		if (has(attrs, 'item_id')) {
			const v = intOrNull(attrs.item_id);
			if (v !== null && (Number.isNaN(v) || !this.items.itemRow(v))) errors.add('item', 'is invalid');
			else ch.item_id = v;
		}
		if (has(attrs, 'quantity')) {
			const n = typeof attrs.quantity === 'number' ? attrs.quantity : Number(str(attrs.quantity) ?? NaN);
			if (!Number.isFinite(n) || n <= 0) errors.add('quantity', 'must be greater than 0');
			else ch.quantity = n;
		}
		for (const [key, target] of [
			['price_per_unit', 'priceCents'],
			['discount', 'discountCents'],
		] as const) {
			if (!has(attrs, key) || attrs[key] === null || attrs[key] === '') continue;
			const cents = parseMoney(attrs[key]);
			if (Number.isNaN(cents)) errors.add(key, 'is not a number');
			else if (cents < 0) errors.add(key, 'must be greater than or equal to 0');
			else ch[target] = cents;
		}
		if (has(attrs, 'description')) {
			const d = str(attrs.description);
			if (d === null || d.trim() === '') errors.add('description', "can't be blank");
			else ch.description = d;
		} else if (creating && !ch.item_id) errors.add('description', "can't be blank");
		if (has(attrs, 'details')) ch.details = str(attrs.details);
		if (has(attrs, 'taxable')) ch.taxable = bool(attrs.taxable, false);
		errors.throwIfAny();
		return ch;
	}

	private jobChargeOut(job: JobRow, c: ChargeRow, index: number): JobChargeFullRecord {
		const extra = this.extraOf(job, c, index);
		const item = extra.item_id === null ? undefined : this.items.itemRow(extra.item_id);
		return {
			id: c.id,
			job_id: job.id,
			description: c.name,
			details: c.description,
			quantity: c.quantity.toFixed(1),
			price_per_unit: formatMoney(c.priceCents),
			discount: formatMoney(extra.discountCents),
			total: formatMoney(chargeTotalCents(c)),
			taxable: c.taxable,
			item_id: extra.item_id,
			item: item ? this.items.itemOut(item) : null,
			job_charge_type_id: extra.job_charge_type_id,
			tax_id: null,
			sales_tax_code_id: null,
			sort_order: extra.sort_order,
			created_on: formatTimestamp(extra.createdMs, this.db.offsetMinutes),
			updated_at: formatTimestamp(extra.updatedMs, this.db.offsetMinutes),
			deleted_at: null,
		};
	}
}
