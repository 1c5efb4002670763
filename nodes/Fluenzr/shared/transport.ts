import type { IDataObject, IHttpRequestMethods, ILoadOptionsFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { toFluenzrApiError } from './errors';

/** The editor waits on list searches: better a clear error than a spinner that never stops. */
const LIST_SEARCH_TIMEOUT_MS = 30_000;

/** The credential's base URL without trailing slashes, for requests made outside the declarative engine. */
export async function credentialBaseUrl(context: Pick<ILoadOptionsFunctions, 'getCredentials'>): Promise<string> {
	const { baseUrl } = await context.getCredentials<{ baseUrl?: string }>('fluenzrApi');
	return String(baseUrl ?? '').replace(/\/+$/, '');
}

/**
 * A direct request, for the editor's list searches (outside the declarative
 * engine): FluenzR's envelope on success, its error as a clear NodeApiError.
 */
export async function fluenzrApiRequest(
	context: ILoadOptionsFunctions,
	method: IHttpRequestMethods,
	path: string,
	qs: IDataObject = {},
): Promise<{ data: IDataObject[]; meta?: { total?: number } }> {
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, 'fluenzrApi', {
		method,
		baseURL: await credentialBaseUrl(context),
		url: path,
		qs,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: LIST_SEARCH_TIMEOUT_MS,
	})) as IN8nHttpFullResponse;
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw toFluenzrApiError(context.getNode(), response, `Loading the list (${method} ${path})`);
	}
	return response.body as { data: IDataObject[]; meta?: { total?: number } };
}
