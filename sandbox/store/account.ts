/**
 * The account's own lists: job types ("services", listed by `/calendar.json`) and employees (the first
 * active one is the API user), with the employee records `/employees.json` sends (login secrets
 * included) and the `employee_ids` check jobs and tasks share.
 */
import type { FieldErrors } from '../errors';
import { pageSlice } from '../paging';
import type { AccountDb } from './db';
import type { EmployeeFullRecord, EmployeeRecord, JobTypeRecord } from './records';
import { BCRYPT, B64URL, fakeString, intOrNull } from './values';

export class AccountLists {
	constructor(private readonly db: AccountDb) {}

	addJobType(name: string, id?: number): JobTypeRecord {
		const { jobTypes } = this.db;
		const nextId = id ?? jobTypes.reduce((max, t) => Math.max(max, t.id), 60) + 1;
		if (jobTypes.some((t) => t.id === nextId)) throw new Error(`Job type id ${nextId} exists`);
		const rec = { id: nextId, name };
		jobTypes.push(rec);
		return { ...rec };
	}

	getJobType(id: number): JobTypeRecord | undefined {
		const t = this.db.jobTypes.find((jt) => jt.id === id);
		return t ? { ...t } : undefined;
	}

	addEmployee(attrs: { first_name: string; last_name: string; email?: string | null; is_active?: boolean }): EmployeeRecord {
		const { employees } = this.db;
		const rec: EmployeeRecord = {
			id: this.db.nextEmployeeId++,
			employee_number: employees.reduce((max, e) => Math.max(max, e.employee_number), 0) + 1,
			first_name: attrs.first_name,
			last_name: attrs.last_name,
			email: attrs.email ?? null,
			is_active: attrs.is_active ?? true,
		};
		employees.push(rec);
		return { ...rec };
	}

	listEmployees(activeOnly = true): EmployeeRecord[] {
		return this.db.employees.filter((e) => !activeOnly || e.is_active).map((e) => ({ ...e }));
	}

	/** The employee the API token belongs to: the first active employee. */
	get apiUser(): EmployeeRecord | null {
		const e = this.db.employees.find((x) => x.is_active);
		return e ? { ...e } : null;
	}

	/**
	 * Employees as `/employees.json` sends them (secrets included), active ones only unless told; one
	 * page of them when `range` is given (only that page's records are built).
	 */
	listEmployeeRecords(activeOnly = true, range?: { page: number; size: number }): EmployeeFullRecord[] {
		const adminId = this.db.employees[0]?.id;
		const rows = this.db.employees.filter((e) => !activeOnly || e.is_active);
		return (range ? pageSlice(rows, range.page, range.size) : rows).map((e) => ({
			...e,
			name: `${e.first_name} ${e.last_name}`.trim(),
			username: (e.email ?? `${e.first_name}.${e.last_name}`).split('@')[0].toLowerCase(),
			email_address: e.email,
			active: e.is_active,
			admin: e.id === adminId,
			limit_access_to_assignments: e.id !== adminId,
			account_id: 880_001,
			time_zone: 'Eastern Time (US & Canada)',
			password_salt: fakeString(e.id * 11 + 1, 22, B64URL),
			encrypted_password: '$2a$10$' + fakeString(e.id * 11 + 2, 53, BCRYPT),
		}));
	}

	/** True when an employee has this internal id. */
	isEmployee(id: number): boolean {
		return this.db.employees.some((e) => e.id === id);
	}

	/** The internal id of the employee with this number; NaN when there is none. */
	employeeIdByNumber(number: number | null): number {
		const emp = this.db.employees.find((e) => e.employee_number === number);
		return emp ? emp.id : NaN;
	}

	/** `employee_ids` as sent (a list, one id, or blank for none): existing employees' ids, or an error. */
	parseEmployeeIds(value: unknown, errors: FieldErrors): number[] | undefined {
		const list = value === null || value === '' ? [] : Array.isArray(value) ? value : [value];
		const ids = list.map((x) => intOrNull(x));
		if (ids.some((x) => x === null || Number.isNaN(x) || !this.isEmployee(x as number))) {
			errors.add('employees', 'is invalid');
			return undefined;
		}
		return [...new Set(ids as number[])];
	}

	employeeRecord(id: number | null): EmployeeRecord | null {
		if (id === null) return null;
		const e = this.db.employees.find((x) => x.id === id);
		return e ? { ...e } : null;
	}
}
