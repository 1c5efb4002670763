import './n8n-environment';

import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';

import { withThrowawayUserFolder } from './n8n-environment';

let started = false;

/**
 * Creates the n8n services the engine takes from its DI container, once per
 * process. `InstanceSettings` is the one that touches the disk: it is created
 * inside a throwaway user folder and keeps its settings in memory.
 */
export function ensureN8nServices(): void {
	if (started) return;
	withThrowawayUserFolder(() => Container.get(InstanceSettings));
	started = true;
}
