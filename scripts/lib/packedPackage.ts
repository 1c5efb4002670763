/**
 * The package as users get it: `npm pack` makes the tarball that npm would
 * publish, and it is installed the way n8n 2.41 installs a community package
 * (CommunityPackagesService.downloadPackage): unpacked into
 * `<user folder>/.n8n/nodes/node_modules/<name>`, its dev/peer/optional
 * dependencies struck from its package.json, `npm install` run inside it with
 * n8n's flags, and the package recorded in `.n8n/nodes/package.json`.
 * What n8n loads is therefore exactly what the tarball holds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { n8nInstall, REPO_ROOT } from './n8nInstall';

export interface PackedPackage {
	name: string;
	version: string;
	tarball: string;
	/** Paths inside the tarball, relative to the package root. */
	files: string[];
}

interface NpmPackEntry {
	name: string;
	version: string;
	filename: string;
	files: Array<{ path: string }>;
}

/** `npm pack` of the built package into `destination`. The caller has run `npm run build`. */
export function packPackage(destination: string): PackedPackage {
	const packageJson = readPackageJson(REPO_ROOT);
	for (const entry of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
		if (!existsSync(path.join(REPO_ROOT, entry))) {
			throw new Error(`${entry} is missing: run \`npm run build\` before packing`);
		}
	}
	mkdirSync(destination, { recursive: true });
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [entry] = JSON.parse(output) as NpmPackEntry[];
	return {
		name: entry.name,
		version: entry.version,
		tarball: path.join(destination, entry.filename),
		files: entry.files.map((file) => file.path),
	};
}

/** The tarball's files, as npm would install them, in `folder` (emptied first). */
export function unpackPackage(packed: PackedPackage, folder: string): string {
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	execFileSync('tar', ['-xzf', packed.tarball, '-C', folder, '--strip-components=1']);
	return folder;
}

/** Where n8n looks for community packages in a user folder. */
export function communityNodesFolder(userFolder: string): string {
	return path.join(userFolder, '.n8n', 'nodes');
}

/** Installs (or replaces) the packed package in the user folder, as n8n's "Install community node" would. */
export function installPackedPackage(packed: PackedPackage, userFolder: string): string {
	const nodesFolder = communityNodesFolder(userFolder);
	const packageFolder = path.join(nodesFolder, 'node_modules', packed.name);
	unpackPackage(packed, packageFolder);

	const { devDependencies, peerDependencies, optionalDependencies, ...installed } = readPackageJson(packageFolder);
	writeFileSync(path.join(packageFolder, 'package.json'), JSON.stringify(installed, null, 2));
	execFileSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageFolder, env: { ...process.env, PATH: n8nInstall().path }, stdio: ['ignore', 'pipe', 'pipe'] },
	);

	recordInLedger(nodesFolder, packed);
	return packageFolder;
}

/** n8n keeps `.n8n/nodes/package.json` as its list of installed community packages. */
function recordInLedger(nodesFolder: string, packed: PackedPackage): void {
	const ledgerPath = path.join(nodesFolder, 'package.json');
	const ledger: { dependencies?: Record<string, string>; [field: string]: unknown } = existsSync(ledgerPath)
		? JSON.parse(readFileSync(ledgerPath, 'utf8'))
		: { name: 'installed-nodes', private: true };
	ledger.dependencies = { ...ledger.dependencies, [packed.name]: packed.version };
	writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
}

interface PackageJson {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
	[field: string]: unknown;
}

function readPackageJson(folder: string): PackageJson {
	return JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as PackageJson;
}
