import type { INodeProperties, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { customerFields, customerOperations } from './descriptions/CustomerDescription';
import { employeeFields, employeeOperations } from './descriptions/EmployeeDescription';
import { invoiceFields, invoiceOperations } from './descriptions/InvoiceDescription';
import { itemFields, itemOperations } from './descriptions/ItemDescription';
import { jobChargeFields, jobChargeOperations } from './descriptions/JobChargeDescription';
import { jobFields, jobOperations } from './descriptions/JobDescription';
import { jobTypeFields, jobTypeOperations } from './descriptions/JobTypeDescription';
import { noteFields, noteOperations } from './descriptions/NoteDescription';
import { opportunityFields, opportunityOperations } from './descriptions/OpportunityDescription';
import { paymentFields, paymentOperations } from './descriptions/PaymentDescription';
import { operationSubtitle } from './descriptions/shared';
import { taskFields, taskOperations } from './descriptions/TaskDescription';
import { timeEntryFields, timeEntryOperations } from './descriptions/TimeEntryDescription';
import { listSearch, loadOptions } from './methods';
import { registerProperties } from './transport/options';

/** The resources, as the Resource picker lists them. */
const RESOURCES: INodePropertyOptions[] = [
	{ name: 'Customer', value: 'customer' },
	{ name: 'Employee', value: 'employee' },
	{ name: 'Invoice', value: 'invoice' },
	{ name: 'Item', value: 'item' },
	{ name: 'Job', value: 'job' },
	{ name: 'Job Charge', value: 'jobCharge' },
	{ name: 'Job Type', value: 'jobType' },
	{ name: 'Note', value: 'note' },
	{ name: 'Opportunity', value: 'opportunity' },
	{ name: 'Payment', value: 'payment' },
	{ name: 'Task', value: 'task' },
	{ name: 'Time Entry', value: 'timeEntry' },
];

const OPERATIONS = [
	...customerOperations,
	...jobOperations,
	...jobTypeOperations,
	...noteOperations,
	...paymentOperations,
	...taskOperations,
	...jobChargeOperations,
	...timeEntryOperations,
	...employeeOperations,
	...itemOperations,
	...invoiceOperations,
	...opportunityOperations,
];

/**
 * Kickserv: customers, jobs, notes, payments, tasks, job charges, time entries, employees, items,
 * invoices and opportunities. Declarative: every operation, with its request,
 * sits in `descriptions/<Resource>Description.ts`; `transport/` is the one place that talks HTTP.
 */
export class Kickserv implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kickserv',
		name: 'kickserv',
		icon: { light: 'file:kickserv.svg', dark: 'file:kickserv.dark.svg' },
		group: ['transform'],
		version: 1,
		// "Job: Create", by display names (not the action, which n8n already gives the node as its name)
		subtitle: operationSubtitle(OPERATIONS, RESOURCES),
		description: 'Work with Kickserv customers, jobs, tasks, charges, time, invoices and more',
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
				options: RESOURCES,
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
			...taskOperations,
			...taskFields,
			...jobChargeOperations,
			...jobChargeFields,
			...jobTypeOperations,
			...jobTypeFields,
			...timeEntryOperations,
			...timeEntryFields,
			...employeeOperations,
			...employeeFields,
			...itemOperations,
			...itemFields,
			...invoiceOperations,
			...invoiceFields,
			...opportunityOperations,
			...opportunityFields,
		]) as INodeProperties[],
	};

	methods = { listSearch, loadOptions };
}
