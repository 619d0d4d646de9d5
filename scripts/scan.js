#!/usr/bin/env node
'use strict';
/**
 * `npm run scan`: what n8n's verification runs on a community package, offline, on this checkout.
 *
 * `npx @n8n/scan-community-package <pkg>` downloads the published tarball and the source its npm
 * provenance attests, then lints both with one ESLint rule set (`analyzePackage` in its
 * scanner.mjs): the source with SOURCE_FILE_PATTERNS, the tarball's compiled `.js` and
 * `package.json`. Nothing is published from here, so this drives the same `analyzePackage` on
 *   1. the sources (this repository, the patterns the scanner uses on the attested source);
 *   2. the tarball `npm pack` makes of the built dist/, unpacked (the scanner's tarball patterns);
 * and checks what the tarball holds (scripts/tarball-contents.js: the built nodes and credential and
 * the docs, nothing else, within a size limit).
 *
 * Run after `npm run build` (the npm script does). Exit 1 on any violation.
 */

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..');
const { contentProblems } = require('./tarball-contents');

/** Packs into `dir` and unpacks there; returns { unpacked, files, size, unpackedSize, filename }. */
function packAndUnpack(dir) {
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
		cwd: REPO,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [info] = JSON.parse(out);
	const unpacked = path.join(dir, 'package');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(dir, info.filename), '-C', unpacked, '--strip-components=1']);
	return { ...info, unpacked, files: info.files.map((f) => f.path).sort() };
}

async function main() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kickserv-scan-'));
	// scanner.mjs makes a temp folder when it is loaded (for downloads we do not do): keep it in ours
	process.env.TMPDIR = tmp;
	let failed = false;
	try {
		const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
		const legs = [];
		const source = await scanner.analyzePackage(REPO, scanner.SOURCE_FILE_PATTERNS);
		legs.push(['sources (nodes/, credentials/, package.json)', source]);

		const pack = packAndUnpack(tmp);
		const tarball = await scanner.analyzePackage(pack.unpacked, ['**/*.js', 'package.json']);
		legs.push([`tarball ${pack.filename} (compiled .js, package.json)`, tarball]);
		const manifest = JSON.parse(fs.readFileSync(path.join(pack.unpacked, 'package.json'), 'utf8'));
		const problems = contentProblems(REPO, pack, manifest);
		legs.push([
			`tarball contents: ${pack.files.length} files, ${(pack.size / 1024).toFixed(1)} kB packed, ${(pack.unpackedSize / 1024).toFixed(1)} kB unpacked`,
			problems.length ? { passed: false, message: 'unexpected contents', details: problems.join('\n') } : { passed: true },
		]);

		for (const [name, r] of legs) {
			console.log(`${r.passed ? 'ok  ' : 'FAIL'} ${name}${r.passed ? '' : `: ${r.message}`}`);
			if (!r.passed) {
				failed = true;
				if (r.details) console.log(r.details);
			}
		}
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	if (failed) process.exitCode = 1;
	else console.log('scan: passed (n8n community package scanner rules on sources and tarball; tarball contents)');
}

main().catch((err) => {
	console.error(err);
	process.exitCode = 1;
});
