import { KickservSandbox, type SandboxOptions } from '../../sandbox';
import type { TestCredential } from './engine';

export const TOKEN = 'sandbox-token-0001';

/**
 * The sandbox alternative this run plays (KICKSERV_SANDBOX_ALTERNATIVE, see sandbox/server.ts
 * ALTERNATIVES; `npm run test:alternatives` runs the engine tests under each). Tests stay right under
 * every one; only request counts depend on it, through the helpers below.
 */
export const ALTERNATIVE = process.env.KICKSERV_SANDBOX_ALTERNATIVE || 'default';

/** The page size /jobs.json really answers with (the node asks for 50; a server may cap it). */
export const jobsPerPage = (sandbox: KickservSandbox) => Math.min(50, sandbox.options.maxPerPage);

/**
 * Asserts the requests a trigger poll made over the job list: exactly `expected` where the server lists
 * newest first; where it lists oldest first, the node first finds the last page (doubling, then halving:
 * at most 2 log2(pages) + 2 requests more a poll).
 */
export function expectJobListRequests(sandbox: KickservSandbox, expected: number, polls = 1): void {
	if (sandbox.options.jobOrder === 'newest-first') {
		expect(sandbox.log).toHaveLength(expected);
		return;
	}
	const pages = Math.ceil(sandbox.store().listJobs().length / jobsPerPage(sandbox));
	expect(sandbox.log.length).toBeLessThanOrEqual(expected + polls * (2 * Math.ceil(Math.log2(pages + 1)) + 2));
}

/** Requests to page through `count` records in pages of `size`, the end proved by a short or empty page. */
export const pagesFor = (count: number, size: number) => Math.floor(count / size) + 1;

/**
 * New Payment's settings for this run: a server whose payments leave the job alone needs the thorough
 * mode (Check Every Watched Job), as the README says.
 */
export const PAYMENT_MODE = ALTERNATIVE === 'payments-leave-job' ? { everyJob: true } : {};
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
