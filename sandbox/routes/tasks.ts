/**
 * `/tasks.json` (GET paged with `job_id`, `employee_number`, `from`, `to`; POST), `/tasks/job_list.json`,
 * `/tasks/N.json` (GET, PUT, DELETE) and a job's tasks `/jobs/N/tasks.json` [doc].
 */
import type { TaskQuery } from '../store';
import { pageSlice } from '../paging';
import { deleted, first, list, missing, page, pathNumber, pickedList, record, root, type Ctx, type Reply } from './context';

export function taskRoutes(ctx: Ctx): Reply {
	const [, b, c] = ctx.segs;
	const { method, store } = ctx;
	if (c !== undefined) throw missing(ctx, 'route');
	if (b === undefined) {
		if (method === 'GET') return taskList(ctx);
		if (method === 'POST') return record(ctx, 'task', store.createTask(root(ctx, 'task')));
		throw missing(ctx, 'route');
	}
	if (b === 'job_list') {
		if (method === 'GET') return list(ctx, 'jobs', activeJobList(ctx));
		throw missing(ctx, 'route');
	}
	const id = pathNumber(b);
	if (Number.isNaN(id) || !store.getTask(id)) throw missing(ctx, 'task');
	if (method === 'GET') return record(ctx, 'task', store.getTask(id));
	if (method === 'PUT') return record(ctx, 'task', store.updateTask(id, root(ctx, 'task')));
	if (method === 'DELETE') return deleted(ctx, 'task', store.deleteTask(id), 'Task successfully deleted');
	throw missing(ctx, 'route');
}

/** `/jobs/N/tasks.json` (GET). */
export function jobTasks(ctx: Ctx, jobNumber: number, idSeg: string | undefined): Reply {
	if (idSeg !== undefined || ctx.method !== 'GET') throw missing(ctx, 'route');
	return taskList(ctx, jobNumber);
}

/** The active jobs, whole or paged, their statuses as keys or as the web app's labels (options). */
function activeJobList(ctx: Ctx): object[] {
	let jobs = ctx.store.taskJobList();
	if (ctx.options.jobListPaging === 'paged') jobs = pageSlice(jobs, page(ctx), ctx.options.listPageSize);
	if (ctx.options.jobListStatus === 'labels') jobs = jobs.map((job) => ({ ...job, status: statusLabel(job.status) }));
	return jobs;
}

/** `in_progress` as the web app shows it: "In Progress". */
const statusLabel = (status: string) => status.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');

function taskList(ctx: Ctx, jobNumber?: number): Reply {
	const query: TaskQuery = {};
	for (const k of ['job_id', 'employee_number', 'from', 'to'] as const) {
		const v = first(ctx.query[k]);
		if (v !== undefined) query[k] = v;
	}
	// a server whose `to` takes the day it names in: the day after is where the range ends
	if (ctx.options.taskTo === 'inclusive' && query.to && /^\d{4}-\d{2}-\d{2}$/.test(query.to)) query.to = nextDay(query.to);
	return pickedList(ctx, 'tasks', ctx.store.queryTasks(query, page(ctx), ctx.options.listPageSize, jobNumber));
}

/** `2026-12-10` -> `2026-12-11`. */
function nextDay(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + 1);
	return date.toISOString().slice(0, 10);
}
