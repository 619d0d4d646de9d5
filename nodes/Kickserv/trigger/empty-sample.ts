/**
 * Fetch Test Event (manual mode) when nothing matches: instead of an empty output, which n8n shows as
 * "No trigger output" or not at all, the trigger says what it looked at and which filter matched
 * nothing, as n8n's own polling triggers do. Pure: the node turns the result into its error.
 */

/** One of New Job's filters, as the user set it: its label ("Status: Scheduled") and its test. */
export interface FilterCheck {
	label: string;
	test: (record: Record<string, unknown>) => boolean;
}

export interface EmptySample {
	message: string;
	description: string;
}

/** New Job found no job among the `scanned` most recent ones; `counts[i]` jobs passed filter i alone. */
export function noMatchingJob(scanned: number, filters: FilterCheck[], counts: number[]): EmptySample {
	if (scanned === 0) {
		return {
			message: 'No job to show: the Kickserv account has no jobs yet',
			description: 'Create a job in Kickserv, then click Fetch Test Event again.',
		};
	}
	const jobs = `the ${scanned} most recent job${scanned === 1 ? '' : 's'}`;
	const none = filters.filter((_, i) => counts[i] === 0).map((f) => f.label);
	const each = filters.map((f, i) => `${f.label}: ${counts[i]} of ${scanned}`).join('; ');
	return {
		message: none.length
			? `No job matches the filter ${none.map((label) => `"${label}"`).join(' nor ')} among ${jobs}`
			: `No job matches all the filters together among ${jobs}`,
		description: `Jobs matching each filter alone: ${each}. Change the filters, or create a matching job in Kickserv, then click Fetch Test Event again. Once active, the trigger emits only jobs created after that.`,
	};
}

/** New Payment found no payment: for one customer, or on the `jobs` most recent jobs of the account. */
export function noPayment(scope: { customer: number } | { jobs: number }): EmptySample {
	if ('customer' in scope) {
		return {
			message: `Customer ${scope.customer} has no payments yet`,
			description: 'Record a payment for this customer in Kickserv, then click Fetch Test Event again.',
		};
	}
	return {
		message: `No payment on the ${scope.jobs} most recent jobs`,
		description:
			'Fetch Test Event shows the newest payment of the most recent jobs. Record a payment on a recent job in Kickserv, or choose Payments Of: One Customer, then click Fetch Test Event again.',
	};
}

/** Job Status Changed / Job Updated show the newest job: there is none. */
export const noJobs = (): EmptySample => ({
	message: 'No job to show: the Kickserv account has no jobs yet',
	description: 'Create a job in Kickserv, then click Fetch Test Event again.',
});

/** Invoice Paid / New Opportunity show the newest recent job that is one: there is none. */
export const noneBecame = (what: string, scanned: number): EmptySample => ({
	message: `No ${what} among the ${scanned} most recent jobs`,
	description: `Fetch Test Event shows the newest ${what} of the most recent jobs. Once active, the trigger emits each job that becomes one after that.`,
});

/** New Customer shows the newest customer: there is none. */
export const noCustomers = (): EmptySample => ({
	message: 'No customer to show: the Kickserv account has no customers yet',
	description: 'Create a customer in Kickserv, then click Fetch Test Event again.',
});
