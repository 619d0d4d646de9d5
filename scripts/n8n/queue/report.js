'use strict';
/** test:queue figures: printed at the end and written to bench/QUEUE.md. */

const fs = require('node:fs');
const os = require('node:os');
const h = require('../n8n-harness');

const ms = (v) => (v === null || v === undefined ? 'n/a' : h.fmtMs(v));

function lines(fig) {
	const out = [];
	const { setup = {}, burst, triggers } = fig;
	out.push(`n8n ${fig.version} in queue mode: 1 main + ${fig.workers} workers, PostgreSQL ${fig.postgres || '?'}, Redis ${fig.redis || '?'}.`);
	out.push(`Machine: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end (shared with other jobs). Run ${fig.when}.`);
	out.push('');
	out.push('| Step | Time |');
	out.push('|---|---|');
	for (const [name, v] of Object.entries(setup)) out.push(`| ${name} | ${ms(v)} |`);
	if (burst) {
		out.push('');
		out.push(`**Burst** (webhook -> Create Job -> note): ${burst.size} calls answered in ${ms(burst.answeredMs)}, all executions finished in ${ms(burst.doneMs)} ` +
			`(${(burst.size / (burst.doneMs / 1000)).toFixed(1)} executions/s); per worker: ${Object.entries(burst.perWorker).map(([w, n]) => `${w} ${n}`).join(', ')}; ` +
			`jobs + notes exactly once in the sandbox: ${burst.jobsOk}/${burst.size}.`);
	}
	if (triggers) {
		const t = triggers;
		out.push('');
		out.push(`**Triggers** (New Job, New Payment on main; ${t.produced.jobs} jobs and ${t.produced.payments} payments created during the phase, plus the burst's jobs):`);
		out.push('');
		out.push('| Trigger | New records | Delivered | Misses | Duplicates | Delivered but old | Executions | Statuses | Static data |');
		out.push('|---|---|---|---|---|---|---|---|---|');
		for (const [key, p] of Object.entries(t.perTrigger)) {
			const statuses = Object.entries(p.statuses).map(([s, n]) => `${s} ${n}`).join(', ');
			out.push(`| ${key} | ${p.expected} | ${p.delivered} | ${p.misses} | ${p.duplicates} | ${p.unexpected} | ${p.executions} | ${statuses} | ${t.staticData[key]} B |`);
		}
		out.push('');
		t.restarts.forEach((r, i) =>
			out.push(`- Main restart ${i + 1}: graceful stop ${ms(r.stopMs)}, start to "Editor is now accessible" ${ms(r.startMs)}; no polling for ${ms(r.gapMs)} (stop signal to the first poll request).`),
		);
		const k = t.kill;
		out.push(
			`- Worker SIGKILL: ${k.inFlight.length ? `while running trigger execution(s) ${k.inFlight.map((id) => `#${id}`).join(', ')} (final status: ${k.finalStatuses.join(', ')})` : 'no trigger execution reached it before the kill'}, ${ms(k.killedAfterMs)} after restart 1.`,
		);
		out.push(`- Cron-tick executions with one worker left: ${t.tickExecs}. All delivered ${ms(t.drainMs)} into the phase; phase ${ms(t.phaseMs)}.`);
	}
	out.push('');
	out.push(`Total: ${ms(fig.totalMs)}. Result: ${fig.ok ? 'PASSED' : 'FAILED'}.`);
	return out;
}

function write(file, fig) {
	const body = [
		'# test:queue results',
		'',
		'Written by `QUEUE_RESULTS=bench/QUEUE.md npm run test:queue` (scripts/n8n/test-queue.js): the package in real n8n queue mode,',
		'PostgreSQL + Redis from Debian packages, the Kickserv sandbox as the API.',
		'',
		...lines(fig),
		'',
	].join('\n');
	fs.writeFileSync(file, body);
}

module.exports = { lines, write };
