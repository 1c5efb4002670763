import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ERROR_CODES, RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS } from './contract';
import { formatWait, quoted } from './text';

/** An HTTP answer as the node sees it, whatever its status. */
export interface FluenzrResponse {
	statusCode: number;
	body: unknown;
	headers?: IDataObject;
	/** The request could change something in FluenzR (any method but GET): a failure may leave it done. */
	write?: boolean;
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
	[ERROR_CODES.rateLimited]: `FluenzR allows ${RATE_LIMIT_REQUESTS} requests per ${RATE_LIMIT_WINDOW_SECONDS} s per API key and was still refusing after the node waited and retried, so the request was not carried out. Run fewer items at once, or spread the work over time.`,
};

/** What to do next for a FluenzR error code, where the code alone says it (the credential test's advice too). */
export function fixForCode(code: (typeof ERROR_CODES)['unauthorized' | 'planRequired' | 'notFound' | 'rateLimited']): string {
	return FIX_BY_CODE[code];
}

/**
 * Headlines that say first what went wrong for the user, where FluenzR's own
 * message is written for a developer (and n8n's toast shows only the start).
 * FluenzR's message then goes into the description.
 */
const HEADLINE_BY_CODE: Record<string, string> = {
	[ERROR_CODES.unauthorized]: 'FluenzR refused the API key of the credential (UNAUTHORIZED)',
};

/** A refusal that names no field is about the record's state (a campaign's status, say). */
const FIX_FOR_REFUSED_STATE =
	"Check the record's current state in FluenzR (for example a campaign's status, steps and contacts) against what the operation needs, then try again.";

/** What to do when a request may or may not have been carried out: a write is checked for before it is run again. */
function fixForUnknownOutcome(write: boolean | undefined): string {
	return write
		? 'The request may have been carried out all the same: check in FluenzR whether it took effect (a record created or changed) before running it again.'
		: 'The request only reads, so it is safe to run again.';
}

/** A 5xx (FluenzR's INTERNAL_ERROR, or a proxy's page): FluenzR may have failed after writing. */
function fixForServerFailure(write: boolean | undefined): string {
	return `FluenzR (or a proxy in front of it) failed while handling the request. ${fixForUnknownOutcome(write)} If it persists, check the Base URL of the credential and try again later.`;
}

/** Where to look when a request did not reach FluenzR: written once for every request that can fail so. */
const REACH_FLUENZR_ADVICE = 'Check the Base URL of the FluenzR API credential and that FluenzR can be reached from n8n';

/** A message from FluenzR or a proxy can quote whatever the request held (a 200 KB ID, say). */
const MAX_MESSAGE_LENGTH = 300;

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
			return `${quoted(field)}: ${quoted(text, MAX_MESSAGE_LENGTH)}`;
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

