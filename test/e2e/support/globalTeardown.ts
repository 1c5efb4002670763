/** Stops the sandbox and removes the user folder (FLUENZR_E2E_KEEP=1 keeps it for a post-mortem). */
import { rmSync } from 'node:fs';

import { runningSetup } from './globalSetup';

export default async function globalTeardown(): Promise<void> {
	const running = runningSetup();
	await running.sandbox?.stop();
	if (running.userFolder && process.env.FLUENZR_E2E_KEEP !== '1') {
		rmSync(running.userFolder, { recursive: true, force: true });
	} else if (running.userFolder) {
		process.stderr.write(`[e2e] kept the n8n user folder: ${running.userFolder}\n`);
	}
}
