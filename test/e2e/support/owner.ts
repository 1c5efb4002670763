/**
 * The n8n owner account, preset through n8n's environment so that nobody has
 * to click through the setup screen. The demo prints these; tests log in with them.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import { n8nInstall } from './n8nInstall';

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

export function ownerEnvironment(owner: N8nOwner): NodeJS.ProcessEnv {
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(owner.password),
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
	};
}
