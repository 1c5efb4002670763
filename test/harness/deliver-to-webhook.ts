import { WebhookContext } from 'n8n-core';
import { Node, type IWebhookResponseData } from 'n8n-workflow';

import { RecordedResponse } from './recorded-response';
import { createTriggerSetup, type TriggerSetup } from './trigger-setup';
import type { DeliveryRequest, DeliveryResult, TriggerHarnessOptions } from './types';
import { createWebhookRequest, UnparsableBodyError, type WebhookRequest } from './webhook-request';
import { overrideDefaultWebhookUrl } from './webhook-url';

/** n8n's answer when a node's `webhook()` throws: the cause stays hidden from the sender. */
const WEBHOOK_FAILED_MESSAGE = 'Workflow Webhook Error: Workflow could not be started!';

/** n8n 2.x's answer when it cannot create the run a trigger asked for (its database is out of connections, say). */
const RUN_NOT_STARTED_MESSAGE = 'There was a problem executing the workflow';

/** n8n's answer when the node did not write the response itself. Triggers answer 'onReceived': before the workflow runs. */
function immediateAnswer(setup: TriggerSetup, result: IWebhookResponseData): Pick<DeliveryResult, 'statusCode' | 'responseBody'> {
	const { workflow, node, webhookData } = setup;
	const { responseCode, responseData } = webhookData.webhookDescription;
	const statusCode = Number(workflow.expression.getSimpleParameterValue(node, responseCode, 'internal', {}, undefined, 200));
	if (result.workflowData === undefined) {
		return { statusCode, responseBody: result.webhookResponse ?? { message: 'Webhook call received' } };
	}
	if (responseData === 'noData') return { statusCode };
	return { statusCode, responseBody: result.webhookResponse ?? { message: 'Workflow was started' } };
}

async function callWebhook(setup: TriggerSetup, request: WebhookRequest, response: RecordedResponse, isTest: boolean) {
	const { workflow, node, nodeType, additionalData, webhookData } = setup;
	additionalData.httpRequest = request as unknown as typeof additionalData.httpRequest;
	additionalData.httpResponse = response as unknown as typeof additionalData.httpResponse;
	const executionMode = isTest ? 'manual' : 'webhook';
	const context = new WebhookContext(workflow, node, additionalData, executionMode, webhookData, [], null);
	overrideDefaultWebhookUrl(context, setup.webhookUrlOverride);
	if (nodeType.webhook === undefined) throw new Error('The trigger has no webhook() method');
	return nodeType instanceof Node ? await nodeType.webhook(context) : await nodeType.webhook.call(context);
}

/**
 * Delivers one HTTP request to the trigger's `webhook()` through n8n-core's
 * WebhookContext, as n8n's webhook server does, and reports what n8n would
 * answer the sender and which items, if any, would start the workflow.
 */
export async function deliverToWebhook(
	options: TriggerHarnessOptions & {
		request: DeliveryRequest;
		/** n8n fails to create the run the trigger asked for, and answers 500 (as n8n 2.x does when its database is out of connections). */
		runStartFails?: boolean;
	},
): Promise<DeliveryResult> {
	const setup = createTriggerSetup(options);
	const registeredMethod = setup.webhookData.httpMethod;
	const method = (options.request.method ?? 'POST').toUpperCase();
	if (method !== registeredMethod) {
		const message = `This webhook is not registered for ${method} requests. Did you mean to make a ${registeredMethod} request?`;
		return { statusCode: 404, responseBody: { code: 404, message } };
	}

	let request: WebhookRequest;
	try {
		request = createWebhookRequest(options.request, options.webhookUrl);
	} catch (error) {
		if (!(error instanceof UnparsableBodyError)) throw error;
		return { statusCode: 422, responseBody: { code: 422, message: 'Failed to parse request body', hint: error.message } };
	}

	const response = new RecordedResponse();
	let result: IWebhookResponseData;
	try {
		result = await callWebhook(setup, request, response, options.mode === 'manual');
	} catch (error) {
		return { statusCode: 500, responseBody: { code: 0, message: WEBHOOK_FAILED_MESSAGE }, error: error as Error };
	}

	const { workflowData, noWebhookResponse } = result;
	// A node that wrote the response keeps it, even if it forgot to say so.
	if (noWebhookResponse === true || response.headersSent) {
		const { statusCode, body: responseBody, headers: responseHeaders } = response;
		return { statusCode, responseBody, responseHeaders, noWebhookResponse, workflowData };
	}
	// n8n answers on the node's response object, after creating the run (n8n 2.x): the node may be listening for it.
	if (workflowData !== undefined && options.runStartFails === true) {
		const responseBody = { code: 0, message: RUN_NOT_STARTED_MESSAGE };
		response.status(500).end(responseBody);
		return { statusCode: 500, responseBody };
	}
	const answer = immediateAnswer(setup, result);
	response.status(answer.statusCode).end(answer.responseBody);
	return { ...answer, workflowData };
}
