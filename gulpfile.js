// tsc compiles the TypeScript; n8n also needs each node's and credential's
// SVG icons beside the compiled files, which tsc does not copy.
const { src, dest, task } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.svg', 'nodes/**/*.png', 'credentials/**/*.svg', 'credentials/**/*.png'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist')),
);
