'use strict';
/**
 * The workflows of `npm run test:mcp`: examples/kickserv-mcp-server.json (the safe set a user imports)
 * plus the write tools it leaves out, on a path of its own; the graph n8n runs for "Execute step" on a
 * tool (the tools attached to a Tool Executor, n8n's own node, in the agent's place); and an AI Agent
 * with the tools attached.
 */

const fs = require('node:fs');
const path = require('node:path');
const { REPO, credentialRef } = require('../kickserv-fixtures');

const example = () => JSON.parse(fs.readFileSync(path.join(REPO, 'examples', 'kickserv-mcp-server.json'), 'utf8'));

/** `={{ $fromAI(...) }}` as the editor writes it; a default makes the key optional for the model. */
const ai = (key, description, type = 'string', fallback) =>
	`={{ $fromAI('${key}', \`${description}\`, '${type}'${fallback === undefined ? '' : `, ${JSON.stringify(fallback)}`}) }}`;
const byNumber = (value) => ({ __rl: true, mode: 'number', value });
const JOB = byNumber(ai('job_number', 'The job number the Kickserv web app shows (job_number), not the internal id', 'number'));
const CUSTOMER = byNumber(ai('customer_number', 'The customer number the Kickserv web app shows (customer_number), not the internal id', 'number'));

/** Writes the example leaves out (money, hours, status changes): exposed here so that every resource with a write is called. */
const EXTRA_TOOLS = {
	update_job_status: {
		resource: 'job',
		operation: 'update',
		job: JOB,
		updateFields: { status: ai('status', 'The new status: unscheduled, scheduled, in_progress, on_hold, complete, canceled or new') },
	},
	create_job_payment: {
		resource: 'payment',
		operation: 'create',
		job: JOB,
		amount: ai('amount', 'The amount paid, like 125.00'),
		additionalFields: { payment_type: ai('payment_type', 'Check, Cash, Credit Card…, or empty', 'string', '') },
	},
	add_job_charge: {
		resource: 'jobCharge',
		operation: 'add',
		job: JOB,
		itemId: ai('item_id', 'The id of a catalog item, from list_items', 'number'),
		jobChargeTypeId: 2,
		additionalFields: { quantity: ai('quantity', 'How many', 'number', 1) },
	},
	log_time_entry: {
		resource: 'timeEntry',
		operation: 'log',
		job: JOB,
		employeeId: ai('employee_id', 'The id of the employee, from list_employees', 'number'),
		startedAt: ai('started_at', 'Start, like 2026-11-28T08:00:00-05:00'),
		endedAt: ai('ended_at', 'End, like 2026-11-28T10:30:00-05:00'),
	},
	create_opportunity: {
		resource: 'opportunity',
		operation: 'create',
		customer: CUSTOMER,
		jobTypeId: ai('job_type_id', 'The id of a job type, from list_job_types', 'number'),
	},
};

const PATH = 'kickserv-e2e';
const TRIGGER = 'MCP Server Trigger';
const toolNode = (name, parameters, index) => ({
	id: `extra-${index}`,
	name,
	type: 'n8n-nodes-kickserv.kickservTool',
	typeVersion: 1,
	position: [-400 + index * 160, 760],
	parameters,
	credentials: credentialRef,
});
const attach = (names, parent) => Object.fromEntries(names.map((name) => [name, { ai_tool: [[{ node: parent, type: 'ai_tool', index: 0 }]] }]));

/** The example's tools + EXTRA_TOOLS behind one MCP Server Trigger on PATH. */
function mcpWorkflow() {
	const wf = example();
	const extra = Object.entries(EXTRA_TOOLS).map(([name, parameters], i) => toolNode(name, parameters, i));
	const trigger = wf.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
	trigger.parameters.path = PATH;
	trigger.webhookId = 'a3d1c0de-7e57-4b0b-9a11-0000000e2e01';
	return {
		...wf,
		id: 'ksMcpE2e00000001',
		name: 'Kickserv MCP server (e2e)',
		nodes: [...wf.nodes, ...extra],
		connections: { ...wf.connections, ...attach(Object.keys(EXTRA_TOOLS), TRIGGER) },
	};
}

const exampleTools = () => example().nodes.filter((n) => n.type === 'n8n-nodes-kickserv.kickservTool');

/** Manual Trigger -> `parent`, with the example's tools attached to the parent. */
function toolsOn(id, name, parent) {
	const tools = exampleTools();
	return {
		id,
		name,
		nodes: [
			{ id: 'manual', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'parent', position: [200, 0], ...parent },
			...tools,
		],
		connections: { Manual: { main: [[{ node: parent.name, type: 'main', index: 0 }]] }, ...attach(tools.map((t) => t.name), parent.name) },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * What n8n executes for "Execute step" on a tool (packages/core partial execution, rewireGraph): the
 * tools attached to a Tool Executor that calls one of them with the given arguments. Every attached
 * tool is built (its schema from its $fromAI calls) on the way.
 */
const executeStepWorkflow = (toolName, args) =>
	toolsOn('ksMcpStep0000001', 'Kickserv tools: Execute step (e2e)', {
		name: 'Tool Executor',
		type: '@n8n/n8n-nodes-langchain.toolExecutor',
		typeVersion: 1,
		parameters: { query: JSON.stringify({ [toolName]: args }), toolName, node: toolName },
	});

/** An AI Agent (no model: none is needed to load it) with the example's tools attached. */
const agentWorkflow = () =>
	toolsOn('ksMcpAgent000001', 'Kickserv tools on an AI Agent (e2e)', {
		name: 'AI Agent',
		type: '@n8n/n8n-nodes-langchain.agent',
		typeVersion: 2,
		parameters: { promptType: 'define', text: 'List the unscheduled jobs', options: {} },
	});

module.exports = { PATH, EXTRA_TOOLS, mcpWorkflow, executeStepWorkflow, agentWorkflow, exampleTools };
