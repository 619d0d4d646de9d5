/**
 * Task, Job Charge, Time Entry, Employee and Item through n8n's engine against the sandbox: every
 * operation, what is sent, what comes back, and the dropdowns that load employees and items.
 */
import { getEmployeeNumbers, getEmployees, getItems, searchJobCharges, searchTasks } from '../../nodes/Kickserv/methods';
import { runKickserv, runLoadOptions } from '../harness/engine';
import { SLUG, useSandbox } from '../harness/setup';

const t = useSandbox();
const rl = (value: string | number, mode = 'id') => ({ __rl: true, mode, value: String(value) });

describe('Task', () => {
	test('Create for a job by its number: the job id is looked up, the task assigned and dated', async () => {
		const store = t.sandbox.store();
		const job = store.getJob(1010)!;
		const tech = store.employees[1];
		const { items, error } = await runKickserv(
			{
				resource: 'task',
				operation: 'create',
				name: 'Bring the ladder',
				additionalFields: { job_number: '1010', employee_ids: [tech.id], starts_at: '2026-12-01T08:00:00', description: 'tall roof' },
			},
			t.credentials,
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'Bring the ladder', job_id: job.id, employee_ids: [tech.id], completed: false });
		expect(t.requests()).toEqual(['GET /jobs/1010.json', 'POST /tasks.json']);
		expect(t.sandbox.log[1].body).toEqual({
			// (a time without an offset is the workflow's time zone: n8n's default, New York)
			task: { name: 'Bring the ladder', job_id: job.id, employee_ids: [tech.id], starts_at: '2026-12-01T08:00:00-05:00', description: 'tall roof' },
		});
		expect(store.getTask(items[0].json.id as number)).toMatchObject({ name: 'Bring the ladder' });
	});

	test('the Job of a task is the job picker everywhere (From List, By URL) as well as a plain number', async () => {
		const store = t.sandbox.store();
		const job = store.getJob(1012)!;
		const fromList = await runKickserv(
			{ resource: 'task', operation: 'create', name: 'From the list', additionalFields: { job_number: rl(job.job_number, 'list') } },
			t.credentials,
		);
		expect(fromList.error).toBeUndefined();
		expect(fromList.items[0].json.job_id).toBe(job.id);
		const byUrl = await runKickserv(
			{ resource: 'task', operation: 'update', taskId: String(fromList.items[0].json.id), updateFields: { job_number: rl(`${t.credentials.baseUrl}/${SLUG}/jobs/1013`, 'url') } },
			t.credentials,
		);
		expect(byUrl.error).toBeUndefined();
		expect(byUrl.items[0].json.job_id).toBe(store.getJob(1013)!.id);
		t.sandbox.clearLog();
		const filtered = await runKickserv({ resource: 'task', operation: 'getAll', returnAll: true, filters: { job_number: rl(1013, 'number') } }, t.credentials);
		expect(filtered.items.map((i) => i.json.job_id)).toContain(store.getJob(1013)!.id);
		expect(t.requests()[0]).toBe('GET /jobs/1013.json');
	});

	test('the Task ID picker lists tasks (From List), and the operations take its value as well as a plain ID', async () => {
		const store = t.sandbox.store();
		const task = store.createTask({ name: 'Picked from the list' });
		const listed = await runLoadOptions(searchTasks, t.credentials, {}, 'picked from');
		expect(listed.results).toEqual([expect.objectContaining({ value: String(task.id), name: expect.stringMatching(new RegExp(`^Picked from the list.* · ID ${task.id}$`)) })]);
		const got = await runKickserv({ resource: 'task', operation: 'get', taskId: rl(task.id, 'list') }, t.credentials);
		expect(got.items[0].json).toMatchObject({ id: task.id, name: 'Picked from the list' });
		const done = await runKickserv({ resource: 'task', operation: 'complete', taskId: rl(task.id, 'id') }, t.credentials);
		expect(done.items[0].json).toMatchObject({ id: task.id, completed: true });
		// a By ID value given by an expression is checked by the node (n8n checks a typed one against the mode's rule)
		const bad = await runKickserv({ resource: 'task', operation: 'get', taskId: { __rl: true, mode: 'id', value: '={{ "../1" }}' } }, t.credentials);
		expect(bad.error?.message).toMatch(/^Task ID must be a positive whole number/);
	});

	test('Get, Update, Complete and Delete by task ID', async () => {
		const store = t.sandbox.store();
		const task = store.createTask({ name: 'Check filters' });
		const id = String(task.id);
		const got = await runKickserv({ resource: 'task', operation: 'get', taskId: id }, t.credentials);
		expect(got.items[0].json).toMatchObject({ id: task.id, name: 'Check filters' });
		const updated = await runKickserv({ resource: 'task', operation: 'update', taskId: id, updateFields: { name: 'Check all filters', job_number: '1001' } }, t.credentials);
		expect(updated.items[0].json).toMatchObject({ name: 'Check all filters', job_id: store.getJob(1001)!.id });
		const done = await runKickserv({ resource: 'task', operation: 'complete', taskId: id }, t.credentials);
		expect(done.items[0].json).toMatchObject({ completed: true });
		expect(store.getTask(task.id)?.completed).toBe(true);
		t.sandbox.clearLog();
		const deleted = await runKickserv({ resource: 'task', operation: 'delete', taskId: id }, t.credentials);
		expect(deleted.items[0].json).toMatchObject({ deleted: true, id: task.id });
		expect(t.requests()).toEqual([`DELETE /tasks/${id}.json`]);
		expect(store.getTask(task.id)).toBeUndefined();
	});

	test.each(['record', 'message', 'no-content'] as const)('Delete reads any of the possible replies (%s)', async (reply) => {
		t.sandbox.options.deleteReply = reply;
		try {
			const task = t.sandbox.store().createTask({ name: `delete ${reply}` });
			const { items, error } = await runKickserv({ resource: 'task', operation: 'delete', taskId: String(task.id) }, t.credentials);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ deleted: true, id: task.id });
			expect(items[0].json.message).toBeUndefined();
		} finally {
			t.sandbox.options.deleteReply = 'record';
		}
	});

	test('Get Many: Starts Before leaves its day out, also where Kickserv\'s `to` takes that day in', async () => {
		const store = t.sandbox.store();
		const day = store.today();
		const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
		const onNext = store.createTask({ name: 'starts the day after', starts_at: `${next}T09:00:00` });
		const saved = t.sandbox.options.taskTo;
		try {
			for (const taskTo of ['exclusive', 'inclusive'] as const) {
				t.sandbox.options.taskTo = taskTo;
				const { items, error } = await runKickserv({ resource: 'task', operation: 'getAll', returnAll: true, filters: { from: day, to: next } }, t.credentials);
				expect(error).toBeUndefined();
				const ids = items.map((i) => Number(i.json.id));
				expect(ids).not.toContain(onNext.id);
				expect(ids.sort()).toEqual(store.queryTasks({ from: day, to: next }, 1, 1000).map((x) => x.id).sort());
				expect(items.every((i) => String(i.json.starts_at).slice(0, 10) === day)).toBe(true);
			}
		} finally {
			t.sandbox.options.taskTo = saved;
			store.deleteTask(onNext.id);
		}
	});

	test("Get Many: a technician's tasks for one day, and a job's tasks", async () => {
		const store = t.sandbox.store();
		const day = store.today();
		const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
		const today = store.queryTasks({ from: day, to: next }, 1, 100);
		const techId = today[0].employee_ids[0];
		const tech = store.employees.find((e) => e.id === techId)!;
		const { items, error } = await runKickserv(
			{ resource: 'task', operation: 'getAll', returnAll: true, filters: { employee_number: tech.employee_number, from: day, to: `${next}T00:00:00` } },
			t.credentials,
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id).sort()).toEqual(today.filter((x) => x.employee_ids.includes(techId)).map((x) => x.id).sort());
		expect(t.sandbox.log[0].query).toMatchObject({ employee_number: String(tech.employee_number), from: day, to: next });
		const job = store.getJob(1001)!;
		store.createTask({ name: 'for the job filter', job_id: job.id });
		t.sandbox.clearLog();
		const byJob = await runKickserv({ resource: 'task', operation: 'getAll', returnAll: true, filters: { job_number: String(job.job_number) } }, t.credentials);
		expect(byJob.items.map((i) => i.json.job_id)).toEqual(store.listTasks(job.job_number).map(() => job.id));
		expect(t.requests()[0]).toBe(`GET /jobs/${job.job_number}.json`);
		for (const request of t.sandbox.log.slice(1)) expect(request).toMatchObject({ path: `/${SLUG}/tasks.json`, query: { job_id: String(job.id) } });
	});

	test('bad input is refused before any request', async () => {
		for (const [params, message] of [
			[{ operation: 'create', name: '  ' }, /^Name must not be empty/],
			[{ operation: 'create', name: 'x', additionalFields: { starts_at: '2026-12-01T10:00:00', ends_at: '2026-12-01T09:00:00' } }, /^Ends At must not be before Starts At/],
			[{ operation: 'create', name: 'x', additionalFields: { job_number: 'abc' } }, /^Job must be a positive whole number/],
			[{ operation: 'get', taskId: '../1' }, /^Task ID must be a positive whole number/],
			[{ operation: 'update', taskId: '5', updateFields: {} }, /^Update Fields is empty/],
			[{ operation: 'getAll', returnAll: true, filters: { from: '2026-12-02', to: '2026-12-01' } }, /^Starts Before must be after/],
			[{ operation: 'getAll', returnAll: true, filters: { from: '28/11/2026' } }, /^Starts At or After must be a date/],
			// the picker's time would be dropped by Kickserv's day filter: refused, not ignored
			[{ operation: 'getAll', returnAll: true, filters: { from: '2026-12-10T15:00:00' } }, /^Starts At or After takes a day, not a time .*15:00 would be ignored/],
			[{ operation: 'getAll', returnAll: true, filters: { to: '2026-12-11T00:30:00.000Z' } }, /^Starts Before takes a day, not a time/],
		] as const) {
			const { error } = await runKickserv({ resource: 'task', ...params }, t.credentials);
			expect(error?.message).toMatch(message);
		}
		expect(t.sandbox.log).toHaveLength(0);
	});
});

