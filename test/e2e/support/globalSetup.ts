/**
 * Once per e2e run: the packed package installed into a fresh n8n user
 * folder, a seeded sandbox on a free port, the credential (pointing at the
 * sandbox, with its Pro key) and the example workflows imported. Each test
 * file resets the sandbox to this seeded state before it starts.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DEMO_KEYS, startSandbox, type Sandbox } from '../../../sandbox';
import { DEMO_SEED } from '../../../sandbox/constants';
import { publishE2eState } from './e2eState';
import { loadExamples } from '../../../scripts/lib/examples';
import { fluenzrCredential } from '../../../scripts/lib/fluenzrCredential';
import { importCredentials, importWorkflows } from '../../../scripts/lib/n8nCli';
import { assertN8nInstalled, n8nInstall, REPO_ROOT } from '../../../scripts/lib/n8nInstall';
import { isN8n1 } from '../../../scripts/lib/n8nVersion';
import { installPackedPackage, packPackage } from '../../../scripts/lib/packedPackage';
import { timed } from './timings';

/** n8n 1.x keeps its own folder, so a run against it neither wipes nor mixes with the default run's logs. */
export const ARTEFACTS_FOLDER = path.join(REPO_ROOT, 'test-artifacts', isN8n1() ? `e2e-n8n-${n8nInstall().version}` : 'e2e');

export interface RunningSetup {
	sandbox?: Sandbox;
	userFolder?: string;
}

/** What the global teardown stops; jest shares only `globalThis` between global setup and teardown. */
export function runningSetup(): RunningSetup {
	const holder = globalThis as { fluenzrE2eSetup?: RunningSetup };
	holder.fluenzrE2eSetup ??= {};
	return holder.fluenzrE2eSetup;
}

export default async function globalSetup(): Promise<void> {
	process.stderr.write('\n');
	const running = runningSetup();
	const install = assertN8nInstalled();
	rmSync(ARTEFACTS_FOLDER, { recursive: true, force: true });
	mkdirSync(ARTEFACTS_FOLDER, { recursive: true });

	const packed = await timed('npm pack', () => packPackage(ARTEFACTS_FOLDER));
	const userFolder = mkdtempSync(path.join(tmpdir(), 'fluenzr-e2e-'));
	running.userFolder = userFolder;
	await timed(`install ${path.basename(packed.tarball)} into n8n ${install.version}`, () =>
		installPackedPackage(packed, userFolder),
	);

	const sandbox = await startSandbox({ port: 0, seed: DEMO_SEED });
	running.sandbox = sandbox;
	const cli = { userFolder };
	await timed('import the credential (and migrate the database)', () =>
		importCredentials([fluenzrCredential({ apiKey: DEMO_KEYS.pro, baseUrl: sandbox.baseUrl })], cli),
	);
	await timed('import the example workflows', () => importWorkflows(loadExamples(), cli));

	publishE2eState({
		userFolder,
		artefactsFolder: ARTEFACTS_FOLDER,
		tarball: packed.tarball,
		sandboxBaseUrl: sandbox.baseUrl,
		sandboxApiKey: DEMO_KEYS.pro,
	});
}
