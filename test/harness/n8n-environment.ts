/**
 * Prepares the process for n8n-core before any of its services is created:
 * n8n reads its settings from the environment once, and `InstanceSettings`
 * writes a settings file (with a fresh encryption key) into the user folder.
 * Import this module before anything that loads n8n-core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function setDefault(name: string, value: string): void {
	process.env[name] ??= value;
}

// Quiet by default; `N8N_LOG_LEVEL=debug npx jest ...` shows the engine's own log.
setDefault('N8N_LOG_LEVEL', 'silent');
setDefault('N8N_DIAGNOSTICS_ENABLED', 'false');
setDefault('N8N_VERSION_NOTIFICATIONS_ENABLED', 'false');
setDefault('N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS', 'false');

/**
 * Runs `createServices` with N8N_USER_FOLDER pointing at a fresh temp folder,
 * then removes the folder: n8n keeps what it read in memory, and nothing it
 * writes outlives the test run.
 */
export function withThrowawayUserFolder<T>(createServices: () => T): T {
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));
	const previous = process.env.N8N_USER_FOLDER;
	process.env.N8N_USER_FOLDER = userFolder;
	try {
		return createServices();
	} finally {
		if (previous === undefined) delete process.env.N8N_USER_FOLDER;
		else process.env.N8N_USER_FOLDER = previous;
		rmSync(userFolder, { recursive: true, force: true });
	}
}
