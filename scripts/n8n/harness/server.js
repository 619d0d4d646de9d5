'use strict';
/** `n8n start` (or `n8n worker`) as a long-running child process with log waiting and graceful stop. */

const { getFreePort } = require('./util');
const { commandEnv } = require('./cli');
const { spawnDaemon } = require('./daemon');

/**
 * `n8n start` on 127.0.0.1:<port> (a free one unless given). Resolves once the
 * process is spawned (not when it is ready: use waitForLog). Returns
 * { port, url, pid, output(), waitForLog(regex, ms), stop({ timeoutMs }) }.
 * `command` (default ['start']) runs another long-lived command, e.g.
 * ['worker', '--concurrency=5']; `logFile` appends the output there.
 */
async function startN8n(n8n, dir, { port, env: extraEnv, echo = !!process.env.N8N_E2E_ECHO, command = ['start'], logFile } = {}) {
	port = port || (await getFreePort());
	const env = await commandEnv(n8n, dir, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		...extraEnv,
	});
	const daemon = spawnDaemon(n8n.nodeBin, [n8n.n8nBin, ...command], {
		cwd: dir,
		env,
		label: `n8n ${n8n.version} ${command.join(' ')}`,
		echo,
		logFile,
	});
	return { port, url: `http://127.0.0.1:${port}`, ...daemon };
}

module.exports = { startN8n };
