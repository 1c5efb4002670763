/**
 * The package.json lint can fail: both of n8n's rule sets really run on
 * package.json. A package.json that breaks n8n's rules for community nodes
 * (a runtime dependency, an install script, no community keyword, an author
 * without email) is reported by rule, and ours lints clean. Lints through
 * ESLint's Node API with the project's eslint.config.mjs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { shellEnvironment } from '../../scripts/lib/shellEnvironment';

const ROOT = path.resolve(__dirname, '..', '..');
const OURS = readFileSync(path.join(ROOT, 'package.json'), 'utf8');

interface LintMessage {
	ruleId: string | null;
	severity: 1 | 2;
	message: string;
}

type PackageJson = Record<string, unknown> & { scripts: Record<string, string>; keywords: string[]; author: Record<string, string> };

/** Ours, changed by `change`: each bad variant breaks one rule and keeps everything else as shipped. */
function oursWith(change: (manifest: PackageJson) => void): string {
	const manifest = JSON.parse(OURS) as PackageJson;
	change(manifest);
	return `${JSON.stringify(manifest, null, 2)}\n`;
}

const VARIANTS = {
	ours: OURS,
	withRuntimeDependency: oursWith((manifest) => (manifest.dependencies = { axios: '^1.7.0' })),
	withInstallScript: oursWith((manifest) => (manifest.scripts.postinstall = 'node scripts/setup.js')),
	withoutCommunityKeyword: oursWith(
		(manifest) => (manifest.keywords = manifest.keywords.filter((keyword) => keyword !== 'n8n-community-node-package')),
	),
	withoutAuthorEmail: oursWith((manifest) => delete manifest.author.email),
	allAtOnce: oursWith((manifest) => {
		manifest.dependencies = { axios: '^1.7.0' };
		manifest.scripts.postinstall = 'node scripts/setup.js';
		manifest.keywords = ['fluenzr'];
	}),
};

let lint: Record<keyof typeof VARIANTS, LintMessage[]>;

const errorsOf = (variant: keyof typeof VARIANTS) =>
	lint[variant].filter((message) => message.severity === 2).map((message) => message.ruleId);

beforeAll(() => {
	const input = Object.entries(VARIANTS).map(([name, text]) => ({ name, text }));
	const output = execFileSync(process.execPath, [path.join(__dirname, 'support', 'lintPackageJson.mjs'), ROOT], {
		input: JSON.stringify(input),
		encoding: 'utf8',
		env: shellEnvironment(),
	});
	lint = JSON.parse(output) as typeof lint;
}, 60_000);

describe("n8n's community-node lint of package.json", () => {
	it('finds nothing to report in our package.json (no error, no warning)', () => {
		expect(lint.ours).toEqual([]);
	});

	it('reports a runtime dependency (@n8n/eslint-plugin-community-nodes)', () => {
		expect(errorsOf('withRuntimeDependency')).toEqual(['@n8n/community-nodes/no-runtime-dependencies']);
	});

	it('reports an install script that would run on every n8n that installs the package', () => {
		expect(errorsOf('withInstallScript')).toEqual(['@n8n/community-nodes/no-forbidden-lifecycle-scripts']);
		expect(lint.withInstallScript[0].message).toContain('"postinstall"');
	});

	it('reports a missing n8n-community-node-package keyword (eslint-plugin-n8n-nodes-base)', () => {
		expect(errorsOf('withoutCommunityKeyword')).toEqual(['n8n-nodes-base/community-package-json-keywords-without-official-tag']);
	});

	it('reports an author without an email', () => {
		expect(errorsOf('withoutAuthorEmail')).toEqual(['@n8n/community-nodes/valid-author']);
	});

	it('reports every broken rule of one package.json at once', () => {
		expect(errorsOf('allAtOnce').sort()).toEqual(
			[
				'@n8n/community-nodes/no-forbidden-lifecycle-scripts',
				'@n8n/community-nodes/no-runtime-dependencies',
				'n8n-nodes-base/community-package-json-keywords-without-official-tag',
			].sort(),
		);
	});
});
