/**
 * Time entries: a job's logged hours, `/jobs/{n}/time_entries.json` GET and POST [3p] (XML documented,
 * JSON [inf]). An entry references its employee by internal `employee_id` [3p]; the time keys
 * (`started_at`, `ended_at`, `hours`) are [inf]. No update or delete is known.
 */
import { FieldErrors } from '../errors';
import { normPage, pageSlice } from '../paging';
import type { AccountLists } from './account';
import type { AccountDb, TimeEntryRow, WriteMeta } from './db';
import type { Jobs } from './jobs';
import type { TimeEntryRecord } from './records';
import { MINUTE, formatTimestamp, has, intOrNull, parseDateTime, str, type Attrs } from './values';

export class TimeEntries {
	constructor(
		private readonly db: AccountDb,
		private readonly jobs: Jobs,
		private readonly account: AccountLists,
	) {}

	/** attrs: { employee_id, started_at, ended_at (required), notes?, billable? }. Throws NotFoundError for an unknown job. */
	logTimeEntry(jobNumber: number, attrs: Attrs, meta?: WriteMeta): TimeEntryRecord {
		const job = this.jobs.requireJob(jobNumber);
		const errors = new FieldErrors();
		const employeeId = intOrNull(attrs.employee_id);
		if (employeeId === null) errors.add('employee', "can't be blank");
		else if (Number.isNaN(employeeId) || !this.account.isEmployee(employeeId)) errors.add('employee', 'is invalid');
		const times: number[] = [];
		for (const key of ['started_at', 'ended_at'] as const) {
			const v = attrs[key];
			if (v === undefined || v === null || v === '') {
				errors.add(key, "can't be blank");
				continue;
			}
			const t = parseDateTime(v, this.db.offsetMinutes);
			if (Number.isNaN(t)) errors.add(key, 'is invalid');
			else times.push(t);
		}
		if (times.length === 2 && times[1] <= times[0]) errors.add('ended_at', 'must be after the start');
		errors.throwIfAny();
		const ms = this.db.nowMs(meta);
		const row: TimeEntryRow = {
			id: this.db.nextTimeEntryId++,
			job,
			employee_id: employeeId as number,
			startedMs: times[0],
			endedMs: times[1],
			notes: has(attrs, 'notes') ? str(attrs.notes) : null,
			billable: attrs.billable === undefined ? true : attrs.billable === true || attrs.billable === 'true',
			createdMs: ms,
		};
		const list = this.db.timeEntries.get(job.id) ?? [];
		list.push(row);
		this.db.timeEntries.set(job.id, list);
		return this.timeEntryOut(row);
	}

	/** A job's time entries, oldest first. Throws NotFoundError for an unknown job. */
	listTimeEntries(jobNumber: number): TimeEntryRecord[] {
		const job = this.jobs.requireJob(jobNumber);
		return (this.db.timeEntries.get(job.id) ?? []).map((r) => this.timeEntryOut(r));
	}

	pageTimeEntries(jobNumber: number, page: number, size: number): TimeEntryRecord[] {
		const job = this.jobs.requireJob(jobNumber);
		return pageSlice(this.db.timeEntries.get(job.id) ?? [], normPage(page), size).map((r) => this.timeEntryOut(r));
	}

	private timeEntryOut(r: TimeEntryRow): TimeEntryRecord {
		return {
			id: r.id,
			job_id: r.job.id,
			employee_id: r.employee_id,
			started_at: formatTimestamp(r.startedMs, this.db.offsetMinutes),
			ended_at: formatTimestamp(r.endedMs, this.db.offsetMinutes),
			hours: ((r.endedMs - r.startedMs) / (60 * MINUTE)).toFixed(2),
			notes: r.notes,
			billable: r.billable,
			created_at: formatTimestamp(r.createdMs, this.db.offsetMinutes),
			updated_at: formatTimestamp(r.createdMs, this.db.offsetMinutes),
		};
	}
}
