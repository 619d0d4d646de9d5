/**
 * Tasks: `/tasks.json` [doc]. A task references its job by internal `job_id` and its employees by
 * internal id [3p]; `completed` marks it done. Lists filter by `job_id`, `employee_number` and a
 * `from` / `to` date range on `starts_at` (`to` exclusive) [doc]. A job's tasks go with it when it is
 * deleted.
 */
import { FieldErrors, NotFoundError } from '../errors';
import { normPage, pageSlice } from '../paging';
import type { AccountLists } from './account';
import type { AccountDb, JobRow, TaskRow, WriteMeta } from './db';
import type { Jobs } from './jobs';
import type { TaskRecord } from './records';
import { DAY, bool, formatTimestamp, has, intOrNull, isValidDate, parseDateTime, str, type Attrs } from './values';

export interface TaskQuery {
	job_id?: string;
	employee_number?: string;
	/** 'YYYY-MM-DD', inclusive, on starts_at */
	from?: string;
	/** 'YYYY-MM-DD', exclusive, on starts_at */
	to?: string;
}

export class Tasks {
	constructor(
		private readonly db: AccountDb,
		private readonly jobs: Jobs,
		private readonly account: AccountLists,
	) {}

	/** attrs: { name (required), description?, job_id?, employee_ids?, starts_at?, ends_at?, completed? } */
	createTask(attrs: Attrs, meta?: WriteMeta): TaskRecord {
		const ms = this.db.nowMs(meta);
		const row: TaskRow = {
			id: 0,
			name: '',
			description: null,
			job: null,
			employee_ids: [],
			startsMs: null,
			endsMs: null,
			completedMs: null,
			createdMs: ms,
			updatedMs: ms,
		};
		this.applyTaskAttrs(row, attrs, true, ms);
		row.id = this.db.nextTaskId++;
		this.db.taskRows.push(row);
		this.db.tasksById.set(row.id, row);
		return this.taskOut(row);
	}

	getTask(id: number): TaskRecord | undefined {
		const row = this.liveTask(id);
		return row ? this.taskOut(row) : undefined;
	}

	updateTask(id: number, attrs: Attrs, meta?: WriteMeta): TaskRecord {
		const row = this.requireTask(id);
		const ms = this.db.nowMs(meta);
		this.applyTaskAttrs(row, attrs, false, ms);
		row.updatedMs = ms;
		return this.taskOut(row);
	}

	/** Deletes the task; returns it as it was. */
	deleteTask(id: number): TaskRecord {
		const row = this.requireTask(id);
		const out = this.taskOut(row);
		this.db.tasksById.delete(id);
		this.db.taskRows.splice(this.db.taskRows.indexOf(row), 1);
		return out;
	}

	/** Every task (ascending id), optionally one job's (by number). */
	listTasks(jobNumber?: number): TaskRecord[] {
		const job = jobNumber === undefined ? undefined : this.jobs.requireJob(jobNumber);
		return this.db.taskRows.filter((t) => !t.job?.deleted && (!job || t.job === job)).map((t) => this.taskOut(t));
	}

	/**
	 * One page of tasks, ascending id, filtered; `jobNumber` restricts to one job's tasks. A filter value
	 * that is not a valid number or date is a 422, as Rails would answer a bad parameter [inf].
	 */
	queryTasks(query: TaskQuery, page: number, size: number, jobNumber?: number): TaskRecord[] {
		const job = jobNumber === undefined ? undefined : this.jobs.requireJob(jobNumber);
		const errors = new FieldErrors();
		const preds: Array<(t: TaskRow) => boolean> = [(t) => !t.job?.deleted];
		if (job) preds.push((t) => t.job === job);
		if (query.job_id !== undefined && query.job_id !== '') {
			const id = intOrNull(query.job_id);
			if (id === null || Number.isNaN(id)) errors.add('job_id', 'is invalid');
			else preds.push((t) => t.job?.id === id);
		}
		if (query.employee_number !== undefined && query.employee_number !== '') {
			const n = intOrNull(query.employee_number);
			const id = this.account.employeeIdByNumber(n);
			preds.push((t) => t.employee_ids.includes(id));
		}
		for (const key of ['from', 'to'] as const) {
			const v = query[key];
			if (v === undefined || v === '') continue;
			if (!isValidDate(v)) {
				errors.add(key, 'is invalid');
				continue;
			}
			const bound = parseDateTime(v, this.db.offsetMinutes);
			if (key === 'from') preds.push((t) => t.startsMs !== null && t.startsMs >= bound);
			else preds.push((t) => t.startsMs !== null && t.startsMs < bound);
		}
		errors.throwIfAny();
		const matching = this.db.taskRows.filter((t) => preds.every((p) => p(t)));
		return pageSlice(matching, normPage(page), size).map((t) => this.taskOut(t));
	}

