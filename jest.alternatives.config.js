/**
 * `npm run test:alternatives`: the engine tests once per sandbox alternative (sandbox/options.ts
 * ALTERNATIVES: each a server that differs from the default in one way the API contract allows), as
 * jest projects in one run. Each project names the test folders the alternative can change.
 */
const base = require('./jest.config');

const t = (...files) => files.map((file) => `<rootDir>/test/${file}.test.ts`);
const EVENTS = t('trigger/newJob', 'trigger/newPayment');
const TRIGGER = [...EVENTS, ...t('trigger/randomized')];
const FINDINGS = t('hardening/findings');
const FIDELITY = t('hardening/fidelity');
/**
 * Each alternative runs the tests of what it can change: paging and page sizes reach every list and
 * every trigger event; envelopes and error shapes every operation; the listing order the job list (the
 * trigger stops on it with an error that findings.test.ts checks: its own tests are about the newest-first
 * listing); payments that leave the job alone reach New Payment. The 300-scenario randomized
 * exactly-once test runs under each alternative that changes how the trigger reads (page size: the
 * official 30; listing order; payments that leave the job alone), not again under the envelope, meta and
 * 25 cap variants, which the event tests cover (the randomized test is most of this run's time).
 */
const alternatives = {
	'page-cap-25': [...t('nodes/paging', 'nodes/job'), ...EVENTS, ...FINDINGS],
	'page-cap-30': [...t('nodes/paging', 'nodes/job'), ...TRIGGER, ...FINDINGS],
	'payments-leave-job': [...t('trigger/newPayment', 'trigger/randomized'), ...FINDINGS],
	envelopes: ['<rootDir>/test/nodes/**/*.test.ts', ...EVENTS, ...FINDINGS],
	'no-meta': [...t('nodes/paging', 'nodes/payment', 'trigger/newPayment')],
	'customers-page-param': [...t('nodes/paging', 'nodes/customer', 'trigger/newCustomer'), ...FINDINGS],
	'older-errors': ['<rootDir>/test/nodes/**/*.test.ts', ...FINDINGS],
	'oldest-first': [...t('nodes/paging', 'nodes/job', 'trigger/invoicePaid', 'trigger/newOpportunity', 'trigger/wholeAccount'), ...TRIGGER, ...FINDINGS],
	// issue 17's alternatives: where the node stops with an error naming the guess, fidelity.test.ts checks
	// the error; where it adapts, the tests of what it changes run as they are (the account-wide trigger
	// with its randomized sequences under both active-job lists)
	'customers-by-name': [...FIDELITY],
	'task-to-inclusive': [...t('nodes/field-work'), ...FIDELITY],
	'part-paid-left-out': [...FIDELITY],
	'job-list-paged': [...t('trigger/wholeAccount'), ...FIDELITY],
	'job-list-labels': [...t('trigger/wholeAccount'), ...FIDELITY],
	'xml-only-lists': [...FIDELITY],
	'singular-keys': [...t('nodes/sales', 'nodes/field-work'), ...FIDELITY],
};

/** @type {import('jest').Config} */
module.exports = {
	reporters: base.reporters,
	testTimeout: base.testTimeout,
	forceExit: true,
	maxWorkers: base.maxWorkers,
	workerGracefulExitTimeout: base.workerGracefulExitTimeout,
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
