/** Unit, contract and engine tests: everything but the real-n8n suites (test/e2e, test/queue). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/queue/'],
	transform: {
		// Type-checking is `npm run typecheck`'s job; transpiling alone keeps tests fast.
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	setupFiles: ['reflect-metadata'],
	testTimeout: 60000,
	maxWorkers: 2,
	// A worker leaves by letting its event loop empty, and Node.js then frees its whole heap: hundreds of
	// megabytes once n8n-core was loaded for each test file, which outlasts jest's 500 ms default on a busy
	// machine, and jest kills it with "A worker process has failed to exit gracefully" though nothing was
	// left open (docs/development.md, "Jest exits cleanly"). A real leak still shows, 10 s later.
	workerGracefulExitTimeout: 10_000,
};
