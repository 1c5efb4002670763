/**
 * The environment every n8n command runs with: its own user folder, Node.js
 * 24 on PATH, and nothing that phones home (the machine is offline, and a
 * test must not depend on n8n's servers).
 */
import { n8nInstall } from './n8nInstall';

export interface N8nEnvironmentOptions {
	/** Holds `.n8n/` (database, encryption key, community packages). */
	userFolder: string;
	/** The task runner broker's port: every n8n process running at once needs its own. */
	runnersBrokerPort: number;
	/** Extra or overriding variables. */
	extra?: NodeJS.ProcessEnv;
}

const QUIET_OFFLINE = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	// Refreshes a catalogue from api.n8n.io on every start (and logs the failure offline).
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_LOG_LEVEL: 'info',
} as const;

export function n8nEnvironment(options: N8nEnvironmentOptions): NodeJS.ProcessEnv {
	return {
		...inheritedEnvironment(),
		...QUIET_OFFLINE,
		PATH: n8nInstall().path,
		N8N_USER_FOLDER: options.userFolder,
		N8N_RUNNERS_BROKER_PORT: String(options.runnersBrokerPort),
		...options.extra,
	};
}

/**
 * Our own environment minus what belongs to the test runner: under jest,
 * NODE_ENV is "test", and n8n then silences its CLI output (a run would print nothing).
 */
function inheritedEnvironment(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('JEST_')),
	);
}
