#!/usr/bin/env node
'use strict';
/**
 * `npm run n8n:install`: every n8n release the tests run (TESTED_VERSIONS: 1.85.4, 1.123.50, 2.41.0,
 * and the Node 24 that 2.x needs) installed into ~/.cache/n8n-nodes-kickserv at once, in parallel; a
 * release already there costs nothing. test:n8n, test:mcp, test:queue, test:ui and bench:n8n each install
 * what they need on their own; `npm run test:all` runs this first, beside the alternatives' jest run,
 * so that a cold cache is filled by three installs side by side rather than one stage after another.
 */
const h = require('./n8n-harness');

async function main() {
	const t0 = Date.now();
	const installed = await Promise.all(h.TESTED_VERSIONS.map((version) => h.ensureN8n(version)));
	for (const n8n of installed) {
		const how = n8n.installed && !n8n.installed.cached ? `installed in ${h.fmtMs(n8n.installed.totalMs)}` : 'already in the cache';
		h.log(`n8n ${n8n.version}: ${how} (${n8n.dir})`);
	}
	h.log(`n8n:install: ${installed.length} release(s) ready in ${h.fmtMs(Date.now() - t0)}`);
}

main().catch((err) => {
	console.error(err && err.stack ? err.stack : err);
	process.exit(1);
});
