import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { customerFields, customerOperations } from './descriptions/CustomerDescription';
import { jobFields, jobOperations } from './descriptions/JobDescription';
import { noteFields, noteOperations } from './descriptions/NoteDescription';
import { paymentFields, paymentOperations } from './descriptions/PaymentDescription';
import { operationSubtitle } from './descriptions/shared';
import { listSearch, loadOptions } from './methods';
import { registerProperties } from './transport/options';

const OPERATIONS = [...customerOperations, ...jobOperations, ...noteOperations, ...paymentOperations];

/**
 * Kickserv: customers, jobs, notes and payments. Declarative: every operation, with its request,
 * sits in `descriptions/<Resource>Description.ts`; `transport/` is the one place that talks HTTP.
 */
export class Kickserv implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kickserv',
		name: 'kickserv',
		icon: { light: 'file:kickserv.svg', dark: 'file:kickserv.dark.svg' },
		group: ['transform'],
		version: 1,
		// a sentence from the operations' own actions ("Create a job")
		subtitle: operationSubtitle(OPERATIONS),
		description: 'Work with Kickserv customers, jobs, notes and payments',
		defaults: { name: 'Kickserv' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kickservApi', required: true }],
		requestDefaults: {
			baseURL:
				'={{String($credentials.baseUrl || "https://app.kickserv.com").replace(/\\/+$/, "")}}/{{$credentials.accountSlug}}',
			headers: { Accept: 'application/json' },
		},
		// registered so that every operation checks its options parameters before any request
		properties: registerProperties([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Job', value: 'job' },
					{ name: 'Note', value: 'note' },
					{ name: 'Payment', value: 'payment' },
				],
				default: 'customer',
			},
			...customerOperations,
			...customerFields,
			...jobOperations,
			...jobFields,
			...noteOperations,
			...noteFields,
			...paymentOperations,
			...paymentFields,
		]) as INodeProperties[],
	};

	methods = { listSearch, loadOptions };
}
