/** Unit, contract and engine tests: everything but the real-n8n end-to-end suite. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		// Type-checking is `npm run typecheck`'s job; transpiling alone keeps tests fast.
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	setupFiles: ['reflect-metadata'],
	testTimeout: 60000,
	maxWorkers: 2,
};
