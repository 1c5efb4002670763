/**
 * Direct requests to FluenzR, made outside the declarative engine: the
 * editor's list searches and the trigger's webhook registration. Both wait
 * on FluenzR while a person watches, so both get the same short timeout, a
 * brief wait on a 429, and errors built from FluenzR's own envelope (never
 * from the request, which carries the API key and, on create, the secret).
 */
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { FluenzrResponse } from './errors';
import { isSuccess, networkError, toFluenzrApiError } from './errors';
import { retryDelayMs } from './rateLimiter';

type DirectRequestContext = IHookFunctions | ILoadOptionsFunctions;

/** How long a direct request waits for FluenzR's answer: better a clear error than a spinner that never stops. */
export const DIRECT_REQUEST_TIMEOUT_MS = 30_000;

/** These requests are rare and short: wait out a 429 a couple of times rather than fail. */
const RATE_LIMIT_RETRIES = 2;
const LONGEST_RATE_LIMIT_WAIT_MS = 60_000;

/** The credential's base URL without trailing slashes. */
export async function credentialBaseUrl(context: Pick<DirectRequestContext, 'getCredentials'>): Promise<string> {
	const { baseUrl } = await context.getCredentials<{ baseUrl?: string }>('fluenzrApi');
	return String(baseUrl ?? '').replace(/\/+$/, '');
}

/**
 * One authenticated call that answers with the HTTP response whatever its
 * status, so that the caller decides what a 404 means. Only a request that
 * got no answer throws, with `networkFix` telling the user what to do.
 */
export async function fluenzrRequest(
	context: DirectRequestContext,
	request: { method: IHttpRequestMethods; path: string; qs?: IDataObject; body?: IDataObject },
	operationLabel: string,
	networkFix: string,
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
				timeout: DIRECT_REQUEST_TIMEOUT_MS,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as FluenzrResponse;
		} catch (error) {
			const cause = (error as { cause?: Error & { code?: string } }).cause;
			const apiError = networkError(context.getNode(), cause ?? (error as Error), operationLabel);
			apiError.description = `${operationLabel} got no answer from ${baseUrl}. ${networkFix}`;
			throw apiError;
		}
		if (response.statusCode !== 429 || attempt >= RATE_LIMIT_RETRIES) return response;
		const waitMs = retryDelayMs(response.headers);
		if (waitMs > LONGEST_RATE_LIMIT_WAIT_MS) return response;
		await sleep(waitMs);
	}
}

const LIST_NETWORK_FIX =
	'Check the Base URL of the FluenzR API credential and that FluenzR can be reached from n8n, then open the list again.';

/** A list search's page: FluenzR's envelope on success, its error as a clear NodeApiError. */
export async function fluenzrApiRequest(
	context: ILoadOptionsFunctions,
	method: IHttpRequestMethods,
	path: string,
	qs: IDataObject = {},
): Promise<{ data: IDataObject[]; meta?: { total?: number } }> {
	const operationLabel = `Loading the list (${method} ${path})`;
	const response = await fluenzrRequest(context, { method, path, qs }, operationLabel, LIST_NETWORK_FIX);
	if (!isSuccess(response)) throw toFluenzrApiError(context.getNode(), response, operationLabel);
	return response.body as { data: IDataObject[]; meta?: { total?: number } };
}
