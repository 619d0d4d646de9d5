/**
 * `npm run sandbox [-- --port N] [--slug S] [--token T] [--large] [--latency MS] [--alternative NAME]`
 * Starts the Kickserv sandbox on 127.0.0.1 (default port 5680; 0 = ephemeral) with the demo account
 * seeded, prints the credential values to use and stays up until Ctrl-C.
 */
import { ALTERNATIVES, KickservSandbox, alternative } from './server';
import { generateLarge } from './seed';

function arg(argv: string[], name: string): string | undefined {
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === `--${name}`) return argv[i + 1];
		if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
	}
	return undefined;
}

async function main(argv: string[]): Promise<void> {
	if (argv.includes('--help') || argv.includes('-h')) {
		process.stdout.write(
			'Usage: npm run sandbox -- [--port N] [--slug SLUG] [--token TOKEN] [--large] [--latency MS]\n' +
				'  --port     port on 127.0.0.1 (default 5680, 0 = ephemeral)\n' +
				'  --slug     account slug (default demo-hvac)\n' +
				'  --token    API token (default sandbox-token-0001)\n' +
				'  --large    add 100,000 generated customers and jobs to the demo account\n' +
				'  --latency  milliseconds added to every request\n' +
				`  --alternative  serve one alternative the API contract allows: ${Object.keys(ALTERNATIVES).join(', ')}\n`,
		);
		return;
	}
	const portArg = arg(argv, 'port');
	const port = portArg === undefined ? 5680 : Number(portArg);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port: ${portArg}`);
	const slug = arg(argv, 'slug') ?? 'demo-hvac';
	const token = arg(argv, 'token') ?? 'sandbox-token-0001';
	const latency = Number(arg(argv, 'latency') ?? 0);

	const sandbox = new KickservSandbox({
		accounts: [{ slug, token, seed: 'demo' }],
		latencyMs: Number.isFinite(latency) ? latency : 0,
		...alternative(arg(argv, 'alternative')),
	});
	if (argv.includes('--large')) generateLarge(sandbox.store(), { customers: 100_000, jobs: 100_000 });
	const baseUrl = await sandbox.start(port);
	const counts = sandbox.store().counts;

	process.stdout.write(
		[
			`Kickserv sandbox listening on ${baseUrl}${arg(argv, 'alternative') ? ` (alternative: ${arg(argv, 'alternative')})` : ''}`,
			`Account "${slug}": ${counts.customers} customers, ${counts.jobs} jobs, ${counts.notes} notes, ${counts.payments} payments`,
			'',
			'Credential values (Kickserv API credential in n8n):',
			`  Account Slug: ${slug}`,
			`  API Token:    ${token}`,
			`  Base URL:     ${baseUrl}`,
			'',
			`Try: curl -u ${token}:${token} ${baseUrl}/${slug}/customers.json`,
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);

	let stopping = false;
	const shutdown = (): void => {
		if (stopping) return;
		stopping = true;
		process.stdout.write('\nStopping sandbox...\n');
		sandbox.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main(process.argv.slice(2)).catch((err: unknown) => {
	process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
});
