import * as fs from 'fs';
import * as path from 'path';
import type { INodeProperties, IWorkflowBase } from 'n8n-workflow';

import { Kickserv } from '../nodes/Kickserv/Kickserv.node';
import { KickservTrigger } from '../nodes/Kickserv/KickservTrigger.node';

const dir = path.join(__dirname, '..', 'examples');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
const CORE = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.set', 'n8n-nodes-base.if'];
/** n8n's own AI nodes an example may hold (the Kickserv Tool attaches to them). */
const LANGCHAIN = ['@n8n/n8n-nodes-langchain.mcpTrigger'];
const OURS = ['n8n-nodes-kickserv.kickserv', 'n8n-nodes-kickserv.kickservTool', 'n8n-nodes-kickserv.kickservTrigger'];
const names = (properties: INodeProperties[]) => new Set(properties.map((p) => p.name));

test.each(files)('examples/%s imports cleanly into n8n', (file) => {
	const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as IWorkflowBase;
	// n8n 1.x saves a workflow's static data (the trigger's state) only for ids of at most 16 characters
	expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,16}$/);
	for (const node of workflow.nodes) {
		if (OURS.includes(node.type)) {
			const description = node.type.endsWith('Trigger') ? new KickservTrigger().description : new Kickserv().description;
			const known = names(description.properties);
			for (const key of Object.keys(node.parameters)) if (key !== 'pollTimes') expect(known).toContain(key);
			expect(node.credentials).toEqual({ kickservApi: { id: 'kickservSandbox', name: 'Kickserv sandbox' } });
		} else {
			expect([...CORE, ...LANGCHAIN]).toContain(node.type); // besides ours, only n8n core and AI nodes
		}
	}
	for (const [from, outputs] of Object.entries(workflow.connections)) {
		expect(workflow.nodes.map((n) => n.name)).toContain(from);
		for (const target of Object.values(outputs).flat(2)) expect(workflow.nodes.map((n) => n.name)).toContain(target!.node);
		// a Kickserv Tool connects only to a tool's parent, by its ai_tool output
		const source = workflow.nodes.find((n) => n.name === from)!;
		if (source.type.endsWith('Tool')) expect(Object.keys(outputs)).toEqual(['ai_tool']);
	}
});
