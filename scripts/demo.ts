/**
 * The demo: starts the Kickserv sandbox with its seed data ("Northwind Heating & Air") and runs the
 * example workflows of examples/ through n8n-core's execution engine (the same engine n8n uses),
 * printing what each node produced. The trigger example is activated, a customer pays a job, and the
 * trigger's next poll feeds the rest of that workflow.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'kickserv-demo-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';

import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import { KickservSandbox } from '../sandbox';
import { ITEMS_TYPE, runWorkflow, type TestCredential } from '../test/harness/engine';
import { TriggerUnderTest } from '../test/harness/trigger';
import { registerCoreStandIns } from './demo/core-stand-ins';

const PREFERRED = [
	'customer_number',
	'job_number',
	'id',
	'name',
	'status',
	'previous_status',
	'amount',
	'date',
	'description',
	'note',
	'line',
	'email_address',
	'service_city',
	'scheduled_on',
	'balance_remaining',
	'deleted',
	'found',
];

const cell = (value: unknown) => {
	const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	const flat = text.replace(/\s+/g, ' ');
	return flat.length > 56 ? `${flat.slice(0, 55)}…` : flat;
};

/** A readable table of items: the most telling columns first, at most 6. */
export function table(items: INodeExecutionData[], maxRows = 12): string {
	if (!items.length) return '  (no items)';
	const keys = Object.keys(items[0].json);
	if (!keys.length) return `  (${items.length} empty item${items.length === 1 ? '' : 's'})`;
	const columns = [...PREFERRED.filter((k) => keys.includes(k)), ...keys.filter((k) => !PREFERRED.includes(k))].slice(0, 6);
	const rows = items.slice(0, maxRows).map((item) => columns.map((c) => cell(item.json[c])));
	const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
	const line = (values: string[]) => `  ${values.map((v, i) => v.padEnd(widths[i])).join('  ')}`.trimEnd();
	const out = [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
	if (items.length > maxRows) out.push(`  … ${items.length - maxRows} more`);
	return out.join('\n');
}

function load(file: string): IWorkflowBase {
	return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', file), 'utf8')) as IWorkflowBase;
}

async function runExample(file: string, credentials: TestCredential, startNode?: string, replace?: Record<string, INodeExecutionData[]>) {
	const workflow = load(file);
	console.log(`\n=== ${workflow.name}  (examples/${file})`);
	const nodes: INode[] = workflow.nodes.map((node) =>
		replace?.[node.name]
			? { ...node, type: ITEMS_TYPE, typeVersion: 1, parameters: { items: JSON.stringify(replace[node.name].map((i) => i.json)) } }
			: node,
	);
	const result = await runWorkflow({ nodes, connections: workflow.connections, startNode }, credentials);
	for (const node of nodes) {
		if (!result.run.data.resultData.runData[node.name]) continue;
		console.log(`\n-- ${node.name}`);
		console.log(table(result.output(node.name)));
	}
	if (result.error) {
		console.log(`\n!! ${result.error.message}`);
		process.exitCode = 1;
	}
	return result;
}

async function main() {
	registerCoreStandIns();
	const sandbox = new KickservSandbox();
	const baseUrl = await sandbox.start(0);
	const account = sandbox.options.accounts[0];
	const credentials: TestCredential = { accountSlug: account.slug, apiToken: account.token, baseUrl };
	console.log('Kickserv sandbox: "Northwind Heating & Air"');
	console.log(`  Base URL ${baseUrl}   Account Slug ${account.slug}   API Token ${account.token}`);
	const counts = sandbox.store();
	console.log(`  ${counts.listCustomers().length} customers, ${counts.listJobs().length} jobs`);

	await runExample('website-lead-to-customer-and-job.json', credentials, "When clicking 'Execute workflow'");
	console.log('\n(the same lead again: the customer is found, not created twice)');
	await runExample('website-lead-to-customer-and-job.json', credentials, "When clicking 'Execute workflow'");
	await runExample('nightly-unscheduled-jobs.json', credentials, "When clicking 'Execute workflow'");
	await runExample('crew-hours-and-parts.json', credentials, "When clicking 'Execute workflow'");
	await runExample('technicians-tasks-today.json', credentials, "When clicking 'Execute workflow'");

	// the trigger example: activate (the first poll only records where the account is), then a
	// customer pays, and the next poll emits the payment into the rest of the workflow
	const file = 'new-payment-thank-you-note.json';
	const triggerNode = load(file).nodes.find((n) => n.type === 'n8n-nodes-kickserv.kickservTrigger')!;
	const trigger = new TriggerUnderTest(triggerNode.parameters as IDataObject, () => credentials);
	const seeded = await trigger.poll();
	if (seeded.error) throw seeded.error;
	const job = sandbox.store().listJobs().find((j) => Number(j.balance_remaining) > 0) ?? sandbox.store().listJobs()[0];
	sandbox.store().createPayment({ type: 'Job', number: job.job_number }, { amount: '150.00', payment_type: 'Check', ref_number: '2215' });
	console.log(`\n(activated the New Payment trigger; then a customer paid $150.00 on job #${job.job_number})`);
	const polled = await trigger.emitted();
	console.log(`(the next poll emitted ${polled.length} payment${polled.length === 1 ? '' : 's'}; state ${trigger.stateBytes()} bytes)`);
	await runExample(file, credentials, triggerNode.name, { [triggerNode.name]: polled });

	// Invoice Paid: activate, then a customer pays the rest of an invoice; the next poll emits the job
	const paidFile = 'invoice-paid-thank-you-note.json';
	const paidNode = load(paidFile).nodes.find((n) => n.type === 'n8n-nodes-kickserv.kickservTrigger')!;
	const paidTrigger = new TriggerUnderTest(paidNode.parameters as IDataObject, () => credentials);
	const paidSeed = await paidTrigger.poll();
	if (paidSeed.error) throw paidSeed.error;
	const open = sandbox.store().listJobs().find((j) => j.invoice_status === 'unpaid' && Number(j.balance_remaining) > 0)!;
	sandbox.store().createPayment({ type: 'Job', number: open.job_number }, { amount: open.balance_remaining, payment_type: 'Credit Card' });
	console.log(`\n(activated the Invoice Paid trigger; then a customer paid the $${open.balance_remaining} left on job #${open.job_number})`);
	const paid = await paidTrigger.emitted();
	console.log(`(the next poll emitted ${paid.length} paid invoice${paid.length === 1 ? '' : 's'})`);
	await runExample(paidFile, credentials, paidNode.name, { [paidNode.name]: paid });

	await sandbox.stop();
}

main()
	.then(() => process.exit(process.exitCode ?? 0))
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
