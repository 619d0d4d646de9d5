import { KickservSandbox, type SandboxOptions } from '../../sandbox';
import type { TestCredential } from './engine';

export const TOKEN = 'sandbox-token-0001';
export const SLUG = 'demo-hvac';

/** A sandbox on an ephemeral loopback port for one test file, with the credential pointing at it. */
export function useSandbox(options: SandboxOptions = {}) {
	const context = {
		sandbox: undefined as unknown as KickservSandbox,
		credentials: undefined as unknown as TestCredential,
		/** Requests the sandbox received since the last `clearLog()` (method + path). */
		requests: () => context.sandbox.log.map((r) => `${r.method} ${r.path.replace(`/${SLUG}`, '')}`),
	};
	beforeAll(async () => {
		context.sandbox = new KickservSandbox({
			accounts: [{ slug: SLUG, token: TOKEN, seed: 'demo' }],
			...options,
		});
		const baseUrl = await context.sandbox.start(0);
		context.credentials = { accountSlug: SLUG, apiToken: TOKEN, baseUrl };
	});
	afterAll(async () => {
		await context.sandbox.stop();
	});
	beforeEach(() => context.sandbox.clearLog());
	return context;
}
