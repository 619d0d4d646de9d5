/**
 * The records the node outputs stay ordinary V8 objects (fast properties), as the JSON parser made them.
 * Copies made without the secret keys once became dictionary (hash-table) objects: about twice the
 * memory over a 100,000-customer Return All (`npm run bench`, section 4) and slower to read in every
 * node after this one. Only the engine shows it: the same copy made in isolation stayed fast.
 */
import * as v8 from 'v8';
import type { IDataObject } from 'n8n-workflow';

import { runKickserv } from '../harness/engine';
import { useSandbox } from '../harness/setup';

v8.setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

const ctx = useSandbox();

test.each([
	['customers, whole records (secrets removed)', { resource: 'customer', operation: 'getAll', returnAll: true, simplify: false }, 'password_digest'],
	['customers, simplified', { resource: 'customer', operation: 'getAll', returnAll: true, simplify: true }, 'token'],
	['employees (login hashes removed)', { resource: 'employee', operation: 'getAll', returnAll: true, status: 'all' }, 'encrypted_password'],
])('Get Many %s: every record has fast properties', async (_what, params: IDataObject, secret: string) => {
	const { items, error } = await runKickserv(params, ctx.credentials);
	expect(error).toBeUndefined();
	expect(items.length).toBeGreaterThan(2);
	expect(items.filter((item) => secret in item.json)).toEqual([]);
	expect(items.filter((item) => !hasFastProperties(item.json)).map((item) => item.json.id)).toEqual([]);
});
