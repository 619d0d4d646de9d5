/**
 * Seeds for the sandbox: a realistic small HVAC company ("Northwind Heating & Air") and a large
 * generated account for paging / performance tests. Deterministic: a seeded PRNG and dates relative
 * to the store's clock, so the same `now` gives the same data.
 */
import { AccountStore, mulberry32, type Attrs, type ItemSeed } from './store';

// Module-level copies of hot globals: global lookups are slow inside jest's VM context.
const { floor, max } = Math;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Job types of the demo account (ids distinct from any customer/job number). */
export const DEMO_JOB_TYPES: ReadonlyArray<{ id: number; name: string; priceCents: number; parts: number }> = [
	{ id: 61, name: 'AC Repair', priceCents: 18900, parts: 8450 },
	{ id: 62, name: 'Furnace Tune-Up', priceCents: 12900, parts: 0 },
	{ id: 63, name: 'Heat Pump Install', priceCents: 420000, parts: 289000 },
	{ id: 64, name: 'Duct Cleaning', priceCents: 34900, parts: 0 },
	{ id: 65, name: 'Thermostat Install', priceCents: 9500, parts: 17900 },
	{ id: 66, name: 'Maintenance Plan Visit', priceCents: 8900, parts: 0 },
];

const DESCRIPTIONS: Record<number, string[]> = {
	61: ['AC not cooling, unit runs but blows warm air', 'Condenser fan not spinning', 'Refrigerant leak suspected, ice on lines'],
	62: ['Annual furnace tune-up before winter', 'Furnace short-cycling, check flame sensor', 'Tune-up and filter change'],
	63: ['Replace 18-year-old heat pump with 3-ton unit', 'Quote: heat pump replacement, customer comparing bids', 'Install new air handler and heat pump'],
	64: ['Whole-house duct cleaning, 14 vents', 'Dryer vent and duct cleaning', 'Post-renovation duct cleaning (drywall dust)'],
	65: ['Install customer-supplied smart thermostat', 'Replace thermostat, no display', 'Add second-zone thermostat upstairs'],
	66: ['Spring maintenance plan visit', 'Fall maintenance plan visit', 'Maintenance plan: coil cleaning and inspection'],
};

interface DemoCustomer {
	name: string;
	first?: string;
	last?: string;
	company?: boolean;
}

const DEMO_CUSTOMERS: DemoCustomer[] = [
	{ name: 'Alice Johnson', first: 'Alice', last: 'Johnson' },
	{ name: 'Brian Murphy', first: 'Brian', last: 'Murphy' },
	{ name: 'Lakeside Dental Group', company: true },
	{ name: 'Clarence' },
	{ name: 'Roberta Diaz', first: 'Roberta', last: 'Diaz' },
	{ name: 'Deborah Kline', first: 'Deborah', last: 'Kline' },
	{ name: 'Ethan Brooks', first: 'Ethan', last: 'Brooks' },
	{ name: 'Oak Street Bakery', company: true },
	{ name: 'Robert Chen', first: 'Robert', last: 'Chen' },
	{ name: 'Fiona Gallagher', first: 'Fiona', last: 'Gallagher' },
	{ name: 'George Patel', first: 'George', last: 'Patel' },
	{ name: 'Maple Ridge Apartments', company: true },
	{ name: 'Hannah Kim', first: 'Hannah', last: 'Kim' },
	{ name: 'Isaac Turner', first: 'Isaac', last: 'Turner' },
	{ name: 'Julia Romano', first: 'Julia', last: 'Romano' },
	{ name: 'Brightview Community Church', company: true },
	{ name: "Kevin O'Brien", first: 'Kevin', last: "O'Brien" },
	{ name: 'Laura Nguyen', first: 'Laura', last: 'Nguyen' },
	{ name: 'Summit Auto Body', company: true },
	{ name: 'Marcus Reed', first: 'Marcus', last: 'Reed' },
	{ name: 'Nina Volkova', first: 'Nina', last: 'Volkova' },
	{ name: 'Oscar Bennett', first: 'Oscar', last: 'Bennett' },
	{ name: 'Harbor Point Marina', company: true },
	{ name: 'Paula Jensen', first: 'Paula', last: 'Jensen' },
	{ name: 'Quentin Hayes', first: 'Quentin', last: 'Hayes' },
	{ name: 'Kim Robertson', first: 'Kim', last: 'Robertson' },
	{ name: 'Cedar Lane Veterinary', company: true },
	{ name: 'Rachel Stein', first: 'Rachel', last: 'Stein' },
	{ name: 'Samuel Ortiz', first: 'Samuel', last: 'Ortiz' },
	{ name: 'Tara Mitchell', first: 'Tara', last: 'Mitchell' },
	{ name: 'Pinecrest HOA', company: true },
	{ name: 'Umar Siddiqui', first: 'Umar', last: 'Siddiqui' },
	{ name: 'Victor Lindqvist', first: 'Victor', last: 'Lindqvist' },
	{ name: 'Wendy Cho', first: 'Wendy', last: 'Cho' },
	{ name: 'Union Hall Brewing Co.', company: true },
	{ name: 'Xavier Dubois', first: 'Xavier', last: 'Dubois' },
	{ name: 'Yolanda Price', first: 'Yolanda', last: 'Price' },
	{ name: 'Zachary Flynn', first: 'Zachary', last: 'Flynn' },
	{ name: 'Evergreen Senior Living', company: true },
	{ name: 'Diane Walsh', first: 'Diane', last: 'Walsh' },
];

