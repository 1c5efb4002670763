import type { IDataObject, IHookFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../client/contract';
import type { FluenzrResponse } from '../../client/errors';
import { isSuccess, malformedAnswerError, toFluenzrApiError } from '../../client/errors';
import { fluenzrRequest } from '../../client/transport';

/** A webhook as FluenzR describes it (the secret is never echoed back). */
export interface FluenzrWebhook {
	id: string;
	url: string;
	events: string[];
	active?: boolean;
}

const NETWORK_FIX =
	'Check the Base URL of the FluenzR API credential and that FluenzR can be reached from n8n, then activate the workflow again.';

export const OPERATION_LABELS = {
	create: 'Registering the FluenzR webhook',
	list: 'Listing FluenzR webhooks',
	delete: 'Deleting the FluenzR webhook',
} as const;

/** The webhook in an answer's `data`, if it has the documented shape. */
export function parseWebhook(value: unknown): FluenzrWebhook | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { id, url, events, active } = value as IDataObject;
	if (typeof id !== 'string' || typeof url !== 'string' || !Array.isArray(events)) return undefined;
	if (!events.every((event) => typeof event === 'string')) return undefined;
	return { id, url, events: events as string[], active: typeof active === 'boolean' ? active : undefined };
}

/** One call for the trigger's lifecycle (see client/transport.ts): the response, whatever its status. */
async function lifecycleRequest(
	context: IHookFunctions,
	request: { method: IHttpRequestMethods; path: string; qs?: IDataObject; body?: IDataObject },
	operationLabel: string,
): Promise<FluenzrResponse> {
	return await fluenzrRequest(context, request, operationLabel, NETWORK_FIX);
}

/** Every webhook of the account, page after page (perPage 100) until `meta.total` are read. */
export async function listAllWebhooks(context: IHookFunctions): Promise<FluenzrWebhook[]> {
	const webhooks: FluenzrWebhook[] = [];
	for (let page = 1; ; page++) {
		const response = await lifecycleRequest(
			context,
			{ method: 'GET', path: '/webhooks', qs: { page, perPage: MAX_PAGE_SIZE } },
			OPERATION_LABELS.list,
		);
		if (!isSuccess(response)) {
			throw toFluenzrApiError(context.getNode(), response, OPERATION_LABELS.list);
		}
		const body = response.body as IDataObject | undefined;
		const pageData = body?.data;
		const parsed = Array.isArray(pageData) ? pageData.map(parseWebhook) : undefined;
		if (!parsed || parsed.some((webhook) => webhook === undefined)) {
			throw malformedAnswerError(context.getNode(), response, OPERATION_LABELS.list);
		}
		webhooks.push(...(parsed as FluenzrWebhook[]));

		const total = Number((body?.meta as IDataObject | undefined)?.total);
		const knownTotalReached = Number.isFinite(total) && webhooks.length >= total;
		const lastPage = parsed.length < MAX_PAGE_SIZE;
		if (knownTotalReached || lastPage) return webhooks;
	}
}

/** Deletes one webhook; one that is already gone (404) counts as deleted. */
export async function deleteWebhook(context: IHookFunctions, webhookId: string): Promise<void> {
	const response = await lifecycleRequest(
		context,
		{ method: 'DELETE', path: `/webhooks/${encodeURIComponent(webhookId)}` },
		OPERATION_LABELS.delete,
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
		{ method: 'POST', path: '/webhooks', body: { ...subscription } },
		OPERATION_LABELS.create,
	);
	if (!isSuccess(response)) {
		throw toFluenzrApiError(context.getNode(), response, OPERATION_LABELS.create);
	}
	return response;
}
