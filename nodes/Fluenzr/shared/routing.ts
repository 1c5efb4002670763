/**
 * How the Fluenzr node's operations hook into n8n's declarative engine.
 *
 * The description holds each operation's routing: method, URL, and the
 * fields that fill query and body (preSend steps shape what needs shaping).
 * For every item the engine prepares the request from it and, when the
 * routing names a `requestOperations.pagination` function, hands the
 * prepared request to that function instead of sending it: the engine's
 * only hook that controls a request end to end, whatever its name says, so
 * every operation uses it, whether it reads pages or not.
 *
 * `operationRouting` builds an operation's routing and attaches its run
 * there, wrapped by `runOnItem`: input problems found by preSend steps fail
 * the item before anything is sent, the run goes through the FluenzR client
 * layer (client/request.ts: pacing, 429s, FluenzR's errors), and the records
 * become output items paired to their input item, error items included.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodePropertyRouting,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../../client/errors';
import { quoted } from '../../../client/text';
import { fetchListPage, readPages } from '../../../client/pages';
import { MAX_CONCURRENT_REQUESTS } from '../../../client/rateLimiter';
import { DEFAULT_TIMEOUT_MS, envelopeOf, sendToFluenzr, type FluenzrEnvelope, type RequestSettings } from '../../../client/request';
import { fillPathId, ID_IN_PATH, inputProblemOf, type IdField } from './validation';

type PreparedRequest = DeclarativeRestApiSettings.ResultOptions;
type RequestOptions = DeclarativeRestApiSettings.HttpRequestOptions;

/** What an operation does with its prepared request, for one item; answers the record or records to output. */
type OperationRun = (this: IExecutePaginationFunctions, prepared: PreparedRequest) => Promise<unknown>;

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Each operation's name as the editor shows it ("Create or Update"), by resource and value: how errors name it. */
const operationNames = new Map<string, string>();

/** Learns the operations' names from the resources' Operation selectors, so that they are written once. */
export function nameOperations(selectors: INodeProperties[]): void {
	for (const selector of selectors) {
		const resources = (selector.displayOptions?.show?.resource ?? []) as string[];
		for (const option of selector.options ?? []) {
			if (!('value' in option)) continue;
			for (const resource of resources) operationNames.set(`${resource}.${String(option.value)}`, option.name);
		}
	}
}

/** "Contact → Create (POST /contacts)": how errors name the operation. */
function operationLabel(context: IExecuteSingleFunctions, options?: RequestOptions): string {
	const resource = String(context.getNodeParameter('resource', ''));
	const operation = String(context.getNodeParameter('operation', ''));
	const resourceName = resource.charAt(0).toUpperCase() + resource.slice(1);
	// The path holds the record's ID, which can be any length.
	const request = options?.url ? ` (${options.method ?? 'GET'} ${quoted(options.url.split('?')[0])})` : '';
	return `${resourceName} → ${operationNames.get(`${resource}.${operation}`) ?? operation}${request}`;
}

/** The node's Settings → Request Options → Timeout, else DEFAULT_TIMEOUT_MS. */
function timeoutOf(context: IExecuteSingleFunctions): number {
	const { timeout } = context.getNodeParameter('requestOptions', {}) as { timeout?: number };
	return typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
}

/** Sends one prepared request of this item through the client layer: FluenzR's envelope, or the item's error. */
export async function sendOperationRequest(
	context: IExecuteSingleFunctions,
	options: RequestOptions,
): Promise<FluenzrEnvelope> {
	const settings = requestSettingsOf(context, options);
	const response = await sendToFluenzr(context, options, settings);
	return envelopeOf(context.getNode(), response, settings.label, settings.itemIndex);
}

/** How this item's requests are named in errors, and how long they may take. */
function requestSettingsOf(context: IExecuteSingleFunctions, options: RequestOptions): RequestSettings {
	return { label: operationLabel(context, options), timeoutMs: timeoutOf(context), itemIndex: context.getItemIndex() };
}

