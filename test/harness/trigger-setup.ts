import {
	NodeHelpers,
	type INode,
	type INodeType,
	type IWebhookData,
	type IWebhookDescription,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper } from './credentials-helper';
import { createHarnessWorkflow, WORKFLOW_ID } from './harness-workflow';
import { credentialsFor, HarnessNodeTypes, highestVersion, nodeTypeName } from './node-types';
import type { TriggerHarnessOptions } from './types';
import { resolveWebhookPath, splitWebhookUrl, type WebhookPath } from './webhook-url';

/** The trigger's name in the harness workflow; its static data lives under `node:<name>`. */
export const TRIGGER_NODE_NAME = 'Fluenzr Trigger';

/** Used when the test's webhook URL does not have n8n's `<base>/<webhookId>/<path>` shape. */
const FALLBACK_WEBHOOK_ID = 'harness-webhook-id';

export type TriggerSetupOptions = Omit<TriggerHarnessOptions, 'webhookUrl'> & { webhookUrl?: string };

export interface TriggerSetup {
	workflow: Workflow;
	node: INode;
	nodeType: INodeType;
	webhookPath: WebhookPath;
	webhookData: IWebhookData;
	additionalData: IWorkflowExecuteAdditionalData;
	/** Set when n8n's own URL building cannot produce the test's URL. */
	webhookUrlOverride?: string;
}

function defaultWebhookDescription(nodeType: INodeType): IWebhookDescription {
	const description = nodeType.description.webhooks?.find(({ name }) => name === 'default');
	if (description === undefined) throw new Error(`Node "${nodeType.description.name}" has no 'default' webhook`);
	return description;
}

function createTriggerNode(options: TriggerSetupOptions): INode {
	return {
		id: 'harness-trigger',
		name: TRIGGER_NODE_NAME,
		type: nodeTypeName(options.node),
		typeVersion: highestVersion(options.node),
		position: [0, 0],
		parameters: structuredClone(options.parameters),
		credentials: credentialsFor(options.node),
		webhookId: FALLBACK_WEBHOOK_ID,
	};
}

/**
 * The trigger as n8n holds it while registering or receiving a webhook: a
 * workflow holding the trigger node (credentials, webhookId, the caller's
 * static data), the `IWebhookData` of its 'default' webhook, and additional
 * data whose base URLs make `getNodeWebhookUrl('default')` return the test's URL.
 */
export function createTriggerSetup(options: TriggerSetupOptions): TriggerSetup {
	const { node: nodeType, webhookUrl } = options;
	const isTest = options.mode === 'manual';
	const node = createTriggerNode(options);
	const { workflow, workflowData } = createHarnessWorkflow({
		nodes: [node],
		connections: {},
		nodeTypes: new HarnessNodeTypes({ [node.type]: nodeType }),
		staticData: { [`node:${TRIGGER_NODE_NAME}`]: options.staticData },
		active: !isTest,
	});
	const webhookDescription = defaultWebhookDescription(nodeType);
	const webhookPath = resolveWebhookPath(workflow, node, webhookDescription);
	const { path, isFullPath } = webhookPath;

	const split = webhookUrl === undefined ? undefined : splitWebhookUrl(webhookUrl, path);
	if (split) node.webhookId = split.webhookId;
	const additionalData = createAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper({ ...options.credentials }, options.credentialTypes),
		workflowData,
		mode: isTest ? 'manual' : 'webhook',
		webhookBaseUrl: split?.baseUrl,
		webhookTestBaseUrl: split?.baseUrl,
	});
	const baseUrl = isTest ? additionalData.webhookTestBaseUrl : additionalData.webhookBaseUrl;
	const rebuiltUrl = NodeHelpers.getNodeWebhookUrl(baseUrl, WORKFLOW_ID, node, path, isFullPath);
	const { expression } = workflow;
	const httpMethod = expression.getSimpleParameterValue(node, webhookDescription.httpMethod, 'internal', {}, undefined, 'GET');

	const webhookData: IWebhookData = {
		httpMethod: String(httpMethod).toUpperCase() as IWebhookData['httpMethod'],
		node: TRIGGER_NODE_NAME,
		path: NodeHelpers.getNodeWebhookPath(WORKFLOW_ID, node, path, isFullPath),
		webhookDescription,
		workflowId: WORKFLOW_ID,
		workflowExecuteAdditionalData: additionalData,
		...(isTest && { isTest: true }),
	};
	const webhookUrlOverride = webhookUrl !== undefined && rebuiltUrl !== webhookUrl ? webhookUrl : undefined;
	return { workflow, node, nodeType, webhookPath, webhookData, additionalData, webhookUrlOverride };
}
