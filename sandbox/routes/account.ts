/** Account-level routes: `/calendar.json` (job types and active employees) and `/employees.json`. */
import { list, missing, type Ctx, type Reply } from './context';

export function accountRoutes(ctx: Ctx): Reply {
	const [a, b] = ctx.segs;
	if (b === undefined && ctx.method === 'GET') {
		if (a === 'calendar') {
			return {
				status: 200,
				body: {
					job_types: ctx.store.jobTypes.map((t) => ({ id: t.id, name: t.name })),
					jobs: [],
					employees: ctx.store.listEmployees(true),
				},
			};
		}
		if (a === 'employees') return list(ctx, 'employees', ctx.store.listEmployees(true));
	}
	throw missing(ctx, 'route');
}
