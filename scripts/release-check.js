#!/usr/bin/env node
'use strict';
/**
 * Refuses a release whose tag, versions and changelog disagree (docs/RELEASING.md).
 *
 *   node scripts/release-check.js v0.2.0   the Publish workflow's first job (GITHUB_REF_NAME)
 *   npm publish                           runs it as `prepublishOnly`: outside GitHub Actions it
 *                                         refuses (n8n only accepts packages published from a
 *                                         workflow with provenance); inside, it checks the tag
 *
 * Checks: the tag is `v` + package.json's version; package-lock.json carries the same version;
 * CHANGELOG.md has a dated `## [version] - YYYY-MM-DD` section.
 */

const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..');

/** Problems with releasing `tag` (undefined: no tag to compare), as sentences; [] when it may go. */
function releaseProblems({ version, lockVersions, tag, changelog }) {
	const problems = [];
	if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) problems.push(`package.json's version "${version}" is not a semver version`);
	for (const [where, v] of Object.entries(lockVersions)) {
		if (v !== version) problems.push(`${where} says ${v}, package.json says ${version}: run npm install --package-lock-only`);
	}
	if (tag !== undefined && tag !== `v${version}`) problems.push(`tag "${tag}" does not name package.json's version ${version} (expected v${version})`);
	const escaped = version.replace(/[.+]/g, '\\$&');
	if (!new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}\\s*$`, 'm').test(changelog)) {
		problems.push(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section`);
	}
	return problems;
}

function readState() {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
	const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8'));
	return {
		version: pkg.version,
		lockVersions: { 'package-lock.json version': lock.version, 'package-lock.json packages[""].version': lock.packages[''].version },
		changelog: fs.readFileSync(path.join(REPO, 'CHANGELOG.md'), 'utf8'),
	};
}

function main() {
	const inActions = process.env.GITHUB_ACTIONS === 'true';
	let tag = process.argv[2];
	if (process.env.npm_lifecycle_event === 'prepublishOnly') {
		if (!inActions) {
			console.error('release-check: refusing to publish from here. Push a version tag: the Publish workflow publishes with provenance (docs/RELEASING.md).');
			process.exit(1);
		}
		tag = process.env.GITHUB_REF_TYPE === 'tag' ? process.env.GITHUB_REF_NAME : '(not a tag)';
	}
	const state = readState();
	const problems = releaseProblems({ ...state, tag });
	if (problems.length) {
		console.error(`release-check: not releasable:\n- ${problems.join('\n- ')}`);
		process.exit(1);
	}
	console.log(`release-check: ${tag ? `tag ${tag}, ` : ''}version ${state.version}: package.json, package-lock.json and CHANGELOG.md agree`);
}

if (require.main === module) main();

module.exports = { releaseProblems };
