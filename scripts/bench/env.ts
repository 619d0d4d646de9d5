/**
 * Must be imported before anything that loads n8n-core: its InstanceSettings writes a config file under
 * N8N_USER_FOLDER on import. Keeps that in a temp dir (as test/setup-env.js does for the tests).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

if (!process.env.N8N_USER_FOLDER) {
	const dir = path.join(os.tmpdir(), 'n8n-nodes-kickserv-bench');
	fs.mkdirSync(dir, { recursive: true });
	process.env.N8N_USER_FOLDER = dir;
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';

// `ts-node scripts/bench.ts` resolves `nodes/Kickserv/Kickserv.node` to the codex file
// `Kickserv.node.json` (Node tries .js, .json before ts-node's .ts). Jest prefers .ts; do the same here
// (what ts-node's `preferTsExts` does): move .json behind .ts in the resolution order.
/* eslint-disable @typescript-eslint/no-require-imports */
const extensions = require.extensions as NodeJS.RequireExtensions;
if (extensions['.ts']) {
	const json = extensions['.json'];
	delete (extensions as Record<string, unknown>)['.json'];
	extensions['.json'] = json;
}