const CITIES: ReadonlyArray<[string, string]> = [
	['Columbus', '43215'],
	['Dublin', '43017'],
	['Westerville', '43081'],
	['Worthington', '43085'],
	['Grove City', '43123'],
	['Hilliard', '43026'],
	['Gahanna', '43230'],
	['Upper Arlington', '43221'],
	['Reynoldsburg', '43068'],
	['Delaware', '43015'],
];

const STREETS = [
	'Maple Ave',
	'High St',
	'Oakland Park Ave',
	'Riverside Dr',
	'Sawmill Rd',
	'Schrock Rd',
	'Cleveland Ave',
	'Broad St',
	'Kenny Rd',
	'Hamilton Rd',
	'Stelzer Rd',
	'Lane Ave',
];

const CUSTOMER_NOTES = [
	'Gate code 4471#. Dog in the back yard, friendly.',
	'Prefers text messages before arrival.',
	'Filter size 16x25x1, keeps spares in the garage.',
	'Call the office manager, not the front desk.',
	'Maintenance plan renewed for another year.',
	'Parking behind the building; equipment on the roof (ladder access).',
	'Tenant-occupied: landlord approves anything over $300.',
	'Asked about financing for a new system.',
];

const JOB_NOTES = [
	'Technician arriving between 8 and 10.',
	'Replaced capacitor (45/5 MFD).',
	'Customer approved the quote by phone.',
	'Parts on order, ETA 3 business days.',
	'System tested and running normally.',
	'Recommended duct sealing in the attic.',
	'Left invoice with the homeowner.',
	'Waiting for customer to confirm the install date.',
];

const PAYMENT_TYPES = ['Check', 'Credit Card', 'Cash', 'Credit Card', 'ACH'];

type Status = 'new' | 'unscheduled' | 'scheduled' | 'in_progress' | 'on_hold' | 'complete' | 'canceled';

/**
 * The demo account: ~40 customers, 6 job types (ids 61-66), 4 active employees (+1 inactive),
 * 60 jobs numbered from 1001 across all statuses with dates around the store's clock, notes and ~25
 * payments. Expects an empty store.
 */
