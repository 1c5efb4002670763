/**
 * Runs the end-to-end files in path order. Jest's default order puts the
 * files that took longest last time first, read from its cache (/tmp/jest_*,
 * shared by every clone on a machine), so the order, and whatever one file
 * leaves in the n8n user folder the files share, changed with the history
 * of the machine: a burst test's workflow left published broke the trigger
 * test on n8n 1.x only when the cache put the burst test first. One order
 * everywhere makes a failure reproduce on the next run, and anywhere.
 */
const Sequencer = require('@jest/test-sequencer').default;

class PathOrderSequencer extends Sequencer {
	sort(tests) {
		return [...tests].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	}
}

module.exports = PathOrderSequencer;
