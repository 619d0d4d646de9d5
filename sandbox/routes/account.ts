/**
 * Account-level routes: `/calendar.json` (job types and active employees) and `/employees.json` (active
 * employees [doc], or all with `employeesList: 'all'`; full records, login secrets included; paged with
 * `page=` at the list page size [inf]).
 */
import { list, missing, page, type Ctx, type Reply } from './context';

export function accountRoutes(ctx: Ctx): Reply {
	const [a, b] = ctx.segs;
	if (b === undefined && ctx.method === 'GET') {
		if (a === 'calendar') {
			return {
				status: 200,
				body: {
					job_types: ctx.store.jobTypes.map((t) => ({ id: t.id, name: t.name })),
					jobs: [],
					employees: ctx.store.listEmployeeRecords(true),
				},
			};
		}
		if (a === 'employees') {
			const activeOnly = ctx.options.employeesList === 'active';
			return list(ctx, 'employees', ctx.store.listEmployeeRecords(activeOnly, { page: page(ctx), size: ctx.options.listPageSize }));
		}
	}
	throw missing(ctx, 'route');
}