export function seedDemo(store: AccountStore): void {
	const rnd = mulberry32(20261128);
	const pick = <T>(arr: ReadonlyArray<T>): T => arr[Math.floor(rnd() * arr.length)];
	const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
	const nowMs = store.now().getTime();
	const off = store.offsetMinutes * 60_000;
	// local midnight of today (account offset)
	const todayMs = Math.floor((nowMs + off) / DAY) * DAY - off;
	const at = (ms: number): { at: Date } => ({ at: new Date(Math.min(ms, nowMs)) });

	store.jobNumberStart = 1001;
	for (const t of DEMO_JOB_TYPES) if (!store.getJobType(t.id)) store.addJobType(t.name, t.id);
	if (!store.employees.length) {
		store.addEmployee({ first_name: 'Maria', last_name: 'Alvarez', email: 'maria@northwindhvac.example' });
		store.addEmployee({ first_name: 'Dan', last_name: 'Okafor', email: 'dan@northwindhvac.example' });
		store.addEmployee({ first_name: 'Priya', last_name: 'Shah', email: 'priya@northwindhvac.example' });
		store.addEmployee({ first_name: 'Tom', last_name: 'Becker', email: 'tom@northwindhvac.example' });
		store.addEmployee({ first_name: 'Gary', last_name: 'Lund', email: 'gary@northwindhvac.example', is_active: false });
	}
	const techIds = store.employees.filter((e) => e.is_active).map((e) => e.id).slice(1);

	// ----- customers: created over the last ~2 years, ascending -----
	const customerNumbers: number[] = [];
	DEMO_CUSTOMERS.forEach((c, i) => {
		const [city, zip] = pick(CITIES);
		const street = `${int(100, 9899)} ${pick(STREETS)}`;
		const slugName = c.name.toLowerCase().replace(/[^a-z]+/g, '');
		const attrs: Attrs = {
			name: c.name,
			company: !!c.company,
			company_name: c.company ? c.name : null,
			first_name: c.first ?? null,
			last_name: c.last ?? null,
			contact: c.company ? `${pick(['Janet', 'Luis', 'Amy', 'Carl'])} ${pick(['Ward', 'Soto', 'Baker', 'Fox'])}` : null,
			is_active: i % 11 !== 6,
			email_address: c.first ? `${c.first.toLowerCase()}.${(c.last ?? '').toLowerCase().replace(/[^a-z]/g, '')}@example.com` : `office@${slugName}.example`,
			phone_number: `(614) 555-01${String(i + 10).padStart(2, '0')}`,
			mobile: i % 3 === 0 ? `(380) 555-02${String(i + 10).padStart(2, '0')}` : null,
			service_address: street,
			service_address_2: c.company && i % 2 === 0 ? `Suite ${int(100, 400)}` : null,
			service_city: city,
			service_state: 'OH',
			service_zip_code: zip,
			service_country: 'US',
			billing_address: i % 9 === 4 ? `PO Box ${int(1000, 9999)}` : street,
			billing_city: city,
			billing_state: 'OH',
			billing_zip_code: zip,
			billing_country: 'US',
			customer_type_id: c.company ? 2 : 1,
			customer_source_id: pick([3, 4, 5, null]),
			account_number: c.company ? `NW-${1000 + i}` : null,
			notify_via_email: true,
			notify_via_sms: i % 4 === 0,
		};
		const created = nowMs - (DEMO_CUSTOMERS.length - i) * 17 * DAY - int(0, 8) * HOUR;
		customerNumbers.push(store.createCustomer(attrs, at(created)).customer_number);
	});

	// ----- jobs -----
	const statuses: Status[] = [];
	const add = (s: Status, n: number): void => {
		for (let k = 0; k < n; k++) statuses.push(s);
	};
	add('complete', 18);
	add('scheduled', 14);
	add('unscheduled', 8);
	add('new', 8);
	add('in_progress', 4);
	add('on_hold', 4);
	add('canceled', 4);

	interface Spec {
		status: Status;
		customer: number;
		type: (typeof DEMO_JOB_TYPES)[number];
		scheduled: number | null;
		created: number;
		hours: number;
	}
	// fixed day offsets so every `scheduled=` range has something
	const completeDays = [-41, -38, -35, -33, -30, -28, -26, -21, -17, -14, -12, -9, -7, -5, -3, -2, -1, 0];
	const scheduledDays = [0, 0, 1, 1, 2, 3, 4, 6, 7, 8, 9, 12, 16, 24];
	const holdDays = [null, -4, 5, 10];
	const cancelDays = [-32, -8, 3, 15];
	const specs: Spec[] = statuses.map((status, i) => {
		let day: number | null = null;
		if (status === 'complete') day = completeDays[i % completeDays.length];
		else if (status === 'scheduled') day = scheduledDays[(i - 18) % scheduledDays.length];
		else if (status === 'in_progress') day = 0;
		else if (status === 'on_hold') day = holdDays[i % holdDays.length];
		else if (status === 'canceled') day = cancelDays[i % cancelDays.length];
		const hour = int(8, 15);
		const scheduled = day === null ? null : todayMs + day * DAY + hour * HOUR;
		const leadDays = int(2, 20);
		let created = scheduled === null ? nowMs - int(1, 30) * DAY - int(0, 20) * HOUR : scheduled - leadDays * DAY - int(0, 6) * HOUR;
		if (created > nowMs - HOUR) created = nowMs - int(1, 10) * HOUR;
		return {
			status,
			customer: customerNumbers[int(0, customerNumbers.length - 1)],
			type: pick(DEMO_JOB_TYPES),
			scheduled,
			created,
			hours: pick([1, 1, 2, 2, 3, 4]),
		};
	});
	// a few brand-new jobs in the last hours (what a trigger would pick up)
	for (let k = 0; k < 3; k++) specs[18 + 14 + k].created = nowMs - (k + 1) * 2 * HOUR;
	specs.sort((a, b) => a.created - b.created);

	const jobs: Array<{ number: number; spec: Spec }> = [];
	for (const spec of specs) {
		const t = spec.type;
		const charges = [{ name: `${t.name} labor`, quantity: 1, price: (t.priceCents / 100).toFixed(2), taxable: false }];
		if (t.parts) charges.push({ name: 'Parts and materials', quantity: 1, price: (t.parts / 100).toFixed(2), taxable: true });
		const attrs: Attrs = {
			job_type_id: t.id,
			description: pick(DESCRIPTIONS[t.id]),
			status: spec.status,
			po_number: rnd() < 0.2 ? `PO-${int(10000, 99999)}` : null,
			job_charges: charges,
			tax_rate: 7.5,
		};
		if (spec.scheduled !== null) {
			attrs.scheduled_on = new Date(spec.scheduled).toISOString();
			attrs.duration = spec.hours * 60;
			attrs.employee_ids = [pick(techIds)];
		}
		if (spec.status === 'complete' && spec.scheduled !== null) {
			attrs.completed_on = new Date(Math.min(spec.scheduled + spec.hours * HOUR, nowMs - 30 * 60_000)).toISOString();
		}
		const job = store.createJob(spec.customer, attrs, at(spec.created));
		jobs.push({ number: job.job_number, spec });
	}

	// ----- payments and notes, created in chronological order -----
	const later: Array<{ when: number; run: (when: number) => void }> = [];
	let ref = 5120;
	const completed = jobs.filter((j) => j.spec.status === 'complete');
	completed.forEach((j, i) => {
		if (i % 6 === 5) return; // a few completed jobs stay unpaid
		const rec = store.getJob(j.number);
		if (!rec || !j.spec.scheduled) return;
		const total = Math.round(Number(rec.total) * 100);
		const when = Math.min(j.spec.scheduled + (j.spec.hours + int(1, 30)) * HOUR, nowMs - 20 * 60_000);
		const type = pick(PAYMENT_TYPES);
		const partial = i % 7 === 3;
		const amount = partial ? Math.round(total / 2) : total;
		const refNumber = type === 'Check' ? String(ref++) : null;
		later.push({
			when,
			run: (w) =>
				store.createPayment(
					{ type: 'Job', number: j.number },
					{
						amount: (amount / 100).toFixed(2),
						date: new Date(w + off).toISOString().slice(0, 10),
						payment_type: type,
						ref_number: refNumber,
						notes: partial ? 'Partial payment, balance to follow' : null,
					},
					at(w),
				),
		});
	});
	const deposits = jobs.filter(
		(x) => x.spec.status === 'in_progress' || (x.spec.type.id === 63 && (x.spec.status === 'scheduled' || x.spec.status === 'on_hold')),
	);
	for (const j of deposits.slice(0, 5)) {
		const rec = store.getJob(j.number);
		if (!rec) continue;
		const when = Math.min(j.spec.created + int(1, 48) * HOUR, nowMs - 10 * 60_000);
		const amount = (Math.round(Number(rec.total) * 30) / 100).toFixed(2);
		later.push({
			when,
			run: (w) =>
				store.createPayment(
					{ type: 'Job', number: j.number },
					{ amount, date: new Date(w + off).toISOString().slice(0, 10), payment_type: 'Credit Card', notes: 'Deposit' },
					at(w),
				),
		});
	}
	for (let k = 0; k < 3; k++) {
		const cn = customerNumbers[(k * 13 + 5) % customerNumbers.length];
		const amount = ['150.00', '89.00', '250.00'][k];
		const refNumber = String(ref++);
		later.push({
			when: nowMs - (k * 9 + 2) * DAY,
			run: (w) =>
				store.createPayment(
					{ type: 'Customer', number: cn },
					{
						amount,
						date: new Date(w + off).toISOString().slice(0, 10),
						payment_type: 'Check',
						ref_number: refNumber,
						notes: 'Prepayment, not applied to an invoice',
					},
					at(w),
				),
		});
	}
	for (let k = 0; k < 12; k++) {
		const cn = customerNumbers[(k * 7 + 3) % customerNumbers.length];
		const text = CUSTOMER_NOTES[k % CUSTOMER_NOTES.length];
		later.push({ when: nowMs - int(1, 200) * DAY, run: (w) => store.createNote({ type: 'Customer', number: cn }, { note: text }, at(w)) });
	}
	jobs.forEach((j, i) => {
		if (i % 3 !== 0) return;
		const when = Math.min(j.spec.created + int(1, 72) * HOUR, nowMs - 5 * 60_000);
		const text = JOB_NOTES[i % JOB_NOTES.length];
		later.push({
			when,
			run: (w) => store.createNote({ type: 'Job', number: j.number }, { note: text, public: i % 2 === 0 }, at(w)),
		});
	});
	later.sort((a, b) => a.when - b.when);
	for (const l of later) l.run(l.when);
	seedDemoWork(store, techIds, todayMs);
}