function fixFor(response: FluenzrResponse, code: string | undefined, namesFields: boolean): string {
	if (code === ERROR_CODES.validation && !namesFields) return FIX_FOR_REFUSED_STATE;
	if (code && FIX_BY_CODE[code]) return FIX_BY_CODE[code];
	return response.statusCode >= 500 || code === ERROR_CODES.internal ? fixForServerFailure(response.write) : '';
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
	fix?: string,
): NodeApiError {
	const fluenzrError = errorBodyOf(response.body);
	const code = fluenzrError?.code;
	const message = quoted(String(fluenzrError?.message ?? statusFallbackMessage(response.statusCode)), MAX_MESSAGE_LENGTH);
	const headline = (code && HEADLINE_BY_CODE[code]) || message;
	const lines = [`${operationLabel} failed with HTTP ${response.statusCode}${code ? ` (${code})` : ''}.`];
	if (headline !== message) lines.push(`FluenzR said: "${message}".`);
	const fieldProblems = describeDetails(fluenzrError?.details);
	if (fieldProblems.length) lines.push(`Fields: ${fieldProblems.join('; ')}.`);
	if (!fluenzrError) {
		const snippet = snippetOf(response.body);
		if (snippet) lines.push(`The answer was not FluenzR JSON: "${snippet}".`);
	}
	lines.push(fix ?? fixFor(response, code, fieldProblems.length > 0));

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

/** What is wrong with a 2xx body that is not the documented envelope (no JSON, no `data`). */
export function notAnEnvelope(body: unknown): string {
	if (body === undefined || body === '' || body === null) return 'an empty body';
	const snippet = snippetOf(body);
	if (typeof body === 'string') return `a body that is not JSON${snippet ? ` ("${snippet}")` : ''}`;
	return 'JSON without the documented "data" field';
}

/**
 * A 2xx answer the node cannot read as FluenzR documents it; `wrong` says
 * what FluenzR answered instead (`notAnEnvelope` for the envelope itself).
 */
export function malformedAnswerError(
	node: INode,
	response: Pick<FluenzrResponse, 'statusCode' | 'write'>,
	wrong: string,
	operationLabel: string,
	itemIndex?: number,
): NodeApiError {
	const message = `FluenzR answered HTTP ${response.statusCode} with ${wrong}`;
	return new NodeApiError(
		node,
		{ httpCode: String(response.statusCode), message },
		{
			message,
			description: `${operationLabel}: FluenzR's answer could not be read, so the outcome is unknown. ${fixForUnknownOutcome(response.write)} If it persists, check the Base URL of the credential (a proxy may be answering).`,
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}

/** What a failure without an answer says of the request: it never left, or it may have reached FluenzR. */
interface NetworkProblem {
	problem: string;
	/** The request never reached FluenzR (no connection, no host, no TLS): nothing was done there. */
	unsent?: true;
	/** It waited for the answer past its timeout. */
	timeout?: true;
}

const TLS_FAILURE: NetworkProblem = { problem: 'The secure (TLS) connection to the Base URL failed', unsent: true };

const NETWORK_PROBLEMS: Record<string, NetworkProblem> = {
	ECONNABORTED: { problem: 'FluenzR did not answer within the timeout', timeout: true },
	ETIMEDOUT: { problem: 'FluenzR did not answer within the timeout', timeout: true },
	ECONNRESET: { problem: 'The connection to FluenzR was closed before a complete answer' },
	// axios's code for an answer whose body broke off midway.
	ERR_BAD_RESPONSE: { problem: 'The connection to FluenzR was closed before a complete answer' },
	EPIPE: { problem: 'The connection to FluenzR was closed while sending the request' },
	ECONNREFUSED: { problem: 'FluenzR could not be reached (connection refused)', unsent: true },
	ENOTFOUND: { problem: 'The host of the Base URL could not be found', unsent: true },
	EAI_AGAIN: { problem: 'The host of the Base URL could not be looked up (DNS did not answer)', unsent: true },
	EHOSTUNREACH: { problem: 'The host of the Base URL cannot be reached from this network', unsent: true },
	ENETUNREACH: { problem: 'The host of the Base URL cannot be reached from this network', unsent: true },
	EPROTO: TLS_FAILURE,
	CERT_HAS_EXPIRED: TLS_FAILURE,
	DEPTH_ZERO_SELF_SIGNED_CERT: TLS_FAILURE,
	SELF_SIGNED_CERT_IN_CHAIN: TLS_FAILURE,
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: TLS_FAILURE,
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: TLS_FAILURE,
	ERR_TLS_CERT_ALTNAME_INVALID: TLS_FAILURE,
};

/** The request that got no answer, as the advice needs it. */
export interface UnansweredRequest {
	label: string;
	/** It could change something in FluenzR. */
	write: boolean;
	/** Where it went, for a person who waits on it (a list in the editor, the trigger's activation). */
	baseUrl?: string;
	/** How that person tries again once FluenzR can be reached ("open the list again"); without it, an item's advice. */
	retryBy?: string;
	/** What it may have done in FluenzR all the same when it got no answer (with `retryBy`). */
	ifUnanswered?: string;
}

/** What a user does after a failure without an answer: true to whether the request reached FluenzR. */
function networkAdvice(request: UnansweredRequest, code: string | undefined, known: NetworkProblem | undefined): string {
	const codeText = code ? ` (${code})` : '';
	const where = request.baseUrl ? ` at ${request.baseUrl}` : '';
	if (known?.unsent) {
		const then = request.retryBy ?? 'it is safe to run it again';
		return `${request.label} did not reach FluenzR${where}${codeText}, so nothing was done there. ${REACH_FLUENZR_ADVICE}, then ${then}.`;
	}
	const unanswered = `${request.label} got no answer from FluenzR${where}${codeText}.`;
	if (request.retryBy) {
		return [unanswered, request.ifUnanswered, `${REACH_FLUENZR_ADVICE}, then ${request.retryBy}.`].filter(Boolean).join(' ');
	}
	const timeoutHint = known?.timeout
		? " If FluenzR is slow rather than down, a longer timeout can be set on the node's Settings tab, under Request Options → Timeout (in milliseconds)."
		: '';
	return `${unanswered} ${fixForUnknownOutcome(request.write)}${timeoutHint}`;
}

/** A request that got no HTTP answer at all: timeout, reset, refused. */
export function networkError(
	node: INode,
	error: Error & { code?: string },
	request: UnansweredRequest,
	itemIndex?: number,
): NodeApiError {
	const code = error.code ?? (/timeout/i.test(error.message) ? 'ETIMEDOUT' : undefined);
	const known = code ? NETWORK_PROBLEMS[code] : undefined;
	const problem = known?.problem ?? `The request to FluenzR failed: ${quoted(error.message, MAX_MESSAGE_LENGTH)}`;
	const description = networkAdvice(request, code, known);
	const apiError = new NodeApiError(
		node,
		{ message: problem, ...(code ? { code } : {}) },
		{ message: problem, description, itemIndex },
	);
	// n8n swaps in its own generic text for codes it knows ("The connection was aborted, perhaps the server is offline").
	apiError.message = problem;
	return apiError;
}

/**
 * A 429 that asks for a wait longer than the pacer ever waits (see
 * MAX_PACER_WAIT_MS): not waited for, so that no request on the key is held
 * by it. The request was not carried out (a 429 means FluenzR did nothing).
 */
export function waitTooLongError(
	node: INode,
	response: FluenzrResponse,
	operationLabel: string,
	askedMs: number,
	itemIndex?: number,
): NodeApiError {
	const fix = `The answer asked to wait ${formatWait(askedMs)} before the next request, longer than one of FluenzR's rate limit windows (${RATE_LIMIT_WINDOW_SECONDS} s), so the node did not wait. Nothing was done in FluenzR (a 429 is a refusal): run it again later. If it happens again, check the Base URL of the credential (a proxy in front of FluenzR may be answering).`;
	return toFluenzrApiError(node, response, operationLabel, itemIndex, fix);
}

/** Errors leave the node as NodeApiError or NodeOperationError, whatever threw them. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
