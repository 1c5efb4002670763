import type { IDataObject, IHookFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../Fluenzr/shared/contract';
import type { FluenzrResponse } from '../Fluenzr/shared/errors';
import { malformedAnswerError, networkError, toFluenzrApiError } from '../Fluenzr/shared/errors';
import { retryDelayMs } from '../Fluenzr/shared/rateLimiter';
import { credentialBaseUrl } from '../Fluenzr/shared/transport';

/** A webhook as FluenzR describes it (the secret is never echoed back). */
export interface FluenzrWebhook {
	id: string;
	url: string;
	events: string[];
	active?: boolean;
}

/** How long activation waits for each FluenzR answer. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Activation is rare and short: wait out a 429 a couple of times rather than fail it. */
const RATE_LIMIT_RETRIES = 2;
const LONGEST_RATE_LIMIT_WAIT_MS = 60_000;

const NETWORK_FIX =
	'Check the Base URL of the FluenzR API credential and that FluenzR can be reached from n8n, then activate the workflow again.';

export const OPERATION_LABELS = {
	create: 'Registering the FluenzR webhook',
	list: 'Listing FluenzR webhooks',
	delete: 'Deleting the FluenzR webhook',
} as const;

export function isSuccess(response: FluenzrResponse): boolean {
	return response.statusCode >= 200 && response.statusCode < 300;
}

/** The webhook in an answer's `data`, if it has the documented shape. */
export function parseWebhook(value: unknown): FluenzrWebhook | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { id, url, events, active } = value as IDataObject;
	if (typeof id !== 'string' || typeof url !== 'string' || !Array.isArray(events)) return undefined;
	if (!events.every((event) => typeof event === 'string')) return undefined;
	return { id, url, events: events as string[], active: typeof active === 'boolean' ? active : undefined };
}

/**
 * One authenticated call to FluenzR that answers with the HTTP response
 * whatever its status, so that callers decide what a 404 means and errors
 * are built from FluenzR's own envelope (never from the request, which
 * carries the API key and, on create, the secret).
 */
export async function fluenzrRequest(
	context: IHookFunctions,
	request: { method: IHttpRequestMethods; path: string; qs?: IDataObject; body?: IDataObject },
	operationLabel: string,
): Promise<FluenzrResponse> {
	const baseUrl = await credentialBaseUrl(context);
	for (let attempt = 0; ; attempt++) {
		let response: FluenzrResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(context, 'fluenzrApi', {
				method: request.method,
				url: `${baseUrl}${request.path}`,
				qs: request.qs,
				body: request.body,
				json: true,
				timeout: REQUEST_TIMEOUT_MS,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as FluenzrResponse;
		} catch (error) {
			// Only a request without an HTTP answer lands here (status errors are returned).
			const cause = (error as { cause?: Error & { code?: string } }).cause;
			const apiError = networkError(context.getNode(), cause ?? (error as Error), operationLabel);
			apiError.description = `${operationLabel} got no answer from ${baseUrl}. ${NETWORK_FIX}`;
			throw apiError;
		}
		if (response.statusCode !== 429 || attempt >= RATE_LIMIT_RETRIES) return response;
		const waitMs = retryDelayMs(response.headers);
		if (waitMs > LONGEST_RATE_LIMIT_WAIT_MS) return response;
		await sleep(waitMs);
	}
}

/** Every webhook of the account, page after page (perPage 100) until `meta.total` are read. */
export async function listAllWebhooks(context: IHookFunctions): Promise<FluenzrWebhook[]> {
	const webhooks: FluenzrWebhook[] = [];
	for (let page = 1; ; page++) {
		const response = await fluenzrRequest(
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
	const response = await fluenzrRequest(
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
	const response = await fluenzrRequest(
		context,
		{ method: 'POST', path: '/webhooks', body: { ...subscription } },
		OPERATION_LABELS.create,
	);
	if (!isSuccess(response)) {
		throw toFluenzrApiError(context.getNode(), response, OPERATION_LABELS.create);
	}
	return response;
}
