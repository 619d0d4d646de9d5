/**
 * Secrets never leak. The sandbox account uses a recognisable API token; every error path we can reach
 * (401 with that token as the wrong one too, 404, 400-not-found, 422 in every error shape, exhausted 429
 * and 503, 500, dropped and hung connections (ended by the node's Timeout option), bad input, trigger poll failures, Continue On Fail error
 * items) and every successful operation is run, and everything is captured: the output items and the
 * whole run data (JSON), every error object field by field (message, description, stack, cause,
 * context, errorResponse, messages, toJSON(), util.inspect), and everything written to console.* and
 * process.stdout/stderr during the run. None may contain the token, its HTTP Basic form, or any
 * customer's `token` / `password_digest` (customer-portal secrets that Kickserv puts in customer records),
 * nor any employee's `encrypted_password` / `password_salt` (login hashes in employee records).
 */
import { inspect } from 'util';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { KickservSandbox, type ErrorShape } from '../../sandbox';
import { RETRY } from '../../nodes/Kickserv/transport/request';
import { getEmployeeNumbers, getEmployees, getItems, getJobTypes, searchCustomers, searchJobs } from '../../nodes/Kickserv/methods';
import { runKickserv, runLoadOptions, runPoll, type RunResult, type TestCredential } from '../harness/engine';
import { trigger } from '../harness/trigger';
import { X, rl, rlx } from './helpers';

const SECRET = 'SECRET-TOKEN-7f3a9c-DO-NOT-LEAK';
const WRONG = 'WRONG-SECRET-TOKEN-2d9e1b-DO-NOT-LEAK';
const OTHER = 'OTHER-ACCOUNT-TOKEN-91c4e0-DO-NOT-LEAK';
const SLUG_A = 'secret-hvac';
const SLUG_B = 'other-hvac';
const basic = (token: string) => Buffer.from(`${token}:${token}`).toString('base64');

let sandbox: KickservSandbox;
let good: TestCredential;
const savedRetry = { ...RETRY };

/** Everything written to the console and the standard streams while the tests run. */
const written: string[] = [];
const spies: jest.SpyInstance[] = [];

beforeAll(async () => {
	sandbox = new KickservSandbox({
		accounts: [
			{ slug: SLUG_A, token: SECRET, seed: 'demo' },
			{ slug: SLUG_B, token: OTHER, seed: 'demo' },
		],
	});
	const baseUrl = await sandbox.start(0);
	good = { accountSlug: SLUG_A, apiToken: SECRET, baseUrl };
	for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
		spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void written.push(inspect(args, { depth: 8 }))));
	}
	for (const stream of [process.stdout, process.stderr]) {
		const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
		spies.push(
			jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
				written.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
				return original(chunk, ...rest);
			}) as typeof stream.write),
		);
	}
});

afterAll(async () => {
	for (const spy of spies) spy.mockRestore();
	await sandbox.stop();
});

beforeEach(() => {
	sandbox.clearLog();
	RETRY.baseDelayMs = 5; // keep exhausted retries fast
});

afterEach(() => {
	sandbox.clearFaults();
	sandbox.options.errorShape = 'errors-array';
	sandbox.options.notFoundStatus = 404;
	sandbox.options.recordEnvelope = 'bare';
	Object.assign(RETRY, savedRetry);
});

/** The strings that must never show: the tokens, their Basic forms, every customer's portal secrets. */
function needles(): Map<string, string> {
	const found = new Map<string, string>();
	for (const [name, token] of [
		['API token', SECRET],
		['wrong token', WRONG],
		['other account token', OTHER],
	]) {
		found.set(token, name);
		found.set(basic(token), `${name} as HTTP Basic`);
	}
	for (const slug of [SLUG_A, SLUG_B]) {
		for (const c of sandbox.store(slug).listCustomers()) {
			// (both accounts share the seed, so their first customers have the same secrets: keep the first label)
			if (!found.has(String(c.token))) found.set(String(c.token), `customer ${slug}/${c.customer_number} token`);
			for (const key of ['password_digest', 'stripe_customer_id', 'qb_list_ref_id'] as const) {
				if (!found.has(String(c[key]))) found.set(String(c[key]), `customer ${slug}/${c.customer_number} ${key}`);
			}
		}
		for (const e of sandbox.store(slug).listEmployeeRecords(false)) {
			if (!found.has(e.encrypted_password)) found.set(e.encrypted_password, `employee ${slug}/${e.id} encrypted_password`);
			if (!found.has(e.password_salt)) found.set(e.password_salt, `employee ${slug}/${e.id} password_salt`);
		}
	}
	return found;
}

