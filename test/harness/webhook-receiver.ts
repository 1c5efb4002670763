import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { deliverToWebhook } from './deliver-to-webhook';
import { createTriggerSetup } from './trigger-setup';
import type { DeliveryResult, TriggerHarnessOptions, WebhookReceiver, WebhookReceiverCall } from './types';

function flattenHeaders(request: IncomingMessage): Record<string, string> {
	return Object.fromEntries(
		Object.entries(request.headers)
			.filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
			.map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
	);
}

async function readRawBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Writes n8n's answer: the node's own headers if it wrote the response, JSON for n8n's answers. */
function writeAnswer(response: ServerResponse, answer: DeliveryResult): void {
	const { statusCode, responseBody, responseHeaders = {} } = answer;
	if (responseBody === undefined) {
		response.writeHead(statusCode, responseHeaders).end();
	} else if (typeof responseBody === 'string' || Buffer.isBuffer(responseBody)) {
		response.writeHead(statusCode, { 'content-type': 'text/html; charset=utf-8', ...responseHeaders });
		response.end(responseBody);
	} else {
		response.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', ...responseHeaders });
		response.end(JSON.stringify(responseBody));
	}
}

/** The URL n8n would show for the trigger: `<base>/webhook/<webhookId>/<path>`, or `/webhook-test/` for a test listen. */
function receiverUrl(origin: string, options: Omit<TriggerHarnessOptions, 'webhookUrl'>): string {
	const { path } = createTriggerSetup(options).webhookPath;
	const base = options.mode === 'manual' ? 'webhook-test' : 'webhook';
	return `${origin}/${base}/${randomUUID()}/${path}`;
}

/**
 * A real HTTP endpoint on 127.0.0.1 standing in for n8n's webhook server:
 * every request is handed, raw body intact, to the trigger's `webhook()`
 * through `deliverToWebhook`, and answered with the status and body n8n
 * would send. Stop it when the test ends.
 */
export async function startWebhookReceiver(options: Omit<TriggerHarnessOptions, 'webhookUrl'>): Promise<WebhookReceiver> {
	const calls: WebhookReceiverCall[] = [];
	let url = '';

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const headers = flattenHeaders(request);
		const rawBody = await readRawBody(request);
		const answer = await deliverToWebhook({ ...options, webhookUrl: url, request: { headers, rawBody, method: request.method } });
		calls.push({ statusCode: answer.statusCode, workflowData: answer.workflowData, headers });
		writeAnswer(response, answer);
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: Error) => {
			calls.push({ statusCode: 500, headers: flattenHeaders(request) });
			response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 0, message: error.message }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	url = receiverUrl(`http://127.0.0.1:${port}`, options);

	return {
		url,
		calls,
		stop: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
		},
	};
}
