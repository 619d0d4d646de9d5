/**
 * The sandbox's issue-11 resources over HTTP: tasks, job charges, time entries, employees (full records
 * with secrets), items, invoices and opportunities, each with the switches for what is not known.
 */
import { KickservSandbox } from '../../sandbox';
import { apiClient, NOW, type Api } from './helpers';

describe('Sandbox: tasks, charges, time entries, employees, items, invoices, opportunities', () => {
	let sandbox: KickservSandbox;
	let api: Api;

	beforeEach(async () => {
		sandbox = new KickservSandbox({ now: () => NOW });
		api = apiClient(await sandbox.start(0));
	});
	afterEach(() => sandbox.stop());

	const anyJob = () => sandbox.store().listJobs()[0];

	it('tasks: create, get, filter by job / employee / date range, update, complete, delete', async () => {
		const store = sandbox.store();
		const job = anyJob();
		const tech = store.employees[1];
		const before = store.taskCount;
		const created = await api('POST', '/tasks.json', {
			task: { name: 'Call ahead', job_id: job.id, employee_ids: [tech.id], starts_at: '2026-12-02T09:00' },
		});
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({ name: 'Call ahead', job_id: job.id, employee_ids: [tech.id], completed: false, starts_at: '2026-12-02T09:00:00-05:00' });
		expect(store.taskCount).toBe(before + 1);
		const id = created.json.id;
		expect((await api('GET', `/tasks/${id}.json`)).json).toMatchObject({ id, name: 'Call ahead' });
		expect((await api('GET', `/jobs/${job.job_number}/tasks.json`)).json.tasks.map((t: { id: number }) => t.id)).toContain(id);
		expect((await api('GET', `/tasks.json?job_id=${job.id}`)).json.tasks.map((t: { id: number }) => t.id)).toContain(id);
		const byEmployee = (await api('GET', `/tasks.json?employee_number=${tech.employee_number}`)).json.tasks;
		expect(byEmployee.length).toBeGreaterThan(0);
		expect(byEmployee.every((t: { employee_ids: number[] }) => t.employee_ids.includes(tech.id))).toBe(true);
		expect((await api('GET', '/tasks.json?from=2026-12-02&to=2026-12-03')).json.tasks.map((t: { id: number }) => t.id)).toEqual([id]);
		expect((await api('GET', '/tasks.json?from=2026-12-03')).json.tasks).toEqual([]);
		expect((await api('GET', '/tasks.json?to=2026-12-02')).json.tasks.map((t: { id: number }) => t.id)).not.toContain(id); // `to` is exclusive
		expect((await api('GET', '/tasks.json?from=12/02/2026')).status).toBe(422);
		const done = await api('PUT', `/tasks/${id}.json`, { task: { completed: true } });
		expect(done.json).toMatchObject({ completed: true, completed_at: '2026-11-28T10:04:14-05:00' });
		expect((await api('POST', '/tasks.json', { task: { name: ' ' } })).json.errors).toEqual(["Name can't be blank"]);
		expect((await api('POST', '/tasks.json', { task: { name: 'x', job_id: 1 } })).json.errors).toEqual(['Job is invalid']);
		expect((await api('DELETE', `/tasks/${id}.json`)).json).toMatchObject({ id, name: 'Call ahead' });
		expect((await api('GET', `/tasks/${id}.json`)).status).toBe(404);
		expect(store.taskCount).toBe(before);
		const active = (await api('GET', '/tasks/job_list.json')).json.jobs;
		expect(active.every((j: { status: string }) => !['complete', 'canceled', 'lost'].includes(j.status))).toBe(true);
	});

	it('the demo has tasks for today assigned to technicians', () => {
		const store = sandbox.store();
		const today = store.queryTasks({ from: '2026-11-28', to: '2026-11-29' }, 1, 100);
		expect(today.length).toBeGreaterThan(0);
		expect(today.every((t) => t.employee_ids.length > 0)).toBe(true);
	});

	it.each([
		['record', 200, (body: unknown) => expect(body).toMatchObject({ name: 'x' })],
		['message', 200, (body: unknown) => expect(body).toEqual({ message: 'Task successfully deleted' })],
		['no-content', 204, (body: unknown) => expect(body).toBeUndefined()],
	] as const)('DELETE of a task answers per deleteReply=%s', async (reply, status, check) => {
		sandbox.options.deleteReply = reply;
		const task = sandbox.store().createTask({ name: 'x' });
		const res = await api('DELETE', `/tasks/${task.id}.json`);
		expect(res.status).toBe(status);
		check(res.json);
		expect(sandbox.store().getTask(task.id)).toBeUndefined();
	});

	it('job charges: add from the catalog or by hand, update, delete; the job total follows', async () => {
		const store = sandbox.store();
		const job = store.createJob(3, { job_type_id: 62 });
		const item = store.listItems()[3];
		const a = await api('POST', `/jobs/${job.job_number}/job_charges.json`, { job_charge: { job_charge_type_id: 2, item_id: item.id, quantity: 2 } });
		expect(a.status).toBe(200);
		expect(a.json).toMatchObject({ description: item.name, quantity: '2.0', price_per_unit: item.price, item_id: item.id, job_charge_type_id: 2, job_id: job.id });
		expect(a.json.item).toMatchObject({ id: item.id, name: item.name });
		const b = await api('POST', `/jobs/${job.job_number}/job_charges.json`, {
			job_charge: { job_charge_type_id: 1, description: 'Labor', price_per_unit: '95.00', quantity: '1.5', discount: '10' },
		});
		expect(b.json).toMatchObject({ total: '132.50', discount: '10.00', sort_order: 2 });
		const itemCents = Math.round(Number(item.price) * 100) * 2;
		expect(store.getJob(job.job_number)?.subtotal).toBe(((itemCents + 13250) / 100).toFixed(2));
		const list = await api('GET', `/jobs/${job.job_number}/job_charges.json`);
		expect(list.json.job_charges.map((c: { id: number }) => c.id)).toEqual([a.json.id, b.json.id]);
		const u = await api('PUT', `/jobs/${job.job_number}/job_charges/${b.json.id}.json`, { job_charge: { quantity: 2 } });
		expect(u.json).toMatchObject({ total: '180.00' });
		const d = await api('DELETE', `/jobs/${job.job_number}/job_charges/${a.json.id}.json`);
		expect(d.json).toMatchObject({ id: a.json.id });
		expect(store.getJob(job.job_number)?.subtotal).toBe('180.00');
		expect((await api('DELETE', `/jobs/${job.job_number}/job_charges/${a.json.id}.json`)).status).toBe(404);
		const bad = await api('POST', `/jobs/${job.job_number}/job_charges.json`, { job_charge: { description: 'x', item_id: 1 } });
		expect(bad.status).toBe(422);
		expect(bad.json.errors).toEqual(["Job charge type can't be blank", 'Item is invalid']);
	});

	it('time entries: log and list a job\'s hours', async () => {
		const store = sandbox.store();
		const job = store.createJob(3, { job_type_id: 62 });
		const tech = store.employees[2];
		const res = await api('POST', `/jobs/${job.job_number}/time_entries.json`, {
			time_entry: { employee_id: tech.id, started_at: '2026-11-27T08:00', ended_at: '2026-11-27T10:30', notes: 'install' },
		});
		expect(res.json).toMatchObject({ employee_id: tech.id, hours: '2.50', job_id: job.id, started_at: '2026-11-27T08:00:00-05:00' });
		expect((await api('GET', `/jobs/${job.job_number}/time_entries.json`)).json.time_entries).toHaveLength(1);
		const bad = await api('POST', `/jobs/${job.job_number}/time_entries.json`, { time_entry: { employee_id: 1, started_at: '2026-11-27T10:00', ended_at: '2026-11-27T09:00' } });
		expect(bad.json.errors).toEqual(['Employee is invalid', 'Ended at must be after the start']);
		expect((await api('DELETE', `/jobs/${job.job_number}/time_entries/${res.json.id}.json`)).status).toBe(404);
	});

	it('employees: full records with the login secrets; active only unless employeesList=all', async () => {
		const active = (await api('GET', '/employees.json')).json.employees;
		expect(active).toHaveLength(4);
		expect(active[0]).toMatchObject({ name: 'Maria Alvarez', active: true, admin: true });
		expect(active[0].encrypted_password).toMatch(/^\$2a\$10\$/);
		expect(typeof active[0].password_salt).toBe('string');
		sandbox.options.employeesList = 'all';
		const all = (await api('GET', '/employees.json')).json.employees;
		expect(all).toHaveLength(5);
		expect(all.some((e: { active: boolean }) => !e.active)).toBe(true);
	});

	it('items: the catalog, paged', async () => {
		sandbox.options.listPageSize = 5;
		const p1 = (await api('GET', '/items.json')).json.items;
		const p2 = (await api('GET', '/items.json?page=2')).json.items;
		expect(p1).toHaveLength(5);
		expect([...p1, ...p2].map((i: { id: number }) => i.id)).toEqual(sandbox.store().listItems().map((i) => i.id));
	});

	it('invoices: paid / unpaid with the total balance remaining of every match', async () => {
		sandbox.options.listPageSize = 5;
		const unpaid = await api('GET', '/invoices.json?invoice_status=unpaid');
		expect(unpaid.json.invoices).toHaveLength(5);
		expect(unpaid.json.invoices.every((i: { invoice_status: string }) => i.invoice_status === 'unpaid')).toBe(true);
		const all = sandbox.store().queryInvoices('unpaid', 1, 1000).invoices;
		const sum = all.reduce((s, i) => s + Math.round(Number(i.balance_remaining) * 100), 0);
		expect(unpaid.json.total_balance_remaining).toBe((sum / 100).toFixed(2));
		const paid = (await api('GET', '/invoices.json?invoice_status=paid')).json.invoices;
		expect(paid.length).toBeGreaterThan(0);
		expect(paid.every((i: { invoice_status: string; invoice_paid_on: string }) => i.invoice_status === 'paid' && i.invoice_paid_on)).toBe(true);
	});

	it('opportunities: create (a job set to new), list by status, mark won / lost', async () => {
		const created = await api('POST', '/opportunities.json', { job: { job_type_id: 61, description: 'lead' }, customer_number: 3 });
		expect(created.json).toMatchObject({ status: 'new', description: 'lead' });
		const n = created.json.job_number;
		expect((await api('GET', '/opportunities.json?status=new')).json.opportunities[0]).toMatchObject({ job_number: n });
		const won = await api('PUT', `/opportunities/${n}/mark_as_won.json`);
		expect(won.json).toMatchObject({ job_number: n, status: 'won' });
		expect((await api('PUT', `/opportunities/${n}/mark_as_won.json`)).status).toBe(200); // repeating changes nothing
		const lost = await api('PUT', `/opportunities/${n}/mark_as_lost.json`);
		expect(lost.status).toBe(422);
		expect((await api('GET', '/opportunities.json?status=won')).json.opportunities.map((o: { job_number: number }) => o.job_number)).toEqual([n]);
		const plain = anyJob();
		if (plain.status !== 'new') expect((await api('PUT', `/opportunities/${plain.job_number}/mark_as_lost.json`)).status).toBe(422);
		expect((await api('PUT', '/opportunities/999999/mark_as_won.json')).status).toBe(404);
	});
});
