import { KickservSandbox } from '../../sandbox';
import { apiClient, basic, NOW, SLUG, startSandbox, TOKEN, type Api } from './helpers';

describe('sandbox core: auth, routing, envelopes, errors, log, faults', () => {
	let sandbox: KickservSandbox;
	let baseUrl: string;
	let api: Api;

	beforeAll(async () => {
		({ sandbox, baseUrl, api } = await startSandbox());
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(() => {
		sandbox.clearFaults();
		sandbox.clearLog();
		sandbox.options.listEnvelope = 'keyed';
		sandbox.options.recordEnvelope = 'bare';
		sandbox.options.errorShape = 'errors-array';
		sandbox.options.notFoundStatus = 404;
		sandbox.beforeHandle = undefined;
	});

	describe('auth', () => {
		it('accepts Basic token:token and answers JSON 200', async () => {
			const res = await api('GET', '/customers.json');
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/^application\/json/);
			expect(Array.isArray(res.json.customers)).toBe(true);
		});

		it.each([
			['no header', null],
			['wrong token', basic('nope')],
			['token as user only', basic(TOKEN, 'x')],
			['token as password only', basic('x', TOKEN)],
			['bearer', `Bearer ${TOKEN}`],
		])('401 for %s', async (_label, auth) => {
			const res = await api('GET', '/customers.json', undefined, { auth });
			expect(res.status).toBe(401);
			expect(res.json).toEqual({ errors: ['HTTP Basic: Access denied.'] });
			expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
		});

		it('unknown slug is 404 "Account not found" (before auth)', async () => {
			const res = await apiClient(baseUrl, 'no-such-account')('GET', '/customers.json');
			expect(res.status).toBe(404);
			expect(res.json).toEqual({ errors: ['Account not found'] });
		});

		it('tokens are per account', async () => {
			const two = new KickservSandbox({
				now: () => NOW,
				accounts: [
					{ slug: 'a-co', token: 'tok-a', seed: 'empty' },
					{ slug: 'b-co', token: 'tok-b', seed: 'empty', utcOffset: '+01:00' },
				],
			});
			const url = await two.start(0);
			try {
				expect((await apiClient(url, 'a-co', 'tok-a')('GET', '/customers.json')).status).toBe(200);
				expect((await apiClient(url, 'a-co', 'tok-b')('GET', '/customers.json')).status).toBe(401);
				const created = await apiClient(url, 'b-co', 'tok-b')('POST', '/customers.json', { customer: { name: 'Zed' } });
				expect(created.json.created_at).toBe('2026-11-28T16:04:14+01:00');
				expect(two.store('b-co').counts.customers).toBe(1);
				expect(two.store().counts.customers).toBe(0);
			} finally {
				await two.stop();
			}
		});
	});

	describe('routing', () => {
		it.each([
			['GET', '/widgets.json'],
			['GET', '/customers'],
			['PATCH', '/customers/1.json'],
			['DELETE', '/jobs/1001.json'],
			['POST', '/customers/filter.json'],
			['GET', '/customers/1/jobs/1001/extra.json'],
		])('%s %s -> 404', async (method, path) => {
			const res = await api(method, path);
			expect(res.status).toBe(404);
		});

		it('DELETE /jobs/{n}.json is not supported and deletes nothing', async () => {
			expect((await api('DELETE', '/jobs/1001.json')).status).toBe(404);
			expect((await api('GET', '/jobs/1001.json')).status).toBe(200);
		});

		it('malformed JSON body -> 400', async () => {
			const res = await api('POST', '/customers.json', '{"customer": {"name": ');
			expect(res.status).toBe(400);
			expect(sandbox.log[sandbox.log.length - 1].body).toBe('{"customer": {"name": ');
		});

		it('create answers 200, never 201', async () => {
			const res = await api('POST', '/customers.json', { customer: { name: 'Core Create Check' } });
			expect(res.status).toBe(200);
		});
	});

	describe('envelopes', () => {
		it('list envelope keyed vs bare', async () => {
			const keyed = await api('GET', '/jobs.json');
			expect(Object.keys(keyed.json).sort()).toEqual(['jobs', 'total_balance_remaining']);
			expect(keyed.json.total_balance_remaining).toMatch(/^-?\d+\.\d{2}$/);
			sandbox.options.listEnvelope = 'bare';
			const bare = await api('GET', '/jobs.json');
			expect(Array.isArray(bare.json)).toBe(true);
			expect(bare.json).toEqual(keyed.json.jobs);
			const employees = await api('GET', '/employees.json');
			expect(Array.isArray(employees.json)).toBe(true);
		});

		it('payments carry meta only in keyed mode', async () => {
			const keyed = await api('GET', '/customers/6/payments.json');
			expect(keyed.json.meta).toEqual({ current_page: 1, total_pages: 1, total_count: keyed.json.payments.length, per_page: 25 });
			sandbox.options.listEnvelope = 'bare';
			const bare = await api('GET', '/customers/6/payments.json');
			expect(bare.json).toEqual(keyed.json.payments);
		});

		it('record envelope bare vs keyed, on every single-record reply', async () => {
			const bare = await api('GET', '/customers/4.json');
			expect(bare.json.name).toBe('Clarence');
			sandbox.options.recordEnvelope = 'keyed';
			expect((await api('GET', '/customers/4.json')).json).toEqual({ customer: bare.json });
			expect(Object.keys((await api('GET', '/jobs/1001.json')).json)).toEqual(['job']);
			const put = await api('PUT', '/jobs/1002.json', { job: { po_number: 'PO-1' } });
			expect(put.json.job.po_number).toBe('PO-1');
			const note = await api('POST', '/jobs/1002/notes.json', { note: { note: 'keyed' } });
			expect(Object.keys(note.json)).toEqual(['note']);
			const pay = await api('POST', '/customers/4/payments.json', { payment: { amount: '10.00' } });
			expect(Object.keys(pay.json)).toEqual(['payment']);
			const del = await api('DELETE', `/customers/4/payments/${pay.json.payment.id}.json`);
			expect(del.json.payment.id).toBe(pay.json.payment.id);
			// messages are not records
			const delNote = await api('DELETE', `/jobs/1002/notes/${note.json.note.id}.json`);
			expect(delNote.json).toEqual({ message: 'Note successfully deleted' });
		});
	});

	describe('error shapes', () => {
		const cases: Array<[string, (res: { status: number; text: string; json: unknown; headers: Headers }) => void]> = [
			['errors-array', (r) => expect(r.json).toEqual({ errors: ['Not found'] })],
			['errors-object', (r) => expect(r.json).toEqual({ errors: { base: ['Not found'] } })],
			['error-string', (r) => expect(r.json).toEqual({ error: 'Not found' })],
			[
				'text',
				(r) => {
					expect(r.text).toBe('Not found');
					expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
				},
			],
			[
				'xml',
				(r) => {
					expect(r.text).toContain('<errors>');
					expect(r.text).toContain('<error>Not found</error>');
					expect(r.headers.get('content-type')).toMatch(/^application\/xml/);
				},
			],
		];
		it.each(cases)('%s on 404', async (shape, check) => {
			sandbox.options.errorShape = shape as typeof sandbox.options.errorShape;
			const res = await api('GET', '/customers/99999.json');
			expect(res.status).toBe(404);
			check(res);
		});

		it('422 shapes', async () => {
			const dup = { customer: { name: 'Clarence' } };
			expect((await api('POST', '/customers.json', dup)).json).toEqual({ errors: ['Name has already been taken'] });
			sandbox.options.errorShape = 'errors-object';
			const r = await api('POST', '/customers.json', dup);
			expect(r.status).toBe(422);
			expect(r.json).toEqual({ errors: { name: ['has already been taken'] } });
			sandbox.options.errorShape = 'error-string';
			expect((await api('POST', '/jobs.json', { job: {} })).json).toEqual({ error: "Job type can't be blank, Customer can't be blank" });
			sandbox.options.errorShape = 'xml';
			const x = await api('POST', '/customers.json', { customer: { name: 'A & <B>' } });
			expect(x.status).toBe(200);
			const xe = await api('POST', '/customers.json', { customer: { name: 'A & <B>' } });
			expect(xe.text).toContain('<error>Name has already been taken</error>');
		});

		it('notFoundStatus 400 answers "Invalid customer." / "Invalid job."', async () => {
			sandbox.options.notFoundStatus = 400;
			const c = await api('GET', '/customers/99999.json');
			expect(c.status).toBe(400);
			expect(c.json).toEqual({ errors: ['Invalid customer.'] });
			const j = await api('GET', '/jobs/99999.json');
			expect(j.status).toBe(400);
			expect(j.json).toEqual({ errors: ['Invalid job.'] });
			const other = await api('GET', '/customers/1/jobs/1001.json');
			// job 1001 belongs to another customer
			if (sandbox.store().getJob(1001)?.customer_id !== sandbox.store().getCustomer(1)?.id) {
				expect(other.json).toEqual({ errors: ['Invalid job.'] });
			}
		});
	});

	describe('log', () => {
		it('records every request in order, with query and body, and never the token', async () => {
			await api('GET', '/customers.json', undefined, { auth: null });
			await api('GET', '/jobs.json?status[]=complete&status[]=canceled&page=2');
			await api('POST', '/customers.json', { customer: { name: 'Logged Person' } });
			expect(sandbox.log.map((e) => [e.seq > 0, e.method, e.path, e.status, e.slug])).toEqual([
				[true, 'GET', `/${SLUG}/customers.json`, 401, SLUG],
				[true, 'GET', `/${SLUG}/jobs.json`, 200, SLUG],
				[true, 'POST', `/${SLUG}/customers.json`, 200, SLUG],
			]);
			expect(sandbox.log[1].query).toEqual({ 'status[]': ['complete', 'canceled'], page: '2' });
			expect(sandbox.log[2].body).toEqual({ customer: { name: 'Logged Person' } });
			expect(sandbox.log[0].seq).toBeLessThan(sandbox.log[1].seq);
			expect(JSON.stringify(sandbox.log)).not.toContain(TOKEN);
			expect(JSON.stringify(sandbox.log)).not.toContain(Buffer.from(`${TOKEN}:${TOKEN}`).toString('base64'));
			expect(sandbox.requestCount()).toBe(3);
			expect(sandbox.requestCount({ method: 'get' })).toBe(2);
			expect(sandbox.requestCount({ path: '/jobs.json' })).toBe(1);
			expect(sandbox.requestCount({ method: 'POST', path: /customers\.json$/ })).toBe(1);
			sandbox.clearLog();
			expect(sandbox.log).toHaveLength(0);
		});

		it('beforeHandle runs after auth, before the handler, and can change state', async () => {
			const seen: string[] = [];
			sandbox.beforeHandle = async (req) => {
				seen.push(`${req.method} ${req.path}`);
				if (req.query.page === '2') sandbox.store().createJob(1, { job_type_id: 61, description: 'created mid-poll' });
			};
			await api('GET', '/jobs.json', undefined, { auth: null });
			expect(seen).toEqual([]);
			const p1 = await api('GET', '/jobs.json?page=1&per_page=5');
			const p2 = await api('GET', '/jobs.json?page=2&per_page=5');
			expect(seen).toHaveLength(2);
			// the new job pushed everything down by one: page 2 starts with page 1's last job
			expect(p2.json.jobs[0].job_number).toBe(p1.json.jobs[4].job_number);
		});
	});

	describe('faults', () => {
		it('status fault with Retry-After, then normal again', async () => {
			sandbox.addFault({ fault: { kind: 'status', status: 429, retryAfter: 2 }, path: '/customers.json' });
			const r1 = await api('GET', '/customers.json');
			expect(r1.status).toBe(429);
			expect(r1.headers.get('retry-after')).toBe('2');
			expect(r1.json).toEqual({ errors: ['Rate limit exceeded'] });
			expect((await api('GET', '/customers.json')).status).toBe(200);
			expect(sandbox.log.map((e) => [e.status, e.fault])).toEqual([
				[429, 'status'],
				[200, undefined],
			]);
		});

		it('status fault default messages, custom body and error shape', async () => {
			sandbox.options.errorShape = 'error-string';
			sandbox.addFault({ fault: { kind: 'status', status: 503 } });
			const r = await api('GET', '/jobs.json');
			expect(r.status).toBe(503);
			expect(r.json).toEqual({ error: 'Service unavailable' });
			expect(r.headers.get('retry-after')).toBeNull();
			sandbox.addFault({ fault: { kind: 'status', status: 500, body: '<html>oops</html>' } });
			const r2 = await api('GET', '/jobs.json');
			expect(r2.status).toBe(500);
			expect(r2.text).toBe('<html>oops</html>');
			expect(r2.headers.get('content-type')).toMatch(/^text\/plain/);
		});

		it('nth and times count matching requests from now', async () => {
			sandbox.addFault({ fault: { kind: 'status', status: 503, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' }, method: 'GET', path: /\/jobs\.json$/, nth: 3, times: 2 });
			const statuses: number[] = [];
			for (let i = 0; i < 3; i++) {
				statuses.push((await api('GET', '/customers.json')).status); // not matching
				statuses.push((await api('GET', '/jobs.json')).status);
			}
			statuses.push((await api('GET', '/jobs.json')).status);
			statuses.push((await api('GET', '/jobs.json')).status);
			expect(statuses).toEqual([200, 200, 200, 200, 200, 503, 503, 200]);
		});

		it('times: Infinity keeps firing until cleared', async () => {
			sandbox.addFault({ fault: { kind: 'status', status: 502 }, path: 'employees', times: Infinity });
			expect((await api('GET', '/employees.json')).status).toBe(502);
			expect((await api('GET', '/employees.json')).status).toBe(502);
			sandbox.clearFaults();
			expect((await api('GET', '/employees.json')).status).toBe(200);
		});

		it('faults apply before auth and never change state', async () => {
			const before = sandbox.store().counts.customers;
			sandbox.addFault({ fault: { kind: 'status', status: 503 }, method: 'POST' });
			const r = await api('POST', '/customers.json', { customer: { name: 'Never Created' } }, { auth: null });
			expect(r.status).toBe(503);
			expect(sandbox.store().counts.customers).toBe(before);
			expect(sandbox.store().findCustomerByName('Never Created')).toBeUndefined();
			expect(sandbox.log[0].body).toEqual({ customer: { name: 'Never Created' } });
		});

		it('drop resets the connection', async () => {
			sandbox.addFault({ fault: { kind: 'drop' }, path: '/jobs.json' });
			await expect(api('GET', '/jobs.json')).rejects.toThrow();
			expect(sandbox.log[0]).toMatchObject({ status: 0, fault: 'drop' });
			expect((await api('GET', '/jobs.json')).status).toBe(200);
		});

		it('hang never answers', async () => {
			sandbox.addFault({ fault: { kind: 'hang' } });
			await expect(api('GET', '/jobs.json', undefined, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
			expect(sandbox.log[0]).toMatchObject({ status: 0, fault: 'hang' });
			expect((await api('GET', '/jobs.json')).status).toBe(200);
		});

		it('latency fault delays then handles normally; latencyMs applies to every request', async () => {
			sandbox.addFault({ fault: { kind: 'latency', ms: 120 } });
			let t = Date.now();
			const r = await api('GET', '/customers/4.json');
			expect(Date.now() - t).toBeGreaterThanOrEqual(110);
			expect(r.json.name).toBe('Clarence');
			expect(sandbox.log[0]).toMatchObject({ status: 200, fault: 'latency' });
			sandbox.options.latencyMs = 60;
			try {
				t = Date.now();
				await api('GET', '/customers/4.json');
				expect(Date.now() - t).toBeGreaterThanOrEqual(50);
			} finally {
				sandbox.options.latencyMs = 0;
			}
		});
	});

	it('stop() kills hung and kept-alive sockets', async () => {
		const sb = new KickservSandbox({ now: () => NOW });
		const url = await sb.start(0);
		const a = apiClient(url);
		expect((await a('GET', '/customers.json')).status).toBe(200); // keep-alive socket stays open
		sb.addFault({ fault: { kind: 'hang' } });
		const hung = a('GET', '/jobs.json').catch((e: unknown) => e);
		await new Promise((r) => setTimeout(r, 50));
		const t = Date.now();
		await sb.stop();
		expect(Date.now() - t).toBeLessThan(1000);
		expect(await hung).toMatchObject({ name: 'TypeError' }); // fetch failed: socket closed
		expect(() => sb.baseUrl).toThrow();
	});
});
