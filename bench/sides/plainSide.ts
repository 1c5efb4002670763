/**
 * The same jobs done the obvious way, without n8n: an axios client and a
 * sequential loop. It is the yardstick the node is measured against.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { MAX_PAGE_SIZE, RATE_LIMIT_HEADERS } from '../../client/contract';
import { contactInputs, type Job, type SideRequest } from '../jobs';

import type { BenchRecord, JobResult } from './jobResult';

/** A loop that waits on 429s forever is not obvious either; ten waits is more than any scenario needs. */
const MAX_RATE_LIMIT_WAITS = 10;

export function plainClient(baseUrl: string, apiKey: string): AxiosInstance {
	return axios.create({
		baseURL: baseUrl,
		headers: { Authorization: `Bearer ${apiKey}` },
		// Every status is handled by the loop itself.
		validateStatus: () => true,
	});
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a request; on a 429, waits what Retry-After asks, then sends it again. */
async function send(request: () => Promise<AxiosResponse>): Promise<AxiosResponse> {
	for (let waits = 0; ; waits++) {
		const response = await request();
		if (response.status !== 429 || waits === MAX_RATE_LIMIT_WAITS) return response;
		await sleep(Number(response.headers[RATE_LIMIT_HEADERS.retryAfter] ?? 1) * 1000);
	}
}

const succeeded = (response: AxiosResponse) => response.status >= 200 && response.status < 300;

/** One item's answer: its record, or a failure. */
function record(result: JobResult, response: AxiosResponse, itemIndex: number): void {
	if (!succeeded(response)) {
		result.failedItems++;
		return;
	}
	result.records.push(response.data.data);
	result.pairedTo.push(itemIndex);
}

export async function runPlainSide(job: Job, request: SideRequest): Promise<JobResult> {
	const client = plainClient(request.baseUrl, request.apiKey);
	switch (job.kind) {
		case 'listContacts': {
			const records: BenchRecord[] = [];
			const params = { ...job.filters, sort: job.sort.field, order: job.sort.order, perPage: MAX_PAGE_SIZE };
			for (let page = 1; ; page++) {
				const response = await send(async () => await client.get('/contacts', { params: { ...params, page } }));
				if (!succeeded(response)) throw new Error(`GET /contacts page ${page} answered ${response.status}`);
				records.push(...response.data.data);
				if (page * MAX_PAGE_SIZE >= response.data.meta.total) break;
			}
			// One input item produced every record.
			return { records, failedItems: 0, pairedTo: records.map(() => 0) };
		}
		case 'createContacts': {
			const result: JobResult = { records: [], failedItems: 0, pairedTo: [] };
			for (const [index, contact] of contactInputs(job.count, job.emailDomain).entries()) {
				const response = await send(async () => await client.post('/contacts', contact));
				record(result, response, index);
			}
			return result;
		}
		case 'campaignStats': {
			const result: JobResult = { records: [], failedItems: 0, pairedTo: [] };
			for (const [index, campaignId] of job.campaignIds.entries()) {
				const response = await send(async () => await client.get(`/campaigns/${encodeURIComponent(campaignId)}/stats`));
				record(result, response, index);
			}
			return result;
		}
	}
}

/** One small request with another key, so that the loop starts warm (HTTP agent, JIT) like the node's side. */
export async function warmUpPlainSide(request: SideRequest): Promise<void> {
	const response = await plainClient(request.baseUrl, request.warmUpApiKey).get('/contacts', { params: { perPage: 1 } });
	if (!succeeded(response)) throw new Error(`The warm-up request answered ${response.status}`);
}
