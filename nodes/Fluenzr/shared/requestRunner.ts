/**
 * How every Fluenzr operation talks to FluenzR.
 *
 * The description holds the routing (method, URL, query, body) of each
 * operation. n8n's declarative engine hands the prepared request to the
 * operation's `requestOperations.pagination` function when there is one, and
 * that is its only hook for controlling a request end to end; so every
 * operation names one of the runners below. They add what the engine lacks:
 * FluenzR's error envelope turned into clear errors, waiting on the rate limit
 * (a 429 is retried, nothing else is, so a create is never sent twice),
 * page walking by `meta.total`, and output items paired to their input item,
 * error items included.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from './contract';
import {
	asNodeError,
	malformedAnswerError,
	networkError,
	toFluenzrApiError,
	type FluenzrResponse,
} from './errors';
import { rateLimiterFor } from './rateLimiter';
import { takeDeferredError } from './validation';

type RequestData = DeclarativeRestApiSettings.ResultOptions;

/** How many times one request waits out a 429 before the item fails. */
export const MAX_RATE_LIMIT_RETRIES = 5;

/** Used when Request Options → Timeout is not set (n8n's own default is five minutes). */
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface FluenzrEnvelope {
	data: unknown;
	meta?: { page?: number; perPage?: number; total?: number };
}

interface FluenzrCredentials {
	apiKey: string;
	baseUrl: string;
}

const OPERATION_NAMES: Record<string, string> = {
	addContacts: 'Add Contacts',
	create: 'Create',
	delete: 'Delete',
	get: 'Get',
	getAll: 'Get Many',
	getStats: 'Get Stats',
	pause: 'Pause',
	start: 'Start',
	update: 'Update',
	upsert: 'Create or Update',
};

/** "Contact → Create (POST /contacts)": how errors name the operation. */
export function operationLabel(
	context: IExecuteSingleFunctions,
	options?: DeclarativeRestApiSettings.HttpRequestOptions,
): string {
	const resource = String(context.getNodeParameter('resource', ''));
	const operation = String(context.getNodeParameter('operation', ''));
	const resourceName = resource.charAt(0).toUpperCase() + resource.slice(1);
	const request = options?.url ? ` (${options.method ?? 'GET'} ${options.url.split('?')[0]})` : '';
	return `${resourceName} → ${OPERATION_NAMES[operation] ?? operation}${request}`;
}

/**
 * The engine's last step for every operation: keep the whole answer (status,
 * headers, body) so the runner can read errors and rate limit headers.
 */
export async function captureResponse(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [
		{
			json: {
				statusCode: response.statusCode,
				headers: response.headers as IDataObject,
				body: response.body as IDataObject,
			},
		},
	];
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

function isEnvelope(body: unknown): body is FluenzrEnvelope & { success: true } {
	return (
		typeof body === 'object' &&
		body !== null &&
		(body as IDataObject).success === true &&
		'data' in body &&
		(body as IDataObject).data !== undefined
	);
}

async function limiterOf(context: IExecuteSingleFunctions) {
	const { apiKey, baseUrl } = await context.getCredentials<FluenzrCredentials>('fluenzrApi');
	return rateLimiterFor(String(baseUrl), String(apiKey));
}

function timeoutOf(context: IExecuteSingleFunctions): number {
	const { timeout } = context.getNodeParameter('requestOptions', {}) as { timeout?: number };
	return typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
}

/** One request; only a request that got no HTTP answer at all throws here. */
async function sendOnce(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
	label: string,
): Promise<FluenzrResponse> {
	let captured: INodeExecutionData[];
	try {
		captured = await context.makeRoutingRequest(requestData);
	} catch (error) {
		if (error instanceof NodeApiError || error instanceof NodeOperationError) throw asNodeError(context.getNode(), error);
		throw networkError(context.getNode(), error as Error, label, context.getItemIndex());
	}
	const raw = captured[0]?.json ?? {};
	return {
		statusCode: Number(raw.statusCode),
		headers: raw.headers as IDataObject,
		body: parseBody(raw.body),
	};
}

/** FluenzR's envelope from a success, or the error a user should see. */
function envelopeOf(context: IExecuteSingleFunctions, response: FluenzrResponse, label: string): FluenzrEnvelope {
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw toFluenzrApiError(context.getNode(), response, label, context.getItemIndex());
	}
	if (!isEnvelope(response.body)) {
		throw malformedAnswerError(context.getNode(), response, label, context.getItemIndex());
	}
	return response.body;
}

