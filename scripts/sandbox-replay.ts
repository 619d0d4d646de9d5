/**
 * `npm run sandbox:replay`: drives one fixed sequence of requests across every route of the sandbox
 * (reads, writes, cascades, paging, filters, `only=` / `include=`, quirks, errors) under the default
 * server, every alternative of `ALTERNATIVES` and the other reply options (delete replies, employee
 * lists, error shapes), on a fixed clock, and prints a SHA-256 of the replies (status, content type,
 * body) per server and for all of them. The same code and seed give the same hashes: a change of the
 * sandbox that must not change its replies (a refactoring) is checked by comparing them.
 * `REPLAY_LOG=file` also writes every request and reply, one per line.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';

import { ALTERNATIVES, KickservSandbox, generateLarge, type SandboxOptions } from '../sandbox';

const SLUG = 'demo-hvac';
const TOKEN = 'replay-token-0001';
const BIG = 'big-co';
const START = Date.UTC(2026, 10, 28, 15, 0, 0);
/** The clock moves this much before every request, so timestamps written differ. */
const TICK = 61_000;

type Body = Record<string, unknown> | string;
interface Req {
	method: string;
	/** after the slug */
	path: string;
	body?: Body;
	slug?: string;
	token?: string;
}
/** What earlier replies told (ids of created records), read by later steps. */
type Seen = Record<string, number>;
type Step = Req | ((seen: Seen) => Req);

const get = (path: string, slug?: string): Req => ({ method: 'GET', path, slug });
const post = (path: string, body: Body): Req => ({ method: 'POST', path, body });
const put = (path: string, body: Body): Req => ({ method: 'PUT', path, body });
const del = (path: string): Req => ({ method: 'DELETE', path });

const LIST_QUERIES = [
	'/customers.json',
	'/customers.json?customers_page=2',
	'/customers.json?page=2',
	'/customers.json?customers_page=99',
	'/customers.json?q=rob&only=name,customer_number',
	'/customers.json?begins_with=a',
	'/customers.json?service_city=Columbus&customers_page=1',
	'/customers.json?name=Clarence',
	'/customers/filter.json?name=obert',
	'/customers/filter.json?name=zzz&only=customer_number',
	'/customers/1.json',
	'/customers/99999.json',
	'/customers/abc.json',
	'/customers/1/jobs.json',
	'/customers/1/jobs.json?status[]=unscheduled&status[]=complete',
	'/customers/1/notes.json',
	'/customers/1/payments.json',
	'/customers/2/payments.json?page=2',
	'/jobs.json',
	'/jobs.json?page=2&per_page=10',
	'/jobs.json?per_page=500',
	'/jobs.json?per_page=0',
	'/jobs.json?status=complete&only=job_number,status',
	'/jobs.json?status[]=scheduled&status[]=in_progress&page=1&per_page=5',
	'/jobs.json?job_type_id=61',
	'/jobs.json?job_status_id=1',
	'/jobs.json?employee_number=2',
	'/jobs.json?employee_number=x',
	...['today', 'tomorrow', 'this_week', 'next_week', 'last_week', 'this_month', 'next_month', 'last_month', 'bogus'].map((s) => `/jobs.json?scheduled=${s}`),
	'/jobs.json?include=customer,notes,payments,job_charges,job_type&per_page=5',
	'/jobs.json?include[]=customer&only=job_number&per_page=3',
	'/jobs/1001.json',
	'/jobs/1001.json?include=customer,notes,job_type',
	'/jobs/1002.json',
	'/jobs/1/notes.json',
	'/jobs/1001/notes.json',
	'/jobs/1001/payments.json',
	'/jobs/1001/job_charges.json',
	'/jobs/1001/time_entries.json',
	'/jobs/1001/tasks.json',
	'/tasks.json',
	'/tasks.json?page=2',
	'/tasks.json?from=2026-11-01&to=2026-12-31',
	'/tasks.json?from=bad',
	'/tasks.json?job_id=x',
	'/tasks.json?employee_number=2',
	'/tasks/job_list.json',
	'/items.json',
	'/items.json?page=2&only=name',
	'/invoices.json',
	'/invoices.json?invoice_status=paid',
	'/invoices.json?invoice_status=unpaid&page=2',
	'/opportunities.json',
	'/opportunities.json?status=new',
	'/opportunities.json?status=won,lost&job_type_id=63',
	'/calendar.json',
	'/employees.json',
	'/employees.json?page=2',
	'/unknown.json',
	'/customers/1/jobs/1/x/y.json',
	'/jobs.xml',
];

