/**
 * The sandbox's routes, one file per resource: `/customers...` (with a customer's notes, payments and
 * jobs), `/jobs...` (with a job's notes and payments), and the account-level `/calendar` and `/employees`.
 */
import { accountRoutes } from './account';
import { missing, type Ctx, type Reply } from './context';
import { customerRoutes } from './customers';
import { jobRoutes } from './jobs';

export type { Ctx, Reply } from './context';

export function route(ctx: Ctx): Reply {
	const { segs } = ctx;
	if (segs.length > 4) throw missing(ctx, 'route');
	if (segs[0] === 'customers') return customerRoutes(ctx);
	if (segs[0] === 'jobs') return jobRoutes(ctx);
	return accountRoutes(ctx);
}