/** One output item per record, paired to the input item that produced it. */
function toItems(context: IExecuteSingleFunctions, data: unknown): INodeExecutionData[] {
	const records = Array.isArray(data) ? data : [data];
	const pairedItem = { item: context.getItemIndex() };
	return records.map((record) => ({ json: record as IDataObject, pairedItem }));
}

/**
 * Runs an operation for one item. A preSend step that throws reaches n8n as
 * an error item without pairing, so those steps record the problem on the
 * request instead, and it is raised here. With Continue On Fail a failure
 * becomes an error item paired to its input (the engine's own carry none).
 */
function runOnItem(run: OperationRun) {
	return async function (this: IExecutePaginationFunctions, prepared: PreparedRequest): Promise<INodeExecutionData[]> {
		try {
			const inputProblem = inputProblemOf(prepared.options);
			if (inputProblem) throw inputProblem;
			return toItems(this, await run.call(this, prepared));
		} catch (error) {
			const failure = readableByModels(this.getNode(), asNodeError(this.getNode(), error, this.getItemIndex()));
			if (!this.continueOnFail()) throw failure;
			// n8n shows an error item as { error: message } and keeps the full error beside it.
			return [{ json: { error: failure.message }, error: failure, pairedItem: { item: this.getItemIndex() } }];
		}
	};
}

/**
 * An AI model reads only a failing tool's error message: n8n 2.x's AI Agent
 * passes it `{ error: message }` and drops the description. A tool's message
 * therefore carries the description too (the fields at fault, the wait, what
 * to do next), in the form n8n's MCP Server Trigger gives it.
 */
function readableByModels(node: INode, failure: NodeApiError | NodeOperationError): NodeApiError | NodeOperationError {
	const runsAsTool = node.type.endsWith('Tool');
	if (!runsAsTool || !failure.description || failure.message.includes(failure.description)) return failure;
	failure.message = `${failure.message}\n\nDetails: ${failure.description}`;
	return failure;
}

/** The run of most operations: one request, one record (or FluenzR's answer) out. */
async function sendRequest(this: IExecutePaginationFunctions, prepared: PreparedRequest): Promise<unknown> {
	return (await sendOperationRequest(this, prepared.options)).data;
}

/**
 * The run of Get Many: Return All reads every page of 100; a Limit reads
 * only the pages it needs (with a smaller page when the limit is under 100).
 */
export async function readList(this: IExecutePaginationFunctions, prepared: PreparedRequest): Promise<unknown> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const rawLimit = this.getNodeParameter('limit', 50);
	const limit = returnAll ? Infinity : Number(rawLimit);
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
		throw new NodeOperationError(this.getNode(), `Limit must be a whole number of at least 1, not "${quoted(String(rawLimit))}"`, {
			description: 'Set Limit to how many records you want, or turn on Return All.',
			itemIndex: this.getItemIndex(),
		});
	}
	const { options } = prepared;
	const settings = requestSettingsOf(this, options);
	return await readPages(
		async (page, perPage) => await fetchListPage(this, { ...options, qs: { ...options.qs, page, perPage } }, settings),
		// Pages of one list in flight together: about one round trip per MAX_CONCURRENT_REQUESTS pages.
		{ limit, pagesAhead: MAX_CONCURRENT_REQUESTS },
	);
}

/**
 * The routing of an operation: the request n8n prepares from the
 * description, and the run that sends it (one request unless told).
 */
export function operationRouting(method: HttpMethod, url: string, run: OperationRun = sendRequest): INodePropertyRouting {
	return {
		request: { method, url },
		// `paginate` is what makes the engine call the `pagination` function (see the top of this file).
		send: { paginate: true },
		operations: { pagination: runOnItem(run) },
	};
}

/**
 * The routing of an operation on one record: `{id}` in `url` becomes the
 * record's ID, read from `record`'s field once per item (see fillPathId).
 */
export function recordOperationRouting(
	method: HttpMethod,
	url: `${string}${typeof ID_IN_PATH}${string}`,
	record: IdField,
	run: OperationRun = sendRequest,
): INodePropertyRouting {
	const routing = operationRouting(method, url, run);
	return { ...routing, send: { ...routing.send, preSend: [fillPathId(record)] } };
}
