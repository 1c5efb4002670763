import { HookContext } from 'n8n-core';
import type { WorkflowActivateMode, WorkflowExecuteMode } from 'n8n-workflow';

import { createTriggerSetup } from './trigger-setup';
import type { TriggerHarnessOptions, WebhookMethodName } from './types';
import { overrideDefaultWebhookUrl } from './webhook-url';

/**
 * The modes n8n passes: activating a workflow runs checkExists/create in
 * 'trigger' mode ("Listen for test event": 'manual'); deactivating, or the end
 * of a test listen, runs delete in 'internal' mode with activation 'update'.
 */
function modesFor(method: WebhookMethodName, mode: TriggerHarnessOptions['mode']): [WorkflowExecuteMode, WorkflowActivateMode] {
	if (method === 'delete') return ['internal', 'update'];
	return mode === 'manual' ? ['manual', 'manual'] : ['trigger', 'activate'];
}

/**
 * Runs one of the trigger's webhook lifecycle methods through n8n-core's
 * HookContext, as n8n's WebhookService does on activation and deactivation.
 * The node's static data is the caller's `staticData` object.
 */
export async function runWebhookMethod(options: TriggerHarnessOptions & { method: WebhookMethodName }): Promise<boolean> {
	const setup = createTriggerSetup(options);
	const method = setup.nodeType.webhookMethods?.[setup.webhookData.webhookDescription.name]?.[options.method];
	if (method === undefined) throw new Error(`The trigger has no webhook method "${options.method}"`);
	const [mode, activation] = modesFor(options.method, options.mode);
	const context = new HookContext(setup.workflow, setup.node, setup.additionalData, mode, activation, setup.webhookData);
	return await method.call(overrideDefaultWebhookUrl(context, setup.webhookUrlOverride));
}
