/**
 * Runs our nodes inside n8n's own execution engine: n8n-core's WorkflowExecute (which hands
 * declarative nodes to RoutingNode, exactly as n8n does) and n8n-core's PollContext for the trigger.
 * Requests are real HTTP; nothing is mocked. Used by the tests, the demo and the benchmark.
 */
import {
	DirectoryLoader,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	WorkflowExecute,
	type ExecutionLifecycleHooks as Hooks,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	ICredentialsHelper as CredentialsHelperBase,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { KickservApi } from '../../credentials/KickservApi.credentials';
import { Kickserv } from '../../nodes/Kickserv/Kickserv.node';

/**
 * Stops what n8n-core leaves running once a node has run: its SSHClientsManager, a DI singleton that the
 * first node execution creates, checks for idle SSH tunnels every 60 s on an interval that is not unref'd,
 * and only n8n's shutdown stops it. Under jest this runs after every test file that loaded this harness
 * (jest loads n8n-core anew for each file, so each left one interval running, and a jest worker that had
 * run such a file could not exit: jest killed it and printed "A worker process has failed to exit
 * gracefully").
 */
export function stopEngine(): void {
	Container.get(SSHClientsManager).onShutdown();
}
if (typeof afterAll === 'function') afterAll(stopEngine);

export const KICKSERV_TYPE = 'n8n-nodes-kickserv.kickserv';
export const TRIGGER_TYPE = 'n8n-nodes-kickserv.kickservTrigger';
export const ITEMS_TYPE = 'test.items';

/** A start node that emits the items given in its `items` parameter (a stand-in for Manual Trigger + Set). */
class ItemsNode implements INodeType {
	description = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

const registry: Record<string, INodeType> = {};

export function registerNodeType(type: string, node: INodeType) {
	registry[type] = node;
}

/** As n8n's loader does: a declarative node gets the "Request Options" (batching, timeout, proxy...). */
function loaded<T extends INodeType>(node: T): T {
	DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
	return node;
}

registerNodeType(KICKSERV_TYPE, loaded(new Kickserv()));
registerNodeType(ITEMS_TYPE, new ItemsNode());

export const nodeTypes: INodeTypes = {
	getByName: (type) => registry[type],
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(registry[type], version),
	getKnownTypes: () => ({}),
};

export interface TestCredential {
	accountSlug: string;
	apiToken: string;
	baseUrl: string;
}

const credentialTypes: Record<string, ICredentialType> = { kickservApi: new KickservApi() };

/**
 * Mirrors n8n's CLI credentials helper for what a credential uses: a function `authenticate` (ours), or a generic one
 * whose values are expressions over `$credentials`, resolved by the workflow's expression engine.
 */
class CredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: () => TestCredential) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		const authenticate = type.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const resolve = (value: string) =>
			workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') as string;
		const { auth } = authenticate.properties as { auth?: { username: string; password: string } };
		const options = { ...requestOptions };
		if (auth) options.auth = { username: resolve(auth.username), password: resolve(auth.password) };
		return options;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.credentials() } as unknown as ICredentialDataDecryptedObject;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type]?.properties ?? [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	getOAuth2Options() {
		return undefined;
	}
}

function additionalData(credentials: () => TestCredential, workflowData: IWorkflowBase, mode: WorkflowExecuteMode) {
	const hooks: Hooks = new ExecutionLifecycleHooks(mode, 'test-execution', workflowData);
	return {
		hooks,
		credentialsHelper: new CredentialsHelper(credentials) as unknown as CredentialsHelperBase,
		executionId: 'test-execution',
		restApiUrl: '',
		instanceBaseUrl: '',
		formWaitingBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		variables: {},
		currentNodeExecutionIndex: 0,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: async () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowSpec {
	nodes: INode[];
	connections: IWorkflowBase['connections'];
	staticData?: IDataObject;
	/** The node to start from (default: the first). */
	startNode?: string;
	/** The workflow's time zone (Settings > Timezone; default: n8n's default, America/New_York). */
	timezone?: string;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node's first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error?: Error & { httpCode?: string; description?: string | null; context?: IDataObject };
}

/** Executes a whole workflow (from its first node) in n8n-core's engine. */
export async function runWorkflow(spec: WorkflowSpec, credentials: TestCredential | (() => TestCredential)): Promise<RunResult> {
	const getCredentials = typeof credentials === 'function' ? credentials : () => credentials;
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'test',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: spec.nodes,
		connections: spec.connections,
		settings: spec.timezone ? { timezone: spec.timezone } : {},
		staticData: spec.staticData,
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: spec.nodes,
		connections: spec.connections,
		active: false,
		nodeTypes,
		staticData: spec.staticData,
		settings: spec.timezone ? { timezone: spec.timezone } : {},
	});
	const start = spec.nodes.find((node) => node.name === spec.startNode) ?? spec.nodes[0];
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalData(getCredentials, workflowData, 'manual'), 'manual', runExecutionData);
	const run = await execute.processRunExecutionData(workflow);
	const output = (name: string) => run.data.resultData.runData[name]?.[0]?.data?.main?.[0] ?? [];
	return { run, output, error: run.data.resultData.error as RunResult['error'] };
}

