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

import { MAX_PAGE_SIZE, TEXT_FIELDS } from './contract';
import {
	asNodeError,
	isSuccess,
	malformedAnswerError,
	networkError,
	toFluenzrApiError,
	type FluenzrResponse,
} from './errors';
import { MAX_CONCURRENT_REQUESTS, rateLimiterFor } from './rateLimiter';
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

/**
 * The transport failure (timeout, reset, refused, cut-off body) behind an
 * error from n8n's request helper. n8n wraps it in a NodeApiError whose
 * message names neither the operation nor the fix, and whose cause holds the
 * request with its Authorization header. HTTP statuses never throw here
 * (ignoreHttpStatusErrors), so an error with a code (ECONNRESET,
 * ECONNABORTED, ERR_BAD_RESPONSE for a body cut off...) is one.
 */
function transportFailureOf(error: unknown): (Error & { code?: string }) | undefined {
	const cause = error instanceof NodeApiError ? (error as { cause?: unknown }).cause : error;
	if (!(cause instanceof Error)) return undefined;
	return typeof (cause as { code?: unknown }).code === 'string' ? cause : undefined;
}

const TEXT_FIELD_NAMES = new Set<string>(TEXT_FIELDS);

/**
 * A number given to a text field by an expression (a phone number from a CRM,
 * say) is sent as text. Done here, once per request, rather than by an
 * expression per field, which n8n would evaluate for every item. Other types
 * go as they are, for FluenzR to name the field in its error.
 */
function numbersAsText<Body>(body: Body): Body {
	if (typeof body !== 'object' || body === null || Array.isArray(body) || Buffer.isBuffer(body)) return body;
	const entries = Object.entries(body as IDataObject).map(([key, value]) => [
		key,
		TEXT_FIELD_NAMES.has(key) && typeof value === 'number' ? String(value) : value,
	]);
	return Object.fromEntries(entries) as Body;
}

/** One request; only a request that got no complete HTTP answer throws here. */
async function sendOnce(
	context: IExecutePaginationFunctions,
	requestData: RequestData,
	label: string,
): Promise<FluenzrResponse> {
	let captured: INodeExecutionData[];
	try {
		captured = await context.makeRoutingRequest(requestData);
	} catch (error) {
		const failure = transportFailureOf(error);
		if (!failure && (error instanceof NodeApiError || error instanceof NodeOperationError)) {
			throw asNodeError(context.getNode(), error);
		}
		throw networkError(context.getNode(), failure ?? (error as Error), label, context.getItemIndex());
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
	if (!isSuccess(response)) {
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
		options: { ...requestData.options, body: numbersAsText(requestData.options.body), timeout: timeoutOf(context) },
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
		limiter.rateLimited(response.headers, ticket);
		limiter.release(ticket);
		if (++refusals > MAX_RATE_LIMIT_RETRIES) return envelopeOf(context, response, label);
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

/** One page of a list: its records and FluenzR's count of all matching records. */
interface ListPage {
	records: unknown[];
	total: number;
}

/**
 * Pages of one list asked for ahead of the one being read. Page 1 tells how
 * many pages there are, so the others need not wait for each other: with
 * them in flight together, a long Return All costs about one round trip per
 * MAX_CONCURRENT_REQUESTS pages instead of one per page (the API key's limiter
 * still caps what is in flight and paces the rate limit). Records are kept
 * in page order whatever order the answers come in.
 */
const PAGES_AHEAD = MAX_CONCURRENT_REQUESTS;

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
		const rawLimit = this.getNodeParameter('limit', 50);
		const limit = returnAll ? Infinity : Number(rawLimit);
		if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
			throw new NodeOperationError(this.getNode(), `Limit must be a whole number of at least 1, not "${String(rawLimit)}"`, {
				description: 'Set Limit to how many records you want, or turn on Return All.',
				itemIndex: this.getItemIndex(),
			});
		}
		const perPage = Math.min(MAX_PAGE_SIZE, limit);
		const fetchPage = async (page: number): Promise<ListPage> => {
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
			return { records: envelope.data, total };
		};
		// The pages needed, as the latest answer's total tells (a list can change while it is read).
		const lastPageFor = (total: number) => Math.ceil(Math.min(total, limit) / perPage);

		const records: unknown[] = [];
		const ahead: Array<Promise<ListPage>> = [];
		const askAhead = (page: number) => {
			const answer = fetchPage(page);
			// Marked as handled at once: a page asked for ahead may fail while an earlier one is awaited,
			// or be left unread (after an empty page or a failure). It still throws where it is awaited.
			answer.catch(() => undefined);
			ahead.push(answer);
		};
		let requested = 1;
		for (let reading: Promise<ListPage> | undefined = fetchPage(1); reading; reading = ahead.shift()) {
			const page = await reading;
			if (page.records.length === 0) break;
			for (const record of page.records) records.push(record);
			const lastPage = lastPageFor(page.total);
			while (requested < lastPage && ahead.length < PAGES_AHEAD) askAhead(++requested);
		}
		if (records.length > limit) records.length = limit;
		return toItems(this, records);
	});
}