	/** Active jobs (not canceled, lost or complete) as `{id, job_number, name, status}` (`/tasks/job_list.json`). */
	taskJobList(): Array<{ id: number; job_number: number; name: string | null; status: string }> {
		const out: Array<{ id: number; job_number: number; name: string | null; status: string }> = [];
		for (let i = this.db.jobOrder.length - 1; i >= 0; i--) {
			const j = this.db.jobOrder[i];
			if (j.status === 'canceled' || j.status === 'lost' || j.status === 'complete') continue;
			out.push({ id: j.id, job_number: j.job_number, name: j.name, status: j.status });
		}
		return out;
	}

	/** Number of tasks (of jobs that still exist). */
	get taskCount(): number {
		return this.db.taskRows.filter((t) => !t.job?.deleted).length;
	}

	private liveTask(id: number): TaskRow | undefined {
		const row = this.db.tasksById.get(id);
		return row && !row.job?.deleted ? row : undefined;
	}

	private requireTask(id: number): TaskRow {
		const row = this.liveTask(id);
		if (!row) throw new NotFoundError('task', id);
		return row;
	}

	private applyTaskAttrs(row: TaskRow, attrs: Attrs, creating: boolean, ms: number): void {
		const errors = new FieldErrors();
		let name: string | undefined;
		if (creating || has(attrs, 'name')) {
			const v = str(attrs.name);
			if (v === null || v.trim() === '') errors.add('name', "can't be blank");
			else name = v;
		}
		let job: JobRow | null | undefined;
		if (has(attrs, 'job_id')) {
			const id = intOrNull(attrs.job_id);
			if (id === null) job = null;
			else {
				job = Number.isNaN(id) ? undefined : this.db.jobsById.get(id);
				if (!job) errors.add('job', 'is invalid');
			}
		}
		const employeeIds = has(attrs, 'employee_ids') ? this.account.parseEmployeeIds(attrs.employee_ids, errors) : undefined;
		const times: { starts_at?: number | null; ends_at?: number | null } = {};
		for (const key of ['starts_at', 'ends_at'] as const) {
			if (!has(attrs, key)) continue;
			const v = attrs[key];
			if (v === null || v === '') times[key] = null;
			else {
				const t = parseDateTime(v, this.db.offsetMinutes);
				if (Number.isNaN(t)) errors.add(key, 'is invalid');
				else times[key] = t;
			}
		}
		const starts = times.starts_at !== undefined ? times.starts_at : row.startsMs;
		const ends = times.ends_at !== undefined ? times.ends_at : row.endsMs;
		if (starts !== null && ends !== null && ends < starts) errors.add('ends_at', 'must be after the start');
		errors.throwIfAny();
		if (name !== undefined) row.name = name;
		if (has(attrs, 'description')) row.description = str(attrs.description);
		if (job !== undefined) row.job = job;
		if (employeeIds !== undefined) row.employee_ids = employeeIds;
		row.startsMs = starts;
		row.endsMs = ends === null && starts !== null && creating ? starts + DAY / 24 : ends;
		if (has(attrs, 'completed')) {
			const done = bool(attrs.completed, row.completedMs !== null);
			if (done && row.completedMs === null) row.completedMs = ms;
			if (!done) row.completedMs = null;
		}
	}

	private taskOut(t: TaskRow): TaskRecord {
		return {
			id: t.id,
			name: t.name,
			description: t.description,
			job_id: t.job ? t.job.id : null,
			employee_ids: t.employee_ids.slice(),
			starts_at: this.db.ts(t.startsMs),
			ends_at: this.db.ts(t.endsMs),
			completed: t.completedMs !== null,
			completed_at: this.db.ts(t.completedMs),
			created_at: formatTimestamp(t.createdMs, this.db.offsetMinutes),
			updated_at: formatTimestamp(t.updatedMs, this.db.offsetMinutes),
		};
	}
}
