'use strict';
/**
 * What the published tarball must hold, exactly: for every file under nodes/ and credentials/ its
 * built counterpart in dist/ (a `.js` per `.ts`, the codex `.node.json` files and the icons as they
 * are), plus package.json, README.md, LICENSE and CHANGELOG.md. No source maps, no declarations,
 * no dist/package.json, nothing of sandbox/, test/ or scripts/. Derived from the sources, so a new
 * node file needs no edit here. Used by `npm run scan` and test/package.test.ts.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Bytes. Today ~52 kB packed, ~220 kB unpacked: the limits catch a stray folder, not growth. */
const SIZE_LIMITS = { packed: 150 * 1024, unpacked: 600 * 1024 };
/** Files npm puts in every tarball, plus the changelog named in `files`. */
const DOCS = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

function walk(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		return e.isDirectory() ? walk(full) : [full];
	});
}

function expectedFiles(repo) {
	const built = ['nodes', 'credentials'].flatMap((root) =>
		walk(path.join(repo, root)).map((file) => `dist/${path.relative(repo, file).split(path.sep).join('/').replace(/\.ts$/, '.js')}`),
	);
	return [...built, ...DOCS].sort();
}

/**
 * Problems with a packed tarball, as sentences ([] when it is right).
 * @param repo the repository the tarball was packed from
 * @param pack { files: string[] (paths in the tarball), size?, unpackedSize? } (`npm pack --json`)
 * @param manifest the tarball's package.json
 */
function contentProblems(repo, pack, manifest) {
	const expected = expectedFiles(repo);
	const problems = [];
	const extra = pack.files.filter((f) => !expected.includes(f));
	const missing = expected.filter((f) => !pack.files.includes(f));
	if (extra.length) problems.push(`files that should not be published: ${extra.join(', ')}`);
	if (missing.length) problems.push(`files missing from the tarball: ${missing.join(', ')} (run npm run build first?)`);
	for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		if (!pack.files.includes(entry)) problems.push(`package.json's n8n section names ${entry}, which is not in the tarball`);
	}
	if (pack.size > SIZE_LIMITS.packed) problems.push(`packed size ${pack.size} B exceeds ${SIZE_LIMITS.packed} B`);
	if (pack.unpackedSize > SIZE_LIMITS.unpacked) problems.push(`unpacked size ${pack.unpackedSize} B exceeds ${SIZE_LIMITS.unpacked} B`);
	return problems;
}

module.exports = { SIZE_LIMITS, expectedFiles, contentProblems };
