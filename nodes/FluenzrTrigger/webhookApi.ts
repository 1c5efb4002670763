import type { IDataObject, IHookFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { FluenzrResponse } from '../../client/errors';
import { isSuccess, malformedAnswerError, toFluenzrApiError } from '../../client/errors';
import { fetchListPage, readPages } from '../../client/pages';
import { DIRECT_REQUEST_TIMEOUT_MS, sendToFluenzr, type RequestSettings } from '../../client/request';
import { PUBLISH_AGAIN } from './n8nWords';

/** A webhook as FluenzR describes it (the secret is never echoed back). */
interface FluenzrWebhook {
	id: string;
	url: string;
	events: string[];
	active?: boolean;
}

export const OPERATION_LABELS = {
	create: 'Registering the FluenzR webhook',
	list: 'Listing FluenzR webhooks',
	delete: 'Deleting the FluenzR webhook',
} as const;

type LifecycleOperation = keyof typeof OPERATION_LABELS;

/** How a person tries again once FluenzR answers, and what an unanswered call may have done meanwhile. */
const WHEN_UNANSWERED: Record<LifecycleOperation, { retryBy: string; ifUnanswered?: string }> = {
	list: { retryBy: PUBLISH_AGAIN },
	create: {
		retryBy: PUBLISH_AGAIN,
		ifUnanswered:
			"FluenzR may have registered the webhook all the same, with a secret this trigger never stored (its deliveries would be refused): before you publish again, delete in FluenzR any webhook with this workflow's URL.",
	},
	delete: {
		retryBy: 'do again what you did (publish or unpublish the workflow; n8n 1.x: activate or deactivate it)',
		ifUnanswered: 'FluenzR may have deleted the webhook all the same, and deleting it again is safe.',
	},
};

/** The webhook in an answer's `data`, if it has the documented shape. */
export function parseWebhook(value: unknown): FluenzrWebhook | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { id, url, events, active } = value as IDataObject;
	if (typeof id !== 'string' || typeof url !== 'string' || !Array.isArray(events)) return undefined;
	if (!events.every((event) => typeof event === 'string')) return undefined;
	return { id, url, events: events as string[], active: typeof active === 'boolean' ? active : undefined };
}

/** One call of the trigger's lifecycle, which a person waits on: the response, whatever its status. */
async function lifecycleRequest(
	context: IHookFunctions,
	request: IHttpRequestOptions,
	operation: LifecycleOperation,
): Promise<FluenzrResponse> {
	return await sendToFluenzr(context, request, lifecycleSettings(operation));
}

/** A lifecycle call's name in errors, its timeout, and the advice when it gets no answer. */
function lifecycleSettings(operation: LifecycleOperation): RequestSettings {
	return { label: OPERATION_LABELS[operation], timeoutMs: DIRECT_REQUEST_TIMEOUT_MS, ...WHEN_UNANSWERED[operation] };
}

/** Every webhook of the account, page after page. */
export async function listAllWebhooks(context: IHookFunctions): Promise<FluenzrWebhook[]> {
	const settings = lifecycleSettings('list');
	const webhooks = await readPages(async (page, perPage) => {
		const read = await fetchListPage(context, { method: 'GET', url: '/webhooks', qs: { page, perPage } }, settings);
		const parsed = read.records.map(parseWebhook);
		if (parsed.some((webhook) => webhook === undefined)) {
			throw malformedAnswerError(context.getNode(), { statusCode: 200 }, 'a webhook without an id, a url or events', settings.label);
		}
		return { records: parsed, total: read.total };
	});
	return webhooks as FluenzrWebhook[];
}

/** Deletes one webhook; one that is already gone (404) counts as deleted. */
export async function deleteWebhook(context: IHookFunctions, webhookId: string): Promise<void> {
	const response = await lifecycleRequest(
		context,
		{ method: 'DELETE', url: `/webhooks/${encodeURIComponent(webhookId)}` },
		'delete',
	);
	if (isSuccess(response) || response.statusCode === 404) return;
	throw toFluenzrApiError(context.getNode(), response, OPERATION_LABELS.delete);
}

/** Registers a webhook and answers FluenzR's raw response, for the caller to validate. */
export async function postWebhook(
	context: IHookFunctions,
	subscription: { url: string; events: string[]; secret: string },
): Promise<FluenzrResponse> {
	const response = await lifecycleRequest(
		context,
		{ method: 'POST', url: '/webhooks', body: { ...subscription } },
		'create',
	);
	if (!isSuccess(response)) {
		throw toFluenzrApiError(context.getNode(), response, OPERATION_LABELS.create);
	}
	return response;
}
