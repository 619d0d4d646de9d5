'use strict';
/**
 * Loaded into every n8n process of `npm run bench:n8n` through NODE_OPTIONS=--require. At exit, writes
 * to $BENCH_RSS_DIR/<pid>.json the process's peak resident set size (getrusage ru_maxrss, KiB), its
 * command line (so that the driver can tell n8n's main process from its task runner) and a clock pair.
 * With $BENCH_CPU_PROFILE=1 it also profiles the whole process with V8's sampler (`--cpu-prof` is not
 * allowed in NODE_OPTIONS on Node 20) and writes $BENCH_RSS_DIR/<pid>.cpuprofile.
 */
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_RSS_DIR;

let session;
if (dir && process.env.BENCH_CPU_PROFILE === '1') {
	session = new (require('node:inspector').Session)();
	session.connect();
	session.post('Profiler.enable');
	session.post('Profiler.setSamplingInterval', { interval: 250 });
	session.post('Profiler.start');
}
if (dir) {
	process.on('exit', () => {
		try {
			const record = {
				pid: process.pid,
				argv: process.argv.slice(1),
				maxRssKb: process.resourceUsage().maxRSS,
				// the same instant on the wall clock and on the monotonic clock of V8's CPU profiles (µs),
				// to cut a profile to a node's execution window
				clock: { epochMs: Date.now(), monotonicUs: Number(process.hrtime.bigint() / 1000n) },
			};
			fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(record));
			// (an in-thread inspector session answers synchronously, so this works in an exit handler)
			if (session) session.post('Profiler.stop', (error, result) => {
				if (!error) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
			});
		} catch {
			// measuring must never change how n8n exits
		}
	});
}
