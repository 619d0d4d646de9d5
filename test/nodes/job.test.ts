import { runKickserv, runLoadOptions } from '../harness/engine';
import { SLUG, useSandbox } from '../harness/setup';
import { getEmployees, getJobTypes, searchCustomers, searchJobs } from '../../nodes/Kickserv/methods';

const t = useSandbox();
const rl = (value: string | number, mode = 'id') => ({ __rl: true, mode, value: String(value) });

describe('Job', () => {
	test('Create: a job for a customer, job type from the dropdown list', async () => {
		const types = await runLoadOptions(getJobTypes, t.credentials);
		expect(types.length).toBeGreaterThanOrEqual(6);
		expect(types.map((o) => o.name)).toEqual([...types.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
		const clarence = t.sandbox.store().findCustomerByName('Clarence')!;
		t.sandbox.clearLog();
		const { items, error } = await runKickserv(
			{
				resource: 'job',
				operation: 'create',
				customer: rl(clarence.customer_number),
				jobTypeId: types[0].value,
				additionalFields: { description: 'No cooling upstairs', po_number: 'PO-77', scheduled_on: '2026-12-02T09:00:00-05:00' },
			},
			t.credentials,
		);
		expect(error).toBeUndefined();
		const job = items[0].json;
		expect(job).toMatchObject({ customer_id: clarence.id, job_type_id: types[0].value, description: 'No cooling upstairs', po_number: 'PO-77' });
		expect(t.sandbox.log[0]).toMatchObject({
			method: 'POST',
			path: `/${SLUG}/customers/${clarence.customer_number}/jobs.json`,
			body: { job: { job_type_id: types[0].value, description: 'No cooling upstairs', po_number: 'PO-77', scheduled_on: '2026-12-02T09:00:00-05:00' } },
		});
		expect(t.sandbox.store().getJob(Number(job.job_number))?.description).toBe('No cooling upstairs');
	});

	test('Create refuses a job type that resolves to nothing, before any request', async () => {
		// (a literally empty required field is already refused by n8n as a workflow issue)
		const { error } = await runKickserv(
			{ resource: 'job', operation: 'create', customer: rl(1), jobTypeId: '={{ $json.type }}' },
			t.credentials,
			{ input: [{ type: '' }] },
		);
		expect(error?.message).toMatch(/^Job Type is required/);
		expect(t.sandbox.log).toHaveLength(0);
	});

	test('Get, and Get Many account-wide newest first with status, window and type filters', async () => {
		const newest = t.sandbox.store().listJobs()[0];
		const one = await runKickserv({ resource: 'job', operation: 'get', job: rl(newest.job_number) }, t.credentials);
		expect(one.items[0].json).toMatchObject({ job_number: newest.job_number, id: newest.id });
		t.sandbox.clearLog();
		const many = await runKickserv(
			{ resource: 'job', operation: 'getAll', returnAll: true, filters: { status: ['scheduled', 'complete'] } },
			t.credentials,
		);
		const numbers = many.items.map((i) => Number(i.json.job_number));
		// in the server's order: newest first [doc], or oldest first where the server lists so
		const newestFirst = t.sandbox.options.jobOrder === 'newest-first';
		expect(numbers).toEqual([...numbers].sort((a, b) => (newestFirst ? b - a : a - b)));
		expect(new Set(many.items.map((i) => i.json.status))).toEqual(new Set(['scheduled', 'complete']));
		const expected = t.sandbox.store().listJobs().filter((j) => j.status === 'scheduled' || j.status === 'complete');
		expect(numbers).toHaveLength(expected.length);
		expect(t.sandbox.log[0].query).toMatchObject({ 'status[]': ['scheduled', 'complete'], page: '1', per_page: '50' });
		const typed = await runKickserv(
			{ resource: 'job', operation: 'getAll', returnAll: true, filters: { job_type_id: 61, scheduled: 'next_week' } },
			t.credentials,
		);
		for (const item of typed.items) expect(item.json.job_type_id).toBe(61);
	});

	test("Get Many for one customer uses the customer's list", async () => {
		const job = t.sandbox.store().listJobs()[3];
		const customer = t.sandbox.store().getCustomerById(job.customer_id)!;
		const { items } = await runKickserv(
			{ resource: 'job', operation: 'getAll', scope: 'customer', customer: rl(customer.customer_number), returnAll: true },
			t.credentials,
		);
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((i) => i.json.customer_id === customer.id)).toBe(true);
		expect(t.sandbox.log[0].path).toBe(`/${SLUG}/customers/${customer.customer_number}/jobs.json`);
		expect(t.sandbox.log[0].query).not.toHaveProperty('per_page');
	});

	test('Update changes the status; Delete finds the customer and removes the job', async () => {
		const job = t.sandbox.store().createJob(1, { job_type_id: 61, description: 'to update' });
		t.sandbox.clearLog();
		const updated = await runKickserv(
			{ resource: 'job', operation: 'update', job: rl(job.job_number), updateFields: { status: 'on_hold', po_number: 'X-1' } },
			t.credentials,
		);
		expect(updated.items[0].json).toMatchObject({ status: 'on_hold', po_number: 'X-1' });
		expect(t.sandbox.store().getJob(job.job_number)?.status).toBe('on_hold');
		t.sandbox.clearLog();
		const deleted = await runKickserv({ resource: 'job', operation: 'delete', job: rl(job.job_number) }, t.credentials);
		expect(deleted.items[0].json).toEqual({ deleted: true, job_number: job.job_number, customer_number: 1 });
		expect(t.sandbox.store().getJob(job.job_number)).toBeUndefined();
		expect(t.sandbox.log.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /${SLUG}/jobs/${job.job_number}.json`,
			`DELETE /${SLUG}/customers/1/jobs/${job.job_number}.json`,
		]);
	});

	test('Update with an unknown status is refused before any request', async () => {
		const { error } = await runKickserv(
			{ resource: 'job', operation: 'update', job: rl(1001), updateFields: { status: 'done' } },
			t.credentials,
		);
		expect(error?.message).toMatch(/^Status must be one of .*"scheduled" \(Scheduled\).* \(got "done"\)/);
		expect(t.sandbox.log).toHaveLength(0);
	});

	test('resource locator lists: customers searchable by name, jobs by number or text', async () => {
		const customers = await runLoadOptions(searchCustomers, t.credentials, {}, 'obert');
		expect(customers.results.map((r) => r.name).join(' ')).toMatch(/Robert/);
		expect(customers.results[0].url).toMatch(new RegExp(`/${SLUG}/customers/\\d+$`));
		const newest = t.sandbox.store().listJobs()[0];
		const byNumber = await runLoadOptions(searchJobs, t.credentials, {}, String(newest.job_number));
		expect(byNumber.results).toHaveLength(1);
		expect(byNumber.results[0].value).toBe(String(newest.job_number));
		const employees = await runLoadOptions(getEmployees, t.credentials);
		expect(employees.map((e) => e.name)).toContain('Maria Alvarez');
	});
});
