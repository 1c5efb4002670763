/**
 * Where the pinned n8n lives. scripts/n8n-env.sh is the one place that knows
 * the version and the cache folder; this reads its answers instead of
 * repeating them, so the scripts and the tests can never disagree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface N8nInstall {
	version: string;
	/** The `n8n` executable. */
	bin: string;
	/** The folder holding n8n's node_modules (bcryptjs is read from there). */
	home: string;
	/** PATH with Node.js 24 first (n8n 2.x needs it; npm then runs under it too). */
	path: string;
}

let resolved: N8nInstall | undefined;

export function n8nInstall(): N8nInstall {
	resolved ??= readN8nEnv();
	return resolved;
}

/** Throws the fix a newcomer needs when the one-time install has not run yet. */
export function assertN8nInstalled(): N8nInstall {
	const install = n8nInstall();
	if (!existsSync(path.join(install.home, '.complete')) || !existsSync(install.bin)) {
		throw new Error(
			`n8n ${install.version} is not installed in ${install.home}. Run \`bash scripts/install-n8n.sh\` once (5-10 minutes; \`npm start\` and \`npm test\` do it for you).`,
		);
	}
	return install;
}

function readN8nEnv(): N8nInstall {
	const script = path.join(REPO_ROOT, 'scripts', 'n8n-env.sh');
	const output = execFileSync(
		'bash',
		['-c', 'source "$1" && printf "%s\\n" "$N8N_VERSION" "$N8N_BIN" "$N8N_HOME" "$(n8n_path)"', 'n8n-env', script],
		{ encoding: 'utf8' },
	);
	const [version, bin, home, searchPath] = output.split('\n');
	return { version, bin, home, path: searchPath };
}
