/**
 * `npm run test:alternatives`: the engine tests once per sandbox alternative (sandbox/server.ts
 * ALTERNATIVES: each a server that differs from the default in one way the API contract allows), as
 * jest projects in one run. Each project names the test folders the alternative can change.
 */
const base = require('./jest.config');

const ALL = ['<rootDir>/test/nodes/**/*.test.ts', '<rootDir>/test/trigger/**/*.test.ts', '<rootDir>/test/hardening/findings.test.ts'];
const NODES = ['<rootDir>/test/nodes/**/*.test.ts', '<rootDir>/test/hardening/findings.test.ts'];
const alternatives = {
	'page-cap-25': ALL,
	'page-cap-30': ALL,
	'payments-leave-job': ['<rootDir>/test/trigger/**/*.test.ts', '<rootDir>/test/hardening/findings.test.ts'],
	envelopes: ALL,
	'no-meta': NODES.concat('<rootDir>/test/trigger/newPayment.test.ts'),
	'customers-page-param': NODES,
	'older-errors': NODES,
	// the trigger stops on an oldest-first listing (an error naming the assumption): findings.test.ts
	// checks that; its own tests assume the newest-first listing they are about
	'oldest-first': NODES,
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
