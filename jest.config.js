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
};
