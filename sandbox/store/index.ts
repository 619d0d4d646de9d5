/**
 * In-memory Kickserv account: customers, jobs, notes, payments, job types and employees.
 * Pure (no HTTP). The sandbox server maps its methods onto the API paths; tests may call it directly.
 *
 * Internal rows keep timestamps as epoch milliseconds and money as integer cents; every public method
 * returns fresh plain JSON-able records (timestamps ISO-8601 in the account's UTC offset, money as
 * decimal strings), so callers can never corrupt the store by mutating a result.
 *
 * Unfiltered listing is O(page): customers and jobs are kept in arrays sorted by number (numbers are
 * assigned max+1, so inserts append), children (jobs, notes, payments) in per-parent arrays.
 *
 * One file per resource, each a layer of the class: account.ts (state, clock, job types, employees) ->
 * customers.ts -> jobs.ts -> notes.ts -> payments.ts -> items.ts -> charges.ts -> tasks.ts ->
 * timeEntries.ts -> invoices.ts -> opportunities.ts -> AccountStore.
 */
import { OpportunitiesLayer } from './opportunities';

export { NotFoundError, ValidationError, type NotFoundEntity } from '../errors';
export type { PageMeta } from '../paging';
export type { AccountStoreOptions, EmployeeFullRecord, EmployeeRecord, JobTypeRecord, ParentRef, WriteMeta } from './account';
export type { JobChargeFullRecord } from './charges';
export type { InvoiceRecord } from './invoices';
export type { ItemRecord, ItemSeed } from './items';
export { OPPORTUNITY_STATUSES } from './opportunities';
export type { TaskQuery, TaskRecord } from './tasks';
export type { TimeEntryRecord } from './timeEntries';
export { CUSTOMER_EXACT_FILTERS, CUSTOMER_KEYS, type CustomerQuery, type CustomerRecord, type CustomerRef, type CustomerSeed } from './customers';
export {
	JOB_STATUSES,
	SCHEDULED_RANGES,
	type JobChargeRecord,
	type JobQuery,
	type JobRecord,
	type JobRecordOptions,
	type JobSeed,
	type JobStatus,
	type ScheduledRange,
} from './jobs';
export type { NoteRecord } from './notes';
export type { PaymentRecord } from './payments';
export {
	formatDate,
	formatMoney,
	formatTimestamp,
	isValidDate,
	mulberry32,
	parseDateTime,
	parseMoney,
	parseUtcOffset,
	type Attrs,
} from './values';

export class AccountStore extends OpportunitiesLayer {
	/** The numbers/ids the next created records will get. */
	get nextNumbers(): { customerNumber: number; jobNumber: number; noteId: number; paymentId: number } {
		return {
			customerNumber: this.nextCustomerNumber(),
			jobNumber: this.nextJobNumber(),
			noteId: this.nextNoteId,
			paymentId: this.nextPaymentId,
		};
	}
}