const DEMO_ITEMS: ItemSeed[] = [
	{ name: 'Diagnostic visit', price: '89.00', item_type: 'service', sku: 'SV-DIAG' },
	{ name: 'Labor (hour)', price: '95.00', item_type: 'service', sku: 'SV-LABOR' },
	{ name: 'AC tune-up', price: '129.00', item_type: 'service', sku: 'SV-TUNE' },
	{ name: 'Air filter 16x25x1', price: '18.50', item_type: 'part', cost: '6.20', sku: 'PT-F16251' },
	{ name: 'Capacitor 45/5 MFD', price: '64.00', item_type: 'part', cost: '14.80', sku: 'PT-CAP455' },
	{ name: 'Refrigerant R-410A (lb)', price: '75.00', item_type: 'part', cost: '22.00', sku: 'PT-R410A' },
	{ name: 'Thermostat, programmable', price: '189.00', item_type: 'part', cost: '61.00', sku: 'PT-TSTAT' },
	{ name: 'Condensate pump', price: '145.00', item_type: 'part', cost: '48.00', sku: 'PT-CPUMP', active: false },
];

const TASK_NAMES = ['Call customer before arrival', 'Bring replacement filters', 'Check refrigerant levels', 'Photograph the unit label'];

/**
 * The demo's catalog, and work around today's jobs: tasks for the jobs scheduled today and tomorrow
 * (assigned to the technicians), one done yesterday, and logged hours on the latest completed jobs.
 * Deterministic (no random numbers), so the rest of the demo data stays as it was.
 */
