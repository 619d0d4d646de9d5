#!/usr/bin/env node
'use strict';
/**
 * `npm run test:ui`: the editor as a person meets it, in a real browser. Real n8n 2.41.0 with the packed
 * package installed as in `test:n8n`, the Kickserv sandbox, Debian's Chromium driven by playwright-core.
 * The steps (editor.js) sign up the owner, add the Kickserv node from the node panel, create a job, read
 * errors, fetch trigger test events and test the credential. A screenshot of every step goes to the
 * folder printed at the start (UI_SCREENSHOTS, default test-results/ui in the repository); with
 * UI_UPDATE_README_IMAGES=1 a passing run also copies the README's images (docs/img) from it (a plain
 * run leaves the repository's files as they are). Fails naming the step, with its screenshot.
 *
 * Env: UI_N8N_VERSION (2.41.0), UI_SCREENSHOTS (folder), UI_UPDATE_README_IMAGES, N8N_CACHE_DIR (as test:n8n).
 */
const fs = require('node:fs');
const path = require('node:path');
const { startN8nWithPackage, ensureChromium, launchBrowser, REPO } = require('./env');
const { StepRunner } = require('./steps');
const { editorSteps, README_IMAGES } = require('./editor');

const VERSION = process.env.UI_N8N_VERSION || '2.41.0';
const FOLDER = path.resolve(process.env.UI_SCREENSHOTS || path.join(REPO, 'test-results', 'ui'));
const log = (text) => process.stderr.write(`[test:ui] ${text}\n`);

async function main() {
	const started = Date.now();
	fs.rmSync(FOLDER, { recursive: true, force: true });
	log(`screenshots: ${FOLDER}`);
	const chromium = await ensureChromium({ log });
	const server = await startN8nWithPackage(VERSION, { log });
	log(`n8n ${VERSION} ready at ${server.url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	const browser = await launchBrowser(chromium);
	let runner;
	try {
		const page = browser.context.pages()[0] || (await browser.context.newPage());
		page.setDefaultTimeout(20_000);
		runner = new StepRunner(page, FOLDER);
		await editorSteps(runner, server);
	} catch (error) {
		if (!runner || !runner.failed) log(`error outside the steps: ${error.stack || error}`);
	} finally {
		await browser.close();
		await server.stop();
	}
	const ok = runner && runner.failed === 0 && runner.passed > 0;
	if (ok && process.env.UI_UPDATE_README_IMAGES === '1') {
		// the README's images are this run's screenshots
		const images = path.join(REPO, 'docs', 'img');
		fs.mkdirSync(images, { recursive: true });
		for (const [step, file] of Object.entries(README_IMAGES)) {
			const shot = runner.results.find((r) => r.name === step);
			if (!shot) throw new Error(`README image ${file}: no step "${step}"`);
			fs.copyFileSync(shot.screenshot, path.join(images, file));
		}
		console.log(`README images (docs/img) refreshed from this run: ${Object.values(README_IMAGES).join(', ')}`);
	}
	console.log(runner ? runner.summary() : '');
	console.log(`screenshots: ${FOLDER}`);
	console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
	console.log(`test:ui: ${runner ? runner.passed : 0} passed, ${runner ? runner.failed : 1} failed`);
	process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
	console.error(error && error.stack ? error.stack : error);
	console.log('test:ui: 0 passed, 1 failed');
	process.exit(1);
});
