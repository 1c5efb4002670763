import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ERROR_CODES, RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS } from './contract';

/** An HTTP answer as the node sees it, whatever its status. */
export interface FluenzrResponse {
	statusCode: number;
	body: unknown;
	headers?: IDataObject;
}

export function isSuccess(response: FluenzrResponse): boolean {
	return response.statusCode >= 200 && response.statusCode < 300;
}

interface FluenzrErrorBody {
	code?: string;
	message?: string;
	details?: unknown;
}

/** What to do next, per FluenzR error code: the part of an error a user acts on. */
const FIX_BY_CODE: Record<string, string> = {
	[ERROR_CODES.validation]: 'Correct the fields listed above and try again.',
	[ERROR_CODES.unauthorized]:
		'Check the API key in the FluenzR API credential: copy it again from FluenzR → Settings → API.',
	[ERROR_CODES.planRequired]:
		"The REST API needs FluenzR's Pro plan: upgrade the account or use a Pro account's API key.",
	[ERROR_CODES.notFound]:
		'Check the ID: the record must exist in the FluenzR account of this credential (IDs of other accounts are not found).',
	[ERROR_CODES.rateLimited]: `FluenzR allows ${RATE_LIMIT_REQUESTS} requests per ${RATE_LIMIT_WINDOW_SECONDS} s per API key and was still refusing after the node waited and retried. Run fewer items at once, or spread the work over time.`,
	[ERROR_CODES.internal]: 'FluenzR had an internal problem. Try again later; nothing was changed if the error persists.',
};

/**
 * Headlines that say first what went wrong for the user, where FluenzR's own
 * message is written for a developer (and n8n's toast shows only the start).
 * FluenzR's message then goes into the description.
 */
const HEADLINE_BY_CODE: Record<string, string> = {
	[ERROR_CODES.unauthorized]: 'FluenzR refused the API key of the credential (UNAUTHORIZED)',
};

/** Text n8n may render as HTML: `<apiKey>` would vanish as an unknown tag. */
function asPlainText(text: string): string {
	return text.replace(/</g, '‹').replace(/>/g, '›');
}

/** A refusal that names no field is about the record's state (a campaign's status, say). */
const FIX_FOR_REFUSED_STATE =
	"Check the record's current state in FluenzR (for example a campaign's status, steps and contacts) against what the operation needs, then try again.";

const FIX_FOR_SERVER_FAILURE =
	'FluenzR (or a proxy in front of it) failed to answer properly. Try again later; if it persists, check the Base URL of the credential.';

function errorBodyOf(body: unknown): FluenzrErrorBody | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const error = (body as IDataObject).error;
	if (typeof error !== 'object' || error === null) return undefined;
	return error as FluenzrErrorBody;
}

/** `details` is field → message, or a list for `contactIds`; render it as "field: problem" lines. */
function describeDetails(details: unknown): string[] {
	if (typeof details !== 'object' || details === null) return [];
	return Object.entries(details as IDataObject)
		.filter(([field]) => field !== 'existingId')
		.map(([field, problem]) => {
			const text = Array.isArray(problem) ? problem.join(', ') : String(problem);
			return `${field}: ${text}`;
		});
}

function statusFallbackMessage(statusCode: number): string {
	if (statusCode >= 500) return `FluenzR answered with a server error (HTTP ${statusCode})`;
	return `FluenzR refused the request (HTTP ${statusCode})`;
}

