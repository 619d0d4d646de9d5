import { CUSTOMER_KEYS, KickservSandbox } from '../../sandbox';
import { makeClock, SLUG, type Api, type Clock, apiClient } from './helpers';

const CONTRACT_CUSTOMER_FIELDS = [
	'id',
	'customer_number',
	'name',
	'company',
	'company_name',
	'first_name',
	'last_name',
	'contact',
	'alt_contact',
	'is_active',
	'email_address',
	'phone_number',
	'mobile',
	'fax',
	'alt_phone_number',
	'service_address',
	'service_address_2',
	'service_city',
	'service_state',
	'service_zip_code',
	'service_country',
	'billing_address',
	'billing_address_2',
	'billing_city',
	'billing_state',
	'billing_zip_code',
	'billing_country',
	'customer_type_id',
	'customer_source_id',
	'account_number',
	'notify_via_email',
	'notify_via_sms',
	'balance',
	'created_at',
	'updated_at',
];
const SECRET_FIELDS = ['token', 'password_digest', 'stripe_customer_id', 'qbo_customer_ref_id', 'qb_list_ref_id'];
const JOB_FIELDS = [
	'id',
	'job_number',
	'customer_id',
	'name',
	'description',
	'status',
	'job_type_id',
	'job_status_id',
	'po_number',
	'scheduled_on',
	'ends_at',
	'duration',
	'completed_on',
	'subtotal',
	'tax',
	'total',
	'balance_remaining',
	'invoice_status',
	'invoice_paid_on',
	'employee_ids',
	'created_at',
	'updated_at',
];
const PAYMENT_FIELDS = [
	'id',
	'date',
	'amount',
	'payment_type',
	'ref_number',
	'notes',
	'txn_id',
	'status',
	'payment_application_ids',
	'created_at',
	'updated_at',
	'customer',
];
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-05:00$/;
const MONEY = /^-?\d+\.\d{2}$/;

