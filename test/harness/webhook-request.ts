import { parse as parseQueryString } from 'node:querystring';

import type { DeliveryRequest } from './types';

/** The request object a webhook node gets from `getRequestObject()`: what Express and n8n's body parser leave on it. */
export interface WebhookRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	rawBody: Buffer;
	body: unknown;
	query: Record<string, unknown>;
	params: Record<string, string>;
	contentType?: string;
	encoding: BufferEncoding;
	get(name: string): string | undefined;
	header(name: string): string | undefined;
	readRawBody(): Promise<void>;
}

/** Thrown when n8n's body parser cannot read the body; n8n answers 422. */
export class UnparsableBodyError extends Error {}

function parseBody(rawBody: Buffer, contentType: string | undefined, encoding: BufferEncoding): unknown {
	if (rawBody.length === 0) return {};
	const text = rawBody.toString(encoding);
	try {
		if (contentType === 'application/json') return JSON.parse(text) as unknown;
		if (contentType === 'application/x-www-form-urlencoded') return parseQueryString(text);
		if (contentType === 'text/plain') return text;
	} catch (error) {
		throw new UnparsableBodyError((error as Error).message);
	}
	return {};
}

/**
 * Builds the request as n8n's webhook server hands it to a node: header
 * names lower-cased, `rawBody` kept byte for byte, and `body` parsed by
 * content type (JSON, form, plain text) unless the caller gives it.
 */
export function createWebhookRequest(delivery: DeliveryRequest, url: string): WebhookRequest {
	const headers = Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name.toLowerCase(), value]));
	const [mediaType, ...parameters] = (headers['content-type'] ?? '').split(';');
	const charset = parameters.map((parameter) => parameter.trim().split('=')).find(([key]) => key.toLowerCase() === 'charset')?.[1];
	const contentType = mediaType.trim().toLowerCase() || undefined;
	const encoding = (charset?.toLowerCase() ?? 'utf-8') as BufferEncoding;
	const { pathname, searchParams } = new URL(url);
	return {
		method: (delivery.method ?? 'POST').toUpperCase(),
		url: pathname,
		headers,
		rawBody: delivery.rawBody,
		body: delivery.body !== undefined ? delivery.body : parseBody(delivery.rawBody, contentType, encoding),
		query: Object.fromEntries(searchParams),
		params: {},
		contentType,
		encoding,
		get: (name) => headers[name.toLowerCase()],
		header: (name) => headers[name.toLowerCase()],
		readRawBody: async () => {},
	};
}
