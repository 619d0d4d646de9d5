import * as fs from 'fs';
import * as path from 'path';
import type { IDataObject, IWorkflowBase } from 'n8n-workflow';

import { runKickserv } from '../harness/engine';
import { SLUG, useSandbox } from '../harness/setup';
import { runTools } from '../harness/tool';
import { JOB_SIMPLE_FIELDS } from '../../nodes/Kickserv/descriptions/JobDescription';
import { CUSTOMER_SIMPLE_FIELDS } from '../../nodes/Kickserv/descriptions/CustomerDescription';

const t = useSandbox();
const rl = (value: string | number, mode = 'number') => ({ __rl: true, mode, value: String(value) });
/** A `$fromAI()` parameter as the editor writes it (with a description, and a default when optional). */
const ai = (key: string, description: string, type = 'string', fallback?: string | number) =>
	`={{ $fromAI('${key}', \`${description}\`, '${type}'${fallback === undefined ? '' : `, ${JSON.stringify(fallback)}`}) }}`;

describe('Multi-option parameters take one value', () => {
	test('Job > Get Many: a Status expression that gives one value (the editor\'s $fromAI button) filters by it', async () => {
		const run = await runTools(
			{ 'Find jobs': { resource: 'job', operation: 'getAll', limit: 10, filters: { status: "={{ $fromAI('Status', '', 'string') }}" } } },
			[{ tool: 'Find_jobs', args: { Status: 'unscheduled' } }],
			t.credentials,
		);
		const jobs = run.calls[0].result as Array<{ status: string }>;
		expect(run.calls[0].error).toBeUndefined();
		expect(jobs.length).toBeGreaterThan(0);
		expect(new Set(jobs.map((j) => j.status))).toEqual(new Set(['unscheduled']));
		expect(t.sandbox.log[t.sandbox.log.length - 1].query).toMatchObject({ 'status[]': 'unscheduled' });
		// the same in a workflow: an expression giving a string
		t.sandbox.clearLog();
		const plain = await runKickserv({ resource: 'job', operation: 'getAll', limit: 5, filters: { status: '={{ "complete" }}' } }, t.credentials);
		expect(plain.error).toBeUndefined();
		expect(new Set(plain.items.map((i) => i.json.status))).toEqual(new Set(['complete']));
	});

	test('comma-separated or unknown values are still refused, naming them, before any request', async () => {
		const comma = await runKickserv({ resource: 'job', operation: 'getAll', filters: { status: '={{ "unscheduled,bogus" }}' } }, t.credentials);
		expect(comma.error?.message).toMatch(/^Status must be one value or a list of values from: .*"unscheduled" \(Unscheduled\).*\(got "unscheduled,bogus": not listed "bogus"\)\. Send one value, e\.g\. "canceled", or a list/);
		const unknown = await runKickserv({ resource: 'job', operation: 'getAll', filters: { status: '={{ "done" }}' } }, t.credentials);
		expect(unknown.error?.message).toMatch(/^Status must be one value or a list .*\(got "done"\)/);
		expect(t.sandbox.log).toHaveLength(0);
	});
});

describe('Job Type > Get Many', () => {
	test('lists the job types a job needs, from /calendar.json; Limit cuts the list', async () => {
		const all = await runKickserv({ resource: 'jobType', operation: 'getAll', returnAll: true }, t.credentials);
		expect(all.error).toBeUndefined();
		const expected = t.sandbox.store().jobTypes.map((type) => ({ id: type.id, name: type.name }));
		expect(expected.length).toBeGreaterThanOrEqual(6);
		expect(all.items.map((i) => i.json)).toEqual(expected);
		expect(t.requests()).toEqual(['GET /calendar.json']);
		const two = await runKickserv({ resource: 'jobType', operation: 'getAll', limit: 2 }, t.credentials);
		expect(two.items.map((i) => i.json)).toEqual(expected.slice(0, 2));
	});
});