describe('Job Charge', () => {
	test('the Job Charge ID picker lists the charges of the job picked above; Update takes its value', async () => {
		const store = t.sandbox.store();
		const job = store.createJob(4, { job_type_id: 62 });
		const added = await runKickserv({ resource: 'jobCharge', operation: 'add', job: rl(job.job_number), jobChargeTypeId: 1, description: 'Diagnostic visit' }, t.credentials);
		const id = String(added.items[0].json.id);
		const listed = await runLoadOptions(searchJobCharges, t.credentials, { resource: 'jobCharge', operation: 'update', job: rl(job.job_number, 'list') });
		expect(listed.results).toEqual([expect.objectContaining({ value: id, name: expect.stringMatching(new RegExp(`^Diagnostic visit × 1 = .* · ID ${id}$`)) })]);
		await expect(runLoadOptions(searchJobCharges, t.credentials, { resource: 'jobCharge', operation: 'update', job: rl('', 'list') })).rejects.toThrow(/Pick the Job first/);
		const updated = await runKickserv({ resource: 'jobCharge', operation: 'update', job: rl(job.job_number), chargeId: rl(id, 'list'), updateFields: { quantity: 2 } }, t.credentials);
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ id: Number(id), quantity: expect.stringMatching(/^2/) });
	});

	test('Add from the catalog picker, add by hand, list, update, delete; the job total follows', async () => {
		const store = t.sandbox.store();
		const job = store.createJob(3, { job_type_id: 62 });
		const items = await runLoadOptions(getItems, t.credentials);
		const filter = store.listItems().find((i) => i.name.startsWith('Air filter'))!;
		expect(items).toContainEqual({ name: `${filter.name} (${filter.price})`, value: filter.id });
		expect(items.some((i) => i.name.startsWith('Condensate pump'))).toBe(false); // inactive
		const added = await runKickserv(
			{ resource: 'jobCharge', operation: 'add', job: rl(job.job_number), jobChargeTypeId: 2, itemId: filter.id, additionalFields: { quantity: 2 } },
			t.credentials,
		);
		expect(added.error).toBeUndefined();
		expect(added.items[0].json).toMatchObject({ description: filter.name, quantity: '2.0', item_id: filter.id, job_charge_type_id: 2 });
		const labor = await runKickserv(
			{
				resource: 'jobCharge',
				operation: 'add',
				job: rl(job.job_number),
				jobChargeTypeId: 1,
				description: 'Labor',
				additionalFields: { price_per_unit: '95', quantity: 1.5, discount: '0' },
			},
			t.credentials,
		);
		expect(labor.items[0].json).toMatchObject({ total: '142.50', price_per_unit: '95.00', discount: '0.00' });
		const list = await runKickserv({ resource: 'jobCharge', operation: 'getAll', job: rl(job.job_number), returnAll: true }, t.credentials);
		expect(list.items.map((i) => i.json.description)).toEqual([filter.name, 'Labor']);
		const chargeId = String(labor.items[0].json.id);
		const updated = await runKickserv({ resource: 'jobCharge', operation: 'update', job: rl(job.job_number), chargeId, updateFields: { quantity: 2 } }, t.credentials);
		expect(updated.items[0].json).toMatchObject({ total: '190.00' });
		const deleted = await runKickserv({ resource: 'jobCharge', operation: 'delete', job: rl(job.job_number), chargeId }, t.credentials);
		expect(deleted.items[0].json).toMatchObject({ deleted: true, id: Number(chargeId) });
		expect(store.listJobCharges(job.job_number)).toHaveLength(1);
		expect(store.getJob(job.job_number)?.subtotal).toBe((Number(filter.price) * 2).toFixed(2));
	});

	test('bad input is refused before any request', async () => {
		for (const [params, message] of [
			[{ operation: 'add', jobChargeTypeId: 1, additionalFields: {} }, /^Item or Description is required/],
			[{ operation: 'add', jobChargeTypeId: 0, description: 'x' }, /^Charge Type must be between/],
			[{ operation: 'add', jobChargeTypeId: 1, description: 'x', additionalFields: { price_per_unit: '9.999' } }, /^Price Per Unit must be an amount/],
			[{ operation: 'add', jobChargeTypeId: 1, description: 'x', additionalFields: { quantity: 0 } }, /^Quantity must be a number greater than 0/],
			[{ operation: 'update', chargeId: 'x1', updateFields: { quantity: 1 } }, /^Job Charge ID must be a positive whole number/],
			[{ operation: 'update', chargeId: '1', updateFields: {} }, /^Update Fields is empty/],
		] as const) {
			const { error } = await runKickserv({ resource: 'jobCharge', job: rl(1001), ...params }, t.credentials);
			expect(error?.message).toMatch(message);
		}
		expect(t.sandbox.log).toHaveLength(0);
	});
});

