'use strict';
/** The workflows test:queue runs: a webhook burst on the action node, and the New Job / New Payment triggers. */

const crypto = require('node:crypto');
const fx = require('../kickserv-fixtures');

const BURST_PATH = 'kickserv-queue-burst';
const BURST_NOTE = 'Queued request';
const HOLD_SECONDS = 3;

/** Webhook (answers at once) -> Create Job (description = body.ref) -> a note on that job naming the ref. */
const burstWorkflow = () => ({
	name: 'Kickserv queue: webhook burst',
	nodes: [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: crypto.randomUUID(),
			parameters: { httpMethod: 'POST', path: BURST_PATH, responseMode: 'onReceived', options: {} },
		},
		fx.kickservNode(
			'kickserv',
			'Create Job',
			{
				resource: 'job',
				operation: 'create',
				customer: { __rl: true, mode: 'id', value: '={{ $json.body.customer }}' },
				jobTypeId: 61,
				additionalFields: { description: '={{ $json.body.ref }}', name: 'Queued request' },
			},
			[220, 0],
		),
		fx.kickservNode(
			'kickserv',
			'Add Note',
			{
				resource: 'note',
				operation: 'create',
				parent: 'job',
				job: { __rl: true, mode: 'id', value: '={{ $json.job_number }}' },
				note: `=${BURST_NOTE} {{ $('Webhook').item.json.body.ref }}`,
			},
			[440, 0],
		),
	],
	connections: {
		Webhook: { main: [[{ node: 'Create Job', type: 'main', index: 0 }]] },
		'Create Job': { main: [[{ node: 'Add Note', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
});

/**
 * A trigger workflow whose executions take a few seconds on the worker (a
 * Wait node, which waits in-process under 65 s), so that killing a worker
 * catches executions mid-run.
 */
function slowTrigger(name, nodeName, parameters) {
	const workflow = fx.triggerWorkflow(name, nodeName, parameters);
	workflow.nodes.push({
		name: 'Hold',
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [220, 0],
		webhookId: crypto.randomUUID(),
		parameters: { resume: 'timeInterval', amount: HOLD_SECONDS, unit: 'seconds' },
	});
	workflow.connections = { [nodeName]: { main: [[{ node: 'Hold', type: 'main', index: 0 }]] } };
	return workflow;
}

const TRIGGERS = [
	{ key: 'jobs', nodeName: 'New Job', workflow: () => slowTrigger('Kickserv queue: new job', 'New Job', { event: 'newJob' }) },
	{
		key: 'payments',
		nodeName: 'New Payment',
		workflow: () => slowTrigger('Kickserv queue: new payment', 'New Payment', { event: 'newPayment', paymentScope: 'account', jobsToWatch: 250 }),
	},
];

module.exports = { BURST_PATH, BURST_NOTE, HOLD_SECONDS, burstWorkflow, TRIGGERS };