/** Job > Create as a tool: customer and job type required, name and description optional ("" defaults). */
const CREATE_JOB = {
	resource: 'job',
	operation: 'create',
	customer: rl(ai('customer_number', 'The customer number', 'number')),
	jobTypeId: ai('job_type_id', 'A job type id from the job types tool', 'number'),
	additionalFields: { name: ai('job_name', 'Short title', 'string', ''), description: ai('description', 'What to do', 'string', '') },
};

describe('Kickserv as an AI tool (n8n-core\'s tool path: schema from $fromAI, the call through RoutingNode)', () => {
	test('automatic descriptions name the identifier; $fromAI keys with a default are optional in the schema', async () => {
		const run = await runTools(
			{
				'Get job': { resource: 'job', operation: 'get', job: rl(ai('job_number', 'The job number shown in Kickserv', 'number')) },
				'Create job': CREATE_JOB,
				'List job types': { resource: 'jobType', operation: 'getAll', returnAll: true },
			},
			[],
			t.credentials,
		);
		expect(run.error).toBeUndefined();
		const byName = Object.fromEntries(run.tools.map((tool) => [tool.name, tool]));
		expect(byName.Get_job.description).toBe('Get a job by job number in Kickserv');
		expect(byName.Get_job.schema.required).toEqual(['job_number']);
		expect(byName.Create_job.schema.required).toEqual(['customer_number', 'job_type_id']);
		expect(Object.keys(byName.Create_job.schema.properties ?? {}).sort()).toEqual(['customer_number', 'description', 'job_name', 'job_type_id']);
		expect(byName.List_job_types.description).toBe('Get many job types in Kickserv');
		expect(byName.List_job_types.schema.properties).toEqual({});
	});

	test('Create with the optional fields left out sends neither; the output is compact; the job is in the account', async () => {
		const clarence = t.sandbox.store().findCustomerByName('Clarence')!;
		const type = t.sandbox.store().jobTypes[0];
		const run = await runTools(
			{
				'Create job': CREATE_JOB,
			},
			[{ tool: 'Create_job', args: { customer_number: clarence.customer_number, job_type_id: type.id } }],
			t.credentials,
		);
		const [job] = run.calls[0].result as Array<Record<string, unknown>>;
		expect(run.calls[0].error).toBeUndefined();
		expect(t.sandbox.log[t.sandbox.log.length - 1]).toMatchObject({
			method: 'POST',
			path: `/${SLUG}/customers/${clarence.customer_number}/jobs.json`,
			body: { job: { job_type_id: type.id } },
		});
		expect(Object.keys(job).every((key) => (JOB_SIMPLE_FIELDS as readonly string[]).includes(key))).toBe(true);
		expect(job).toMatchObject({ customer_id: clarence.id, job_type_id: type.id });
		expect(t.sandbox.store().getJob(Number(job.job_number))?.customer_id).toBe(clarence.id);
		// the same operation in a workflow returns the whole record
		const full = await runKickserv({ resource: 'job', operation: 'create', customer: rl(clarence.customer_number), jobTypeId: type.id }, t.credentials);
		expect(Object.keys(full.items[0].json).length).toBeGreaterThan(Object.keys(job).length);
	});

	test('Update with "" defaults leaves those fields as they are', async () => {
		const job = t.sandbox.store().listJobs()[0];
		const before = { name: job.name, description: job.description };
		const run = await runTools(
			{
				'Update job': {
					resource: 'job',
					operation: 'update',
					job: rl(ai('job_number', 'The job number', 'number')),
					updateFields: { status: ai('status', 'New status', 'string', ''), name: ai('job_name', 'New title', 'string', ''), description: ai('description', 'New text', 'string', '') },
				},
			},
			[
				{ tool: 'Update_job', args: { job_number: job.job_number, status: 'on_hold' } },
				{ tool: 'Update_job', args: { job_number: job.job_number } },
			],
			t.credentials,
		);
		expect(run.calls[0].error).toBeUndefined();
		expect(t.sandbox.store().getJob(job.job_number)).toMatchObject({ ...before, status: 'on_hold' });
		expect(run.calls[1].error).toMatch(/Update Fields is empty/);
	});

	test('Get is compact by default in tool mode; Get Many keeps its Limit at most 100', async () => {
		const customer = t.sandbox.store().listCustomers()[0];
		const run = await runTools(
			{
				'Get customer': { resource: 'customer', operation: 'get', customer: rl(ai('customer_number', 'The customer number', 'number')) },
				'List jobs': { resource: 'job', operation: 'getAll', limit: ai('limit', 'How many jobs (at most 100)', 'number', 20) },
			},
			[
				{ tool: 'Get_customer', args: { customer_number: customer.customer_number } },
				{ tool: 'List_jobs', args: { limit: 50 } },
				{ tool: 'List_jobs', args: { limit: 500 } },
			],
			t.credentials,
		);
		const [got] = run.calls[0].result as Array<Record<string, unknown>>;
		expect(got.customer_number).toBe(customer.customer_number);
		expect(Object.keys(got).every((key) => (CUSTOMER_SIMPLE_FIELDS as readonly string[]).includes(key))).toBe(true);
		const fifty = run.calls[1].result as unknown[];
		expect(fifty).toHaveLength(50);
		expect(JSON.stringify(fifty).length).toBeLessThan(27_000);
		expect(run.calls[2].error).toMatch(/Limit must be at most 100 when Kickserv runs as an AI tool \(got 500\)/);
		// in a workflow, a Limit of 500 is fine
		const plain = await runKickserv({ resource: 'job', operation: 'getAll', limit: 500 }, t.credentials);
		expect(plain.error).toBeUndefined();
	});

	test('an internal id where a number belongs: not found, and the message says which number to send', async () => {
		const customer = t.sandbox.store().listCustomers()[0];
		const run = await runTools(
			{ 'Get customer': { resource: 'customer', operation: 'get', customer: rl(ai('customer_number', 'The customer number', 'number')) } },
			[
				{ tool: 'Get_customer', args: { customer_number: customer.id } },
				{ tool: 'Get_customer', args: { customer_number: -3 } },
			],
			t.credentials,
		);
		expect(run.calls[0].error).toMatch(new RegExp(`has no customer ${customer.id}[\\s\\S]*not a record's internal ID`));
		expect(run.calls[1].error).toMatch(/Customer/);
	});
});

