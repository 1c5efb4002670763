import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import {
	UnexpectedError,
	type ICredentialsHelper,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { ensureN8nServices } from './n8n-services';

/** Where the harness's pretend n8n instance lives; only URLs derived from it are ever built, never called. */
export const INSTANCE_BASE_URL = 'http://127.0.0.1:5678';

export interface AdditionalDataOptions {
	credentialsHelper: ICredentialsHelper;
	workflowData: IWorkflowBase;
	mode: WorkflowExecuteMode;
	/** Unset while a webhook is registered or received: no execution exists yet. */
	executionId?: string;
	/** Base of production and test webhook URLs (default: the instance's /webhook and /webhook-test). */
	webhookBaseUrl?: string;
	webhookTestBaseUrl?: string;
}

function unsupported(feature: string): () => never {
	return () => {
		throw new UnexpectedError(`The engine harness does not support ${feature}`);
	};
}

/**
 * What n8n's server hands the engine for one execution: the credentials
 * helper, the lifecycle hooks and the instance's URLs. Features our nodes
 * never use (sub-workflows, task runners, agents) fail loudly.
 */
export function createAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	// Every engine context is built with additional data and reads n8n's services on construction.
	ensureN8nServices();
	return {
		credentialsHelper: options.credentialsHelper,
		hooks: new ExecutionLifecycleHooks(options.mode, options.executionId ?? '', options.workflowData),
		executionId: options.executionId,
		workflowId: options.workflowData.id,
		currentNodeExecutionIndex: 0,
		instanceBaseUrl: `${INSTANCE_BASE_URL}/`,
		restApiUrl: `${INSTANCE_BASE_URL}/rest`,
		webhookBaseUrl: options.webhookBaseUrl ?? `${INSTANCE_BASE_URL}/webhook`,
		webhookTestBaseUrl: options.webhookTestBaseUrl ?? `${INSTANCE_BASE_URL}/webhook-test`,
		webhookWaitingBaseUrl: `${INSTANCE_BASE_URL}/webhook-waiting`,
		formBaseUrl: `${INSTANCE_BASE_URL}/form`,
		formTestBaseUrl: `${INSTANCE_BASE_URL}/form-test`,
		formWaitingBaseUrl: `${INSTANCE_BASE_URL}/form-waiting`,
		mcpBaseUrl: `${INSTANCE_BASE_URL}/mcp`,
		mcpTestBaseUrl: `${INSTANCE_BASE_URL}/mcp-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: unsupported('sub-workflows'),
		startRunnerTask: unsupported('task runners (Code node)'),
	};
}
