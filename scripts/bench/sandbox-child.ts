/**
 * The sandbox in a process of its own, for the client-only diagnosis of scripts/bench.ts (section 5):
 * with the server elsewhere, the client's profile holds only client work and the node/floor ratio is
 * not diluted by the server's share of one event loop. Seeds the accounts it is sent, answers its base URL.
 */
import { KickservSandbox, generateLarge } from '../../sandbox';

export interface SandboxChildAccount {
	slug: string;
	token: string;
	customers: number;
	jobs: number;
}

process.once('message', async (accounts: SandboxChildAccount[]) => {
	const sandbox = new KickservSandbox({ accounts: accounts.map(({ slug, token }) => ({ slug, token, seed: 'empty' as const })) });
	for (const a of accounts) generateLarge(sandbox.store(a.slug), { customers: a.customers, jobs: a.jobs });
	const baseUrl = await sandbox.start(0);
	process.send!({ baseUrl });
	process.on('message', (m) => {
		if (m === 'stop') void sandbox.stop().then(() => process.exit(0));
	});
	process.on('disconnect', () => process.exit(0));
});
