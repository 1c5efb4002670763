/**
 * The engine harness: runs our nodes through n8n-core 2.41 as n8n runs them,
 * with real HTTP on loopback. See each module for the details.
 */
import './n8n-environment';

export { runNode, NODE_UNDER_TEST_NAME } from './run-node';
export { runWebhookMethod } from './run-webhook-method';
export { deliverToWebhook } from './deliver-to-webhook';
export { startWebhookReceiver } from './webhook-receiver';
export { TRIGGER_NODE_NAME } from './trigger-setup';
export { HarnessCredentialsHelper } from './credentials-helper';
export { createAdditionalData } from './additional-data';
export { createHarnessWorkflow } from './harness-workflow';
export { ensureN8nServices } from './n8n-services';
export { HarnessNodeTypes, PACKAGE_NAME, nodeTypeName } from './node-types';
export type {
	ContinueOnFail,
	DeliveryRequest,
	DeliveryResult,
	HarnessCredentials,
	RunNodeOptions,
	RunNodeResult,
	TriggerHarnessOptions,
	WebhookMethodName,
	WebhookReceiver,
	WebhookReceiverCall,
} from './types';
