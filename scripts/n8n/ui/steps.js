'use strict';
/**
 * A list of named steps in one browser page: each is timed, ends with a screenshot of the page
 * (`NN-name.png` in the screenshot folder), and a failing step stops the run with its name and a
 * screenshot `NN-name-FAILED.png`. Plain Node (no test runner): the summary ends with
 * "test:ui: N passed, N failed".
 */
const fs = require('node:fs');
const path = require('node:path');

const slug = (name) =>
	name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);

const fmt = (ms) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

class StepRunner {
	constructor(page, folder) {
		this.page = page;
		this.folder = folder;
		this.results = [];
		fs.mkdirSync(folder, { recursive: true });
	}

	/** Runs fn(page); returns its result. Throws (after the screenshot) when it fails. */
	async step(name, fn) {
		const index = String(this.results.length + 1).padStart(2, '0');
		const entry = { name, ok: false, ms: 0, screenshot: '' };
		this.results.push(entry);
		const started = Date.now();
		try {
			const result = await fn(this.page);
			entry.ok = true;
			return result;
		} catch (error) {
			entry.error = error;
			throw Object.assign(new Error(`step "${name}" failed: ${error.message}`), { cause: error });
		} finally {
			entry.ms = Date.now() - started;
			entry.screenshot = path.join(this.folder, `${index}-${slug(name)}${entry.ok ? '' : '-FAILED'}.png`);
			await this.page.screenshot({ path: entry.screenshot }).catch((e) => (entry.screenshot = `(no screenshot: ${e.message})`));
			process.stderr.write(`${entry.ok ? 'ok  ' : 'FAIL'} ${name} (${fmt(entry.ms)}) ${entry.screenshot}\n`);
		}
	}

	/** The step list with timings, and the closing count line. */
	summary() {
		const lines = ['', 'test:ui steps:'];
		for (const [i, r] of this.results.entries()) {
			lines.push(`  ${r.ok ? 'ok  ' : 'FAIL'} ${String(i + 1).padStart(2)}. ${r.name.padEnd(78)} ${fmt(r.ms).padStart(8)}`);
			if (!r.ok) lines.push(`       ${String(r.error && r.error.message).split('\n').join('\n       ')}`, `       screenshot: ${r.screenshot}`);
		}
		return lines.join('\n');
	}

	get passed() {
		return this.results.filter((r) => r.ok).length;
	}

	get failed() {
		return this.results.filter((r) => !r.ok).length;
	}
}

/** Fails with `message` unless `condition` holds. */
function expect(condition, message) {
	if (!condition) throw new Error(message);
}

module.exports = { StepRunner, expect };