/** A node of ours in a test workflow, with the test credential attached. */
function credentialedNode(id: string, name: string, type: string, parameters: IDataObject, x = 0): INode {
	return {
		id,
		name,
		type,
		typeVersion: 1,
		position: [x, 0],
		parameters: parameters as INode['parameters'],
		credentials: { kickservApi: { id: 'cred-1', name: 'Kickserv account' } },
	};
}

let nodeCounter = 0;

export interface KickservRunOptions {
	/** Items fed into the node (default: one empty item). */
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** The workflow's time zone (default: n8n's default, America/New_York). */
	timezone?: string;
}

/** Runs one Kickserv node with the given parameters behind an Items start node. */
export async function runKickserv(
	parameters: IDataObject,
	credentials: TestCredential | (() => TestCredential),
	options: KickservRunOptions = {},
): Promise<RunResult & { items: INodeExecutionData[] }> {
	nodeCounter++;
	const start: INode = {
		id: `start-${nodeCounter}`,
		name: 'Input',
		type: ITEMS_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.input ?? [{}]) },
	};
	const node: INode = {
		...credentialedNode(`kickserv-${nodeCounter}`, 'Kickserv', KICKSERV_TYPE, parameters, 200),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const result = await runWorkflow(
		{ nodes: [start, node], connections: { Input: { main: [[{ node: 'Kickserv', type: 'main', index: 0 }]] } }, timezone: options.timezone },
		credentials,
	);
	return { ...result, items: result.output('Kickserv') };
}

export interface PollRun {
	items: INodeExecutionData[] | null;
	error?: Error & { httpCode?: string; description?: string | null };
}

/**
 * A trigger node's poll, run as n8n runs it: a PollContext over a Workflow whose static data is the
 * given object, carried between polls as n8n carries it ('trigger' mode, or 'manual' for Fetch Test Event).
 */
export async function runPoll(
	trigger: INodeType,
	parameters: IDataObject,
	credentials: TestCredential | (() => TestCredential),
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
	nodeName = 'Kickserv Trigger',
): Promise<PollRun> {
	const getCredentials = typeof credentials === 'function' ? credentials : () => credentials;
	registerNodeType(TRIGGER_TYPE, trigger);
	const node = credentialedNode('trigger-1', nodeName, TRIGGER_TYPE, parameters);
	const workflow = new Workflow({
		id: 'poll-workflow',
		nodes: [node],
		connections: {},
		active: mode === 'trigger',
		nodeTypes,
		staticData,
		settings: {},
	});
	const workflowData = { id: 'poll-workflow', name: 'poll', nodes: [node], connections: {} } as unknown as IWorkflowBase;
	const context = new PollContext(workflow, node, additionalData(getCredentials, workflowData, mode), mode, mode === 'manual' ? 'manual' : 'activate');
	try {
		const result = await trigger.poll!.call(context);
		return { items: result ? result[0] : null };
	} catch (error) {
		return { items: null, error: error as PollRun['error'] };
	}
}

/**
 * A `loadOptions` or `listSearch` method of the Kickserv node, called as the editor calls it
 * (n8n-core's LoadOptionsContext over the node with the given parameters).
 */
export async function runLoadOptions<T>(
	method: (this: never, ...args: never[]) => Promise<T>,
	credentials: TestCredential,
	parameters: IDataObject = {},
	...args: unknown[]
): Promise<T> {
	const node = credentialedNode('load-options', 'Kickserv', KICKSERV_TYPE, parameters);
	const workflow = new Workflow({ id: 'lo', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
	const workflowData = { id: 'lo', name: 'lo', nodes: [node], connections: {} } as unknown as IWorkflowBase;
	// the editor sends the node's current parameters with the request (getCurrentNodeParameter reads them)
	const data = Object.assign(additionalData(() => credentials, workflowData, 'manual'), { currentNodeParameters: node.parameters });
	const context = new LoadOptionsContext(workflow, node, data, 'parameters');
	return await (method as unknown as (...a: unknown[]) => Promise<T>).call(context, ...args);
}

export type { INodeCredentialsDetails };
