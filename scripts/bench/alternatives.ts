/**
 * `npm run bench:alternatives`: what each sandbox alternative (sandbox/options.ts ALTERNATIVES) costs in
 * requests. Return All of 1,000 customers, 1,000 jobs and one job's 61 payments, an idle New Job poll and
 * an idle New Payment poll (250 watched jobs), under the default sandbox and each alternative, against
 * the least the API allows (one request a page, plus one empty page where the last page is full).
 * Requests are counted on the sandbox; the records returned are checked complete. Prints a Markdown table
 * (kept in bench/ALTERNATIVES.md with its reading).
 */
import './env';

import { ALTERNATIVES, KickservSandbox, alternative, generateLarge } from '../../sandbox';
import { runKickserv, type TestCredential } from '../../test/harness/engine';
import { TriggerUnderTest } from '../../test/harness/trigger';

const SLUG = 'bench-alt';
const TOKEN = 'bench-alternatives-token';
const SIZE = 1000;
const PAYMENTS = 61;

interface Row {
	name: string;
	customers: number;
	jobs: number;
	payments: number;
	newJobIdle: number;
	newPaymentIdle: number;
}

async function measure(name: string): Promise<Row> {
	const sandbox = new KickservSandbox({ accounts: [{ slug: SLUG, token: TOKEN, seed: 'empty' }], ...alternative(name) });
	const store = sandbox.store();
	generateLarge(store, { customers: SIZE, jobs: SIZE });
	const job = store.listJobs()[0];
	store.updateJob(job.job_number, { subtotal: '100000.00' });
	for (let i = 0; i < PAYMENTS; i++) store.createPayment({ type: 'Job', number: job.job_number }, { amount: '1.00' });
	const credentials: TestCredential = { accountSlug: SLUG, apiToken: TOKEN, baseUrl: await sandbox.start(0) };
	const count = async (run: () => Promise<number>, expected?: number): Promise<number> => {
		sandbox.clearLog();
		const records = await run();
		if (expected !== undefined && records !== expected) throw new Error(`${name}: ${records} records instead of ${expected}`);
		return sandbox.log.length;
	};
	const list = async (parameters: Record<string, unknown>) => {
		const { items, error } = await runKickserv({ returnAll: true, simplify: false, ...parameters }, credentials);
		if (error) throw error;
		return items.length;
	};
	const idle = async (parameters: Record<string, unknown>) => {
		const trigger = new TriggerUnderTest({ maxPerPoll: 200, ...parameters }, () => credentials);
		await trigger.emitted();
		return count(async () => (await trigger.emitted()).length, 0);
	};
	try {
		return {
			name,
			customers: await count(() => list({ resource: 'customer', operation: 'getAll' }), SIZE),
			jobs: await count(() => list({ resource: 'job', operation: 'getAll' }), SIZE),
			payments: await count(() => list({ resource: 'payment', operation: 'getAll', parent: 'job', job: { __rl: true, mode: 'id', value: String(job.job_number) } }), PAYMENTS),
			newJobIdle: await idle({ event: 'newJob' }),
			newPaymentIdle: await idle({ event: 'newPayment', jobsToWatch: 250, ...(name === 'payments-leave-job' ? { everyJob: true } : {}) }),
		};
	} finally {
		await sandbox.stop();
	}
}

async function main(): Promise<void> {
	const rows: Row[] = [];
	for (const name of ['default', ...Object.keys(ALTERNATIVES)]) rows.push(await measure(name));
	const base = rows[0];
	const cell = (value: number, baseline: number) => (value === baseline ? String(value) : `${value} (${value > baseline ? '+' : ''}${value - baseline})`);
	const lines = [
		'| Sandbox | Customers 1,000 (Return All) | Jobs 1,000 | Payments of a job, 61 | Idle New Job poll | Idle New Payment poll (250 jobs) |',
		'|---|---|---|---|---|---|',
		...rows.map((r) =>
			`| ${r.name} | ${cell(r.customers, base.customers)} | ${cell(r.jobs, base.jobs)} | ${cell(r.payments, base.payments)} | ${cell(r.newJobIdle, base.newJobIdle)} | ${cell(r.newPaymentIdle, base.newPaymentIdle)} |`,
		),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
