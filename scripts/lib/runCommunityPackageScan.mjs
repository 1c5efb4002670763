// n8n's verification scan (@n8n/scan-community-package) of one folder, as its
// analyzePackageByName runs it on a package it verifies, without the network:
// the source leg lints the package's source checkout, the tarball leg the
// unpacked tarball npm publishes. A separate process because the scanner is
// ESM loading ESLint, which jest's CommonJS module registry refuses.
// argv: <source|tarball> <folder>; stdout: { passed, message?, details? }.
import path from 'node:path';
import tmp from 'tmp';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

// The scanner makes a download folder when it loads (for the packages it
// would fetch); remove it on exit instead of leaving one per scan.
tmp.setGracefulCleanup();

const FILE_PATTERNS = {
	source: SOURCE_FILE_PATTERNS,
	// analyzePackageByName's own patterns for the tarball: compiled .js and the published package.json.
	tarball: ['**/*.js', 'package.json'],
};

const [leg, folder] = process.argv.slice(2);
if (!FILE_PATTERNS[leg] || !folder) {
	process.stderr.write('usage: runCommunityPackageScan.mjs <source|tarball> <folder>\n');
	process.exit(2);
}
const { passed, message, details } = await analyzePackage(path.resolve(folder), FILE_PATTERNS[leg]);
process.stdout.write(JSON.stringify({ passed, message, details }));
