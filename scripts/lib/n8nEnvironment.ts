/**
 * The environment every n8n command runs with: its own user folder, Node.js
 * 24 on PATH, and nothing that phones home (the machine is offline, and a
 * test must not depend on n8n's servers).
 */
import { n8nInstall } from './n8nInstall';
import { isN8n1 } from './n8nVersion';
import { shellEnvironment } from './shellEnvironment';

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
	N8N_LOG_LEVEL: 'info',
} as const;

/** n8n 1.x has no mcp-registry module, and refuses to start when told to disable a module it does not know. */
const WITHOUT_ONLINE_MODULES = {
	// Refreshes a catalogue from api.n8n.io on every start (and logs the failure offline).
	N8N_DISABLED_MODULES: 'mcp-registry',
};

/**
 * n8n 1.123.x evaluates expressions in isolated-vm by default, and the
 * isolated-vm it ships (6.x) needs Node.js 22: on Node.js 20 it does not
 * compile and n8n refuses to import or run anything. Its older engine works.
 */
const N8N_1_ON_NODE_20 = {
	N8N_EXPRESSION_ENGINE: 'legacy',
};

export function n8nEnvironment(options: N8nEnvironmentOptions): NodeJS.ProcessEnv {
	return {
		...shellEnvironment(),
		...QUIET_OFFLINE,
		...(isN8n1() ? N8N_1_ON_NODE_20 : WITHOUT_ONLINE_MODULES),
		PATH: n8nInstall().path,
		N8N_USER_FOLDER: options.userFolder,
		N8N_RUNNERS_BROKER_PORT: String(options.runnersBrokerPort),
		...options.extra,
	};
}
