/**
 * Shared bits of the hardening tests: locator shapes, an expression that reads the input item's `v`,
 * and a serialisation of a sandbox account's whole state (to prove a refused input changed nothing).
 */
import type { AccountStore } from '../../sandbox/store';

/** A parameter value taken from the input item's `v`: lets a test feed any JSON value (objects, arrays, blanks). */
export const X = '={{ $json.v }}';

/** A resource locator with a literal value. */
export const rl = (value: string | number, mode: 'id' | 'url' | 'list' = 'id') => ({ __rl: true, mode, value: String(value) });

/** A resource locator whose value is the input item's `v`. */
export const rlx = (mode: 'id' | 'url' | 'list' = 'id') => ({ __rl: true, mode, value: X });

/**
 * Everything the account holds: counts, the next ids, every customer and job, every note and payment,
 * and every task, job charge and time entry.
 */
export function serialiseStore(store: AccountStore): string {
	const customers = store.listCustomers();
	const jobs = store.listJobs();
	const notes: unknown[] = [];
	const payments: unknown[] = [];
	for (const c of customers) {
		notes.push(store.listNotes({ type: 'Customer', number: c.customer_number }));
		payments.push(store.listPayments({ type: 'Customer', number: c.customer_number }));
	}
	const work: unknown[] = [];
	for (const j of jobs) {
		notes.push(store.listNotes({ type: 'Job', number: j.job_number }));
		work.push(store.listJobCharges(j.job_number), store.listTimeEntries(j.job_number));
	}
	return JSON.stringify({
		tasks: store.listTasks(),
		work,
		counts: store.counts,
		next: store.nextNumbers,
		balance: store.totalBalanceRemaining,
		customers,
		jobs,
		notes,
		payments,
	});
}

/** Record counts, for messages that say what changed. */
export const countsOf = (store: AccountStore) => {
	const { customers, jobs, notes, payments } = store.counts;
	return { customers, jobs, notes, payments };
};

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
