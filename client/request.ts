/**
 * The one way this package talks to FluenzR. Every request, an operation of
 * the Fluenzr node as much as a list in the editor or a webhook call of the
 * trigger, goes through `sendToFluenzr`: the credential's key and normalised
 * Base URL, the pacer of that key, one answer to a 429, and errors that name
 * the request and the fix. Errors are built from the answer, never from the
 * request, which carries the API key (and, on a webhook registration, the
 * secret).
 */
import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { connectionOf, CREDENTIAL_TYPE } from './connection';
import type { FluenzrResponse } from './errors';
import { isSuccess, malformedAnswerError, networkError, notAnEnvelope, toFluenzrApiError, waitTooLongError } from './errors';
import { MAX_PACER_WAIT_MS, rateLimiterFor } from './rateLimiter';

/** What sends requests: an operation's item, one of the trigger's hooks, a list in the editor. */
export type FluenzrContext = IExecuteSingleFunctions | IHookFunctions | ILoadOptionsFunctions;

/** How many times one request waits out a 429 before it fails. */
export const MAX_RATE_LIMIT_RETRIES = 5;

/** An operation's timeout when its Request Options set none (n8n's own default is five minutes). */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The timeout of the requests a person waits on (the editor's lists, the
 * trigger's activation): better a clear error than a spinner that never stops.
 */
export const DIRECT_REQUEST_TIMEOUT_MS = 30_000;

export interface RequestSettings {
	/** How errors name the request, e.g. "Contact → Create (POST /contacts)". */
	label: string;
	timeoutMs: number;
	/**
	 * How a person waiting on the request tries again once FluenzR can be
	 * reached ("open the list again"); without it, the advice for an
	 * operation's item.
	 */
	retryBy?: string;
	/** What such a request may have done in FluenzR although it got no answer, for that person to check first. */
	ifUnanswered?: string;
	itemIndex?: number;
}

/** FluenzR's answer to a success: the record or the page, and a list's counts. */
export interface FluenzrEnvelope {
	data: unknown;
	meta?: { page?: number; perPage?: number; total?: number };
}

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/**
 * The transport failure (timeout, reset, refused, cut-off body) behind an
 * error from n8n's request helper. n8n wraps it in a NodeApiError whose
 * message names neither the request nor the fix, and whose cause holds the
 * request with its Authorization header. HTTP statuses never throw here
 * (ignoreHttpStatusErrors), so an error with a code (ECONNRESET,
 * ECONNABORTED, ERR_BAD_RESPONSE for a body cut off...) is one.
 */
function transportFailureOf(error: unknown): (Error & { code?: string }) | undefined {
	const cause = error instanceof NodeApiError ? (error as { cause?: unknown }).cause : error;
	if (!(cause instanceof Error)) return undefined;
	return typeof (cause as { code?: unknown }).code === 'string' ? cause : undefined;
}

function unansweredError(
	context: FluenzrContext,
	error: unknown,
	baseUrl: string,
	write: boolean,
	settings: RequestSettings,
): Error {
	const failure = transportFailureOf(error);
	if (!failure && (error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	const { label, retryBy, ifUnanswered, itemIndex } = settings;
	const request = { label, write, retryBy, ifUnanswered, ...(retryBy ? { baseUrl } : {}) };
	return networkError(context.getNode(), failure ?? (error as Error), request, itemIndex);
}

/** A request that may change something in FluenzR: whether an unanswered or failed one may have been carried out. */
function isWrite(method: string | undefined): boolean {
	return !['GET', 'HEAD'].includes((method ?? 'GET').toUpperCase());
}

/** The credential of each run of the Fluenzr node, keyed by the run's execute data (the same object for every item). */
const credentialsOfRun = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

/**
 * The credential, read once per run of the node: n8n reads it from its
 * database and decrypts it on every call, and with a thousand items those
 * calls queue up before the first request.
 */
async function credentialsOf(context: FluenzrContext): Promise<ICredentialDataDecryptedObject> {
	const run = 'getExecuteData' in context ? context.getExecuteData() : undefined;
	if (run === undefined) return await context.getCredentials(CREDENTIAL_TYPE);
	let credentials = credentialsOfRun.get(run);
	if (credentials === undefined) {
		credentials = context.getCredentials(CREDENTIAL_TYPE);
		credentialsOfRun.set(run, credentials);
	}
	return await credentials;
}

/** One attempt; only a request that got no complete HTTP answer throws. */
async function sendOnce(
	context: FluenzrContext,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
	write: boolean,
	settings: RequestSettings,
): Promise<FluenzrResponse> {
	try {
		// Handing n8n the credential already read spares it another database read per request.
		const credentialsDecrypted = { id: '', name: CREDENTIAL_TYPE, type: CREDENTIAL_TYPE, data: credentials };
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, options, {
			credentialsDecrypted,
		})) as FluenzrResponse;
		return {
			statusCode: Number(response.statusCode),
			headers: response.headers as IDataObject,
			body: parseBody(response.body),
			write,
		};
	} catch (error) {
		throw unansweredError(context, error, baseUrl, write, settings);
	}
}

/**
 * Sends a request to the credential's FluenzR (`url` is a path such as
 * `/contacts`) and answers FluenzR's response whatever its status, so that
 * the caller decides what a 404 means. The API key's pacer lets it through;
 * a 429 means FluenzR did nothing, so it is the one answer that is retried,
 * after the wait the answer asked for, at most MAX_RATE_LIMIT_RETRIES times
 * (a create is never sent twice). A 429 asking for a wait longer than the
 * pacer ever waits (MAX_PACER_WAIT_MS) fails the request at once.
 */
export async function sendToFluenzr(
	context: FluenzrContext,
	request: IHttpRequestOptions | DeclarativeRestApiSettings.HttpRequestOptions,
	settings: RequestSettings,
): Promise<FluenzrResponse> {
	const credentials = await credentialsOf(context);
	const connection = connectionOf(credentials);
	const { baseUrl } = connection;
	const limiter = rateLimiterFor(connection);
	const write = isWrite(request.method);
	// An operation's request comes as n8n's engine prepared it (proxy, SSL and allowed domains included).
	const options = {
		json: true,
		...request,
		baseURL: baseUrl,
		timeout: settings.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	} as IHttpRequestOptions;
	for (let refusals = 0; ; ) {
		const ticket = await limiter.acquire();
		let response: FluenzrResponse | undefined;
		try {
			response = await sendOnce(context, options, credentials, baseUrl, write, settings);
		} finally {
			// Without an answer there is nothing to learn: the slot is freed at once.
			if (response === undefined) limiter.release(ticket);
		}
		if (response.statusCode !== 429) {
			limiter.observe(response.headers, ticket);
			limiter.release(ticket);
			return response;
		}
		const askedMs = limiter.rateLimited(response.headers, ticket);
		limiter.release(ticket);
		if (askedMs > MAX_PACER_WAIT_MS) throw waitTooLongError(context.getNode(), response, settings.label, askedMs, settings.itemIndex);
		if (++refusals > MAX_RATE_LIMIT_RETRIES) return response;
	}
}

function isEnvelope(body: unknown): body is FluenzrEnvelope & { success: true } {
	return (
		typeof body === 'object' &&
		body !== null &&
		(body as IDataObject).success === true &&
		'data' in body &&
		(body as IDataObject).data !== undefined
	);
}

/** FluenzR's envelope from a success, or the error a user should see. */
export function envelopeOf(node: INode, response: FluenzrResponse, label: string, itemIndex?: number): FluenzrEnvelope {
	if (!isSuccess(response)) throw toFluenzrApiError(node, response, label, itemIndex);
	if (!isEnvelope(response.body)) throw malformedAnswerError(node, response, notAnEnvelope(response.body), label, itemIndex);
	return response.body;
}
