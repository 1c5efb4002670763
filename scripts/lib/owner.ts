/**
 * The n8n owner account, preset through n8n's environment so that nobody has
 * to click through the setup screen. The demo prints these; tests log in with them.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import { eventually } from './eventually';
import { n8nInstall } from './n8nInstall';
import { isN8n1 } from './n8nVersion';

export interface N8nOwner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** A local demo account on 127.0.0.1, documented in the README: not a secret. */
export const DEMO_OWNER: N8nOwner = {
	email: 'demo@fluenzr.test',
	password: 'Fluenzr-demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

/** n8n stores bcrypt hashes; bcryptjs ships inside n8n's own node_modules. */
export function bcryptHash(password: string): string {
	const requireFromN8n = createRequire(path.join(n8nInstall().home, 'package.json'));
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(value: string, rounds: number): string };
	return bcrypt.hashSync(password, 10);
}

/** n8n 2.17+ creates the owner from these at start-up; n8n 1.x ignores them (see setUpOwnerIfNeeded). */
export function ownerEnvironment(owner: N8nOwner): NodeJS.ProcessEnv {
	if (isN8n1()) return {};
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(owner.password),
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
	};
}

/**
 * n8n 1.x has no env-managed owner: a fresh instance shows its setup screen
 * until someone creates the owner through it, which this does over the same
 * REST call (only once per user folder; later starts find it done).
 */
export async function setUpOwnerIfNeeded(baseUrl: string, owner: N8nOwner): Promise<void> {
	if (!isN8n1()) return;
	const settings = await eventually('n8n 1.x to serve /rest/settings', () => publicSettings(baseUrl));
	if (!settings.userManagement?.showSetupOnFirstLoad) return;
	const response = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!response.ok) throw new Error(`POST /rest/owner/setup answered ${response.status}: ${await response.text()}`);
}

interface PublicSettings {
	userManagement?: { showSetupOnFirstLoad?: boolean };
}

/** n8n 1.x answers readiness before it mounts its REST routes; until then the editor's HTML answers. */
async function publicSettings(baseUrl: string): Promise<PublicSettings | undefined> {
	const response = await fetch(`${baseUrl}/rest/settings`);
	if (!response.ok || !response.headers.get('content-type')?.includes('json')) return undefined;
	return ((await response.json()) as { data: PublicSettings }).data;
}
