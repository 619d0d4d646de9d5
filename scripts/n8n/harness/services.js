'use strict';
/**
 * Servers from Debian packages, started for one run: redis-server and
 * PostgreSQL, each on a free loopback port with its data in a temp folder,
 * installed with apt-get when missing (as root), stopped by stop() and in any
 * case killed when this process exits (see process.js).
 */

const fs = require('node:fs');
const path = require('node:path');
const { log, fmtMs, getFreePort } = require('./util');
const { run, mkTemp } = require('./process');
const { spawnDaemon } = require('./daemon');

const APT_TIMEOUT = 15 * 60 * 1000;

/** First existing file among `candidates`. */
function firstExisting(candidates) {
	return candidates.find((f) => f && fs.existsSync(f));
}

/** The bin folder of the newest PostgreSQL server installed the Debian way (/usr/lib/postgresql/<major>/bin). */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const majors = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : null;
}

const redisBin = () => firstExisting(['/usr/bin/redis-server', '/usr/local/bin/redis-server']);

/**
 * `apt-get install` the Debian packages when `present()` is false; runs
 * `apt-get update` first only if the install fails without it. Returns the
 * install time in ms (0 when already installed).
 */
async function ensureDebianPackages(packages, present) {
	if (present()) return 0;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`${packages.join(', ')} missing and not running as root: sudo apt-get install -y ${packages.join(' ')}`);
	}
	const t0 = Date.now();
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = (allowFailure) =>
		run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...packages], {
			env,
			timeoutMs: APT_TIMEOUT,
			allowFailure,
			label: `apt-get install ${packages.join(' ')}`,
		});
	log(`apt-get install ${packages.join(' ')} ...`);
	const first = await install(true);
	if (first.code !== 0 || !present()) {
		await run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update'], { env, timeoutMs: APT_TIMEOUT, label: 'apt-get update' });
		await install(false);
	}
	if (!present()) throw new Error(`apt-get installed ${packages.join(', ')} but the server binary is still missing`);
	const ms = Date.now() - t0;
	log(`${packages.join(', ')} installed in ${fmtMs(ms)}`);
	return ms;
}

/** redis-server on 127.0.0.1:<free port>, no persistence, working dir in a temp folder. Returns { port, installMs, startMs, stop(), ...daemon }. */
async function startRedis({ logFile } = {}) {
	const installMs = await ensureDebianPackages(['redis-server'], () => !!redisBin());
	const t0 = Date.now();
	const dir = mkTemp('n8n-queue-redis-');
	const port = await getFreePort();
	const daemon = spawnDaemon(
		redisBin(),
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
		{ cwd: dir, env: process.env, label: `redis-server :${port}`, logFile },
	);
	await daemon.waitForLog(/Ready to accept connections/, 60000);
	return { ...daemon, port, installMs, startMs: Date.now() - t0 };
}

/**
 * PostgreSQL on 127.0.0.1:<free port> with a fresh cluster in a temp folder
 * (trust auth on loopback, fsync off: test data only) and a database `database`.
 * As root the server runs as the `postgres` user Debian's package creates.
 * Returns { port, user, database, installMs, startMs, stop(), ...daemon }.
 */
async function startPostgres({ database = 'n8n', logFile } = {}) {
	const installMs = await ensureDebianPackages(['postgresql'], () => !!postgresBinDir());
	const t0 = Date.now();
	const bin = postgresBinDir();
	const asUser = {};
	const dir = mkTemp('n8n-queue-pg-');
	if (typeof process.getuid === 'function' && process.getuid() === 0) {
		const id = (flag) => Number(fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:')).split(':')[flag]);
		Object.assign(asUser, { uid: id(2), gid: id(3) });
		fs.chownSync(dir, asUser.uid, asUser.gid);
	}
	const data = path.join(dir, 'data');
	const env = { ...process.env, LC_ALL: 'C.UTF-8' };
	const runAs = (cmd, args, label) => run(cmd, args, { env, cwd: dir, label, timeoutMs: 120000, ...asUser });
	await runAs(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], 'initdb');
	const port = await getFreePort();
	const daemon = spawnDaemon(
		path.join(bin, 'postgres'),
		['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
		{ cwd: dir, env, label: `postgres :${port}`, logFile, ...asUser },
	);
	await daemon.waitForLog(/database system is ready to accept connections/, 60000);
	await runAs(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database], `createdb ${database}`);
	// SIGINT = PostgreSQL's "fast" shutdown
	const stop = (opts = {}) => daemon.stop({ signal: 'SIGINT', ...opts });
	return { ...daemon, stop, port, user: 'postgres', database, installMs, startMs: Date.now() - t0 };
}

module.exports = { startRedis, startPostgres, ensureDebianPackages };
