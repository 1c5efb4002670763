import type { ServerResponse } from 'node:http';

import { ERROR_CODES, RATE_LIMIT_HEADERS } from '../../client/contract';
import type { FaultEffects } from '../http/exchange';
import { type HeaderMap, JSON_CONTENT_TYPE, sendJson, sendText } from '../http/respond';
import type { Fault } from '../types';

/**
 * Answers with a fault instead of the API (the request is not executed).
 * Returns the status sent, 0 when nothing was sent. `delay` is not handled
 * here: the caller waits, then answers normally.
 */
export function applyFault(
	res: ServerResponse,
	fault: Exclude<Fault, { type: 'delay' }>,
	rateHeaders: HeaderMap,
	effects: FaultEffects,
	now: number,
): number {
	switch (fault.type) {
		case 'status':
			return sendJson(res, fault.status, fault.body ?? defaultBodyFor(fault.status), { ...rateHeaders, ...fault.headers });
		case 'html':
			return sendText(res, fault.status, gatewayPage(fault.status), 'text/html; charset=utf-8', rateHeaders);
		case 'notJson':
			return sendText(res, fault.status ?? 200, 'Service temporarily unavailable, please try again later.', 'text/plain; charset=utf-8', rateHeaders);
		case 'empty':
			return sendText(res, fault.status ?? 200, '', JSON_CONTENT_TYPE, rateHeaders);
		case 'noData':
			return sendJson(res, 200, { success: true }, rateHeaders);
		case 'rateLimited': {
			const retryAfter = fault.retryAfter ?? 1;
			return sendJson(
				res,
				429,
				{ success: false, error: { code: ERROR_CODES.rateLimited, message: `Rate limit exceeded, retry after ${retryAfter} s` } },
				{
					...rateHeaders,
					[RATE_LIMIT_HEADERS.remaining]: '0',
					[RATE_LIMIT_HEADERS.reset]: String(Math.ceil((now + retryAfter * 1000) / 1000)),
					[RATE_LIMIT_HEADERS.retryAfter]: String(retryAfter),
				},
			);
		}
		case 'dropMidBody': {
			const full = JSON.stringify({ success: true, data: { id: 'ct_truncated', email: 'cut.off@example.com', note: 'x'.repeat(512) } });
			res.writeHead(200, { ...rateHeaders, 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(full) });
			res.write(full.slice(0, Math.floor(full.length / 2)), () => res.socket?.destroy());
			return 200;
		}
		case 'drop':
			res.socket?.destroy();
			return 0;
		case 'hang':
			effects.hold(res);
			return 0;
	}
}

const CODE_BY_STATUS: Record<number, string> = {
	400: ERROR_CODES.validation,
	401: ERROR_CODES.unauthorized,
	403: ERROR_CODES.planRequired,
	404: ERROR_CODES.notFound,
	429: ERROR_CODES.rateLimited,
};

/** The envelope a real answer with this status would carry. */
function defaultBodyFor(status: number): unknown {
	if (status < 400) return { success: true, data: {} };
	const code = CODE_BY_STATUS[status] ?? ERROR_CODES.internal;
	return { success: false, error: { code, message: `Injected fault: HTTP ${status}` } };
}

/** What a proxy in front of an API answers when the API is down. */
function gatewayPage(status: number): string {
	return `<!DOCTYPE html>\n<html><head><title>Error ${status}</title></head><body><h1>Error ${status}</h1><p>The upstream server did not answer correctly.</p></body></html>\n`;
}
