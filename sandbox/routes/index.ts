/**
 * The sandbox's routes, one file per resource: `/customers...` (with a customer's notes, payments and
 * jobs), `/jobs...` (with a job's notes, payments, charges, time entries and tasks), `/tasks...`,
 * `/items`, `/invoices`, `/opportunities...`, and the account-level `/calendar` and `/employees`.
 */
import { accountRoutes } from './account';
import { missing, type Ctx, type Reply } from './context';
import { customerRoutes } from './customers';
import { invoiceRoutes } from './invoices';
import { itemRoutes } from './items';
import { jobRoutes } from './jobs';
import { opportunityRoutes } from './opportunities';
import { taskRoutes } from './tasks';

export type { Ctx, Reply } from './context';

export function route(ctx: Ctx): Reply {
	const { segs } = ctx;
	if (segs.length > 4) throw missing(ctx, 'route');
	if (segs[0] === 'customers') return customerRoutes(ctx);
	if (segs[0] === 'jobs') return jobRoutes(ctx);
	if (segs[0] === 'tasks') return taskRoutes(ctx);
	if (segs[0] === 'items') return itemRoutes(ctx);
	if (segs[0] === 'invoices') return invoiceRoutes(ctx);
	if (segs[0] === 'opportunities') return opportunityRoutes(ctx);
	return accountRoutes(ctx);
}
