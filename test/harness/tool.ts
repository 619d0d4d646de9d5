/**
 * The Kickserv node as an AI tool, inside n8n-core's engine, as n8n runs it for the AI Agent and the MCP
 * Server Trigger: a `kickservTool` type derived from the node (as n8n's loader derives one from every
 * `usableAsTool` node), connected to a parent through an `ai_tool` connection; the parent asks the engine
 * for its tools (`getInputConnectionData`, which builds each tool's schema from the `$fromAI()` calls with
 * n8n-core's createNodeAsTool) and calls them with fixed arguments, as a model would. No model, no mocks.
 */
import { RoutingNode, type ExecuteContext } from 'n8n-core';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { Kickserv } from '../../nodes/Kickserv/Kickserv.node';
import { KICKSERV_TYPE, nodeTypes, registerNodeType, runWorkflow, type TestCredential } from './engine';

export const TOOL_TYPE = 'n8n-nodes-kickserv.kickservTool';
const CALLER_TYPE = 'test.toolCaller';

/**
 * The tool variant, shaped as n8n 2.x shapes it (name + "Tool", no main input, an `ai_tool` output, the
 * Tool Description parameters first) and executed as n8n executes a declarative tool: RoutingNode over
 * the tool's own context.
 */
function toolVariant(): INodeType {
	const base = (nodeTypes.getByName(KICKSERV_TYPE) as INodeType | undefined) ?? new Kickserv();
	const description = {
		...base.description,
		name: 'kickservTool',
		displayName: 'Kickserv Tool',
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		properties: [
			{
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				options: [
					{ name: 'Set Automatically', value: 'auto' },
					{ name: 'Set Manually', value: 'manual' },
				],
				default: 'auto',
			},
			{
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: base.description.description,
				displayOptions: { show: { descriptionType: ['manual'] } },
			},
			...base.description.properties,
		] as INodeProperties[],
	} as INodeType['description'];
	const tool: INodeType = {
		description,
		methods: base.methods,
		async execute(this: IExecuteFunctions) {
			return (await new RoutingNode(this as unknown as ExecuteContext, tool).runNode()) ?? [];
		},
	};
	return tool;
}

interface ToolLike {
	name: string;
	description: string;
	schema: unknown;
	invoke(args: IDataObject): Promise<unknown>;
}

/** The parent (a stand-in for the AI Agent / MCP Server Trigger): lists its tools and calls them. */
class ToolCaller implements INodeType {
	description = {
		displayName: 'Tool Caller',
		name: 'toolCaller',
		group: ['transform'],
		version: 1,
		description: 'Calls the tools attached to it with fixed arguments',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools' }],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' }] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const connected = await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0);
		const tools = (Array.isArray(connected) ? connected : [connected]) as ToolLike[];
		const calls = JSON.parse(this.getNodeParameter('calls', 0) as string) as Array<{ tool: string; args: IDataObject }>;
		const out: INodeExecutionData[] = tools.map((tool) => ({
			json: { listed: tool.name, description: tool.description, schema: toJsonSchema(tool.schema as never) as IDataObject },
		}));
		for (const call of calls) {
			const tool = tools.find((t) => t.name === call.tool);
			if (!tool) throw new Error(`no tool ${call.tool} (have ${tools.map((t) => t.name).join(', ')})`);
			try {
				out.push({ json: { tool: call.tool, result: JSON.parse(String(await tool.invoke(call.args))) } });
			} catch (error) {
				out.push({ json: { tool: call.tool, error: (error as Error).message } });
			}
		}
		return [out];
	}
}

registerNodeType(TOOL_TYPE, toolVariant());
registerNodeType(CALLER_TYPE, new ToolCaller());

export interface ToolRun {
	/** Each attached tool as the parent sees it: name, description and JSON schema. */
	tools: Array<{ name: string; description: string; schema: IDataObject & { properties?: IDataObject; required?: string[] } }>;
	/** The result (parsed) or error message of each call, in order. */
	calls: Array<{ tool: string; result?: unknown; error?: string }>;
	error?: Error;
}

/**
 * Kickserv Tool nodes (name -> parameters, `$fromAI()` expressions included) attached to one parent
 * that calls them in order with the given arguments.
 */
export async function runTools(
	toolNodes: Record<string, IDataObject>,
	calls: Array<{ tool: string; args: IDataObject }>,
	credentials: TestCredential,
): Promise<ToolRun> {
	const caller: INode = {
		id: 'caller',
		name: 'Agent',
		type: CALLER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { calls: JSON.stringify(calls) },
	};
	const tools: INode[] = Object.entries(toolNodes).map(([name, parameters], index) => ({
		id: `tool-${index}`,
		name,
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [index * 200, 200],
		parameters: parameters as INode['parameters'],
		credentials: { kickservApi: { id: 'cred-1', name: 'Kickserv account' } },
	}));
	const connections = Object.fromEntries(
		tools.map((tool) => [tool.name, { [NodeConnectionTypes.AiTool]: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] }]),
	);
	const result = await runWorkflow({ nodes: [caller, ...tools], connections, startNode: 'Agent' }, credentials);
	const items = result.output('Agent').map((item) => item.json);
	return {
		tools: items.filter((j) => 'listed' in j).map((j) => ({ name: String(j.listed), description: String(j.description), schema: j.schema as ToolRun['tools'][0]['schema'] })),
		calls: items.filter((j) => 'tool' in j) as ToolRun['calls'],
		error: result.error,
	};
}
