/**
 * The sandbox as its own process, through its CLI (`npm run sandbox`): what
 * the demo runs, so that the demo exercises the same command a user would.
 */
import path from 'node:path';

import { REPO_ROOT } from './n8nInstall';
import { describeEnd, spawnManaged, type ManagedProcess } from './processes';

const READY_MARKER = 'FLUENZR_SANDBOX_READY';

export interface SandboxProcess {
	/** e.g. http://127.0.0.1:4010/v1 */
	baseUrl: string;
	stop(): Promise<void>;
}

export async function startSandboxProcess(port: number): Promise<SandboxProcess> {
	const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
	let onStdout = (_chunk: string) => {};
	const child: ManagedProcess = spawnManaged(tsx, [path.join(REPO_ROOT, 'sandbox', 'cli.ts'), '--port', String(port)], {
		env: process.env,
		cwd: REPO_ROOT,
		onStdout: (chunk) => onStdout(chunk),
	});
	const baseUrl = await new Promise<string>((resolve, reject) => {
		onStdout = () => {
			const match = new RegExp(`${READY_MARKER} (\\S+)`).exec(child.output().stdout);
			if (match) resolve(match[1]);
		};
		void child.exited.then((end) => {
			const { stdout, stderr } = child.output();
			reject(new Error(`the sandbox stopped (${describeEnd(end)}) before it was ready:\n${stdout}${stderr}`));
		});
	});
	return { baseUrl, stop: () => child.stop(5_000) };
}
