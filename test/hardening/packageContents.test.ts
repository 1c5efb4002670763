/**
 * What `npm publish` would ship: the built nodes and credential, the
 * manifest, the README and the licence, nothing else, and no runtime
 * dependency (n8n's rules for community nodes, and the least to trust).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const SHIPPED_BESIDE_DIST = ['LICENSE', 'README.md', 'package.json'];

interface PackageManifest {
	dependencies?: Record<string, string>;
	bundleDependencies?: unknown;
	bundledDependencies?: unknown;
	peerDependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageManifest;

/** The files `npm pack` would put in the tarball, as npm itself lists them. */
async function packedFiles(): Promise<string[]> {
	const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
	const [pack] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
	return pack.files.map((file) => file.path).sort();
}

describe('the published package', () => {
	let files: string[];

	beforeAll(async () => {
		// The test command builds first; a bare `jest` on a fresh clone builds here.
		if (!existsSync(join(ROOT, 'dist'))) await run('npm', ['run', 'build'], { cwd: ROOT });
		files = await packedFiles();
	}, 180_000);

	it('holds only dist/**, package.json, README.md and LICENSE', () => {
		expect(files.filter((path) => !path.startsWith('dist/') && !SHIPPED_BESIDE_DIST.includes(path))).toEqual([]);
	});

	it('holds package.json, README.md and LICENSE', () => {
		expect(files).toEqual(expect.arrayContaining(SHIPPED_BESIDE_DIST));
	});

	it('holds every node and credential the n8n block names', () => {
		expect(manifest.n8n.nodes.length + manifest.n8n.credentials.length).toBeGreaterThan(0);
		expect([...manifest.n8n.nodes, ...manifest.n8n.credentials].filter((path) => !files.includes(path))).toEqual([]);
	});

	it('holds a class of the declared kind in each file the n8n block names', () => {
		const exported = (path: string) => Object.values(require(join(ROOT, path)) as Record<string, new () => object>);
		for (const path of manifest.n8n.nodes) {
			expect(exported(path).map((type) => 'description' in new type())).toContain(true);
		}
		for (const path of manifest.n8n.credentials) {
			expect(exported(path).map((type) => 'properties' in new type())).toContain(true);
		}
	});

	it('ships no build leftovers, sources or test code', () => {
		const strays = files.filter(
			(path) =>
				path.endsWith('.tsbuildinfo') ||
				(path.endsWith('.ts') && !path.endsWith('.d.ts')) ||
				/(^|\/)(test|tests|bench|scripts|examples)\//.test(path),
		);
		expect(strays).toEqual([]);
	});

	it('has no runtime dependencies: n8n provides n8n-workflow, nothing else is installed with it', () => {
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.bundleDependencies ?? manifest.bundledDependencies).toBeUndefined();
		expect(Object.keys(manifest.peerDependencies ?? {})).toEqual(['n8n-workflow']);
	});
});