const safeJson = (value: unknown): string => {
	const seen = new WeakSet<object>();
	try {
		return (
			JSON.stringify(value, (_key, v: unknown) => {
				if (typeof v === 'object' && v !== null) {
					if (seen.has(v)) return '[circular]';
					seen.add(v);
				}
				return typeof v === 'bigint' ? String(v) : v;
			}) ?? ''
		);
	} catch (error) {
		return `[unserialisable: ${(error as Error).message}]`;
	}
};

/** Every view of an error object: as JSON, field by field, toJSON(), and inspected. */
function errorViews(label: string, error: unknown): Array<[string, string]> {
	if (!error || typeof error !== 'object') return error === undefined ? [] : [[label, String(error)]];
	const e = error as Record<string, unknown> & { toJSON?: () => unknown };
	const views: Array<[string, string]> = [[`${label} JSON`, safeJson(e)]];
	for (const key of ['message', 'description', 'stack', 'cause', 'context', 'errorResponse', 'messages', 'httpCode', 'extra', 'tags']) {
		const value = e[key];
		if (value !== undefined) views.push([`${label}.${key}`, typeof value === 'string' ? value : `${safeJson(value)} ${inspect(value, { depth: 8 })}`]);
	}
	if (typeof e.toJSON === 'function') views.push([`${label}.toJSON()`, safeJson(e.toJSON())]);
	views.push([`${label} inspected`, inspect(e, { depth: 8, showHidden: true })]);
	return views;
}

function itemViews(label: string, items: INodeExecutionData[] | null | undefined): Array<[string, string]> {
	const views: Array<[string, string]> = [[`${label} items JSON`, safeJson(items ?? [])]];
	(items ?? []).forEach((item, i) => {
		views.push([`${label} item ${i} inspected`, inspect(item.json, { depth: 10 })]);
		if (item.error) views.push(...errorViews(`${label} item ${i} error`, item.error));
	});
	return views;
}

function runViews(label: string, result: RunResult & { items?: INodeExecutionData[] }): Array<[string, string]> {
	const views: Array<[string, string]> = [[`${label} run data`, safeJson(result.run)]];
	views.push(...itemViews(label, result.items));
	views.push(...errorViews(`${label} error`, result.error));
	for (const [node, runs] of Object.entries(result.run.data.resultData.runData)) {
		runs.forEach((task, i) => views.push(...errorViews(`${label} ${node}[${i}] task error`, task.error)));
	}
	return views;
}

/** Fails with every leak found: which secret, where. */
function expectNoSecrets(views: Array<[string, string]>, since: number) {
	const all = [...views, ...written.slice(since).map((text, i): [string, string] => [`console/stdout/stderr write ${i}`, text])];
	const leaks: string[] = [];
	for (const [needle, name] of needles()) {
		for (const [where, text] of all) if (text.includes(needle)) leaks.push(`${name} in ${where}`);
	}
	expect(leaks).toEqual([]);
}

/** Keys that must never reach an output, at any depth (the contract's list, plus QuickBooks `*_ref_*`). */
const SECRET_KEY_NAMES = ['token', 'password_digest', 'stripe_customer_id', 'encrypted_password', 'password_salt', 'api_token'];

function secretKeys(value: unknown, path = '$'): string[] {
	if (Array.isArray(value)) return value.flatMap((v, i) => secretKeys(v, `${path}[${i}]`));
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value as IDataObject).flatMap(([k, v]) => [
		...(SECRET_KEY_NAMES.includes(k) || k.includes('_ref_') ? [`${path}.${k}`] : []),
		...secretKeys(v, `${path}.${k}`),
	]);
}

