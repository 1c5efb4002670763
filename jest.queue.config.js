/**
 * The queue-mode suite: the packed package in real n8n 2.x queue mode
 * (PostgreSQL, Redis, main, 2 workers, 2 webhook processes; see test/queue).
 * Each test file starts and stops its own installation.
 */
const base = require('./jest.config');
module.exports = {
	...base,
	roots: ['<rootDir>/test/queue'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
};