describe('Time Entry', () => {
	test("Log the crew's hours on a job, then list them", async () => {
		const store = t.sandbox.store();
		const job = store.createJob(4, { job_type_id: 61 });
		const employees = await runLoadOptions(getEmployees, t.credentials);
		const dan = employees.find((e) => e.name === 'Dan Okafor')!;
		t.sandbox.clearLog();
		const { items, error } = await runKickserv(
			{
				resource: 'timeEntry',
				operation: 'log',
				job: rl(job.job_number),
				employeeId: dan.value,
				startedAt: '2026-11-27T08:00:00',
				endedAt: '2026-11-27T11:15:00',
				additionalFields: { notes: 'replaced compressor' },
			},
			t.credentials,
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ employee_id: dan.value, hours: '3.25', notes: 'replaced compressor', job_id: job.id });
		expect(t.requests()).toEqual([`POST /jobs/${job.job_number}/time_entries.json`]);
		const list = await runKickserv({ resource: 'timeEntry', operation: 'getAll', job: rl(job.job_number), returnAll: true }, t.credentials);
		expect(list.items.map((i) => i.json.hours)).toEqual(['3.25']);
		// Simplify puts the job number the web app shows beside the internal job_id (no request more)
		expect(Object.keys(list.items[0].json).slice(0, 3)).toEqual(['id', 'job_id', 'job_number']);
		expect(list.items[0].json.job_number).toBe(job.job_number);
		await runKickserv({ resource: 'jobCharge', operation: 'add', job: rl(job.job_number), jobChargeTypeId: 1, description: 'Labor' }, t.credentials);
		const charges = await runKickserv({ resource: 'jobCharge', operation: 'getAll', job: rl(job.job_number, 'list'), returnAll: true }, t.credentials);
		expect(charges.items.length).toBeGreaterThan(0);
		expect(charges.items.every((i) => i.json.job_number === job.job_number && i.json.job_id === job.id)).toBe(true);
		const full = await runKickserv({ resource: 'timeEntry', operation: 'getAll', job: rl(job.job_number), returnAll: true, simplify: false }, t.credentials);
		expect(full.items[0].json.job_number).toBeUndefined(); // the record as Kickserv sent it
	});

	test("a time without an offset is the workflow's time zone, sent with its offset; one that zone skips is refused", async () => {
		const job = t.sandbox.store().createJob(4, { job_type_id: 61 });
		t.sandbox.clearLog();
		// 08:00 in Berlin (+01:00) is 07:00 UTC; 03:00 in New York (-05:00) is 08:00 UTC: one hour
		const { items, error } = await runKickserv(
			{ resource: 'timeEntry', operation: 'log', job: rl(job.job_number), employeeId: 11302, startedAt: '2026-11-27T08:00:00', endedAt: '2026-11-27T03:00:00-05:00' },
			t.credentials,
			{ timezone: 'Europe/Berlin' },
		);
		expect(error).toBeUndefined();
		expect(t.sandbox.log[0].body).toMatchObject({ time_entry: { started_at: '2026-11-27T08:00:00+01:00', ended_at: '2026-11-27T03:00:00-05:00' } });
		expect(items[0].json.hours).toBe('1.00');
		t.sandbox.clearLog();
		// 02:30 on the last Sunday of March does not exist in Berlin (the clocks go from 02:00 to 03:00)
		const skipped = await runKickserv(
			{ resource: 'job', operation: 'update', job: rl(job.job_number), updateFields: { scheduled_on: '2026-03-29T02:30:00' } },
			t.credentials,
			{ timezone: 'Europe/Berlin' },
		);
		expect(skipped.error?.message).toMatch(/^Scheduled On 2026-03-29T02:30:00 does not exist in the workflow's time zone Europe\/Berlin/);
		expect(t.sandbox.log).toHaveLength(0);
	});

	test('bad input is refused before any request', async () => {
		t.sandbox.clearLog();
		for (const [params, message] of [
			[{ employeeId: 'abc', startedAt: '2026-11-27T08:00:00', endedAt: '2026-11-27T09:00:00' }, /^Employee must be a positive whole number/],
			[{ employeeId: 11302, startedAt: '2026-11-27T08:00:00', endedAt: '2026-11-27T08:00:00' }, /^Ended At must be after Started At/],
			[{ employeeId: 11302, startedAt: 'yesterday', endedAt: '2026-11-27T08:00:00' }, /^Started At must be a date and time/],
		] as const) {
			const { error } = await runKickserv({ resource: 'timeEntry', operation: 'log', job: rl(1001), ...params }, t.credentials);
			expect(error?.message).toMatch(message);
		}
		expect(t.sandbox.log).toHaveLength(0);
	});
});

