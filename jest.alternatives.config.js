/**
 * `npm run test:alternatives`: the engine tests once per sandbox alternative (sandbox/server.ts
 * ALTERNATIVES: each a server that differs from the default in one way the API contract allows), as
 * jest projects in one run. Each project names the test folders the alternative can change.
 */
const base = require('./jest.config');

const t = (...files) => files.map((file) => `<rootDir>/test/${file}.test.ts`);
const TRIGGER = t('trigger/newJob', 'trigger/newPayment', 'trigger/randomized');
const FINDINGS = t('hardening/findings');
/**
 * Each alternative runs the tests of what it can change: paging and page sizes reach every list and
 * every trigger event; envelopes and error shapes every operation; the listing order the job list (the
 * trigger stops on it with an error that findings.test.ts checks: its own tests are about the newest-first
 * listing); payments that leave the job alone reach New Payment. The 300-scenario randomized
 * exactly-once test runs under every alternative that reaches the trigger.
 */
const alternatives = {
	'page-cap-25': [...t('nodes/paging', 'nodes/job'), ...TRIGGER, ...FINDINGS],
	'page-cap-30': [...t('nodes/paging', 'nodes/job'), ...TRIGGER, ...FINDINGS],
	'payments-leave-job': [...t('trigger/newPayment', 'trigger/randomized'), ...FINDINGS],
	envelopes: ['<rootDir>/test/nodes/**/*.test.ts', ...TRIGGER, ...FINDINGS],
	'no-meta': [...t('nodes/paging', 'nodes/payment'), ...t('trigger/newPayment', 'trigger/randomized')],
	'customers-page-param': [...t('nodes/paging', 'nodes/customer'), ...FINDINGS],
	'older-errors': ['<rootDir>/test/nodes/**/*.test.ts', ...FINDINGS],
	'oldest-first': [...t('nodes/paging', 'nodes/job'), ...TRIGGER, ...FINDINGS],
};

/** @type {import('jest').Config} */
module.exports = {
	reporters: base.reporters,
	testTimeout: base.testTimeout,
	forceExit: true,
	projects: Object.entries(alternatives).map(([name, testMatch]) => ({
		displayName: name,
		rootDir: __dirname,
		testEnvironment: 'node',
		transform: base.transform,
		testMatch,
		globals: { KICKSERV_SANDBOX_ALTERNATIVE: name },
		setupFiles: ['<rootDir>/test/setup-env.js', '<rootDir>/test/setup-alternative.js'],
	})),
};
