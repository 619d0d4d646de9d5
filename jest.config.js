/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	setupFiles: ['<rootDir>/test/setup-env.js'],
	testTimeout: 60000,
	forceExit: true,
	// jest's default is one worker on a 2-core machine: the tests wait on loopback HTTP, two keep both cores busy
	maxWorkers: 2,
	// A worker that leaks nothing (n8n-core's SSH clean-up interval is stopped by test/harness/engine.ts)
	// reaches 'exit' within ~70 ms of jest's end message, but Node's teardown of a process that loaded
	// n8n-core (its module graph, a few hundred MB of heap) takes 170-390 ms measured on this 2-core machine
	// under load, more when it is busier: past jest's default of 500 ms jest kills the worker and blames a
	// leak. A worker that really hangs is still reported, after this.
	workerGracefulExitTimeout: 5000,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