const STEPS: Step[] = [
	...LIST_QUERIES.map((p) => get(p)),
	// customers
	post('/customers.json', { customer: { name: 'Replay Customer', first_name: 'Re', last_name: 'Play', service_city: 'Columbus', is_active: 'true', customer_type_id: '3' } }),
	post('/customers.json', { customer: { name: 'Replay Customer' } }),
	post('/customers.json', { customer: { name: '', customer_source_id: 'x' } }),
	post('/customers.json', '{"customer": {'),
	put('/customers/3.json', { customer: { name: 'Replay Renamed', notify_via_sms: 1, billing_city: 'Dublin' } }),
	put('/customers/3.json', { customer: { name: 'Clarence' } }),
	post('/customers/customer_validation.json', { name: 'Replay Renamed' }),
	post('/customers/customer_validation.json', { name: 'nobody' }),
	get('/customers.json?customers_page=3'),
	// jobs
	post('/jobs.json', { job: { job_type_id: 61, description: 'Replay job', scheduled_on: '2026-11-30T09:00', duration: 90, employee_ids: [11302] }, customer_number: 3 }),
	post('/jobs.json', { job: { job_type_id: 999 }, customer_number: 'x' }),
	post('/jobs.json', { job: { description: 'no type' } }),
	post('/customers/3/jobs.json', { job: { job_type_id: '62', status: 'unscheduled', po_number: 'PO-1', employee_ids: '' } }),
	get('/customers/3/jobs.json'),
	get('/jobs.json?per_page=3'),
	put('/jobs/1001.json', { job: { status: 'complete', description: 'Done', scheduled_on: null } }),
	put('/jobs/1001.json', { job: { status: 'bogus', duration: -1, ends_at: 'x', employee_ids: [999] } }),
	put('/jobs/1002.json', { job: { scheduled_on: '2026-12-02', duration: 30 } }),
	put('/customers/15/jobs/1001.json', { job: { name: 'Renamed' } }),
	get('/customers/15/jobs/1001.json?include=customer'),
	get('/customers/15/jobs/1001.json?only=job_number'),
	get('/customers/2/jobs/1001.json'),
	// charges
	post('/jobs/1001/job_charges.json', { job_charge: { job_charge_type_id: 1, description: 'Labor', quantity: 2, price_per_unit: '95.00', taxable: true } }),
	post('/jobs/1001/job_charges.json', { job_charge: { job_charge_type_id: '2', item_id: 7700001, discount: '5' } }),
	post('/jobs/1001/job_charges.json', { job_charge: { quantity: 0, price_per_unit: 'x', item_id: 1 } }),
	get('/jobs/1001/job_charges.json'),
	get('/jobs/1001/job_charges.json?page=2&only=description'),
	(s) => put(`/jobs/1001/job_charges/${s.charge}.json`, { job_charge: { quantity: '3', details: 'extra' } }),
	(s) => put(`/jobs/1001/job_charges/${s.charge}.json`, { job_charge: { description: '' } }),
	(s) => del(`/jobs/1001/job_charges/${s.charge}.json`),
	(s) => del(`/jobs/1001/job_charges/${s.charge}.json`),
	get('/jobs/1001.json'),
	// notes
	post('/customers/1/notes.json', { note: { note: 'Customer note', public: true } }),
	post('/jobs/1001/notes.json', { note: { note: 'Job note', public: 'true' } }),
	post('/jobs/1001/notes.json', { note: { note: ' ' } }),
	(s) => get(`/customers/1/notes/${s.note}.json`),
	(s) => put(`/jobs/1001/notes/${s.note}.json`, { note: { note: 'Edited', public: false } }),
	(s) => put(`/customers/2/notes/${s.note}.json`, { note: { note: 'not mine' } }),
	get('/jobs/1001/notes.json?only=note'),
	(s) => del(`/customers/2/notes/${s.note}.json`),
	(s) => get(`/jobs/1001/notes/${s.note}.json`),
	// payments
	post('/jobs/1001/payments.json', { payment: { amount: '100.00', payment_type: 'Credit Card', ref_number: 'R1', notes: 'n' } }),
	post('/jobs/1001/payments.json', { payment: { amount: 'abc', date: '2026-02-30' } }),
	post('/jobs/1001/payments.json', { payment: {} }),
	post('/customers/1/payments.json', { payment: { amount: 20, date: '2026-11-20' } }),
	(s) => get(`/customers/1/payments/${s.payment}.json`),
	(s) => get(`/jobs/1001/payments/${s.jobPayment}.json`),
	(s) => get(`/customers/15/payments/${s.jobPayment}.json`),
	get('/jobs/1001/payments/1.json'),
	get('/jobs/1001.json?include=payments'),
	get('/jobs/1001/payments.json'),
	get('/customers/1/payments.json?only=amount'),
	(s) => put(`/jobs/1001/payments/${s.jobPayment}.json`, { payment: { amount: '60', date: '2026-11-21', notes: null } }),
	(s) => put(`/customers/1/payments/${s.payment}.json`, { payment: { amount: -5 } }),
	get('/invoices.json?invoice_status=paid'),
	(s) => del(`/customers/1/payments/${s.payment}.json`),
	// time entries
	post('/jobs/1001/time_entries.json', { time_entry: { employee_id: 11302, started_at: '2026-11-28T08:00', ended_at: '2026-11-28T10:30', notes: 'x', billable: 'false' } }),
	post('/jobs/1001/time_entries.json', { time_entry: { employee_id: 1, started_at: '2026-11-28T10:00', ended_at: '2026-11-28T09:00' } }),
	post('/jobs/1001/time_entries.json', { time_entry: {} }),
	get('/jobs/1001/time_entries.json?only=hours'),
	// tasks
	post('/tasks.json', { task: { name: 'Replay task', job_id: 4200001, employee_ids: [11302], starts_at: '2026-11-29T09:00' } }),
	post('/tasks.json', { task: { name: '', job_id: 'x', starts_at: '2026-11-29T09:00', ends_at: '2026-11-28T09:00' } }),
	(s) => get(`/tasks/${s.task}.json`),
	(s) => put(`/tasks/${s.task}.json`, { task: { completed: true, description: 'd', job_id: null } }),
	(s) => put(`/tasks/${s.task}.json`, { task: { completed: 'false', employee_ids: 11303 } }),
	get('/tasks.json?from=2026-11-29&to=2026-11-30'),
	get('/tasks.json?job_id=4200001'),
	(s) => del(`/tasks/${s.task}.json`),
	(s) => get(`/tasks/${s.task}.json`),
	get('/tasks/abc.json'),
	// opportunities
	post('/opportunities.json', { job: { job_type_id: 63, description: 'Replay opportunity' }, customer_number: 2 }),
	post('/opportunities.json', { job: {} }),
	(s) => put(`/opportunities/${s.job}/mark_as_won.json`, {}),
	(s) => put(`/opportunities/${s.job}/mark_as_won.json`, {}),
	(s) => put(`/opportunities/${s.job}/mark_as_lost.json`, {}),
	put('/opportunities/1002/mark_as_lost.json', {}),
	put('/opportunities/99999/mark_as_lost.json', {}),
	get('/opportunities.json?status=won'),
	// deletes and their cascades
	(s) => del(`/customers/2/jobs/${s.job}.json`),
	get('/customers/2/jobs.json'),
	post('/tasks.json', { task: { name: 'On a job about to go', job_id: 4200002 } }),
	del('/customers/1.json'),
	del('/customers/1.json'),
	get('/customers/1/notes.json'),
	(s) => del(`/jobs/1001/payments/${s.jobPayment}.json`),
	get('/invoices.json?invoice_status=unpaid'),
	del('/customers/15.json'),
	get('/jobs/1001.json'),
	(s) => get(`/tasks/${s.task}.json`),
	get('/jobs.json?per_page=100&only=job_number,customer_id'),
	get('/tasks.json'),
	get('/invoices.json'),
	get('/customers.json'),
	// auth and accounts
	{ method: 'GET', path: '/customers.json', token: 'wrong' },
	{ method: 'GET', path: '/customers.json', slug: 'no-such-account' },
	// the large account
	get('/customers.json?customers_page=3', BIG),
	get('/jobs.json?page=4&per_page=50', BIG),
	get('/jobs.json?status=complete&page=2&per_page=20', BIG),
	get('/customers/5/payments.json', BIG),
	get('/invoices.json?invoice_status=unpaid&page=3', BIG),
	get('/opportunities.json', BIG),
	get('/tasks/job_list.json', BIG),
];

