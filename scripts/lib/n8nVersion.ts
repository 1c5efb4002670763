/**
 * The suite runs against n8n 2.x (the default) and the last n8n 1.x
 * (FLUENZR_N8N_VERSION=1.123.x). The few places where 1.x behaves
 * differently branch on these, each with a comment saying why.
 */
import { n8nInstall } from './n8nInstall';

export function n8nMajorVersion(): number {
	return Number(n8nInstall().version.split('.')[0]);
}

/** n8n 1.x: no env-managed owner, no workflow publication service. */
export function isN8n1(): boolean {
	return n8nMajorVersion() < 2;
}
