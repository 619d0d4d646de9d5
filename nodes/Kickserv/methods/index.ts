import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getAccount, kickservList, kickservRequest } from '../transport/request';
import { locatorNumber } from '../transport/locator';
import { unwrapList, unwrapRecord } from '../transport/paging';

/** Searchable lists behind the Customer and Job resource locators, and the dropdowns. */

const pageToken = (token?: string) => Math.max(1, Number(token) || 1);

export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { accountUrl } = await getAccount.call(this);
	const page = pageToken(paginationToken);
	const text = filter?.trim();
	const reply = await kickservRequest.call(this, {
		method: 'GET',
		path: '/customers.json',
		qs: { customers_page: page, only: 'id,customer_number,name', ...(text ? { q: text } : {}) },
	});
	const { records } = unwrapList(reply.body, 'customers');
	return {
		results: records.map((customer) => ({
			name: `${customer.name} (#${customer.customer_number})`,
			value: String(customer.customer_number),
			url: `${accountUrl}/customers/${customer.customer_number}`,
		})),
		paginationToken: records.length ? String(page + 1) : undefined,
	};
}

const JOB_SEARCH_PAGE = 50;

/** A job picker's entry for one job. */
const jobEntry = (job: IDataObject, accountUrl: string) => ({
	name: jobLabel(job),
	value: String(job.job_number),
	url: `${accountUrl}/jobs/${job.job_number}`,
});

/** Jobs have no text search: typed digits go straight to the job of that number, if there is one. */
async function typedJob(this: ILoadOptionsFunctions, text: string | undefined): Promise<IDataObject | undefined> {
	if (!text || !/^\d+$/.test(text)) return undefined;
	const reply = await kickservRequest.call(this, { method: 'GET', path: `/jobs/${text}.json` }).catch(() => undefined);
	// a number that is no job (404) falls through to the text search of the list
	const record = reply ? unwrapRecord(reply.body, 'job') : undefined;
	return record?.job_number ? record : undefined;
}

/** The jobs of a page whose label holds the text (all of them without a text). */
const labelled = (jobs: IDataObject[], text: string | undefined) => (text ? jobs.filter((job) => jobLabel(job).toLowerCase().includes(text)) : jobs);

/** One page of a job list for a picker, and whether another page may follow. */
type JobPage = (this: ILoadOptionsFunctions, page: number) => Promise<{ jobs: IDataObject[]; more: boolean }>;

/** A job picker: typed digits go to that job (when `takes` it), anything else filters a page of `readPage`. */
function jobSearch(readPage: JobPage, takes: (job: IDataObject) => boolean) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const { accountUrl } = await getAccount.call(this);
		const text = filter?.trim().toLowerCase();
		const page = pageToken(paginationToken);
		const typed = page === 1 ? await typedJob.call(this, text) : undefined;
		if (typed && takes(typed)) return { results: [jobEntry(typed, accountUrl)] };
		const { jobs, more } = await readPage.call(this, page);
		return { results: labelled(jobs, text).map((job) => jobEntry(job, accountUrl)), paginationToken: more ? String(page + 1) : undefined };
	};
}

/** Every job, newest first. */
export const searchJobs = jobSearch(async function (page) {
	const reply = await kickservRequest.call(this, {
		method: 'GET',
		path: '/jobs.json',
		qs: { page, per_page: JOB_SEARCH_PAGE, only: 'id,job_number,name,description,status' },
	});
	const { records } = unwrapList(reply.body, 'jobs');
	return { jobs: records, more: records.length === JOB_SEARCH_PAGE };
}, () => true);

/**
 * Open opportunities (jobs with status New) for Mark as Won / Lost: a job in another status cannot be
 * won or lost, so the picker does not offer it.
 */
export const searchOpportunities = jobSearch(async function (page) {
	const reply = await kickservRequest.call(this, { method: 'GET', path: '/opportunities.json', qs: { status: 'new', page } });
	const { records } = unwrapList(reply.body, 'opportunities');
	return { jobs: records.filter((job) => job.status === undefined || job.status === 'new'), more: records.length > 0 };
}, (job) => job.status === 'new');

