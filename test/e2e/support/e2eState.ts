/**
 * What the global setup prepared, handed to the test files through one
 * environment variable (jest runs setup and tests in different module
 * registries, so nothing else survives the hand-over).
 */
import type { N8nCliOptions } from '../../../scripts/lib/n8nCli';
import { sandboxClient, type SandboxClient } from '../../../scripts/lib/sandboxClient';

export interface E2eState {
	/** The n8n user folder with the packed package installed, the credential and the examples imported. */
	userFolder: string;
	/** Logs and the tarball, kept after the run (git-ignored). */
	artefactsFolder: string;
	tarball: string;
	sandboxBaseUrl: string;
	sandboxApiKey: string;
}

const STATE_VARIABLE = 'FLUENZR_E2E_STATE';

export function publishE2eState(state: E2eState): void {
	process.env[STATE_VARIABLE] = JSON.stringify(state);
}

export interface E2eContext extends E2eState {
	sandbox: SandboxClient;
	/** Options for every n8n CLI helper. */
	cli: N8nCliOptions;
}

export function e2eContext(): E2eContext {
	const published = process.env[STATE_VARIABLE];
	if (!published) {
		throw new Error(
			'The e2e global setup did not run: use `npx jest -c jest.e2e.config.js` (globalSetup: test/e2e/support/globalSetup.ts)',
		);
	}
	const state = JSON.parse(published) as E2eState;
	return {
		...state,
		sandbox: sandboxClient(state.sandboxBaseUrl, state.sandboxApiKey),
		cli: { userFolder: state.userFolder },
	};
}
