'use strict';
/** The markdown of `npm run bench:n8n`: method, one table per n8n version, the goals. */
const os = require('node:os');
const childProcess = require('node:child_process');

// TypeScript helpers shared with `npm run bench` (the driver registers ts-node before loading this file)
const { best, median, table } = require('../../bench/util');

const NAMES = { kickserv: 'Kickserv node', http: 'HTTP Request + Split Out', fetch: 'plain fetch loop' };
const GOALS = { slow: { latencyMs: 150, ratio: 0.35 }, fast: { latencyMs: 0, ratio: 0.8 } };

const s = (ms) => (ms / 1000).toFixed(2);
const mb = (kb) => (kb / 1024).toFixed(0);
const x = (ratio) => `${ratio.toFixed(2)}x`;

/** Runs of one version grouped by latency, list and contender, with their summary figures. */
function summarise(version) {
	const groups = new Map();
	for (const r of version.runs) {
		const key = `${r.latencyMs}|${r.list}|${r.contender}`;
		if (!groups.has(key)) groups.set(key, { latencyMs: r.latencyMs, list: r.list, contender: r.contender, runs: [] });
		groups.get(key).runs.push(r);
	}
	for (const g of groups.values()) {
		const ms = g.runs.map((r) => r.ms);
		Object.assign(g, {
			best: best(ms),
			median: median(ms),
			all: ms,
			requests: median(g.runs.map((r) => r.requests)),
			bytes: median(g.runs.map((r) => r.bytes)),
			rssKb: median(g.runs.map((r) => r.rssKb)),
			wallMs: median(g.runs.map((r) => r.wallMs)),
		});
	}
	const get = (latencyMs, list, contender) => groups.get(`${latencyMs}|${list}|${contender}`);
	return { groups: [...groups.values()], get };
}

