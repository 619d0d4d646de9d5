'use strict';
/**
 * What `npm run test:ui` runs against: the Kickserv sandbox (seeded), real n8n with the packed package
 * installed in a fresh user folder as in `test:n8n` (and listed under Settings > Community nodes),
 * started on a free loopback port; and Debian's Chromium, installed with apt-get when missing (browser
 * downloads are impossible here), driven by playwright-core.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('../n8n-harness');
const { installedPackage, registerPackage } = require('../community-rows');

const REPO = path.join(__dirname, '..', '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const CREDENTIAL = { id: 'kickservSandbox', name: 'Kickserv sandbox' };

/** The sandbox on a free port, and n8n (ready) with the package and the sandbox credential. */
async function startN8nWithPackage(version, { log = () => {} } = {}) {
	require('ts-node').register({ transpileOnly: true, preferTsExts: true, compilerOptions: { module: 'commonjs' } });
	const { KickservSandbox } = require(path.join(REPO, 'sandbox'));
	const sandbox = new KickservSandbox();
	const sandboxUrl = await sandbox.start(0);
	const account = sandbox.options.accounts[0];
	try {
		const n8n = await h.ensureN8n(version);
		const tarball = await h.resolvePackageTarball({ packageDir: REPO });
		const dir = await h.makeUserFolder({ tarball });
		log(`n8n ${version}, user folder ${dir}`);
		await h.importCredentials(n8n, dir, [
			{ ...CREDENTIAL, type: 'kickservApi', data: { accountSlug: account.slug, apiToken: account.token, baseUrl: sandboxUrl } },
		]);
		await registerPackage(n8n, dir, installedPackage(dir, 'n8n-nodes-kickserv', path.join(REPO, 'dist')));
		const running = await h.startN8n(n8n, dir);
		await running.waitForLog(/Editor is now accessible via/, 180_000);
		return {
			url: running.url,
			sandbox,
			account,
			sandboxUrl,
			async stop() {
				await running.stop();
				await sandbox.stop();
			},
		};
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
}

/** Debian's chromium (apt-get install when missing: the script runs as root in CI). */
async function ensureChromium({ log = () => {} } = {}) {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	log('installing chromium with apt-get (Debian package)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await h.run('apt-get', ['update', '-qq'], { env, timeoutMs: 10 * 60_000 });
	await h.run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env, timeoutMs: 20 * 60_000 });
	if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get install chromium did not provide ${CHROMIUM}`);
	return CHROMIUM;
}

/** A headless Chromium with a fresh profile; close() removes the profile. */
async function launchBrowser(executablePath) {
	const { chromium } = require('playwright-core');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kickserv-ui-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	return {
		context,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

module.exports = { startN8nWithPackage, ensureChromium, launchBrowser, CREDENTIAL, REPO };
