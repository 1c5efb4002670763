import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers, in the node's workflow static data, about the
 * webhook it registered: the id proves the webhook is ours (nothing else is
 * ever deleted), the secret verifies deliveries.
 */
interface StoredWebhook {
	webhookId: string;
	secret: string;
	url: string;
	events: string[];
}

const KEYS = ['webhookId', 'secret', 'url', 'events'] as const;

/** The stored webhook id, if any: the one fact `checkExists` and `delete` need. */
export function storedWebhookId(staticData: IDataObject): string | undefined {
	const { webhookId } = staticData;
	return typeof webhookId === 'string' && webhookId !== '' ? webhookId : undefined;
}

/** The stored secret, if any: without one no delivery can be verified. */
export function storedSecret(staticData: IDataObject): string | undefined {
	const { secret } = staticData;
	return typeof secret === 'string' && secret !== '' ? secret : undefined;
}

export function storeWebhook(staticData: IDataObject, webhook: StoredWebhook): void {
	Object.assign(staticData, webhook);
}

/** Static data is an object n8n persists: keys are deleted in place, never reassigned. */
export function clearStoredWebhook(staticData: IDataObject): void {
	for (const key of KEYS) delete staticData[key];
}
