/**
 * n8n's verification scan (@n8n/scan-community-package) can fail on what we
 * ship: a console.log and a require("fs") planted in a compiled file of the
 * packed tarball, one that the scan's source leg never reads (client/), fail
 * it by rule, and the tarball as packed passes. `npm test` runs the scan
 * itself on the source and the tarball (scripts/scan-community-package.ts).
 * Needs `npm run build`.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { scanCommunityPackage, type ScanResult } from '../../scripts/lib/communityPackageScan';
import { packPackage, unpackPackage } from '../../scripts/lib/packedPackage';

// On a new line: a compiled file ends in a sourceMappingURL comment without one, which would swallow the code.
const PLANTED = '\nconsole.log("planted");\nrequire("fs");\n';

let scratch: string;
let plantedFile: string;
let asPacked: ScanResult;
let planted: ScanResult;

beforeAll(() => {
	scratch = mkdtempSync(path.join(tmpdir(), 'fluenzr-scan-test-'));
	const packed = packPackage(scratch);
	const clean = unpackPackage(packed, path.join(scratch, 'clean'));
	const copy = path.join(scratch, 'planted');
	cpSync(clean, copy, { recursive: true });
	plantedFile = packed.files.find((file) => /^dist\/client\/[^/]+\.js$/.test(file)) ?? '';
	appendFileSync(path.join(copy, plantedFile), PLANTED);

	asPacked = scanCommunityPackage('tarball', clean);
	planted = scanCommunityPackage('tarball', copy);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("n8n's verification scan of the packed tarball", () => {
	it('passes the tarball as npm packs it', () => {
		expect(asPacked).toEqual({ passed: true });
	});

	it('fails a compiled file that logs to the console, naming the file and no-console', () => {
		expect(planted.passed).toBe(false);
		expect(planted.details).toContain(plantedFile);
		expect(planted.details).toMatch(/Unexpected console statement +no-console/);
	});

	it("fails a compiled file that requires Node.js's fs, n8n Cloud's restricted imports", () => {
		expect(planted.passed).toBe(false);
		expect(planted.details).toMatch(/Require of 'fs' is not allowed.* @n8n\/community-nodes\/no-restricted-imports/);
	});
});