/** Runs the node, checks nothing leaked, returns the result. */
async function run(
	label: string,
	parameters: IDataObject,
	credentials: TestCredential = good,
	options: { input?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	const since = written.length;
	const result = await runKickserv(parameters, credentials, options);
	expectNoSecrets(runViews(label, result), since);
	return result;
}

async function poll(label: string, parameters: IDataObject, credentials: TestCredential = good, staticData: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') {
	const since = written.length;
	const result = await runPoll(trigger, parameters, credentials, staticData, mode);
	expectNoSecrets([...itemViews(label, result.items), ...errorViews(`${label} error`, result.error), [`${label} static data`, safeJson(staticData)]], since);
	return result;
}

describe('the scanner', () => {
	test('finds a planted secret in console output, in an error field and in an item', () => {
		const since = written.length;
		console.warn(`Authorization: Basic ${basic(SECRET)}`);
		expect(() => expectNoSecrets([], since)).toThrow();
		written.length = since; // drop the plant
		const customer = sandbox.store(SLUG_A).getCustomer(1)!;
		const error = Object.assign(new Error('x'), { cause: { digest: customer.password_digest } });
		expect(() => expectNoSecrets(errorViews('planted', error), since)).toThrow();
		expect(() => expectNoSecrets(itemViews('planted', [{ json: { nested: [{ t: customer.token }] } }]), since)).toThrow();
		expect(secretKeys([{ a: { b: [{ token: 'x' }] } }])).toEqual(['$[0].a.b[0].token']);
		expect(() => expectNoSecrets(itemViews('clean', [{ json: { name: customer.name } }]), since)).not.toThrow();
	});
});

describe('error paths carry no secret', () => {
	test('401: the recognisable token used as the WRONG token (for another account), on GET, POST and a list', async () => {
		const wrongForB: TestCredential = { ...good, accountSlug: SLUG_B };
		for (const params of [
			{ resource: 'customer', operation: 'get', customer: rl(1) },
			{ resource: 'customer', operation: 'create', name: 'Never Created' },
			{ resource: 'job', operation: 'getAll', returnAll: true },
		]) {
			sandbox.clearLog();
			const { error } = await run(`401 ${params.operation}`, params, wrongForB);
			expect(error?.httpCode).toBe('401');
			expect(sandbox.log).toHaveLength(1); // never retried
		}
	});

	test('401: a wrong recognisable token on the right account', async () => {
		const { error } = await run('401 wrong token', { resource: 'note', operation: 'getAll', parent: 'customer', customer: rl(1) }, { ...good, apiToken: WRONG });
		expect(error?.httpCode).toBe('401');
	});

	test('404 and 400-not-found', async () => {
		const missing = await run('404', { resource: 'customer', operation: 'get', customer: rl(999_999) });
		expect(missing.error?.httpCode).toBe('404');
		sandbox.options.notFoundStatus = 400;
		for (const params of [
			{ resource: 'job', operation: 'get', job: rl(99_999) },
			{ resource: 'customer', operation: 'update', customer: rl(999_998), updateFields: { fax: '1' } },
		]) {
			const { error } = await run('400 not found', params);
			expect(error?.httpCode).toBe('404');
		}
	});

	for (const shape of ['errors-array', 'errors-object', 'error-string', 'text', 'xml'] as ErrorShape[]) {
		test(`422 in the "${shape}" shape`, async () => {
			sandbox.options.errorShape = shape;
			const { error } = await run(`422 ${shape}`, { resource: 'customer', operation: 'create', name: 'Clarence' });
			expect(error?.httpCode).toBe('422');
		});
	}

	test('429 and 503 with retries exhausted, on GET, PUT and DELETE; 429 on a POST', async () => {
		sandbox.addFault({ fault: { kind: 'status', status: 429, retryAfter: 0 }, times: Infinity });
		expect((await run('429 GET', { resource: 'customer', operation: 'get', customer: rl(1) })).error?.httpCode).toBe('429');
		expect((await run('429 POST', { resource: 'note', operation: 'create', parent: 'customer', customer: rl(1), note: 'x' })).error?.httpCode).toBe(
			'429',
		);
		sandbox.clearFaults();
		sandbox.addFault({ fault: { kind: 'status', status: 503 }, times: Infinity });
		expect((await run('503 PUT', { resource: 'customer', operation: 'update', customer: rl(1), updateFields: { fax: '2' } })).error?.httpCode).toBe('503');
		expect((await run('503 DELETE', { resource: 'customer', operation: 'delete', customer: rl(2) })).error?.httpCode).toBe('503');
		expect(sandbox.log.length).toBeGreaterThan(4);
	});

	test('500, also with a body of its own', async () => {
		sandbox.addFault({ fault: { kind: 'status', status: 500 } });
		expect((await run('500', { resource: 'job', operation: 'getAll', limit: 5 })).error?.httpCode).toBe('500');
		sandbox.addFault({ fault: { kind: 'status', status: 500, body: '{"error":"boom"}' } });
		expect((await run('500 body', { resource: 'payment', operation: 'getAll', parent: 'customer', customer: rl(1) })).error?.message).toMatch(/boom/);
	});

	test('dropped connections: a GET (retried, then given up) and a POST (not retried)', async () => {
		sandbox.addFault({ fault: { kind: 'drop' }, times: Infinity });
		expect((await run('drop GET', { resource: 'customer', operation: 'search', nameContains: 'obert' })).error).toBeDefined();
		expect((await run('drop POST', { resource: 'customer', operation: 'create', name: 'Dropped Create' })).error).toBeDefined();
	});

	test("a hung server, ended by the node's Timeout option", async () => {
		sandbox.addFault({ fault: { kind: 'hang' }, times: Infinity });
		const requestOptions = { timeout: 250 };
		const post = await run('hang POST', { resource: 'customer', operation: 'create', name: 'Hung Create', requestOptions });
		expect(post.error).toBeDefined();
		const get = await run('hang GET', { resource: 'job', operation: 'get', job: rl(1001), requestOptions });
		expect(get.error).toBeDefined();
		expect(sandbox.log.length).toBeGreaterThanOrEqual(2);
	});

	test('bad input and bad credentials (refused before any request)', async () => {
		await run('bad id', { resource: 'customer', operation: 'get', customer: rlx() }, good, { input: [{ v: '../2' }] });
		await run('bad url', { resource: 'job', operation: 'get', job: rlx('url') }, good, { input: [{ v: `https://evil.example.com/${SLUG_A}/jobs/1` }] });
		await run('bad amount', { resource: 'payment', operation: 'create', job: rl(1001), amount: X }, good, { input: [{ v: { a: 1 } }] });
		await run('bad slug', { resource: 'customer', operation: 'getAll', limit: 1 }, { ...good, accountSlug: '../x' });
		await run('http base', { resource: 'customer', operation: 'getAll', limit: 1 }, { ...good, baseUrl: 'http://kickserv.example.com' });
		expect(sandbox.log).toHaveLength(0);
	});

	test('Continue On Fail error items: not found, bad input, 401', async () => {
		const mixed = await run('continue on fail', { resource: 'customer', operation: 'get', customer: rlx() }, good, {
			input: [{ v: '1' }, { v: '999999' }, { v: '../2' }],
			continueOnFail: true,
		});
		expect(mixed.items).toHaveLength(3);
		expect(mixed.items[1].error).toBeDefined();
		const unauthorised = await run('continue on fail 401', { resource: 'job', operation: 'get', job: rl(1001) }, { ...good, accountSlug: SLUG_B }, { continueOnFail: true });
		expect(unauthorised.items[0].json.error).toBeDefined();
	});

	test('an error body that echoes a record with its secrets: the messages show, the secrets do not', async () => {
		const customer = sandbox.store(SLUG_A).listCustomers()[0];
		const echo = { errors: { name: ['has already been taken'] }, customer: { name: customer.name, token: customer.token, stripe_customer_id: customer.stripe_customer_id, qb_list_ref_id: customer.qb_list_ref_id } };
		sandbox.addFault({ fault: { kind: 'status', status: 422, body: JSON.stringify(echo) }, method: 'POST' });
		const result = await run('422 echo', { resource: 'customer', operation: 'create', name: customer.name }, good, { continueOnFail: true });
		expect(String(result.items[0].json.error)).toMatch(/Name has already been taken/);
	});

	test('trigger poll failures: 401 (activation and manual), 500 mid-way, dropped connection, bad locator', async () => {
		const wrong = { ...good, accountSlug: SLUG_B };
		expect((await poll('poll 401', { event: 'newJob', maxPerPoll: 200 }, wrong)).error?.httpCode).toBe('401');
		expect((await poll('poll 401 manual', { event: 'newPayment', maxPerPoll: 200 }, wrong, {}, 'manual')).error?.httpCode).toBe('401');
		const data: IDataObject = {};
		expect((await poll('seed', { event: 'newJob', maxPerPoll: 200 }, good, data)).error).toBeUndefined();
		sandbox.addFault({ fault: { kind: 'status', status: 500 }, times: Infinity });
		expect((await poll('poll 500', { event: 'newJob', maxPerPoll: 200 }, good, data)).error?.httpCode).toBe('500');
		sandbox.clearFaults();
		sandbox.addFault({ fault: { kind: 'drop' }, times: Infinity });
		expect((await poll('poll drop', { event: 'jobUpdated', jobsToWatch: 25, maxPerPoll: 200 }, good, {})).error).toBeDefined();
		sandbox.clearFaults();
		const badLocator = await poll('poll bad locator', {
			event: 'newPayment',
			paymentScope: 'customer',
			customer: rl(`https://evil.example.com/${SLUG_A}/customers/1`, 'url'),
			maxPerPoll: 200,
		});
		expect(badLocator.error?.message).toMatch(/^Customer URL points at/);
	});
});

describe('successful outputs carry no secret (simplified or not)', () => {
	async function ok(label: string, params: IDataObject) {
		const result = await run(label, params);
		expect({ label, error: result.error?.message }).toEqual({ label, error: undefined });
		expect({ label, keys: secretKeys(result.items.map((i) => i.json)) }).toEqual({ label, keys: [] });
		return result.items;
	}

	test('Customer: every operation, with and without Simplify', async () => {
		for (const envelope of ['bare', 'keyed'] as const) {
			sandbox.options.recordEnvelope = envelope;
			const created = await ok('create', { resource: 'customer', operation: 'create', name: `Secret Check ${envelope}`, additionalFields: { email_address: 'sc@example.com' } });
			const number = created[0].json.customer_number as number;
			for (const simplify of [false, true]) {
				await ok(`get ${simplify}`, { resource: 'customer', operation: 'get', customer: rl(number), simplify });
				await ok(`getAll ${simplify}`, { resource: 'customer', operation: 'getAll', returnAll: true, simplify });
				await ok(`search ${simplify}`, { resource: 'customer', operation: 'search', nameContains: 'e', returnAll: true, simplify });
				await ok(`findByName ${simplify}`, { resource: 'customer', operation: 'findByName', name: 'Clarence', simplify });
			}
			await ok('update', { resource: 'customer', operation: 'update', customer: rl(number), updateFields: { mobile: '555-0101' } });
			await ok('delete', { resource: 'customer', operation: 'delete', customer: rl(number) });
		}
	});

	test('Job: every operation', async () => {
		const created = await ok('create', { resource: 'job', operation: 'create', customer: rl(1), jobTypeId: 61, additionalFields: { description: 'secret check' } });
		const number = created[0].json.job_number as number;
		for (const simplify of [false, true]) {
			await ok(`get ${simplify}`, { resource: 'job', operation: 'get', job: rl(number), simplify });
			await ok(`getAll ${simplify}`, { resource: 'job', operation: 'getAll', limit: 60, simplify });
		}
		await ok('getAll customer', { resource: 'job', operation: 'getAll', scope: 'customer', customer: rl(1), returnAll: true, simplify: false });
		await ok('update', { resource: 'job', operation: 'update', job: rl(number), updateFields: { status: 'on_hold' } });
		await ok('delete', { resource: 'job', operation: 'delete', job: rl(number) });
	});

	test('Note: every operation, on a customer and on a job', async () => {
		for (const [parent, locator] of [
			['customer', { customer: rl(2) }],
			['job', { job: rl(1001) }],
		] as const) {
			const created = await ok(`create ${parent}`, { resource: 'note', operation: 'create', parent, ...locator, note: 'secret check' });
			const noteId = String(created[0].json.id);
			await ok(`get ${parent}`, { resource: 'note', operation: 'get', parent, ...locator, noteId });
			await ok(`getAll ${parent}`, { resource: 'note', operation: 'getAll', parent, ...locator, returnAll: true, simplify: false });
			await ok(`update ${parent}`, { resource: 'note', operation: 'update', parent, ...locator, noteId, note: 'changed' });
			await ok(`delete ${parent}`, { resource: 'note', operation: 'delete', parent, ...locator, noteId });
		}
	});

	test('Payment: every operation, through the job and the customer', async () => {
		const job = sandbox.store(SLUG_A).createJob(3, { job_type_id: 62 });
		const created = await ok('create', { resource: 'payment', operation: 'create', job: rl(job.job_number), amount: '12.50', additionalFields: { payment_type: 'Credit Card' } });
		const paymentId = String(created[0].json.id);
		await ok('get job', { resource: 'payment', operation: 'get', parent: 'job', job: rl(job.job_number), paymentId, simplify: false });
		await ok('get customer (204 path)', { resource: 'payment', operation: 'get', parent: 'customer', customer: rl(3), paymentId, simplify: true });
		await ok('getAll job', { resource: 'payment', operation: 'getAll', parent: 'job', job: rl(job.job_number), returnAll: true, simplify: false });
		await ok('getAll customer', { resource: 'payment', operation: 'getAll', parent: 'customer', customer: rl(3), returnAll: true });
		await ok('update', { resource: 'payment', operation: 'update', job: rl(job.job_number), paymentId, updateFields: { notes: 'checked' } });
		await ok('delete', { resource: 'payment', operation: 'delete', job: rl(job.job_number), paymentId });
	});

	test('Task, Job Charge, Time Entry: every operation', async () => {
		const store = sandbox.store(SLUG_A);
		const employee = store.employees[1];
		const created = await ok('task create', {
			resource: 'task',
			operation: 'create',
			name: 'secret check',
			additionalFields: { job_number: '1001', employee_ids: [employee.id], starts_at: '2026-12-01T09:00:00' },
		});
		const taskId = String(created[0].json.id);
		for (const simplify of [false, true]) {
			await ok(`task get ${simplify}`, { resource: 'task', operation: 'get', taskId, simplify });
			await ok(`task getAll ${simplify}`, { resource: 'task', operation: 'getAll', returnAll: true, simplify, filters: { job_number: '1001' } });
		}
		await ok('task update', { resource: 'task', operation: 'update', taskId, updateFields: { description: 'checked' } });
		await ok('task complete', { resource: 'task', operation: 'complete', taskId });
		await ok('task delete', { resource: 'task', operation: 'delete', taskId });
		const charge = await ok('charge add', { resource: 'jobCharge', operation: 'add', job: rl(1001), jobChargeTypeId: 2, itemId: store.listItems()[0].id });
		const chargeId = String(charge[0].json.id);
		await ok('charge getAll', { resource: 'jobCharge', operation: 'getAll', job: rl(1001), returnAll: true, simplify: false });
		await ok('charge update', { resource: 'jobCharge', operation: 'update', job: rl(1001), chargeId, updateFields: { quantity: 3 } });
		await ok('charge delete', { resource: 'jobCharge', operation: 'delete', job: rl(1001), chargeId });
		await ok('time log', { resource: 'timeEntry', operation: 'log', job: rl(1001), employeeId: employee.id, startedAt: '2026-11-27T08:00:00', endedAt: '2026-11-27T09:00:00' });
		await ok('time getAll', { resource: 'timeEntry', operation: 'getAll', job: rl(1001), returnAll: true, simplify: false });
	});

	test('Employee (with its login hashes in every record), Item, Invoice, Opportunity: every operation', async () => {
		sandbox.options.employeesList = 'all';
		try {
			for (const simplify of [false, true]) {
				const employees = await ok(`employee getAll ${simplify}`, { resource: 'employee', operation: 'getAll', status: 'all', returnAll: true, simplify });
				expect(employees.length).toBe(5);
				await ok(`employee get ${simplify}`, { resource: 'employee', operation: 'get', employeeId: sandbox.store(SLUG_A).employees[4].id, simplify });
				await ok(`item getAll ${simplify}`, { resource: 'item', operation: 'getAll', returnAll: true, simplify });
				await ok(`invoice getAll ${simplify}`, { resource: 'invoice', operation: 'getAll', invoiceStatus: 'all', returnAll: true, simplify });
				await ok(`opportunity getAll ${simplify}`, { resource: 'opportunity', operation: 'getAll', returnAll: true, simplify });
			}
		} finally {
			sandbox.options.employeesList = 'active';
		}
		const created = await ok('opportunity create', { resource: 'opportunity', operation: 'create', customer: rl(2), jobTypeId: 61 });
		const job = rl(created[0].json.job_number as number);
		await ok('opportunity markWon', { resource: 'opportunity', operation: 'markWon', job });
		const other = await ok('opportunity create 2', { resource: 'opportunity', operation: 'create', customer: rl(2), jobTypeId: 61 });
		await ok('opportunity markLost', { resource: 'opportunity', operation: 'markLost', job: rl(other[0].json.job_number as number) });
	});

	test('Trigger: emitted jobs and payments, and the manual sample', async () => {
		const store = sandbox.store(SLUG_A);
		const jobs: IDataObject = {};
		const payments: IDataObject = {};
		await poll('seed jobs', { event: 'newJob', maxPerPoll: 200 }, good, jobs);
		await poll('seed payments', { event: 'newPayment', paymentScope: 'customer', customer: rl(3), maxPerPoll: 200 }, good, payments);
		const job = store.createJob(3, { job_type_id: 61 });
		store.createPayment({ type: 'Job', number: job.job_number }, { amount: '5.00' });
		const emittedJobs = await poll('new job', { event: 'newJob', maxPerPoll: 200 }, good, jobs);
		expect(emittedJobs.items?.length).toBe(1);
		const emittedPayments = await poll('new payment', { event: 'newPayment', paymentScope: 'customer', customer: rl(3), maxPerPoll: 200 }, good, payments);
		expect(emittedPayments.items?.length).toBe(1);
		const sample = await poll('manual', { event: 'newPayment', maxPerPoll: 200 }, good, {}, 'manual');
		expect(sample.items?.length).toBeGreaterThan(0);
		expect(secretKeys([emittedJobs.items, emittedPayments.items, sample.items].map((items) => (items ?? []).map((i) => i.json)))).toEqual([]);
	});

	test('editor lists (resource locators and dropdowns)', async () => {
		const since = written.length;
		const results = [
			await runLoadOptions(searchCustomers, good, {}, 'e'),
			await runLoadOptions(searchJobs, good, {}, ''),
			await runLoadOptions(getJobTypes, good),
			await runLoadOptions(getEmployees, good),
			await runLoadOptions(getEmployeeNumbers, good),
			await runLoadOptions(getItems, good),
		];
		expectNoSecrets([['load options', safeJson(results)]], since);
	});

	test('a customer embedded in a job (object) is stripped', async () => {
		const store = sandbox.store(SLUG_A);
		const body = { ...store.getJob(1001)!, customer: store.getCustomer(1) };
		sandbox.addFault({ fault: { kind: 'status', status: 200, body: JSON.stringify(body) }, method: 'GET', path: '/jobs/1001.json' });
		const items = await ok('job with customer', { resource: 'job', operation: 'get', job: rl(1001) });
		expect((items[0].json.customer as IDataObject).customer_number).toBe(1);
	});

	// Fixed (was a defect): routing.ts stripSecrets() recurses into nested objects but skips arrays
	// (`!Array.isArray(value)`), so customer records inside a list field keep `token` and
	// `password_digest`. The contract says single-job replies may embed `payments` and a payment embeds
	// its `customer`; if Kickserv embeds the full customer there (the sandbox sends only a reference), a
	// Job Get outputs every such customer's portal secrets. Here the reply is injected (a 200 with that body).
	test('customers embedded in a list inside a record (job.payments[].customer) are stripped too', async () => {
		const store = sandbox.store(SLUG_A);
		const job = store.getJob(1001)!;
		const customer = store.getCustomer(1)!;
		const body = { ...job, payments: [{ id: 1, amount: '5.00', customer }] };
		sandbox.addFault({ fault: { kind: 'status', status: 200, body: JSON.stringify(body) }, method: 'GET', path: '/jobs/1001.json' });
		await ok('job with payments[].customer', { resource: 'job', operation: 'get', job: rl(1001) });
	});
});
