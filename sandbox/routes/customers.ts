/**
 * `/customers.json` (paged with `customers_page=`, fixed page size), `/customers/filter.json` (with its
 * EMPTY tail), `/customers/customer_validation.json`, `/customers/N.json`, and the customer's notes,
 * payments and jobs.
 */
import { pageSlice } from '../paging';
import { CUSTOMER_EXACT_FILTERS, type CustomerQuery, type ParentRef } from '../store';
import { customerNumber, first, list, missing, only, page, pick, record, root, type Ctx, type Reply } from './context';
import { customerJobs } from './jobs';
import { noteRoutes } from './notes';
import { paymentRoutes } from './payments';

export function customerRoutes(ctx: Ctx): Reply {
	const [, b, c, d] = ctx.segs;
	const { method, store } = ctx;
	if (b === undefined) {
		if (method === 'GET') return listCustomers(ctx);
		if (method === 'POST') return record(ctx, 'customer', store.createCustomer(root(ctx, 'customer')));
		throw missing(ctx, 'route');
	}
	if (b === 'filter' && c === undefined) {
		if (method === 'GET') return filterCustomers(ctx);
		throw missing(ctx, 'route');
	}
	if (b === 'customer_validation' && c === undefined) {
		if (method === 'POST') return validateCustomer(ctx);
		throw missing(ctx, 'route');
	}
	const cn = customerNumber(ctx, b);
	if (c === undefined) {
		if (method === 'GET') return record(ctx, 'customer', store.getCustomer(cn));
		if (method === 'PUT') return record(ctx, 'customer', store.updateCustomer(cn, root(ctx, 'customer')));
		if (method === 'DELETE') {
			store.deleteCustomer(cn);
			return { status: 200, body: { message: 'Customer successfully deleted' } };
		}
		throw missing(ctx, 'route');
	}
	const parent: ParentRef = { type: 'Customer', number: cn };
	if (c === 'notes') return noteRoutes(ctx, parent, d);
	if (c === 'payments') return paymentRoutes(ctx, parent, d);
	if (c === 'jobs') return customerJobs(ctx, cn, d);
	throw missing(ctx, 'route');
}

function listCustomers(ctx: Ctx): Reply {
	const q: CustomerQuery = {};
	for (const k of CUSTOMER_EXACT_FILTERS) {
		const v = first(ctx.query[k]);
		if (v !== undefined) q[k] = v;
	}
	const qq = first(ctx.query.q);
	if (qq !== undefined) q.q = qq;
	const bw = first(ctx.query.begins_with);
	if (bw !== undefined) q.begins_with = bw;
	const at = page(ctx, ctx.options.customersPageParam);
	const rows =
		ctx.options.customersOrder === 'name' && !Object.keys(q).length
			? pageSlice([...ctx.store.listCustomers()].sort((a, b) => a.name.localeCompare(b.name)), at, ctx.options.customersPageSize)
			: ctx.store.queryCustomers(q, at, ctx.options.customersPageSize);
	const keys = only(ctx);
	return list(
		ctx,
		'customers',
		rows.map((r) => pick(r, keys, [])),
	);
}

function filterCustomers(ctx: Ctx): Reply {
	const name = first(ctx.query.name) ?? '';
	const keys = only(ctx);
	const rows: object[] = ctx.store.searchCustomersByName(name);
	rows.push(ctx.store.emptyCustomer());
	return list(
		ctx,
		'customers',
		rows.map((r) => pick(r, keys, [])),
	);
}

function validateCustomer(ctx: Ctx): Reply {
	const name = ctx.body.name;
	const found = typeof name === 'string' ? ctx.store.findCustomerByName(name) : undefined;
	if (!found) return { status: 200, body: { status: 'not found' } };
	return {
		status: 200,
		body: {
			status: 'exist',
			customer_url: `/${ctx.slug}/customers/${found.customer_number}`,
			customer_name: found.name,
			customer: found,
		},
	};
}
