#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: a real n8n editor at http://localhost:5678 with this package installed as a community
 * package, the Kickserv sandbox running (seeded), the "Kickserv sandbox" credential created and the
 * example workflows imported, so every operation can be clicked through without a Kickserv account.
 *
 * n8n is installed once into ~/.cache/n8n-nodes-kickserv (see scripts/n8n/README.md). The n8n user
 * folder is ~/.cache/n8n-nodes-kickserv/dev-<version>, kept between starts (your owner account and
 * workflows survive) and OUTSIDE the repository: inside it, the installed package would resolve the
 * repository's own n8n-workflow instead of n8n's, and n8n would not recognise the node's errors (a
 * 404 would show "Error code: none"), as it would not for a user.
 * Env: N8N_DEV_VERSION (default 1.123.50, runs on Node 20; 2.41.0 runs on Node 24 from npm),
 *      N8N_DEV_PORT (5678), SANDBOX_PORT (5680), N8N_DEV_USER_FOLDER (another user folder).
 * Ctrl-C stops n8n gracefully (SIGTERM, as n8n expects), then the sandbox.
 */
const fs = require('node:fs');
const path = require('node:path');
const h = require('./n8n/n8n-harness');
const { installedPackage, registerPackage } = require('./n8n/community-rows');

const REPO = path.join(__dirname, '..');
const VERSION = process.env.N8N_DEV_VERSION || '1.123.50';
const PORT = Number(process.env.N8N_DEV_PORT || 5678);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT || 5680);

require('ts-node').register({ transpileOnly: true, preferTsExts: true, compilerOptions: { module: 'commonjs' } });
const { KickservSandbox } = require(path.join(REPO, 'sandbox'));

async function main() {
	const sandbox = new KickservSandbox();
	const baseUrl = await sandbox.start(SANDBOX_PORT);
	const account = sandbox.options.accounts[0];
	console.log(`Kickserv sandbox on ${baseUrl} (slug ${account.slug}, token ${account.token})`);

	const n8n = await h.ensureN8n(VERSION);
	const tarball = await h.resolvePackageTarball({ packageDir: REPO });
	// a fresh copy of the package each start, in a user folder that is kept between starts
	const userFolder = path.resolve(process.env.N8N_DEV_USER_FOLDER || path.join(h.cacheRoot(), `dev-${VERSION}`));
	if (!path.relative(REPO, userFolder).startsWith('..')) {
		throw new Error(`the n8n user folder must be outside the repository (got ${userFolder}): the package would load the repository's n8n-workflow`);
	}
	const firstStart = !fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	const fresh = await h.makeUserFolder({ tarball }); // a temporary folder, removed at exit
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	fs.rmSync(path.join(userFolder, '.n8n', 'nodes'), { recursive: true, force: true });
	fs.renameSync(path.join(fresh, '.n8n', 'nodes'), path.join(userFolder, '.n8n', 'nodes'));
	console.log(`n8n user folder: ${userFolder}${firstStart ? ' (new)' : ''}`);

	await h.importCredentials(n8n, userFolder, [
		{
			id: 'kickservSandbox',
			name: 'Kickserv sandbox',
			type: 'kickservApi',
			data: { accountSlug: account.slug, apiToken: account.token, baseUrl },
		},
	]);
	if (firstStart) {
		// only once: later starts keep your edits
		const examples = fs
			.readdirSync(path.join(REPO, 'examples'))
			.filter((f) => f.endsWith('.json'))
			.map((f) => JSON.parse(fs.readFileSync(path.join(REPO, 'examples', f), 'utf8')));
		await h.importWorkflows(n8n, userFolder, examples);
	}
	// listed under Settings > Community nodes, as a package n8n installed itself
	await registerPackage(n8n, userFolder, installedPackage(userFolder, 'n8n-nodes-kickserv', path.join(REPO, 'dist')));

	const running = await h.startN8n(n8n, userFolder, { port: PORT, echo: true, env: { N8N_HOST: 'localhost', N8N_EDITOR_BASE_URL: `http://localhost:${PORT}` } });
	await running.waitForLog(/Editor is now accessible via/, 180_000);
	console.log(`\nn8n ${VERSION} is ready: http://localhost:${PORT}`);
	console.log('Create the owner account on first visit; the "Kickserv sandbox" credential and the examples are there.');
	console.log('Ctrl-C stops n8n and the sandbox.');
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n (gracefully: the next start will not report a crashed session)...');
		const { signal, ms } = await running.stop();
		console.log(`n8n stopped in ${h.fmtMs(ms)}${signal === 'SIGKILL' ? ' (did not stop in time: killed)' : ''}`);
		await sandbox.stop();
		process.exit(0);
	};
	// the harness's own handlers kill every child at once (right for tests, a crash for n8n): replace them
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.removeAllListeners(sig);
		process.on(sig, stop);
	}
	while (!running.exited()) await new Promise((resolve) => setTimeout(resolve, 1000));
	await sandbox.stop();
}

main().catch((error) => {
	console.error(error && error.stack ? error.stack : error);
	process.exit(1);
});