describe('Employee and Item', () => {
	test('Get Many: active employees, or all that Kickserv lists; never a password hash', async () => {
		const active = await runKickserv({ resource: 'employee', operation: 'getAll', returnAll: true, simplify: false }, t.credentials);
		expect(active.items.map((i) => i.json.name)).toEqual(['Maria Alvarez', 'Dan Okafor', 'Priya Shah', 'Tom Becker']);
		for (const item of active.items) {
			expect(item.json).not.toHaveProperty('encrypted_password');
			expect(item.json).not.toHaveProperty('password_salt');
		}
		t.sandbox.options.employeesList = 'all';
		try {
			const stillActive = await runKickserv({ resource: 'employee', operation: 'getAll', returnAll: true }, t.credentials);
			expect(stillActive.items).toHaveLength(4);
			const all = await runKickserv({ resource: 'employee', operation: 'getAll', status: 'all', returnAll: true }, t.credentials);
			expect(all.items.map((i) => i.json.name)).toContain('Gary Lund');
			expect(all.items[0].json).toEqual({ id: expect.any(Number), employee_number: 1, name: 'Maria Alvarez', email_address: 'maria@northwindhvac.example', active: true, admin: true });
		} finally {
			t.sandbox.options.employeesList = 'active';
		}
	});

	test('Get one employee by ID (the list is searched); an unknown ID is a not-found error', async () => {
		const tom = t.sandbox.store().employees[3];
		const { items } = await runKickserv({ resource: 'employee', operation: 'get', employeeId: tom.id }, t.credentials);
		expect(items[0].json).toMatchObject({ id: tom.id, name: 'Tom Becker' });
		expect(items[0].json).not.toHaveProperty('encrypted_password');
		const missing = await runKickserv({ resource: 'employee', operation: 'get', employeeId: 999 }, t.credentials);
		expect(missing.error?.message).toBe(`Kickserv account "${SLUG}" has no employee 999`);
	});

	test('employee dropdowns: by internal id for assignments, by employee number for filters', async () => {
		const byId = await runLoadOptions(getEmployees, t.credentials);
		const byNumber = await runLoadOptions(getEmployeeNumbers, t.credentials);
		const maria = t.sandbox.store().employees[0];
		expect(byId).toContainEqual({ name: 'Maria Alvarez', value: maria.id });
		expect(byNumber).toContainEqual({ name: 'Maria Alvarez', value: maria.employee_number });
	});

	test('Item Get Many: the catalog, with Limit', async () => {
		const all = await runKickserv({ resource: 'item', operation: 'getAll', returnAll: true }, t.credentials);
		expect(all.items.map((i) => i.json.id)).toEqual(t.sandbox.store().listItems().map((i) => i.id));
		const two = await runKickserv({ resource: 'item', operation: 'getAll', limit: 2 }, t.credentials);
		expect(two.items).toHaveLength(2);
	});
});