function versionTable(version, opts) {
	const { get } = summarise(version);
	const rows = [];
	for (const latencyMs of opts.latencies) {
		for (const list of opts.lists) {
			const http = get(latencyMs, list, 'http');
			for (const contender of ['kickserv', 'http', 'fetch']) {
				const g = get(latencyMs, list, contender);
				if (!g) continue;
				rows.push([
					`${latencyMs} ms`,
					`${list} ${opts.records / 1000}k`,
					NAMES[contender],
					s(g.best),
					s(g.median),
					http ? x(g.median / http.median) : '',
					g.requests,
					`${(g.bytes / 1e6).toFixed(1)} MB`,
					contender === 'fetch' ? `(${mb(g.rssKb)})` : mb(g.rssKb),
					g.all.map(s).join(', '),
				]);
			}
		}
	}
	return table(
		['Latency', 'List', 'Contender', 'Best s', 'Median s', 'vs HTTP (median)', 'Requests', 'JSON received', 'Peak RSS MB', 'All runs s'],
		rows,
		['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
	);
}

function goals(version, opts, inFlight) {
	const { get } = summarise(version);
	const rows = [];
	for (const { latencyMs, ratio } of [GOALS.slow, GOALS.fast]) {
		for (const list of opts.lists) {
			const k = get(latencyMs, list, 'kickserv');
			const h = get(latencyMs, list, 'http');
			if (!k || !h) continue;
			const measured = k.median / h.median;
			rows.push([
				`${latencyMs} ms, ${list}: Kickserv time ≤ ${ratio}x HTTP Request's`,
				`${x(measured)} (best ${x(k.best / h.best)})`,
				measured <= ratio ? 'met' : '**missed**',
				`${(k.median / k.requests).toFixed(1)} vs ${(h.median / h.requests).toFixed(1)} ms per request`,
			]);
		}
	}
	for (const list of opts.lists) {
		const k = get(0, list, 'kickserv');
		const h = get(0, list, 'http');
		if (!k || !h) continue;
		rows.push([
			`0 ms, ${list}: Kickserv peak RSS ≤ HTTP Request's`,
			`${mb(k.rssKb)} vs ${mb(h.rssKb)} MB`,
			k.rssKb <= h.rssKb ? 'met' : '**missed**',
			`execute of the Manual Trigger alone: ${mb(version.baseline.rssKb)} MB`,
		]);
	}
	for (const latencyMs of opts.latencies) {
		for (const list of opts.lists) {
			const k = get(latencyMs, list, 'kickserv');
			const f = get(latencyMs, list, 'fetch');
			if (!k || !f) continue;
			const bound = f.requests + inFlight - 1;
			rows.push([
				`${latencyMs} ms, ${list}: requests ≤ floor + (in flight − 1)`,
				`${k.requests} vs ${f.requests} + ${inFlight - 1}`,
				k.requests <= bound ? 'met' : '**missed**',
				`largest of the runs: ${Math.max(...k.runs.map((r) => r.requests))}`,
			]);
		}
	}
	for (const l of version.limits) {
		rows.push([`${l.list}: Limit 10 makes 1 request`, `${l.requests}`, l.requests === 1 && l.items === 10 ? 'met' : '**missed**', `${l.items} items`]);
	}
	return table(['Goal', 'Measured', 'Verdict', 'Detail'], rows, ['l', 'r', 'l', 'l']);
}

function uptime() {
	try {
		return childProcess.execFileSync('uptime', { encoding: 'utf8' }).trim();
	} catch {
		return os.loadavg().map((l) => l.toFixed(2)).join(', ');
	}
}

function report({ results, opts, load, inFlight, totalMs, problems }) {
	const cpus = os.cpus();
	const out = [];
	const p = (...lines) => out.push(...lines, '');
	p('# Real n8n: Return All against the HTTP Request node (`npm run bench:n8n`)');
	p(
		`Date: ${new Date().toISOString()}  `,
		`Machine: ${cpus[0] ? cpus[0].model.trim() : '?'}, ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}  `,
		`Load average (1/5/15 min) at the start: ${load.start.map((l) => l.toFixed(2)).join(' / ')}; at the end: ${load.end.map((l) => l.toFixed(2)).join(' / ')} ` +
			`(\`uptime\` at the end: ${uptime()}). The machine is shared with other sessions: every figure is slowed by their load at random.  `,
		`Command: \`npm run bench:n8n${opts.quick ? ' -- --quick' : ''}\` (scripts/n8n/bench-n8n.js), ${opts.rounds} round(s), total ${Math.round(totalMs / 1000)} s; ` +
			`the Kickserv node pages with ${inFlight} request(s) in flight (its default).`,
	);
	p(
		`Each n8n release runs as \`test:n8n\` installs it (1.x on the host Node ${process.version}, 2.x on Node 24), with the packed package in a fresh user folder's ` +
			'`.n8n/nodes`. Every run is one `n8n execute` of a workflow "Manual Trigger → contender" (the process starts, runs, prints and exits), against the ' +
			`Kickserv sandbox in the driver's process with one account of ${opts.records.toLocaleString('en-US')} customers and ${opts.records.toLocaleString('en-US')} jobs ` +
			'(customers: 25 a page, the server\'s size; jobs: `per_page=50`). Contenders: the **Kickserv node** (Get Many, Return All, Simplify off); ' +
			'the **HTTP Request node** 4.2 with its own pagination (`customers_page` / `page` = `$pageCount + 1`, complete when a page holds fewer than a full ' +
			'page, Basic Auth credential) followed by **Split Out**, so that both give one item per record; and a **plain fetch loop** (Node\'s `fetch`, ' +
			'keep-alive, one page at a time, same end rule) run as a process of its own under the same Node binary as that n8n.',
		'Time = the execution time n8n records for the contender\'s nodes in its run data (HTTP Request + Split Out added up); the fetch loop times itself. ' +
			'Latency: the sandbox waits that long before answering every request. Requests and JSON bytes are counted by the sandbox. Peak RSS = ' +
			'`ru_maxrss` of n8n\'s main process over the whole `execute` (start-up, the run, and printing the run data as JSON, which holds every ' +
			'output: twice the records for HTTP Request + Split Out); in brackets, the fetch loop\'s own process. The contenders alternate, their order ' +
			'rotating every round.',
	);
	for (const version of results) {
		p(`## n8n ${version.version}`);
		p(versionTable(version, opts));
		p(
			`Limit 10: ${version.limits.map((l) => `${l.list} ${l.requests} request(s), ${l.items} items`).join('; ')}. ` +
				`An execute of the Manual Trigger alone peaks at ${mb(version.baseline.rssKb)} MB RSS.`,
		);
	}
	const goalVersion = results.find((v) => v.version.startsWith('2.41')) || results[0];
	if (goalVersion) {
		p(`## Goals (n8n ${goalVersion.version}, one run of this script)`);
		if (opts.records !== 10000) {
			p(`(The goals are set for 10,000 records; with ${opts.records.toLocaleString('en-US')} the fixed cost of an execution weighs more: read these as a check of the script.)`);
		}
		p(goals(goalVersion, opts, inFlight));
		p(
			'Time ratios compare medians (best in brackets). Idle trigger polls are not run here (`n8n execute` cannot run a trigger): their ' +
				'request counts are measured by `npm run bench` (section 3 above) and asserted by the trigger tests.',
		);
		p(
			'How to read a miss: at 150 ms both nodes wait on the network, so the ratio is about the round trips (the HTTP Request node one ' +
				`per page; the Kickserv node two, then one per ${inFlight} pages) plus each request's CPU; at 0 ms the time is CPU on a shared ` +
				"machine: every page goes through n8n's request helpers in both nodes (a new connection per request, axios), the Kickserv node " +
				"skips the credential's database read, decryption and expression pass per page that the HTTP Request node pays, and its pages " +
				'in flight overlap only what the two cores, busy with other sessions, leave free. "ms per request" in the Detail column is the ' +
				'median time divided by the requests.',
		);
	}
	if (problems.length) p('## Problems', ...problems.map((text) => `- ${text}`));
	return out.join('\n').trimEnd();
}

module.exports = { report };
