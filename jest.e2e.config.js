/** The end-to-end suite: the packed package inside real n8n (see test/e2e). */
const base = require('./jest.config');
module.exports = {
	...base,
	roots: ['<rootDir>/test/e2e'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
	// One order on every machine: the files share an n8n user folder (see the sequencer).
	testSequencer: '<rootDir>/test/e2e/support/pathOrderSequencer.js',
	// Packs and installs the package into a fresh n8n user folder, starts the sandbox (see test/e2e/support).
	globalSetup: '<rootDir>/test/e2e/support/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/support/globalTeardown.ts',
};
