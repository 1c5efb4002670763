/** The end-to-end suite: the packed package inside real n8n (see test/e2e). */
const base = require('./jest.config');
module.exports = {
	...base,
	roots: ['<rootDir>/test/e2e'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
};