/** Tasks for the Task ID picker, newest pages as Kickserv lists them; text filters the labels. */
export async function searchTasks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = pageToken(paginationToken);
	const reply = await kickservRequest.call(this, { method: 'GET', path: '/tasks.json', qs: { page } });
	const { records } = unwrapList(reply.body, 'tasks');
	const label = (task: IDataObject) =>
		`${String(task.name || task.description || 'Task').split('\n')[0].slice(0, 60)}${task.starts_at ? ` (${String(task.starts_at).slice(0, 16).replace('T', ' ')})` : ''}${task.completed === true ? ', done' : ''} · ID ${task.id}`;
	const text = filter?.trim().toLowerCase();
	const matches = text ? records.filter((task) => label(task).toLowerCase().includes(text)) : records;
	return { results: matches.map((task) => ({ name: label(task), value: String(task.id) })), paginationToken: records.length ? String(page + 1) : undefined };
}

/** The charges of the job picked above, for the Job Charge ID picker. */
export async function searchJobCharges(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const account = await getAccount.call(this);
	const raw = this.getCurrentNodeParameter('job', { extractValue: true });
	let number: number;
	try {
		number = locatorNumber(raw, 'jobs', 'Job', account);
	} catch {
		throw new NodeOperationError(this.getNode(), 'Pick the Job first: its line items are listed here');
	}
	const charges = await kickservList.call(this, { key: 'job_charges', style: 'page', path: `/jobs/${number}/job_charges.json` });
	const label = (charge: IDataObject) =>
		`${String(charge.description || 'Charge').split('\n')[0].slice(0, 60)}${charge.quantity !== undefined ? ` × ${Number(charge.quantity)}` : ''}${charge.total !== undefined ? ` = ${charge.total}` : ''} · ID ${charge.id}`;
	const text = filter?.trim().toLowerCase();
	const matches = text ? charges.filter((charge) => label(charge).toLowerCase().includes(text)) : charges;
	return { results: matches.map((charge) => ({ name: label(charge), value: String(charge.id) })) };
}

function jobLabel(job: IDataObject): string {
	const title = String(job.name || job.description || '').split('\n')[0].slice(0, 60);
	return `#${job.job_number}${title ? ` ${title}` : ''}${job.status ? ` (${job.status})` : ''}`;
}

export async function getJobTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const reply = await kickservRequest.call(this, { method: 'GET', path: '/calendar.json' });
	const { records } = unwrapList(reply.body, 'job_types');
	return records
		.map((type) => ({ name: String(type.name), value: Number(type.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** An employee's display name: `name` as Kickserv documents it, else first and last name. */
export const employeeName = (e: IDataObject): string =>
	String(e.name || [e.first_name, e.last_name].filter(Boolean).join(' ') || e.email_address || e.email || e.id);

async function employeeOptions(this: ILoadOptionsFunctions, value: 'id' | 'employee_number'): Promise<INodePropertyOptions[]> {
	const employees = await kickservList.call(this, { key: 'employees', style: 'page', path: '/employees.json' });
	return employees
		.filter((e) => e.active !== false && e.is_active !== false)
		.map((e) => ({ name: employeeName(e), value: Number(e[value]) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Active employees by internal id (what job, task and time-entry bodies take). */
export async function getEmployees(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await employeeOptions.call(this, 'id');
}

/** Active employees by employee number (what the job and task list filters take). */
export async function getEmployeeNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await employeeOptions.call(this, 'employee_number');
}

/** The catalog's active items, for a job charge. */
export async function getItems(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const items = await kickservList.call(this, { key: 'items', style: 'page', path: '/items.json' });
	return items
		.filter((item) => item.active !== false)
		.map((item) => ({
			name: item.price !== undefined && item.price !== null ? `${item.name} (${item.price})` : String(item.name),
			value: Number(item.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const listSearch = { searchCustomers, searchJobs, searchOpportunities, searchTasks, searchJobCharges };
export const loadOptions = { getJobTypes, getEmployees, getEmployeeNumbers, getItems };