function snippetOf(body: unknown): string | undefined {
	if (typeof body !== 'string' || body.trim() === '') return undefined;
	const text = body
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/**
 * Turns an error answer into the error a user sees: FluenzR's own message as
 * the message, and a description naming the operation, the HTTP status, the
 * code, the failing fields and what to do. Only the answer's body goes into
 * the error, never the request (which carries the API key).
 */
export function toFluenzrApiError(
	node: INode,
	response: FluenzrResponse,
	operationLabel: string,
	itemIndex?: number,
): NodeApiError {
	const fluenzrError = errorBodyOf(response.body);
	const code = fluenzrError?.code;
	const message = fluenzrError?.message ?? statusFallbackMessage(response.statusCode);
	const headline = (code && HEADLINE_BY_CODE[code]) || message;
	const lines = [`${operationLabel} failed with HTTP ${response.statusCode}${code ? ` (${code})` : ''}.`];
	if (headline !== message) lines.push(`FluenzR said: "${asPlainText(message)}".`);
	const fieldProblems = describeDetails(fluenzrError?.details);
	if (fieldProblems.length) lines.push(`Fields: ${fieldProblems.join('; ')}.`);
	if (!fluenzrError) {
		const snippet = snippetOf(response.body);
		if (snippet) lines.push(`The answer was not FluenzR JSON: "${snippet}".`);
	}
	lines.push(
		code === ERROR_CODES.validation && fieldProblems.length === 0
			? FIX_FOR_REFUSED_STATE
			: ((code && FIX_BY_CODE[code]) ?? (response.statusCode >= 500 ? FIX_FOR_SERVER_FAILURE : '')),
	);

	const errorResponse: JsonObject = {
		httpCode: String(response.statusCode),
		...(code ? { code } : {}),
		message,
		...(fluenzrError?.details !== undefined ? { details: fluenzrError.details as JsonObject } : {}),
	};
	return new NodeApiError(node, errorResponse, {
		message: headline,
		description: lines.filter(Boolean).join(' '),
		httpCode: String(response.statusCode),
		itemIndex,
	});
}

/** A 2xx answer that is not the documented envelope (no JSON, no `data`). */
export function malformedAnswerError(
	node: INode,
	response: FluenzrResponse,
	operationLabel: string,
	itemIndex?: number,
): NodeApiError {
	const snippet = snippetOf(response.body);
	const what =
		response.body === undefined || response.body === '' || response.body === null
			? 'an empty body'
			: typeof response.body === 'string'
				? `a body that is not JSON${snippet ? ` ("${snippet}")` : ''}`
				: 'JSON without the documented "data" field';
	const message = `FluenzR answered HTTP ${response.statusCode} with ${what}`;
	return new NodeApiError(
		node,
		{ httpCode: String(response.statusCode), message },
		{
			message,
			description: `${operationLabel}: the answer could not be read, so the outcome is unknown. ${FIX_FOR_SERVER_FAILURE}`,
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}

const NETWORK_PROBLEMS: Record<string, string> = {
	ECONNABORTED: 'FluenzR did not answer within the timeout',
	ETIMEDOUT: 'FluenzR did not answer within the timeout',
	ECONNRESET: 'The connection to FluenzR was closed before a complete answer',
	// axios's code for an answer whose body broke off midway.
	ERR_BAD_RESPONSE: 'The connection to FluenzR was closed before a complete answer',
	ECONNREFUSED: 'FluenzR could not be reached (connection refused)',
	ENOTFOUND: 'The host of the Base URL could not be found',
	EPIPE: 'The connection to FluenzR was closed while sending the request',
};

/** A request that got no HTTP answer at all: timeout, reset, refused. */
export function networkError(
	node: INode,
	error: Error & { code?: string },
	operationLabel: string,
	itemIndex?: number,
): NodeApiError {
	const code = error.code ?? (/timeout/i.test(error.message) ? 'ETIMEDOUT' : undefined);
	const problem = (code && NETWORK_PROBLEMS[code]) ?? `The request to FluenzR failed: ${error.message}`;
	// A timed-out or dropped write may still have happened on FluenzR's side.
	const description = `${operationLabel} got no answer${code ? ` (${code})` : ''}. Check the Base URL and try again; a longer timeout can be set on the node's Settings tab, under Request Options → Timeout (in milliseconds). If this was a create, check in FluenzR whether the record exists before running it again.`;
	const apiError = new NodeApiError(
		node,
		{ message: problem, ...(code ? { code } : {}) },
		{ message: problem, description, itemIndex },
	);
	// n8n swaps in its own generic text for codes it knows ("The connection was aborted, perhaps the server is offline").
	apiError.message = problem;
	return apiError;
}

/** Errors leave the node as NodeApiError or NodeOperationError, whatever threw them. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
