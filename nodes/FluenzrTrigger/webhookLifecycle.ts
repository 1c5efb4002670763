import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ID_PREFIXES } from '../../client/contract';
import { canonicalEvents, sameEvents } from './events';
import { PUBLISH_AGAIN } from './n8nWords';
import { generateWebhookSecret } from './signature';
import { clearStoredWebhook, storedSecret, storedWebhookId, storeWebhook } from './storedWebhook';
import {
	deleteWebhook,
	listAllWebhooks,
	OPERATION_LABELS,
	parseWebhook,
	postWebhook,
} from './webhookApi';

/** The subscription the node wants right now: its webhook URL and its events. */
interface WantedSubscription {
	url: string;
	events: string[];
}

function wantedSubscription(context: IHookFunctions): WantedSubscription {
	const url = context.getNodeWebhookUrl('default');
	if (!url) {
		// n8n answers no URL only when it finds no webhook in the node's description (never for a missing base URL).
		throw new NodeOperationError(context.getNode(), 'n8n could not make a webhook URL for this trigger', {
			description: `n8n found no webhook in the FluenzR Trigger's description, so this installation of n8n-nodes-fluenzr is not the one the workflow was built with. Install the same version of the package in every n8n process, restart n8n, then ${PUBLISH_AGAIN}.`,
		});
	}
	const events = canonicalEvents(context.getNodeParameter('events', []) as string[]);
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one event to listen to', {
			description: 'Pick the FluenzR events that should start this workflow, or "All Events".',
		});
	}
	return { url, events };
}

/**
 * `checkExists`: true only when FluenzR still has the webhook whose id we
 * stored, active, with the URL and events we want now. A webhook of ours
 * that no longer fits is deleted so that `create` never leaves two behind;
 * a webhook whose id we did not store is never touched.
 */
export async function webhookExists(context: IHookFunctions): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const webhookId = storedWebhookId(staticData);
	if (!webhookId) return false;

	const wanted = wantedSubscription(context);
	const remote = (await listAllWebhooks(context)).find((webhook) => webhook.id === webhookId);
	if (!remote) {
		clearStoredWebhook(staticData);
		return false;
	}
	const fits =
		remote.url === wanted.url &&
		sameEvents(remote.events, wanted.events) &&
		remote.active !== false &&
		// Without the secret deliveries cannot be verified: register anew.
		storedSecret(staticData) !== undefined;
	if (fits) return true;

	await deleteWebhook(context, webhookId);
	clearStoredWebhook(staticData);
	return false;
}

/** What is wrong with FluenzR's answer to a registration, if anything. */
function registrationProblems(body: unknown, wanted: WantedSubscription): string[] {
	const envelope = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	if (envelope.success !== true) return ['the answer is not a FluenzR success envelope'];
	const webhook = parseWebhook(envelope.data);
	if (!webhook) return ['the answer has no webhook with an id, a URL and events'];
	const problems: string[] = [];
	if (!webhook.id.startsWith(ID_PREFIXES.webhook)) {
		problems.push(`the webhook id does not start with "${ID_PREFIXES.webhook}"`);
	}
	if (webhook.url !== wanted.url) problems.push(`the URL is "${webhook.url}" instead of "${wanted.url}"`);
	if (!sameEvents(webhook.events, wanted.events)) {
		problems.push(`the events are "${webhook.events.join(', ')}" instead of "${wanted.events.join(', ')}"`);
	}
	return problems;
}

/** The id in an answer's `data`, whatever else is wrong with it: a webhook that may need removing. */
function returnedWebhookId(body: unknown): string | undefined {
	const data = (body as IDataObject | undefined)?.data as IDataObject | undefined;
	return typeof data?.id === 'string' && data.id !== '' ? data.id : undefined;
}

/** Deletes a webhook FluenzR created wrongly; says what became of it, for the error to report. */
async function removeStrayWebhook(context: IHookFunctions, strayId: string): Promise<string> {
	try {
		await deleteWebhook(context, strayId);
		return `The webhook it created (${strayId}) was deleted again.`;
	} catch (error) {
		// The registration problem stays the error to report; the failed clean-up is part of it.
		return `The webhook it created (${strayId}) could not be deleted (${(error as Error).message}): delete it in FluenzR.`;
	}
}

/**
 * `create`: registers the webhook with a fresh secret and stores id, secret,
 * URL and events only once FluenzR's answer is checked. A registration that
 * came back wrong is deleted again so that nothing unverified stays behind.
 */
export async function registerWebhook(context: IHookFunctions): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const wanted = wantedSubscription(context);

	// n8n normally asks checkExists first; if not, replace (never duplicate) ours.
	const previousId = storedWebhookId(staticData);
	if (previousId) {
		await deleteWebhook(context, previousId);
		clearStoredWebhook(staticData);
	}

	const secret = generateWebhookSecret();
	const response = await postWebhook(context, { ...wanted, secret });
	const problems = registrationProblems(response.body, wanted);
	if (problems.length > 0) {
		const strayId = returnedWebhookId(response.body);
		const cleanUp = strayId ? ` ${await removeStrayWebhook(context, strayId)}` : '';
		throw new NodeApiError(
			context.getNode(),
			{ httpCode: String(response.statusCode), message: 'Unexpected answer to the webhook registration' },
			{
				message: 'FluenzR did not register the webhook as asked',
				description: `${OPERATION_LABELS.create}: ${problems.join('; ')}.${cleanUp} Check that the Base URL of the credential points at the FluenzR API, then ${PUBLISH_AGAIN}.`,
				httpCode: String(response.statusCode),
			},
		);
	}

	const webhookId = returnedWebhookId(response.body) as string;
	storeWebhook(staticData, { webhookId, secret, url: wanted.url, events: wanted.events });
	return true;
}

/** `delete`: removes our webhook; one FluenzR no longer has counts as removed. */
export async function unregisterWebhook(context: IHookFunctions): Promise<boolean> {
	const staticData = context.getWorkflowStaticData('node');
	const webhookId = storedWebhookId(staticData);
	if (webhookId) await deleteWebhook(context, webhookId);
	clearStoredWebhook(staticData);
	return true;
}
