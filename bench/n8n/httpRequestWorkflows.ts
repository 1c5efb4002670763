/**
 * n8n's own HTTP Request node (v4.2) doing each job as a careful user would
 * set it up: Bearer Auth credential, the same JSON body by expression,
 * batching under the limit and Retry On Fail where the limit can be met,
 * its pagination and a Split Out for Return All.
 */
import { MAX_PAGE_SIZE } from '../../client/contract';
import type { StepNode } from '../../scripts/lib/workflowBuilder';

import { rateLimited, type BenchJob } from './jobs';

export const HTTP_REQUEST_NODE_NAME = 'HTTP Request';
export const SPLIT_OUT_NODE_NAME = 'Split Out';
export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
export const HTTP_CREDENTIAL_TYPE = 'httpBearerAuth';

/** A step, plus node settings (Retry On Fail) the workflow builder does not know. */
export type BenchStep = StepNode & { settings?: Record<string, unknown> };

/**
 * Under a rate limit a careful user sends batches of 90 % of the limit, one
 * batch per 110 % of the window (job 5: 90 per 2.2 s, job 6: 900 per 66 s),
 * and lets n8n retry the node when a 429 comes anyway, waiting a window
 * (n8n allows at most 5 s) between tries.
 */
export function batchingFor(job: BenchJob): { batchSize: number; batchInterval: number } {
	return { batchSize: Math.floor(job.rateLimit.limit * 0.9), batchInterval: Math.round(job.rateLimit.windowMs * 1.1) };
}

const MAX_WAIT_BETWEEN_TRIES_MS = 5000;

function retrySettings(job: BenchJob): Record<string, unknown> {
	return { retryOnFail: true, maxTries: 5, waitBetweenTries: Math.min(job.rateLimit.windowMs, MAX_WAIT_BETWEEN_TRIES_MS) };
}

const BEARER_AUTH = { authentication: 'genericCredentialType', genericAuthType: HTTP_CREDENTIAL_TYPE };

export function httpRequestSteps(job: BenchJob, baseUrl: string): BenchStep[] {
	const node = (parameters: Record<string, unknown>): BenchStep => ({
		name: HTTP_REQUEST_NODE_NAME,
		type: HTTP_REQUEST_TYPE,
		typeVersion: 4.2,
		parameters: { ...BEARER_AUTH, ...parameters },
		// Retry On Fail only retries a node that fails: with On Error: Continue it never would.
		...(rateLimited(job) ? { settings: retrySettings(job) } : { continueOnFail: true }),
	});
	switch (job.kind) {
		case 'create':
			return [
				node({
					method: 'POST',
					url: `${baseUrl}/contacts`,
					sendBody: true,
					contentType: 'json',
					specifyBody: 'json',
					jsonBody: '={{ { "email": $json.email, "firstName": $json.firstName, "lastName": $json.lastName, "company": $json.company } }}',
					options: rateLimited(job) ? { batching: { batch: batchingFor(job) } } : {},
				}),
			];
		case 'stats':
			return [node({ method: 'GET', url: `=${baseUrl}/campaigns/{{ $json.campaignId }}/stats`, options: {} })];
		case 'list':
			return [
				node({
					method: 'GET',
					url: `${baseUrl}/contacts`,
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'perPage', value: String(MAX_PAGE_SIZE) }] },
					options: {
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
								paginationCompleteWhen: 'other',
								completeExpression: '={{ $response.body.meta.page * $response.body.meta.perPage >= $response.body.meta.total }}',
							},
						},
					},
				}),
				{
					name: SPLIT_OUT_NODE_NAME,
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					parameters: { fieldToSplitOut: 'data', include: 'noOtherFields' },
				},
			];
	}
}

/** The record an output item holds: the HTTP Request node outputs FluenzR's envelope, Split Out the records. */
export function httpRecordOf(job: BenchJob, json: Record<string, unknown>): Record<string, unknown> {
	return job.kind === 'list' ? json : ((json.data as Record<string, unknown> | undefined) ?? {});
}