function seedDemoWork(store: AccountStore, techIds: number[], todayMs: number): void {
	for (const item of DEMO_ITEMS) store.addItem(item);
	const at = { at: store.now() };
	const soon = [...store.queryJobs({ scheduled: 'today' }, 1, 100).jobs, ...store.queryJobs({ scheduled: 'tomorrow' }, 1, 100).jobs];
	soon.forEach((job, k) => {
		store.createTask(
			{
				name: TASK_NAMES[k % TASK_NAMES.length],
				job_id: job.id,
				employee_ids: job.employee_ids.length ? job.employee_ids : [techIds[k % techIds.length]],
				starts_at: job.scheduled_on,
			},
			at,
		);
	});
	store.createTask(
		{ name: 'Order capacitor stock', employee_ids: [techIds[0]], starts_at: new Date(todayMs - DAY + 9 * HOUR).toISOString(), completed: true },
		at,
	);
	const done = store.queryJobs({ status: ['complete'] }, 1, 3).jobs;
	done.forEach((job, k) => {
		const start = Date.parse(job.completed_on ?? job.created_at) - (2 + k) * HOUR;
		const employee = job.employee_ids[0] ?? techIds[k % techIds.length];
		store.logTimeEntry(
			job.job_number,
			{ employee_id: employee, started_at: new Date(start).toISOString(), ended_at: new Date(start + (1.5 + k) * HOUR).toISOString(), notes: 'On site' },
			at,
		);
	});
}

