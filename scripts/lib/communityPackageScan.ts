/**
 * n8n's verification scan of a community package (@n8n/scan-community-package),
 * one leg at a time, offline: see runCommunityPackageScan.mjs beside this file.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { shellEnvironment } from './shellEnvironment';

/** `source`: package.json, nodes/ and credentials/ of a checkout; `tarball`: every .js and package.json of the unpacked tarball. */
export type ScanLeg = 'source' | 'tarball';

export interface ScanResult {
	passed: boolean;
	message?: string;
	/** ESLint's report (file, line, message, rule), when something failed. */
	details?: string;
}

const SCANNER = path.join(__dirname, 'runCommunityPackageScan.mjs');

export function scanCommunityPackage(leg: ScanLeg, folder: string): ScanResult {
	const output = execFileSync(process.execPath, [SCANNER, leg, folder], {
		encoding: 'utf8',
		env: shellEnvironment(),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return JSON.parse(output) as ScanResult;
}