describe('examples/kickserv-mcp-server.json', () => {
	test('every tool builds its schema: only the keys without a default are required, each described; no deletes', async () => {
		const workflow = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'kickserv-mcp-server.json'), 'utf8')) as IWorkflowBase;
		const tools = workflow.nodes.filter((node) => node.type === 'n8n-nodes-kickserv.kickservTool');
		expect(tools.map((tool) => tool.parameters.operation).filter((operation) => operation === 'delete')).toEqual([]);
		const run = await runTools(Object.fromEntries(tools.map((tool) => [tool.name, tool.parameters as IDataObject])), [], t.credentials);
		expect(run.error).toBeUndefined();
		expect(run.tools.map((tool) => tool.name).sort()).toEqual(tools.map((tool) => tool.name).sort());
		for (const tool of run.tools) {
			const parameters = JSON.stringify(tools.find((node) => node.name === tool.name)!.parameters);
			const keys = [...parameters.matchAll(/\$fromAI\('(\w+)', `[^`]*`, '\w+'(, [^)]+)?\)/g)];
			expect(Object.keys(tool.schema.properties ?? {}).sort()).toEqual(keys.map((m) => m[1]).sort());
			expect([...(tool.schema.required ?? [])].sort()).toEqual(keys.filter((m) => !m[2]).map((m) => m[1]).sort());
			for (const property of Object.values(tool.schema.properties ?? {})) expect((property as IDataObject).description).toBeTruthy();
			expect(tool.description).toMatch(/ in Kickserv$/);
		}
	});
});
