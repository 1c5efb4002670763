import type { ServerResponse } from 'node:http';

export type HeaderMap = Record<string, string | number>;

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Writes a complete answer with an exact Content-Length; returns the status for the request log. */
export function sendText(
	res: ServerResponse,
	status: number,
	text: string,
	contentType: string,
	headers: HeaderMap = {},
): number {
	res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
	res.end(text);
	return status;
}

export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: HeaderMap = {}): number {
	return sendText(res, status, JSON.stringify(payload), JSON_CONTENT_TYPE, headers);
}