export interface GenerateLargeOptions {
	/** default 100_000 */
	customers?: number;
	/** default 100_000 */
	jobs?: number;
	/** default 0 */
	paymentsPerJob?: number;
}

const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Susan', 'Carlos', 'Mei', 'Ahmed', 'Olga'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Nguyen', 'Kowalski', 'Haddad', 'Ivanova'];

/**
 * Fills the store with many customers and jobs (plain rows, no per-record closures), timestamps spread
 * over the past, job numbers ascending with creation time. 100k customers + 100k jobs take well under 3 s.
 */
const PAD4: string[] = Array.from({ length: 10000 }, (_, i) => String(i).padStart(4, '0'));

export function generateLarge(store: AccountStore, options: GenerateLargeOptions = {}): void {
	const nCustomers = options.customers ?? 100_000;
	const nJobs = options.jobs ?? 100_000;
	const perJob = options.paymentsPerJob ?? 0;
	const rnd = mulberry32(424242);
	const nowMs = store.now().getTime();
	if (!store.jobTypes.length) for (const t of DEMO_JOB_TYPES) store.addJobType(t.name, t.id);
	if (!store.employees.length) store.addEmployee({ first_name: 'Maria', last_name: 'Alvarez', email: 'maria@northwindhvac.example' });
	const types = store.jobTypes.map((t) => t.id);
	const typeNames = store.jobTypes.map((t) => t.name);
	const startNumber = store.nextNumbers.customerNumber;
	const span = 3 * 365 * DAY;
	const customerStep = (span * 0.5) / max(1, nCustomers);

	for (let i = 0; i < nCustomers; i++) {
		const first = FIRST[i % FIRST.length];
		const last = LAST[floor(i / FIRST.length) % LAST.length];
		const city = CITIES[i % CITIES.length];
		const n = startNumber + i;
		store.seedCustomer(
			{
				name: `${first} ${last} ${n}`,
				first_name: first,
				last_name: last,
				email_address: `${first.toLowerCase()}.${last.toLowerCase()}${n}@example.com`,
				phone_number: `(614) 555-${PAD4[i % 10000]}`,
				service_address: `${100 + (i % 9800)} ${STREETS[i % STREETS.length]}`,
				service_city: city[0],
				service_state: 'OH',
				service_zip_code: city[1],
				is_active: i % 10 !== 0,
			},
			floor(nowMs - span + i * customerStep),
		);
	}
	const lastNumber = store.nextNumbers.customerNumber - 1;
	if (lastNumber < 1 || nJobs < 1) return;
	const firstNumber = max(1, lastNumber - nCustomers + 1);
	const jobStep = (span / 2 - HOUR) / max(1, nJobs);
	for (let i = 0; i < nJobs; i++) {
		const cn = firstNumber + floor(rnd() * (lastNumber - firstNumber + 1));
		const created = floor(nowMs - span / 2 + i * jobStep);
		const priceCents = (50 + floor(rnd() * 500)) * 100;
		const r = rnd();
		const status = r < 0.5 ? 'complete' : r < 0.7 ? 'scheduled' : r < 0.85 ? 'unscheduled' : r < 0.95 ? 'in_progress' : 'canceled';
		const t = i % types.length;
		let jobNumber: number;
		try {
			jobNumber = store.seedJob(
				cn,
				{
					job_type_id: types[t],
					name: typeNames[t],
					description: `Generated job ${i + 1}`,
					status,
					scheduledMs: status === 'unscheduled' ? null : created + 3 * DAY,
					priceCents,
				},
				created,
			);
		} catch {
			continue; // customer number gap (deleted customer)
		}
		for (let k = 0; k < perJob; k++) {
			store.createPayment(
				{ type: 'Job', number: jobNumber },
				{ amount: (priceCents / 100 / perJob).toFixed(2), payment_type: 'Check' },
				{ at: new Date(Math.min(created + (k + 1) * DAY, nowMs)) },
			);
		}
	}
}
