'use strict';
/** The package under test: pack it, check the tarball, install it into a fresh n8n user folder. */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { log, readJson, writeJson, parseJsonFromOutput } = require('./util');
const { TIMEOUTS, run, npmBin, cleanNpmEnv, mkTemp } = require('./process');

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

module.exports = { packPackage, verifyTarball, resolvePackageTarball, makeUserFolder };
