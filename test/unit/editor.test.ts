/**
 * What a person sees in the n8n editor, checked on the node descriptions: canvas subtitles evaluated
 * with n8n-workflow's own expression engine, the locators' labels, the documentation links, the
 * simplified outputs' field order. (`npm run test:ui` checks the same in a real browser.)
 */
import * as fs from 'fs';
import * as path from 'path';
import type { INode, INodeProperties, INodeType, INodeTypeDescription, INodeTypes } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { KickservApi } from '../../credentials/KickservApi.credentials';
import { Kickserv } from '../../nodes/Kickserv/Kickserv.node';
import { KickservTrigger } from '../../nodes/Kickserv/KickservTrigger.node';
import { CUSTOMER_SIMPLE_FIELDS } from '../../nodes/Kickserv/descriptions/CustomerDescription';
import { JOB_SIMPLE_FIELDS } from '../../nodes/Kickserv/descriptions/JobDescription';

const root = path.join(__dirname, '..', '..');
const action = new Kickserv();
const trigger = new KickservTrigger();

/** The canvas subtitle n8n computes for a node with these parameters. */
function subtitle(type: INodeType, parameters: Record<string, unknown>): unknown {
	const description = type.description;
	const nodeTypes: INodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: '1',
		name: description.defaults.name as string,
		type: `n8n-nodes-kickserv.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: NodeHelpers.getNodeParameters(description.properties, parameters as never, true, false, null, description)!,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle as string, 'internal', {});
}

describe('canvas subtitles read like a sentence', () => {
	test.each([
		['newJob', 'When a job is created'],
		['newPayment', 'When a payment is recorded'],
		['jobStatusChanged', 'When a job changes status'],
		['jobUpdated', 'When a job is updated'],
		['invoicePaid', 'When an invoice is paid'],
		['newCustomer', 'When a customer is created'],
		['newOpportunity', 'When a job becomes an opportunity'],
	])('trigger event %s: "%s"', (event, text) => {
		expect(subtitle(trigger, { event })).toBe(text);
	});

	test('the action node shows resource and operation by name for every operation, never its action (n8n names the node after the action)', () => {
		const properties = action.description.properties;
		const resources = properties.find((p) => p.name === 'resource')!.options as Array<{ name: string; value: string }>;
		let seen = 0;
		for (const property of properties.filter((p) => p.name === 'operation')) {
			const resource = property.displayOptions!.show!.resource![0] as string;
			const resourceName = resources.find((r) => r.value === resource)!.name;
			for (const option of property.options as Array<{ name: string; value: string; action: string }>) {
				const shown = subtitle(action, { resource, operation: option.value });
				expect(shown).toBe(`${resourceName}: ${option.name}`);
				expect(shown).not.toBe(option.action);
				seen++;
			}
		}
		expect(seen).toBe(43); // 22 of customers, jobs, notes, payments; 21 of tasks, charges, time, employees, items, invoices, opportunities, job types
		expect(subtitle(action, { resource: 'job', operation: 'create' })).toBe('Job: Create');
		expect(subtitle(action, { resource: 'timeEntry', operation: 'log' })).toBe('Time Entry: Log');
	});
});

const locators = (description: INodeTypeDescription): INodeProperties[] => {
	const found: INodeProperties[] = [];
	const walk = (properties: INodeProperties[]) => {
		for (const property of properties) {
			if (property.type === 'resourceLocator') found.push(property);
			if (property.type === 'collection') walk(property.options as INodeProperties[]);
		}
	};
	walk(description.properties);
	return found;
};

describe('locators take the number the web app shows', () => {
	test('task and job charge IDs are picked from a list or given by ID', () => {
		const ids = locators(action.description).filter((l) => /ID$/.test(l.displayName));
		expect(ids.map((l) => [l.name, l.modes!.map((m) => m.name), l.modes![0].typeOptions?.searchListMethod])).toEqual([
			['taskId', ['list', 'id'], 'searchTasks'],
			['chargeId', ['list', 'id'], 'searchJobCharges'],
		]);
	});

	test('no mode is named "id" (n8n would label it "By ID"); By Number says number in label, placeholder and hint', () => {
		// (the task and job charge ID pickers take an internal ID: their second mode is By ID)
		const all = [...locators(action.description), ...locators(trigger.description)].filter((l) => !/ID$/.test(l.displayName));
		expect(all.length).toBeGreaterThanOrEqual(10);
		for (const locator of all) {
			const modes = locator.modes!;
			expect(modes.map((m) => m.name)).toEqual(['list', 'number', 'url']);
			const byNumber = modes[1];
			expect(byNumber.displayName).toBe('By Number');
			expect(byNumber.placeholder).toMatch(/^(Customer|Job) number, e\.g\. \d+$/);
			expect(byNumber.hint).toMatch(/number shown in the Kickserv web app .*not the internal ID/);
		}
	});

	test('New Job\'s customer filter is the same searchable customer picker as Payments Of > One Customer', () => {
		const filters = trigger.description.properties.find((p) => p.name === 'filters')!;
		const customer = (filters.options as INodeProperties[]).find((o) => o.name === 'customerNumber')!;
		const paymentsCustomer = trigger.description.properties.find((p) => p.name === 'customer')!;
		expect(customer.type).toBe('resourceLocator');
		expect(customer.displayName).toBe('Customer');
		expect(customer.modes).toEqual(paymentsCustomer.modes);
		expect(customer.modes![0].typeOptions?.searchListMethod).toBe('searchCustomers');
	});

	test('simplified customers and jobs show the number first', () => {
		expect(CUSTOMER_SIMPLE_FIELDS.slice(0, 2)).toEqual(['customer_number', 'id']);
		expect(JOB_SIMPLE_FIELDS.slice(0, 2)).toEqual(['job_number', 'id']);
	});

	test('the trigger\'s Event has a tooltip', () => {
		expect(trigger.description.properties.find((p) => p.name === 'event')!.description).toMatch(/starts the workflow/);
	});

	test('the README\'s node-panel caption counts the actions and trigger events the panel shows', () => {
		const actions = action.description.properties
			.filter((p) => p.name === 'operation')
			.reduce((count, p) => count + (p.options?.length ?? 0), 0);
		const events = trigger.description.properties.find((p) => p.name === 'event')!.options!.length;
		const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
		const caption = /its (\d+) actions and (\d+) triggers/.exec(readme);
		expect(caption).not.toBeNull();
		expect([Number(caption![1]), Number(caption![2])]).toEqual([actions, events]);
	});
});

describe('documentation links keep working in n8n', () => {
	// n8n appends its tracking query to the link: after a "#" it breaks the anchor, so no anchors
	const docLinks = () => {
		const links: string[] = [String(new KickservApi().documentationUrl)];
		for (const codex of ['Kickserv.node.json', 'KickservTrigger.node.json']) {
			const resources = JSON.parse(fs.readFileSync(path.join(root, 'nodes', 'Kickserv', codex), 'utf8')).resources;
			for (const list of Object.values(resources) as Array<Array<{ url: string }>>) links.push(...list.map((r) => r.url));
		}
		return links;
	};

	test('every link is a page of the repository without an anchor, and the page exists', () => {
		const links = docLinks();
		expect(links).toHaveLength(5);
		for (const link of links) {
			expect(link).not.toContain('#');
			const match = /^https:\/\/github\.com\/n8n-nodes-kickserv\/n8n-nodes-kickserv\/blob\/main\/(docs\/\w+\.md)$/.exec(link);
			expect(match).not.toBeNull();
			expect(fs.existsSync(path.join(root, match![1]))).toBe(true);
		}
		expect(links).toEqual(
			expect.arrayContaining([expect.stringMatching(/docs\/Kickserv\.md$/), expect.stringMatching(/docs\/KickservTrigger\.md$/)]),
		);
	});
});