/**
 * Sends one request through the API key's rate limiter. A 429 means FluenzR
 * did nothing, so it is the one answer that is retried: after the wait the
 * answer asked for, at most MAX_RATE_LIMIT_RETRIES times.
 */
export async function sendFluenzrRequest(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
): Promise<FluenzrEnvelope> {
	const label = operationLabel(context, requestData.options);
	const limiter = await limiterOf(context);
	const request: RequestData = {
		...requestData,
		options: { ...requestData.options, timeout: timeoutOf(context) },
	};
	for (let refusals = 0; ; ) {
		const ticket = await limiter.acquire();
		let response: FluenzrResponse;
		try {
			response = await sendOnce(context, request, label);
		} catch (error) {
			limiter.release(ticket);
			throw asNodeError(context.getNode(), error);
		}
		if (response.statusCode !== 429) {
			limiter.observe(response.headers, ticket);
			limiter.release(ticket);
			return envelopeOf(context, response, label);
		}
		const counts = limiter.rateLimited(response.headers, ticket);
		limiter.release(ticket);
		if (counts && ++refusals > MAX_RATE_LIMIT_RETRIES) return envelopeOf(context, response, label);
	}
}

/** One output item per record, paired to the input item that produced it. */
export function toItems(context: IExecuteSingleFunctions, data: unknown): INodeExecutionData[] {
	const records = Array.isArray(data) ? data : [data];
	const pairedItem = { item: context.getItemIndex() };
	return records.map((record) => ({ json: record as IDataObject, pairedItem }));
}

/**
 * Runs an item's work; with Continue On Fail a failure becomes an error item
 * paired to its input (the engine's own error items carry no pairing).
 */
export async function runForItem(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
	work: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	try {
		const deferred = takeDeferredError(requestData.options);
		if (deferred) throw deferred;
		return await work();
	} catch (error) {
		const failure = asNodeError(context.getNode(), error, context.getItemIndex());
		if (!context.continueOnFail()) throw failure;
		// n8n shows an error item as { error: message } and keeps the full error beside it.
		return [{ json: { error: failure.message }, error: failure, pairedItem: { item: context.getItemIndex() } }];
	}
}

/** Runner of operations that make one request and answer one record. */
export async function runSingleRequest(
	this: IExecutePaginationFunctions,
	requestData: RequestData,
): Promise<INodeExecutionData[]> {
	return await runForItem(this, requestData, async () => {
		const envelope = await sendFluenzrRequest(this, requestData);
		return toItems(this, envelope.data);
	});
}

function withQuery(requestData: RequestData, query: IDataObject): RequestData {
	return { ...requestData, options: { ...requestData.options, qs: { ...requestData.options.qs, ...query } } };
}

/**
 * Runner of Get Many: Return All walks every page of 100 and stops on
 * `meta.total`; a Limit fetches only the pages it needs (and uses a smaller
 * page when the limit is under 100).
 */
export async function runListRequest(
	this: IExecutePaginationFunctions,
	requestData: RequestData,
): Promise<INodeExecutionData[]> {
	return await runForItem(this, requestData, async () => {
		const returnAll = this.getNodeParameter('returnAll', false) as boolean;
		const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', 50));
		if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
			throw new NodeOperationError(this.getNode(), `Limit must be a whole number of at least 1, not "${limit}"`, {
				description: 'Set Limit to how many records you want, or turn on Return All.',
				itemIndex: this.getItemIndex(),
			});
		}
		const perPage = Math.min(MAX_PAGE_SIZE, limit);
		const records: unknown[] = [];
		for (let page = 1; records.length < limit; page++) {
			const envelope = await sendFluenzrRequest(this, withQuery(requestData, { page, perPage }));
			const total = Number(envelope.meta?.total);
			if (!Array.isArray(envelope.data) || !Number.isFinite(total)) {
				throw malformedAnswerError(
					this.getNode(),
					{ statusCode: 200, body: 'a list without data[] and meta.total' },
					operationLabel(this, requestData.options),
					this.getItemIndex(),
				);
			}
			for (const record of envelope.data) records.push(record);
			if (page * perPage >= total || envelope.data.length === 0) break;
		}
		if (records.length > limit) records.length = limit;
		return toItems(this, records);
	});
}