/** Every server the replay runs under: the default, each alternative, and the other reply options. */
const SERVERS: Array<[string, SandboxOptions]> = [
	['default', {}],
	...Object.entries(ALTERNATIVES).map(([name, o]): [string, SandboxOptions] => [name, o]),
	['delete-message', { deleteReply: 'message' }],
	['delete-no-content', { deleteReply: 'no-content' }],
	['employees-all', { employeesList: 'all' }],
	['errors-object', { errorShape: 'errors-object' }],
	['error-string', { errorShape: 'error-string' }],
	['errors-text', { errorShape: 'text' }],
];

/** Ids a reply tells, kept for later steps. */
function remember(req: Req, body: unknown, seen: Seen): void {
	if (req.method !== 'POST' || !body || typeof body !== 'object') return;
	const obj = body as Record<string, unknown>;
	const rec = (typeof obj.id === 'number' ? obj : Object.values(obj)[0]) as Record<string, unknown> | undefined;
	if (!rec || typeof rec.id !== 'number') return;
	const kind = /job_charges/.test(req.path) ? 'charge' : /notes/.test(req.path) ? 'note' : /payments/.test(req.path) ? 'payment' : /tasks/.test(req.path) ? 'task' : /time_entries/.test(req.path) ? 'entry' : /jobs|opportunities/.test(req.path) ? 'job' : 'customer';
	if (kind === 'payment' && req.path.startsWith('/jobs/')) seen.jobPayment = rec.id as number;
	seen[kind] = kind === 'job' ? (rec.job_number as number) : (rec.id as number);
}

