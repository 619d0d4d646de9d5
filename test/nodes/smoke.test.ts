import { runKickserv } from '../harness/engine';
import { useSandbox } from '../harness/setup';

const t = useSandbox();

test('get many customers through the engine', async () => {
	const result = await runKickserv({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 3 }, t.credentials);
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(3);

});
