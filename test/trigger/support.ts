import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { FluenzrTrigger } from '../../nodes/FluenzrTrigger/FluenzrTrigger.node';
import type { TriggerHarnessOptions } from '../harness';
import { runWebhookMethod } from '../harness';
import type { Sandbox, Webhook } from '../../sandbox';
import { DEMO_ACCOUNTS, DEMO_KEYS } from '../../sandbox';

/** Where n8n would expose the trigger: `<base>/webhook/<webhookId>/<path>`. */
export const PRODUCTION_URL = 'http://127.0.0.1:5678/webhook/6f1c2a9e-trigger/webhook';
export const TEST_URL = 'http://127.0.0.1:5678/webhook-test/6f1c2a9e-trigger/webhook';

/** The trigger as a workflow holds it: one node instance, its parameters, its static data. */
export function triggerOptions(
	sandbox: Sandbox,
	settings: { events: string[]; options?: IDataObject; staticData?: IDataObject; webhookUrl?: string; apiKey?: string },
): TriggerHarnessOptions {
	return {
		node: new FluenzrTrigger(),
		parameters: { events: settings.events, options: settings.options ?? {} } as INodeParameters,
		credentials: { apiKey: settings.apiKey ?? DEMO_KEYS.pro, baseUrl: sandbox.baseUrl },
		staticData: settings.staticData ?? {},
		webhookUrl: settings.webhookUrl ?? PRODUCTION_URL,
	};
}

/** What n8n does on activation: ask checkExists, and create only when it answers false. */
export async function activate(options: TriggerHarnessOptions): Promise<{ existed: boolean }> {
	const existed = await runWebhookMethod({ ...options, method: 'checkExists' });
	if (!existed) await runWebhookMethod({ ...options, method: 'create' });
	return { existed };
}

export async function deactivate(options: TriggerHarnessOptions): Promise<boolean> {
	return await runWebhookMethod({ ...options, method: 'delete' });
}

/** The webhooks FluenzR holds for an account, secrets included (the API never shows them). */
export function remoteWebhooks(sandbox: Sandbox, account: string = DEMO_ACCOUNTS.pro): Webhook[] {
	return [...sandbox.store.account(account).webhooks.values()];
}

/** Requests the trigger sent to FluenzR's webhook endpoints, as "METHOD /path". */
export function webhookCalls(sandbox: Sandbox): string[] {
	return sandbox.requests({ pathPrefix: '/webhooks' }).map((request) => `${request.method} ${request.path.replace(/^\/v1/, '')}`);
}
