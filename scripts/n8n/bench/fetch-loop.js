'use strict';
/**
 * The plain fetch loop of `npm run bench:n8n`: what a script would do without n8n, run as its own
 * process under the same Node binary as the n8n release it is compared with. Node's global fetch
 * (keep-alive), Basic auth, the same page parameters and end rules as the other contenders, JSON.parse,
 * every record kept in memory. One page at a time.
 *
 * Usage: node fetch-loop.js '<json {baseUrl, slug, token, list, perPage}>'
 * Prints one JSON line: { ms, records, requests, bytes, first, last, maxRssKb }.
 */
const { baseUrl, slug, token, list, perPage } = JSON.parse(process.argv[2]);

const auth = `Basic ${Buffer.from(`${token}:${token}`).toString('base64')}`;
const pageUrl = (page) =>
	list === 'customers'
		? `${baseUrl}/${slug}/customers.json?customers_page=${page}`
		: `${baseUrl}/${slug}/jobs.json?page=${page}&per_page=${perPage}`;

async function main() {
	const records = [];
	let requests = 0;
	let bytes = 0;
	let largest = 0;
	const started = performance.now();
	for (let page = 1; page <= 20000; page++) {
		const res = await fetch(pageUrl(page), { headers: { Authorization: auth, Accept: 'application/json' } });
		const text = await res.text();
		requests++;
		bytes += Buffer.byteLength(text);
		if (!res.ok) throw new Error(`HTTP ${res.status} for page ${page}`);
		const body = JSON.parse(text);
		const rows = (Array.isArray(body) ? body : body[list]) || [];
		if (rows.length === 0) break;
		for (const row of rows) records.push(row);
		// the page size is learned: a page shorter than an earlier one is the last
		if (largest > 0 && rows.length < largest) break;
		largest = Math.max(largest, rows.length);
	}
	const ms = performance.now() - started;
	const id = (r) => (r ? (list === 'customers' ? r.customer_number : r.job_number) : null);
	const out = {
		ms,
		records: records.length,
		requests,
		bytes,
		first: id(records[0]),
		last: id(records[records.length - 1]),
		maxRssKb: process.resourceUsage().maxRSS,
	};
	process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
	process.exit(1);
});
