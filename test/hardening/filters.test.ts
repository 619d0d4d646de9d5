/**
 * Get Many filters checked against the records returned: a server that ignores a filter's query parameter
 * answers the whole list, and the node must not pass that on as filtered. Each test runs the operation
 * twice against the sandbox, once as it honours the filter and once with the parameter taken out of the
 * request before the sandbox reads it (its `beforeHandle` hook: a server that ignores it), and expects the
 * same records, with Return All and with a Limit. Before the check, the second run returned every record.
 */
import type { IDataObject } from 'n8n-workflow';

import type { LoggedRequest } from '../../sandbox';
import { runKickserv } from '../harness/engine';
import { useSandbox } from '../harness/setup';
import { rl } from './helpers';

// small pages: the matches are spread over several pages, and a Limit must read on until it is met
const t = useSandbox({ customersPageSize: 5, listPageSize: 5, maxPerPage: 5 });

afterEach(() => {
	t.sandbox.beforeHandle = undefined;
});

/** A server that ignores these query parameters (also in their `name[]` form); what the node sent is kept. */
function ignoring(params: string[]): IDataObject[] {
	const sent: IDataObject[] = [];
	t.sandbox.beforeHandle = (req: LoggedRequest) => {
		sent.push({ ...req.query });
		for (const param of params) {
			delete req.query[param];
			delete req.query[`${param}[]`];
		}
	};
	return sent;
}

const idsOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.id);

/** The operation's ids as the server filters, then as a server that ignores `params`: the same, Return All and Limit. */
async function expectSameWhenIgnored(parameters: IDataObject, params: string[]): Promise<void> {
	const honoured = await runKickserv({ ...parameters, returnAll: true, simplify: false }, t.credentials);
	expect(honoured.error).toBeUndefined();
	expect(honoured.items.length).toBeGreaterThan(0);
	const firstTwo = await runKickserv({ ...parameters, returnAll: false, limit: 2, simplify: false }, t.credentials);
	const sent = ignoring(params);
	const ignored = await runKickserv({ ...parameters, returnAll: true, simplify: false }, t.credentials);
	expect(ignored.error).toBeUndefined();
	expect(idsOf(ignored.items)).toEqual(idsOf(honoured.items));
	// the filter was sent, and the server answered more than the matches (it ignored it)
	expect(sent.some((query) => params.some((param) => param in query || `${param}[]` in query))).toBe(true);
	expect(sent.length).toBeGreaterThan(1);
	const limited = await runKickserv({ ...parameters, returnAll: false, limit: 2, simplify: false }, t.credentials);
	expect(limited.error).toBeUndefined();
	expect(idsOf(limited.items)).toEqual(idsOf(firstTwo.items));
}

describe('Customer Get Many, against a server that ignores the filter', () => {
	const customer = () => {
		// one on a later page, with the fields the filters look at
		const all = t.sandbox.store().listCustomers() as unknown as IDataObject[];
		return all.filter((c) => c.email_address && c.phone_number && c.service_city)[4];
	};

	test.each([
		['Customer Number', (c: IDataObject) => ({ customer_number: c.customer_number }), 'customer_number'],
		['Name Contains (another case)', (c: IDataObject) => ({ q: String(c.name).slice(1, 5).toUpperCase() }), 'q'],
		['Name Begins With', (c: IDataObject) => ({ begins_with: String(c.name).charAt(0).toLowerCase() }), 'begins_with'],
		['Email (Exact)', (c: IDataObject) => ({ email_address: c.email_address }), 'email_address'],
		['Phone (Exact)', (c: IDataObject) => ({ phone_number: c.phone_number }), 'phone_number'],
		['Service City (Exact)', (c: IDataObject) => ({ service_city: c.service_city }), 'service_city'],
	])('%s: only the matching customers', async (_label, filters, param) => {
		await expectSameWhenIgnored({ resource: 'customer', operation: 'getAll', filters: filters(customer()) }, [param]);
	});
});

describe('Job Get Many, against a server that ignores the filter', () => {
	test('Status, account-wide: only jobs in one of the statuses', async () => {
		await expectSameWhenIgnored({ resource: 'job', operation: 'getAll', filters: { status: ['complete', 'in_progress'] } }, ['status']);
	});

	test('Job Type: only jobs of that type', async () => {
		await expectSameWhenIgnored({ resource: 'job', operation: 'getAll', filters: { job_type_id: 62 } }, ['job_type_id']);
	});

	test("Status, one customer's jobs", async () => {
		// a customer with complete jobs and others
		const store = t.sandbox.store();
		const jobs = store.listJobs() as unknown as IDataObject[];
		const statusesOf = (customer: number | undefined) => new Set(jobs.filter((job) => store.jobOwner(Number(job.job_number)) === customer).map((job) => job.status));
		const owner = jobs.map((job) => store.jobOwner(Number(job.job_number))).find((customer) => statusesOf(customer).has('complete') && statusesOf(customer).size > 1);
		await expectSameWhenIgnored(
			{ resource: 'job', operation: 'getAll', scope: 'customer', customer: rl(Number(owner)), filters: { status: ['complete'] } },
			['status'],
		);
	});
});

describe('Opportunity and Task Get Many, against a server that ignores the filter', () => {
	test('Opportunity Status: only opportunities in it', async () => {
		// (without the filter, the sandbox lists new, won and lost ones)
		const [, second] = t.sandbox.store().queryOpportunities({ status: 'new' }, 1, 10);
		t.sandbox.store().markOpportunity(Number(second.job_number), 'won');
		await expectSameWhenIgnored({ resource: 'opportunity', operation: 'getAll', filters: { status: 'new' } }, ['status']);
	});

	test('Task Job: only the tasks of that job', async () => {
		const tasks = (t.sandbox.store().listTasks() as unknown as IDataObject[]).filter((task) => task.job_id);
		const jobId = tasks[tasks.length - 1].job_id;
		const job = (t.sandbox.store().listJobs() as unknown as IDataObject[]).find((j) => j.id === jobId);
		await expectSameWhenIgnored({ resource: 'task', operation: 'getAll', filters: { job_number: { __rl: true, mode: 'number', value: String(job?.job_number) } } }, ['job_id']);
	});
});

describe('Invoice Get Many, against a server that ignores Invoice Status', () => {
	test('stops with an error naming the guess (its total would sum invoices not asked for)', async () => {
		ignoring(['invoice_status']);
		const { items, error } = await runKickserv({ resource: 'invoice', operation: 'getAll', invoiceStatus: 'unpaid', returnAll: true }, t.credentials);
		expect(items).toEqual([]);
		expect(error?.message).toBe('Kickserv did not answer as this node assumes: /invoices.json honours the filter "invoice_status" (Invoice Status)');
		expect(error?.description).toMatch(/^It returned a record with "invoice_status" "paid" when "unpaid" was asked\./);
	});

	test('Invoice Status All sends no filter and checks nothing', async () => {
		const sent = ignoring(['invoice_status']);
		const { items, error } = await runKickserv({ resource: 'invoice', operation: 'getAll', invoiceStatus: 'all', returnAll: true }, t.credentials);
		expect(error).toBeUndefined();
		expect(new Set(items.map((item) => item.json.invoice_status))).toEqual(new Set(['paid', 'unpaid']));
		expect(sent.every((query) => !('invoice_status' in query))).toBe(true);
	});
});
