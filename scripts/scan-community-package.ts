/**
 * n8n's verification scan, the gate a community package passes before n8n
 * verifies it, run on what we would publish: the source (package.json,
 * nodes/, credentials/) and the tarball `npm pack` makes of the built
 * package (every compiled .js, with no-console and n8n Cloud's restricted
 * imports). Exits 1 with ESLint's report when either leg fails. The caller
 * has run `npm run build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { scanCommunityPackage, type ScanLeg } from './lib/communityPackageScan';
import { REPO_ROOT } from './lib/n8nInstall';
import { packPackage, unpackPackage } from './lib/packedPackage';

const scratch = mkdtempSync(path.join(tmpdir(), 'fluenzr-scan-'));
try {
	const packed = packPackage(scratch);
	const legs: Array<[ScanLeg, string, string]> = [
		['source', 'the source: package.json, nodes/, credentials/', REPO_ROOT],
		['tarball', `the tarball ${path.basename(packed.tarball)}: every .js, package.json`, unpackPackage(packed, path.join(scratch, 'package'))],
	];
	for (const [leg, label, folder] of legs) {
		const result = scanCommunityPackage(leg, folder);
		console.log(`${label}: ${result.passed ? 'passed' : `FAILED (${result.message})`}`);
		if (result.details) console.log(result.details);
		if (!result.passed) process.exitCode = 1;
	}
} finally {
	rmSync(scratch, { recursive: true, force: true });
}
