/**
 * Payments: a payment on a job is applied to it (balance, invoice paid at 0); on a customer it stays
 * unapplied. Lists are oldest first; the paged list carries a `meta` object. A job record embeds its
 * payments through the jobs module's `embeds`.
 */
import { FieldErrors, NotFoundError } from '../errors';
import { normPage, pageMeta, pageSlice, type PageMeta } from '../paging';
import type { Customers } from './customers';
import type { AccountDb, CustomerRow, JobRow, ParentRef, PaymentRow, WriteMeta } from './db';
import type { Jobs } from './jobs';
import type { PaymentRecord } from './records';
import { B64URL, fakeString, formatDate, formatMoney, formatTimestamp, has, isValidDate, parseMoney, removeFrom, str, type Attrs } from './values';

interface PaymentChanges {
	amountCents?: number;
	date?: string;
	payment_type?: string | null;
	ref_number?: string | null;
	notes?: string | null;
}

export class Payments {
	constructor(
		private readonly db: AccountDb,
		private readonly customers: Customers,
		private readonly jobs: Jobs,
	) {
		jobs.embeds.payments = (job) => (job.payments ?? []).map((p) => this.paymentOut(p));
	}

	private paymentFields(attrs: Attrs, creating: boolean): PaymentChanges {
		const errors = new FieldErrors();
		const out: PaymentChanges = {};
		if (creating || has(attrs, 'amount')) {
			const raw = attrs.amount;
			const cents = parseMoney(raw);
			if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
				errors.add('amount', "can't be blank");
				errors.add('amount', 'must be greater than 0');
			} else if (Number.isNaN(cents)) {
				errors.add('amount', 'is not a number');
				errors.add('amount', 'must be greater than 0');
			} else if (cents <= 0) errors.add('amount', 'must be greater than 0');
			else out.amountCents = cents;
		}
		if (has(attrs, 'date') && attrs.date !== null && attrs.date !== '') {
			if (!isValidDate(attrs.date)) errors.add('date', 'is invalid');
			else out.date = attrs.date;
		}
		errors.throwIfAny();
		if (has(attrs, 'payment_type')) out.payment_type = str(attrs.payment_type);
		if (has(attrs, 'ref_number')) out.ref_number = str(attrs.ref_number);
		if (has(attrs, 'notes')) out.notes = str(attrs.notes);
		return out;
	}

	/**
	 * parent Job => applied to the job (payment_application_ids filled, job balance reduced, job updated_at
	 * bumped, invoice 'paid' at 0); parent Customer => unapplied (payment_application_ids []).
	 * attrs: { amount, date?, payment_type?, ref_number?, notes? }
	 */
	createPayment(parent: ParentRef, attrs: Attrs, meta?: WriteMeta): PaymentRecord {
		const row = this.jobs.parentRow(parent);
		const f = this.paymentFields(attrs, true);
		const ms = this.db.nowMs(meta);
		const job = parent.type === 'Job' ? (row as JobRow) : null;
		const customer = job ? job.customer : (row as CustomerRow);
		const id = this.db.nextPaymentId++;
		const type = f.payment_type ?? null;
		const touchesJob = !job || this.db.paymentsTouchJob();
		const p: PaymentRow = {
			id,
			customer,
			job,
			applicationId: job ? this.db.nextApplicationId++ : null,
			amountCents: f.amountCents as number,
			date: f.date ?? formatDate(ms, this.db.offsetMinutes),
			payment_type: type,
			ref_number: f.ref_number ?? null,
			notes: f.notes ?? null,
			txn_id: type && /card/i.test(type) ? 'ch_' + fakeString(id, 24, B64URL.slice(0, 62)) : null,
			status: touchesJob ? 'completed' : 'pending',
			touchesJob,
			createdMs: ms,
			updatedMs: ms,
		};
		this.db.payments.set(id, p);
		(customer.payments ??= []).push(p);
		if (job) {
			(job.payments ??= []).push(p);
			if (touchesJob) {
				this.db.adjustJobBalance(job, -p.amountCents);
				job.updatedMs = ms;
				this.jobs.refreshInvoice(job, ms);
			}
		} else {
			customer.balanceCents -= p.amountCents;
		}
		return this.paymentOut(p);
	}

	getPayment(id: number): PaymentRecord | undefined {
		const p = this.db.payments.get(id);
		return p ? this.paymentOut(p) : undefined;
	}

	/** Where a payment belongs: its customer's number and (when applied) its job's number. */
	paymentOwner(id: number): { customerNumber: number; jobNumber: number | null } | undefined {
		const p = this.db.payments.get(id);
		return p ? { customerNumber: p.customer.customer_number, jobNumber: p.job ? p.job.job_number : null } : undefined;
	}

	updatePayment(id: number, attrs: Attrs, meta?: WriteMeta): PaymentRecord {
		const p = this.db.payments.get(id);
		if (!p) throw new NotFoundError('payment', id);
		const f = this.paymentFields(attrs, false);
		const ms = this.db.nowMs(meta);
		if (f.amountCents !== undefined && f.amountCents !== p.amountCents) {
			const delta = f.amountCents - p.amountCents;
			if (p.job) {
				if (p.touchesJob) {
					this.db.adjustJobBalance(p.job, -delta);
					p.job.updatedMs = ms;
				}
			} else p.customer.balanceCents -= delta;
			p.amountCents = f.amountCents;
		}
		if (f.date !== undefined) p.date = f.date;
		if (f.payment_type !== undefined) p.payment_type = f.payment_type;
		if (f.ref_number !== undefined) p.ref_number = f.ref_number;
		if (f.notes !== undefined) p.notes = f.notes;
		p.updatedMs = ms;
		if (p.job && p.touchesJob) this.jobs.refreshInvoice(p.job, ms);
		return this.paymentOut(p);
	}

	/** Deletes the payment (restoring the job's balance); returns it as it was. */
	deletePayment(id: number, meta?: WriteMeta): PaymentRecord {
		const p = this.db.payments.get(id);
		if (!p) throw new NotFoundError('payment', id);
		const out = this.paymentOut(p);
		this.db.payments.delete(id);
		removeFrom(p.customer.payments, p);
		if (p.job) {
			removeFrom(p.job.payments, p);
			if (p.touchesJob) {
				this.db.adjustJobBalance(p.job, p.amountCents);
				const ms = this.db.nowMs(meta);
				p.job.updatedMs = ms;
				this.jobs.refreshInvoice(p.job, ms);
			}
		} else p.customer.balanceCents += p.amountCents;
		return out;
	}

	/** Customer: all its payments (applied and unapplied); Job: the payments applied to it. Oldest first. */
	listPayments(parent: ParentRef): PaymentRecord[] {
		return (this.jobs.parentRow(parent).payments ?? []).map((p) => this.paymentOut(p));
	}

	pagePayments(parent: ParentRef, page: number, size: number): { payments: PaymentRecord[]; meta: PageMeta } {
		const all = this.jobs.parentRow(parent).payments ?? [];
		page = normPage(page);
		return {
			payments: pageSlice(all, page, size).map((p) => this.paymentOut(p)),
			meta: pageMeta(page, size, all.length),
		};
	}

	private paymentOut(p: PaymentRow): PaymentRecord {
		return {
			id: p.id,
			date: p.date,
			amount: formatMoney(p.amountCents),
			payment_type: p.payment_type,
			ref_number: p.ref_number,
			notes: p.notes,
			txn_id: p.txn_id,
			status: p.status,
			payment_application_ids: p.applicationId !== null ? [p.applicationId] : [],
			created_at: formatTimestamp(p.createdMs, this.db.offsetMinutes),
			updated_at: formatTimestamp(p.updatedMs, this.db.offsetMinutes),
			customer: this.customers.customerRef(p.customer),
		};
	}
}