async function replay(name: string, options: SandboxOptions, log: string[]): Promise<string> {
	let now = START;
	const sandbox = new KickservSandbox({
		...options,
		now: () => new Date(now),
		accounts: [
			{ slug: SLUG, token: TOKEN, seed: 'demo' },
			{ slug: BIG, token: TOKEN, seed: 'empty' },
		],
	});
	generateLarge(sandbox.store(BIG), { customers: 300, jobs: 400, paymentsPerJob: 1 });
	sandbox.store(SLUG).addItem({ name: 'Capacitor 45/5 MFD', price: '38.50', item_type: 'part', cost: '12.10', sku: 'CAP-455' });
	const base = await sandbox.start(0);
	const hash = createHash('sha256');
	const seen: Seen = {};
	try {
		for (const step of STEPS) {
			const req = typeof step === 'function' ? step(seen) : step;
			now += TICK;
			const headers: Record<string, string> = {
				Accept: 'application/json',
				Authorization: 'Basic ' + Buffer.from(`${req.token ?? TOKEN}:${req.token ?? TOKEN}`).toString('base64'),
			};
			let body: string | undefined;
			if (req.body !== undefined) {
				headers['Content-Type'] = 'application/json';
				body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
			}
			const res = await fetch(`${base}/${req.slug ?? SLUG}${req.path}`, { method: req.method, headers, body });
			const text = await res.text();
			const line = `${req.method} ${req.slug ?? SLUG}${req.path} ${body ?? ''} -> ${res.status} ${res.headers.get('content-type') ?? ''} ${text}`;
			hash.update(line + '\n');
			log.push(`[${name}] ${line}`);
			if (res.ok && text) remember(req, JSON.parse(text), seen);
		}
		// what the stores hold afterwards, as the tests and seeds read it
		for (const slug of [SLUG, BIG]) {
			const store = sandbox.store(slug);
			const state = JSON.stringify([store.counts, store.nextNumbers, store.taskCount, store.totalBalanceRemaining, store.listEmployees(false)]);
			hash.update(state + '\n');
			log.push(`[${name}] ${slug} ${state}`);
		}
	} finally {
		await sandbox.stop();
	}
	return hash.digest('hex');
}

async function main(): Promise<void> {
	delete process.env.KICKSERV_SANDBOX_ALTERNATIVE;
	const log: string[] = [];
	const all = createHash('sha256');
	for (const [name, options] of SERVERS) {
		const h = await replay(name, options, log);
		all.update(h);
		process.stdout.write(`${name.padEnd(22)} ${h}\n`);
	}
	process.stdout.write(`${'all'.padEnd(22)} ${all.digest('hex')}  (${SERVERS.length} servers x ${STEPS.length} requests)\n`);
	if (process.env.REPLAY_LOG) fs.writeFileSync(process.env.REPLAY_LOG, log.join('\n') + '\n');
}

main().catch((err) => {
	process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
	process.exit(1);
});
