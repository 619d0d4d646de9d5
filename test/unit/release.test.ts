/** scripts/release-check.js: what the Publish workflow refuses before it tests and publishes. */
import * as fs from 'fs';
import * as path from 'path';

// plain JS run by the workflow with node: its one export, typed here
const { releaseProblems } = require('../../scripts/release-check') as {
	releaseProblems: (s: { version: string; lockVersions: Record<string, string>; tag?: string; changelog: string }) => string[];
};

const changelog = '# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-05\n\n### Added\n\n- x\n';
const ok = { version: '0.2.0', lockVersions: { lock: '0.2.0' }, changelog };

test('a tag naming the version, with package-lock and CHANGELOG in step, may be released', () => {
	expect(releaseProblems({ ...ok, tag: 'v0.2.0' })).toEqual([]);
	expect(releaseProblems(ok)).toEqual([]);
});

test('a tag that names another version, or lacks the v, is refused', () => {
	expect(releaseProblems({ ...ok, tag: 'v0.2.1' })).toEqual([expect.stringContaining('does not name')]);
	expect(releaseProblems({ ...ok, tag: '0.2.0' })).toEqual([expect.stringContaining('expected v0.2.0')]);
});

test('package-lock out of step and a version without a dated changelog section are refused', () => {
	expect(releaseProblems({ ...ok, lockVersions: { lock: '0.1.0' } })).toEqual([expect.stringContaining('package-lock')]);
	expect(releaseProblems({ ...ok, changelog: changelog.replace(' - 2026-12-05', '') })).toEqual([expect.stringContaining('CHANGELOG.md has no')]);
	expect(releaseProblems({ ...ok, version: '0.3.0', lockVersions: {} })).toEqual([expect.stringContaining('"## [0.3.0] - YYYY-MM-DD"')]);
});

test('the repository as committed is releasable as its own version', () => {
	const pkg = require('../../package.json') as { version: string };
	const lock = require('../../package-lock.json') as { version: string; packages: Record<string, { version: string }> };
	const text = fs.readFileSync(path.join(__dirname, '..', '..', 'CHANGELOG.md'), 'utf8');
	expect(
		releaseProblems({ version: pkg.version, lockVersions: { lock: lock.version, root: lock.packages[''].version }, tag: `v${pkg.version}`, changelog: text }),
	).toEqual([]);
});
