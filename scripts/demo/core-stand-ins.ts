/**
 * Minimal stand-ins for the n8n core nodes the example workflows use (Manual Trigger, Schedule
 * Trigger, Edit Fields (Set) 3.4 with assignments, If 2.2 with boolean conditions), so the demo can run the example files in
 * n8n-core's engine without the n8n app. The Kickserv nodes in them are the real ones.
 * `npm run test:n8n` runs the same files in real n8n releases with the real core nodes.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { registerNodeType } from '../../test/harness/engine';

const description = (name: string, displayName: string, inputs: string[], properties: unknown[] = []) =>
	({
		displayName,
		name,
		group: ['transform'],
		version: [1, 1.2, 3.4],
		description: `${displayName} (demo stand-in)`,
		defaults: { name: displayName },
		inputs,
		outputs: ['main'],
		properties,
	}) as unknown as INodeType['description'];

class ManualTrigger implements INodeType {
	description = description('manualTrigger', 'Manual Trigger', []);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

class ScheduleTrigger implements INodeType {
	description = description('scheduleTrigger', 'Schedule Trigger', [], [
		{ displayName: 'Rule', name: 'rule', type: 'json', default: {} },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: { timestamp: new Date().toISOString() } }]];
	}
}

interface Assignment {
	name: string;
	value: unknown;
	type?: string;
}

class EditFields implements INodeType {
	description = description('set', 'Edit Fields', ['main'], [
		{ displayName: 'Fields to Set', name: 'assignments', type: 'assignmentCollection', default: {} },
		{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return [
			items.map((_, index) => {
				const assignments = (this.getNodeParameter('assignments.assignments', index, []) as Assignment[]) ?? [];
				const json: IDataObject = {};
				for (const { name, value, type } of assignments) {
					json[name] = (type === 'number' ? Number(value) : type === 'boolean' ? Boolean(value) : value) as IDataObject[string];
				}
				return { json, pairedItem: { item: index } };
			}),
		];
	}
}

interface Condition {
	leftValue: unknown;
	operator: { type: string; operation: string };
}

/** If 2.2, boolean "is true" / "is false" conditions only: items out of "true" (0) or "false" (1). */
class If implements INodeType {
	description = {
		...description('if', 'If', ['main'], [
			{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		]),
		version: [2, 2.1, 2.2],
		outputs: ['main', 'main'],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [yes, no]: INodeExecutionData[][] = [[], []];
		this.getInputData().forEach((item, index) => {
			const conditions = this.getNodeParameter('conditions.conditions', index, []) as Condition[];
			const combinator = this.getNodeParameter('conditions.combinator', index, 'and') as string;
			const results = conditions.map(({ leftValue, operator }) => {
				if (operator.type !== 'boolean') throw new Error(`If stand-in: only boolean conditions (got ${operator.type})`);
				return operator.operation === 'true' ? leftValue === true : leftValue === false;
			});
			const passed = combinator === 'or' ? results.some(Boolean) : results.every(Boolean);
			(passed ? yes : no).push({ ...item, pairedItem: { item: index } });
		});
		return [yes, no];
	}
}

export function registerCoreStandIns() {
	registerNodeType('n8n-nodes-base.if', new If());
	registerNodeType('n8n-nodes-base.manualTrigger', new ManualTrigger());
	registerNodeType('n8n-nodes-base.scheduleTrigger', new ScheduleTrigger());
	registerNodeType('n8n-nodes-base.set', new EditFields());
}