describe('sandbox resources', () => {
	let sandbox: KickservSandbox;
	let api: Api;
	let clock: Clock;

	beforeEach(async () => {
		// a fresh demo account per test: tests mutate freely
		clock = makeClock();
		sandbox = new KickservSandbox({ now: clock.now });
		api = apiClient(await sandbox.start(0));
	});
	afterEach(async () => {
		await sandbox.stop();
	});

	describe('customers', () => {
		it('records carry every contract field plus the secret keys', async () => {
			const { json } = await api('GET', '/customers/4.json');
			for (const k of CONTRACT_CUSTOMER_FIELDS) expect(json).toHaveProperty(k);
			for (const k of SECRET_FIELDS) expect(typeof json[k]).toBe('string');
			expect(Object.keys(json)).toEqual([...CUSTOMER_KEYS]);
			expect(json.customer_number).toBe(4);
			expect(json.id).not.toBe(4);
			expect(json.balance).toMatch(MONEY);
			expect(json.created_at).toMatch(TS);
		});

		it('an internal id in the path is not found', async () => {
			const { json } = await api('GET', '/customers/4.json');
			expect((await api('GET', `/customers/${json.id}.json`)).status).toBe(404);
		});

		it('pages with customers_page (server page size), ascending, empty past the end', async () => {
			const p1 = await api('GET', '/customers.json');
			expect(p1.json.customers).toHaveLength(25);
			expect(p1.json.customers.map((c: { customer_number: number }) => c.customer_number)).toEqual(
				Array.from({ length: 25 }, (_, i) => i + 1),
			);
			const ignored = await api('GET', '/customers.json?page=2&per_page=5');
			expect(ignored.json).toEqual(p1.json);
			const p2 = await api('GET', '/customers.json?customers_page=2');
			expect(p2.json.customers.map((c: { customer_number: number }) => c.customer_number)[0]).toBe(26);
			expect(p2.json.customers).toHaveLength(15);
			const p3 = await api('GET', '/customers.json?customers_page=3');
			expect(p3.status).toBe(200);
			expect(p3.json).toEqual({ customers: [] });
			sandbox.options.customersPageSize = 7;
			expect((await api('GET', '/customers.json?customers_page=2')).json.customers[0].customer_number).toBe(8);
		});

		it('filters: exact fields, q, begins_with, only', async () => {
			const exact = await api('GET', '/customers.json?name=Clarence');
			expect(exact.json.customers.map((c: { name: string }) => c.name)).toEqual(['Clarence']);
			expect((await api('GET', '/customers.json?name=clarence')).json.customers).toEqual([]);
			expect((await api('GET', '/customers.json?name=Clar')).json.customers).toEqual([]);
			const byNumber = await api('GET', '/customers.json?customer_number=9');
			expect(byNumber.json.customers.map((c: { name: string }) => c.name)).toEqual(['Robert Chen']);
			const city = (await api('GET', '/customers/4.json')).json.service_city;
			const inCity = await api('GET', `/customers.json?service_city=${encodeURIComponent(city)}`);
			expect(inCity.json.customers.length).toBeGreaterThan(0);
			for (const c of inCity.json.customers) expect(c.service_city).toBe(city);
			const q = await api('GET', '/customers.json?q=OBERT');
			expect(q.json.customers.map((c: { name: string }) => c.name)).toEqual(['Roberta Diaz', 'Robert Chen', 'Kim Robertson']);
			const r = await api('GET', '/customers.json?begins_with=r');
			expect(r.json.customers.map((c: { name: string }) => c.name)).toEqual(['Roberta Diaz', 'Robert Chen', 'Rachel Stein']);
			const only = await api('GET', '/customers.json?only=id,customer_number,name');
			expect(Object.keys(only.json.customers[0])).toEqual(['id', 'customer_number', 'name']);
		});

		it('filter.json: contains, case-insensitive, with the EMPTY tail', async () => {
			const res = await api('GET', '/customers/filter.json?name=obert');
			const list = res.json.customers;
			expect(list.map((c: { name: string | null }) => c.name)).toEqual(['Roberta Diaz', 'Robert Chen', 'Kim Robertson', null]);
			const empty = list[list.length - 1];
			expect(empty.customer_number).toBeNull();
			expect(Object.keys(empty)).toEqual([...CUSTOMER_KEYS]);
			expect(Object.values(empty).every((v) => v === null)).toBe(true);
			const none = await api('GET', '/customers/filter.json?name=zzzz');
			expect(none.json.customers).toHaveLength(1);
			expect(none.json.customers[0].customer_number).toBeNull();
			sandbox.options.listEnvelope = 'bare';
			const bare = await api('GET', '/customers/filter.json?name=obert');
			expect(bare.json).toEqual(list);
		});

		it('customer_validation: exact, case-sensitive', async () => {
			const found = await api('POST', '/customers/customer_validation.json', { name: 'Clarence' });
			expect(found.status).toBe(200);
			expect(found.json).toMatchObject({ status: 'exist', customer_url: `/${SLUG}/customers/4`, customer_name: 'Clarence' });
			expect(found.json.customer.customer_number).toBe(4);
			expect((await api('POST', '/customers/customer_validation.json', { name: 'clarence' })).json).toEqual({ status: 'not found' });
			expect((await api('POST', '/customers/customer_validation.json', { name: 'Clar' })).json).toEqual({ status: 'not found' });
		});

		it('create: 200, assigned number, name required and unique', async () => {
			const res = await api('POST', '/customers.json', {
				customer: { name: 'Nadia Fern', customer_number: 5, email_address: 'nadia@example.com', is_active: true },
			});
			expect(res.status).toBe(200);
			expect(res.json.customer_number).toBe(41);
			expect(res.json.id).not.toBe(41);
			expect(res.json.email_address).toBe('nadia@example.com');
			expect(res.json.fax).toBeNull();
			expect(res.json.balance).toBe('0.00');
			expect(res.json.created_at).toBe('2026-11-28T10:04:14-05:00');
			const blank = await api('POST', '/customers.json', { customer: { name: '  ' } });
			expect(blank.status).toBe(422);
			expect(blank.json).toEqual({ errors: ["Name can't be blank"] });
			expect((await api('POST', '/customers.json', {})).json).toEqual({ errors: ["Name can't be blank"] });
			const dup = await api('POST', '/customers.json', { customer: { name: 'Nadia Fern' } });
			expect(dup.status).toBe(422);
			expect(dup.json).toEqual({ errors: ['Name has already been taken'] });
		});

		it('update and delete (cascading jobs, notes, payments)', async () => {
			clock.advance(60_000);
			const put = await api('PUT', '/customers/4.json', { customer: { phone_number: '(614) 555-9999', customer_number: 77 } });
			expect(put.status).toBe(200);
			expect(put.json.phone_number).toBe('(614) 555-9999');
			expect(put.json.customer_number).toBe(4);
			expect(put.json.updated_at).toBe('2026-11-28T10:05:14-05:00');
			expect((await api('PUT', '/customers/4.json', { customer: { name: 'Robert Chen' } })).status).toBe(422);
			expect((await api('PUT', '/customers/4.json', { customer: { name: 'Clarence' } })).status).toBe(200);

			const job = await api('POST', '/customers/4/jobs.json', { job: { job_type_id: 61 } });
			const pay = await api('POST', `/jobs/${job.json.job_number}/payments.json`, { payment: { amount: '5.00' } });
			const note = await api('POST', `/jobs/${job.json.job_number}/notes.json`, { note: { note: 'x' } });
			const cnote = await api('POST', '/customers/4/notes.json', { note: { note: 'y' } });
			const del = await api('DELETE', '/customers/4.json');
			expect(del.status).toBe(200);
			expect(del.json).toEqual({ message: 'Customer successfully deleted' });
			expect((await api('GET', '/customers/4.json')).status).toBe(404);
			expect((await api('GET', `/jobs/${job.json.job_number}.json`)).status).toBe(404);
			const store = sandbox.store();
			expect(store.getPayment(pay.json.id)).toBeUndefined();
			expect(store.getNote(note.json.id)).toBeUndefined();
			expect(store.getNote(cnote.json.id)).toBeUndefined();
			expect((await api('DELETE', '/customers/4.json')).status).toBe(404);
		});
	});

	describe('jobs', () => {
		it('GET /jobs.json: newest first, page/per_page, cap, empty past the end', async () => {
			const p1 = await api('GET', '/jobs.json');
			expect(p1.json.jobs).toHaveLength(25);
			expect(p1.json.jobs[0].job_number).toBe(1060);
			expect(p1.json.jobs[24].job_number).toBe(1036);
			for (const k of JOB_FIELDS) expect(p1.json.jobs[0]).toHaveProperty(k);
			expect(p1.json.jobs[0].payments).toBeUndefined();
			const p2 = await api('GET', '/jobs.json?page=2&per_page=30');
			expect(p2.json.jobs).toHaveLength(30);
			expect(p2.json.jobs[0].job_number).toBe(1030);
			expect((await api('GET', '/jobs.json?page=3&per_page=30')).json.jobs).toEqual([]);
			sandbox.options.maxPerPage = 10;
			expect((await api('GET', '/jobs.json?per_page=50')).json.jobs).toHaveLength(10);
			sandbox.options.defaultPerPage = 7;
			expect((await api('GET', '/jobs.json')).json.jobs).toHaveLength(7);
			const all = await api('GET', '/jobs.json?per_page=10&page=1');
			const sum = sandbox
				.store()
				.listJobs()
				.reduce((s, j) => s + Math.round(Number(j.balance_remaining) * 100), 0);
			expect(all.json.total_balance_remaining).toBe((sum / 100).toFixed(2));
		});

		it('filters: status, status[], job_type_id, employee_number, scheduled', async () => {
			const one = await api('GET', '/jobs.json?status=complete&per_page=100');
			expect(one.json.jobs).toHaveLength(18);
			const many = await api('GET', '/jobs.json?status[]=complete&status[]=canceled&per_page=100');
			expect(many.json.jobs).toHaveLength(22);
			expect(new Set(many.json.jobs.map((j: { status: string }) => j.status))).toEqual(new Set(['complete', 'canceled']));
			const byType = await api('GET', '/jobs.json?job_type_id=61&per_page=100');
			for (const j of byType.json.jobs) expect(j.job_type_id).toBe(61);
			const emp = sandbox.store().employees[1];
			const byEmp = await api('GET', `/jobs.json?employee_number=${emp.employee_number}&per_page=100`);
			expect(byEmp.json.jobs.length).toBeGreaterThan(0);
			for (const j of byEmp.json.jobs) expect(j.employee_ids).toContain(emp.id);
			const expectRange = async (range: string, from: string, to: string): Promise<void> => {
				const res = await api('GET', `/jobs.json?scheduled=${range}&per_page=100`);
				expect(res.json.jobs.length).toBeGreaterThan(0);
				for (const j of res.json.jobs) {
					const day = j.scheduled_on.slice(0, 10);
					expect(day >= from && day <= to).toBe(true);
				}
			};
			await expectRange('today', '2026-11-28', '2026-11-28');
			await expectRange('tomorrow', '2026-11-29', '2026-11-29');
			await expectRange('this_week', '2026-11-23', '2026-11-29');
			await expectRange('next_week', '2026-11-30', '2026-12-06');
			await expectRange('last_week', '2026-11-16', '2026-11-22');
			await expectRange('this_month', '2026-11-01', '2026-11-30');
			await expectRange('next_month', '2026-12-01', '2026-12-31');
			await expectRange('last_month', '2026-10-01', '2026-10-31');
			const filteredSum = many.json.jobs.reduce((s: number, j: { balance_remaining: string }) => s + Math.round(Number(j.balance_remaining) * 100), 0);
			expect(many.json.total_balance_remaining).toBe((filteredSum / 100).toFixed(2));
		});

		it('include=customer and only', async () => {
			const list = await api('GET', '/jobs.json?include=customer&per_page=3');
			for (const j of list.json.jobs) expect(j.customer.id).toBe(j.customer_id);
			const single = await api('GET', '/jobs/1001.json?include=customer');
			expect(single.json.customer.id).toBe(single.json.customer_id);
			expect(single.json.customer.name).toEqual(expect.any(String));
			const only = await api('GET', '/jobs.json?only=job_number,status&per_page=2');
			expect(Object.keys(only.json.jobs[0])).toEqual(['job_number', 'status']);
		});

		it('POST /jobs.json: customer_number outside the job; validation', async () => {
			const c8 = (await api('GET', '/customers/8.json')).json;
			const res = await api('POST', '/jobs.json', { job: { job_type_id: 61, description: 'No cooling' }, customer_number: 8 });
			expect(res.status).toBe(200);
			expect(res.json).toMatchObject({
				job_number: 1061,
				customer_id: c8.id,
				status: 'unscheduled',
				name: 'AC Repair',
				description: 'No cooling',
				balance_remaining: '0.00',
				invoice_status: 'unpaid',
				created_at: '2026-11-28T10:04:14-05:00',
			});
			expect(res.json.id).not.toBe(1061);
			const sched = await api('POST', '/jobs.json', { job: { job_type_id: '62', scheduled_on: '2026-12-01T09:00:00-05:00' }, customer_number: '8' });
			expect(sched.json.status).toBe('scheduled');
			expect(sched.json.scheduled_on).toBe('2026-12-01T09:00:00-05:00');
			const missing = await api('POST', '/jobs.json', { job: { description: 'x' } });
			expect(missing.status).toBe(422);
			expect(missing.json.errors).toEqual(["Job type can't be blank", "Customer can't be blank"]);
			const inside = await api('POST', '/jobs.json', { job: { job_type_id: 61, customer_number: 8 } });
			expect(inside.json.errors).toEqual(["Customer can't be blank"]);
			const badCustomer = await api('POST', '/jobs.json', { job: { job_type_id: 61 }, customer_number: 9999 });
			expect(badCustomer.json.errors).toEqual(['Customer is invalid']);
			const badType = await api('POST', '/jobs.json', { job: { job_type_id: 1 }, customer_number: 8 });
			expect(badType.json.errors).toEqual(['Job type is invalid']);
		});

		it('GET embeds payments and job_charges, PUT reply does not; PUT validates status', async () => {
			const get = await api('GET', '/jobs/1001.json');
			expect(Array.isArray(get.json.payments)).toBe(true);
			expect(Array.isArray(get.json.job_charges)).toBe(true);
			clock.advance(5 * 60_000);
			const emp = sandbox.store().employees[2];
			const put = await api('PUT', '/jobs/1001.json', {
				job: { status: 'on_hold', description: 'Waiting on parts', po_number: 'PO-9', employee_ids: [emp.id] },
			});
			expect(put.status).toBe(200);
			expect(put.json).toMatchObject({ status: 'on_hold', description: 'Waiting on parts', po_number: 'PO-9', employee_ids: [emp.id] });
			expect(put.json.updated_at).toBe('2026-11-28T10:09:14-05:00');
			expect(put.json.payments).toBeUndefined();
			expect(put.json.job_charges).toBeUndefined();
			const bad = await api('PUT', '/jobs/1001.json', { job: { status: 'done' } });
			expect(bad.status).toBe(422);
			expect(bad.json.errors).toEqual(['Status is not included in the list']);
			const opp = await api('PUT', '/jobs/1001.json', { job: { status: 'new' } });
			expect(opp.json.status).toBe('new');
		});

		it('customer jobs: list, create, get/put/delete with ownership', async () => {
			const store = sandbox.store();
			const job = store.getJob(1001);
			const owner = store.getCustomerById(job?.customer_id ?? 0);
			const cn = owner?.customer_number as number;
			const list = await api('GET', `/customers/${cn}/jobs.json`);
			expect(list.json.jobs.length).toBeGreaterThan(0);
			for (const j of list.json.jobs) expect(j.customer_id).toBe(owner?.id);
			const created = await api('POST', `/customers/${cn}/jobs.json`, { job: { job_type_id: 64 } });
			expect(created.json.customer_id).toBe(owner?.id);
			const filtered = await api('GET', `/customers/${cn}/jobs.json?status[]=unscheduled`);
			expect(filtered.json.jobs.map((j: { job_number: number }) => j.job_number)).toContain(created.json.job_number);
			for (const j of filtered.json.jobs) expect(j.status).toBe('unscheduled');

			const other = cn === 1 ? 2 : 1;
			expect((await api('GET', `/customers/${other}/jobs/1001.json`)).status).toBe(404);
			expect((await api('DELETE', `/customers/${other}/jobs/1001.json`)).status).toBe(404);
			const get = await api('GET', `/customers/${cn}/jobs/1001.json`);
			expect(get.json.job_number).toBe(1001);
			expect(get.json.payments).toBeDefined();
			const put = await api('PUT', `/customers/${cn}/jobs/1001.json`, { job: { description: 'via customer' } });
			expect(put.json.description).toBe('via customer');

			const note = await api('POST', '/jobs/1001/notes.json', { note: { note: 'bye' } });
			const payIds = (get.json.payments as Array<{ id: number }>).map((p) => p.id);
			const del = await api('DELETE', `/customers/${cn}/jobs/1001.json`);
			expect(del.status).toBe(200);
			expect(del.json.job_number).toBe(1001);
			expect((await api('GET', '/jobs/1001.json')).status).toBe(404);
			expect(store.getNote(note.json.id)).toBeUndefined();
			for (const id of payIds) expect(store.getPayment(id)).toBeUndefined();

			sandbox.options.listPageSize = 1;
			const paged = await api('GET', `/customers/${cn}/jobs.json?page=1&per_page=50`);
			expect(paged.json.jobs).toHaveLength(1);
		});

		it('new job numbers are max+1', async () => {
			const a = await api('POST', '/jobs.json', { job: { job_type_id: 61 }, customer_number: 1 });
			const b = await api('POST', '/jobs.json', { job: { job_type_id: 61 }, customer_number: 1 });
			expect(b.json.job_number).toBe(a.json.job_number + 1);
		});
	});

	describe('notes', () => {
		it('customer notes: create (creator, never public), list, get without ownership check', async () => {
			const res = await api('POST', '/customers/4/notes.json', { note: { note: 'Gate code 1234', public: true } });
			expect(res.status).toBe(200);
			const c4 = (await api('GET', '/customers/4.json')).json;
			expect(res.json).toMatchObject({ note: 'Gate code 1234', public: false, noteable_id: c4.id, noteable_type: 'Customer' });
			expect(res.json.creator).toMatchObject({ employee_number: 1, first_name: 'Maria' });
			expect(res.json.created_at).toMatch(TS);
			const list = await api('GET', '/customers/4/notes.json');
			expect(list.json.notes.map((n: { id: number }) => n.id)).toContain(res.json.id);
			expect(list.json.notes[0].creator).toBeUndefined();
			const foreign = await api('GET', `/customers/5/notes/${res.json.id}.json`);
			expect(foreign.status).toBe(200);
			expect(foreign.json.noteable_id).toBe(c4.id);
			expect(foreign.json.creator).toBeUndefined();
			expect((await api('POST', '/customers/4/notes.json', { note: { note: ' ' } })).json).toEqual({ errors: ["Note can't be blank"] });
			expect((await api('POST', '/customers/4/notes.json', { note: 'flat' })).status).toBe(422);
			expect((await api('GET', '/customers/4/notes/1.json')).status).toBe(404);
			expect((await api('GET', `/customers/9999/notes/${res.json.id}.json`)).status).toBe(404);
		});

		it('PUT replies with creator; DELETE removes even another customer\'s note', async () => {
			const mine = await api('POST', '/customers/4/notes.json', { note: { note: 'old' } });
			clock.advance(1000 * 60);
			const put = await api('PUT', `/customers/4/notes/${mine.json.id}.json`, { note: { note: 'new' } });
			expect(put.json.note).toBe('new');
			expect(put.json.creator).toBeTruthy();
			expect(put.json.updated_at).not.toBe(put.json.created_at);
			const del = await api('DELETE', `/customers/5/notes/${mine.json.id}.json`);
			expect(del.status).toBe(200);
			expect(del.json).toEqual({ message: 'Note successfully deleted' });
			expect(sandbox.store().getNote(mine.json.id)).toBeUndefined();
		});

		it('job notes carry public and noteable_type Job; paging with page', async () => {
			const job = (await api('GET', '/jobs/1005.json')).json;
			const pub = await api('POST', '/jobs/1005/notes.json', { note: { note: 'Visible to customer', public: true } });
			expect(pub.json).toMatchObject({ public: true, noteable_type: 'Job', noteable_id: job.id });
			const priv = await api('POST', '/jobs/1005/notes.json', { note: { note: 'Internal' } });
			expect(priv.json.public).toBe(false);
			const upd = await api('PUT', `/jobs/1005/notes/${priv.json.id}.json`, { note: { note: 'Internal!', public: true } });
			expect(upd.json).toMatchObject({ note: 'Internal!', public: true });
			expect(upd.json.creator).toBeTruthy();
			sandbox.options.listPageSize = 1;
			const all = sandbox.store().listNotes({ type: 'Job', number: 1005 });
			const p2 = await api('GET', '/jobs/1005/notes.json?page=2');
			expect(p2.json.notes).toEqual([all[1]]);
			expect((await api('GET', `/jobs/1005/notes.json?page=${all.length + 1}`)).json.notes).toEqual([]);
			expect((await api('GET', `/jobs/1005/notes/${pub.json.id}.json`)).json.id).toBe(pub.json.id);
			expect((await api('DELETE', `/jobs/1005/notes/${pub.json.id}.json`)).json).toEqual({ message: 'Note successfully deleted' });
		});
	});

	describe('payments', () => {
		async function unpaidJob(cn = 3): Promise<number> {
			return sandbox.store().createJob(cn, { job_type_id: 61, job_charges: [{ name: 'Repair', price: '200.00' }] }).job_number;
		}

		it('job payment is applied: balance reduced, updated_at bumped, paid at zero', async () => {
			const jn = await unpaidJob();
			clock.advance(3_600_000);
			const first = await api('POST', `/jobs/${jn}/payments.json`, {
				payment: { amount: '125.00', date: '2026-11-28', payment_type: 'Check', ref_number: '1042', notes: 'first' },
			});
			expect(first.status).toBe(200);
			for (const k of PAYMENT_FIELDS) expect(first.json).toHaveProperty(k);
			expect(first.json).toMatchObject({ amount: '125.00', date: '2026-11-28', payment_type: 'Check', ref_number: '1042', notes: 'first' });
			expect(first.json.payment_application_ids).toHaveLength(1);
			expect(first.json.customer).toEqual({ id: expect.any(Number), customer_number: 3, name: 'Lakeside Dental Group' });
			let job = (await api('GET', `/jobs/${jn}.json`)).json;
			expect(job.balance_remaining).toBe('75.00');
			expect(job.invoice_status).toBe('unpaid');
			expect(job.updated_at).toBe('2026-11-28T11:04:14-05:00');
			expect(job.payments.map((p: { id: number }) => p.id)).toEqual([first.json.id]);
			const second = await api('POST', `/jobs/${jn}/payments.json`, { payment: { amount: 75 } });
			expect(second.json.date).toBe('2026-11-28');
			job = (await api('GET', `/jobs/${jn}.json`)).json;
			expect(job.balance_remaining).toBe('0.00');
			expect(job.invoice_status).toBe('paid');
			expect(job.invoice_paid_on).toMatch(TS);

			const get = await api('GET', `/jobs/${jn}/payments/${first.json.id}.json`);
			expect(get.status).toBe(200);
			expect(get.json.id).toBe(first.json.id);
			const put = await api('PUT', `/jobs/${jn}/payments/${first.json.id}.json`, { payment: { amount: '100.00', ref_number: '1043' } });
			expect(put.json).toMatchObject({ amount: '100.00', ref_number: '1043' });
			expect((await api('GET', `/jobs/${jn}.json`)).json).toMatchObject({ balance_remaining: '25.00', invoice_status: 'unpaid', invoice_paid_on: null });
			const del = await api('DELETE', `/jobs/${jn}/payments/${second.json.id}.json`);
			expect(del.json.id).toBe(second.json.id);
			expect((await api('GET', `/jobs/${jn}.json`)).json.balance_remaining).toBe('100.00');
			expect((await api('GET', `/jobs/${jn}/payments/${second.json.id}.json`)).status).toBe(404);
			expect((await api('GET', `/jobs/1001/payments/${first.json.id}.json`)).status).toBe(404);
		});

		it('customer payments: unapplied on POST, GET single answers 204, DELETE returns it', async () => {
			const before = (await api('GET', '/customers/3.json')).json.balance;
			const res = await api('POST', '/customers/3/payments.json', { payment: { amount: '40.00', payment_type: 'Cash' } });
			expect(res.status).toBe(200);
			expect(res.json.payment_application_ids).toEqual([]);
			const after = (await api('GET', '/customers/3.json')).json.balance;
			expect(Math.round(Number(before) * 100) - Math.round(Number(after) * 100)).toBe(4000);
			const get = await api('GET', `/customers/3/payments/${res.json.id}.json`);
			expect(get.status).toBe(204);
			expect(get.text).toBe('');
			expect((await api('GET', `/customers/2/payments/${res.json.id}.json`)).status).toBe(404);
			expect((await api('GET', '/customers/3/payments/123.json')).status).toBe(404);
			const put = await api('PUT', `/customers/3/payments/${res.json.id}.json`, { payment: { notes: 'edited' } });
			expect(put.json.notes).toBe('edited');
			const list = await api('GET', '/customers/3/payments.json');
			expect(list.json.payments.map((p: { id: number }) => p.id)).toContain(res.json.id);
			const del = await api('DELETE', `/customers/3/payments/${res.json.id}.json`);
			expect(del.status).toBe(200);
			expect(del.json).toMatchObject({ id: res.json.id, amount: '40.00', notes: 'edited' });
			expect((await api('GET', `/customers/3/payments/${res.json.id}.json`)).status).toBe(404);
		});

		it('the customer list holds applied and unapplied payments, paged with meta', async () => {
			const jn = await unpaidJob(10);
			for (let i = 0; i < 3; i++) await api('POST', `/jobs/${jn}/payments.json`, { payment: { amount: '10.00' } });
			await api('POST', '/customers/10/payments.json', { payment: { amount: '1.00' } });
			const total = sandbox.store().listPayments({ type: 'Customer', number: 10 }).length;
			sandbox.options.listPageSize = 2;
			const p1 = await api('GET', '/customers/10/payments.json');
			expect(p1.json.meta).toEqual({ current_page: 1, total_pages: Math.ceil(total / 2), total_count: total, per_page: 2 });
			expect(p1.json.payments).toHaveLength(2);
			const past = await api('GET', `/customers/10/payments.json?page=${Math.ceil(total / 2) + 1}`);
			expect(past.json.payments).toEqual([]);
			const jp = await api('GET', `/jobs/${jn}/payments.json?page=2`);
			expect(jp.json.payments).toHaveLength(1);
			expect(jp.json.meta).toMatchObject({ current_page: 2, total_pages: 2, total_count: 3 });
		});

		it.each([
			[{ amount: '0' }, 'Amount must be greater than 0'],
			[{ amount: '-5.00' }, 'Amount must be greater than 0'],
			[{ amount: 'abc' }, 'Amount must be greater than 0'],
			[{}, "Amount can't be blank"],
			[{ amount: '10.00', date: '2026-02-30' }, 'Date is invalid'],
			[{ amount: '10.00', date: '11/28/2026' }, 'Date is invalid'],
		])('validation %j -> 422 %s', async (payment, message) => {
			const res = await api('POST', '/jobs/1002/payments.json', { payment });
			expect(res.status).toBe(422);
			expect(res.json.errors).toContain(message);
		});
	});

	it('employees and calendar', async () => {
		const emp = await api('GET', '/employees.json');
		expect(emp.json.employees).toHaveLength(4);
		for (const e of emp.json.employees) {
			for (const key of ['id', 'employee_number', 'name', 'username', 'email_address', 'active', 'admin', 'password_salt', 'encrypted_password']) {
				expect(Object.keys(e)).toContain(key);
			}
			expect(e.active).toBe(true);
			expect(e.id).not.toBe(e.employee_number);
		}
		const cal = await api('GET', '/calendar.json');
		expect(cal.json.job_types).toHaveLength(6);
		expect(cal.json.job_types[0]).toEqual({ id: 61, name: 'AC Repair' });
		expect(cal.json.jobs).toEqual([]);
		expect(cal.json.employees).toEqual(emp.json.employees);
	});
});
