/**
 * Invoices: `/invoices.json` [doc], the invoice view of the jobs that have charges, newest first,
 * filtered by `invoice_status=paid|unpaid`, with the `total_balance_remaining` of every matching invoice
 * (not just the page). There is no single-invoice endpoint. It reads the jobs' rows only.
 */
import { normPage } from '../paging';
import type { AccountDb, JobRow } from './db';
import type { InvoiceRecord } from './records';
import { formatDate, formatMoney, formatTimestamp } from './values';

export class Invoices {
	constructor(private readonly db: AccountDb) {}

	/** One page of invoices, newest first; `status` 'paid' / 'unpaid' filters (anything else: all). */
	queryInvoices(status: string | undefined, page: number, size: number): { invoices: InvoiceRecord[]; totalBalanceRemaining: string } {
		page = normPage(page);
		const start = (page - 1) * size;
		const out: InvoiceRecord[] = [];
		let seen = 0;
		let total = 0;
		for (let i = this.db.jobOrder.length - 1; i >= 0; i--) {
			const j = this.db.jobOrder[i];
			if (j.subtotalCents + j.taxCents <= 0) continue;
			const paid = j.paidOnMs !== null;
			if ((status === 'paid' && !paid) || (status === 'unpaid' && paid)) continue;
			total += j.balanceCents;
			if (seen >= start && out.length < size) out.push(this.invoiceOut(j));
			seen++;
		}
		return { invoices: out, totalBalanceRemaining: formatMoney(total) };
	}

	private invoiceOut(j: JobRow): InvoiceRecord {
		return {
			id: j.id,
			job_number: j.job_number,
			customer_id: j.customer.id,
			customer_name: j.customer.name,
			name: j.name,
			status: j.status,
			invoice_status: j.paidOnMs !== null ? 'paid' : 'unpaid',
			invoice_date: formatDate(j.completedMs ?? j.createdMs, this.db.offsetMinutes),
			invoice_sent_date: null,
			invoice_viewed_on: null,
			invoice_paid_on: this.db.ts(j.paidOnMs),
			invoice_terms: 'Due upon receipt',
			invoice_notes: null,
			subtotal: formatMoney(j.subtotalCents),
			tax: formatMoney(j.taxCents),
			total: formatMoney(j.subtotalCents + j.taxCents),
			balance_remaining: formatMoney(j.balanceCents),
			created_at: formatTimestamp(j.createdMs, this.db.offsetMinutes),
			updated_at: formatTimestamp(j.updatedMs, this.db.offsetMinutes),
		};
	}
}
