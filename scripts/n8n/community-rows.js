'use strict';
/**
 * Settings → Community nodes lists the rows of `installed_packages` / `installed_nodes`, which n8n
 * writes when it installs a package itself (from npm). A package put into `.n8n/nodes` by hand (as
 * `npm run dev` and `npm run test:ui` do, the package being unpublished) loads without them, but the
 * settings page stays empty. `registerPackage()` writes the rows n8n would have written, with n8n's
 * own sqlite3 under its runtime node. The database must exist (any n8n command creates it) and n8n
 * must not be running.
 */
const fs = require('node:fs');
const path = require('node:path');
const h = require('./n8n-harness');

/** { packageName, version, author, nodes: [{ name: display name, type: 'pkg.node' }] } of a user folder's package. */
function installedPackage(dir, packageName, repoDist) {
	const pkgDir = path.join(dir, '.n8n', 'nodes', 'node_modules', packageName);
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	// display names from the built nodes (the repository's dist resolves n8n-workflow)
	const nodes = (pkg.n8n.nodes || []).map((file) => {
		const exported = require(path.join(repoDist, file.replace(/^dist\//, '')));
		const NodeClass = Object.values(exported).find((value) => typeof value === 'function');
		const { description } = new NodeClass();
		return { name: description.displayName, type: `${pkg.name}.${description.name}`, latestVersion: [].concat(description.version).pop() };
	});
	return { packageName: pkg.name, version: pkg.version, author: pkg.author || {}, nodes };
}

async function registerPackage(n8n, dir, { packageName, version, author, nodes }) {
	const script = `
const sqlite3 = require('sqlite3');
const [dbFile, json] = process.argv.slice(1);
const p = JSON.parse(json);
const db = new sqlite3.Database(dbFile);
const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
db.serialize(() => {
  db.run('DELETE FROM installed_nodes WHERE package = ?', [p.packageName]);
  db.run('INSERT OR REPLACE INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)',
    [p.packageName, p.version, p.author.name || null, p.author.email || null, now, now]);
  for (const n of p.nodes) db.run('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [n.name, n.type, n.latestVersion, p.packageName]);
});
db.close((err) => { if (err) { console.error(err.message); process.exit(1); } });`;
	await h.run(n8n.nodeBin, ['-e', script, path.join(dir, '.n8n', 'database.sqlite'), JSON.stringify({ packageName, version, author, nodes })], {
		cwd: path.join(n8n.dir, 'node_modules', 'n8n'),
		env: n8n.env,
		timeoutMs: 60_000,
		label: 'register the package for Settings > Community nodes',
	});
}

module.exports = { installedPackage, registerPackage };
