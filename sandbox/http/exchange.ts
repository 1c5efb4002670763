import type { IncomingMessage, ServerResponse } from 'node:http';

import type { LoggedRequest } from '../types';

import type { RequestBody } from './readBody';

/** One request being answered: the raw parts as received, and the fully read body. */
export interface Exchange {
	req: IncomingMessage;
	res: ServerResponse;
	method: string;
	/** As received, still encoded. */
	rawUrl: string;
	rawPath: string;
	query: URLSearchParams;
	body: RequestBody;
	receivedAt: string;
}

/** What the server lends a request for the faults that bend time: a cancellable sleep and a place to park a response. */
export interface FaultEffects {
	/** Resolves true after `ms`, or false when the sandbox stops first. */
	sleep(ms: number): Promise<boolean>;
	/** Keeps the response unanswered until the sandbox stops. */
	hold(res: ServerResponse): void;
}

export function queryObject(query: URLSearchParams): Record<string, string | string[]> {
	const result: Record<string, string | string[]> = {};
	for (const name of new Set(query.keys())) {
		const values = query.getAll(name);
		result[name] = values.length === 1 ? values[0] : values;
	}
	return result;
}

/**
 * The entry the request log keeps for an exchange (status filled in when
 * answered). Headers and body are copied only when the log keeps entries:
 * with it off (benchmarks) only method and path are counted.
 */
export function logEntryFor(exchange: Exchange, detailed: boolean): LoggedRequest {
	const entry: LoggedRequest = {
		method: exchange.method,
		url: exchange.rawUrl,
		path: exchange.rawPath,
		query: {},
		status: 0,
		at: exchange.receivedAt,
		headers: {},
	};
	if (!detailed) return entry;
	entry.query = queryObject(exchange.query);
	for (const [name, value] of Object.entries(exchange.req.headers)) {
		if (value === undefined) continue;
		entry.headers[name] = name === 'authorization' ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
	}
	entry.body = loggedBody(exchange.body);
	return entry;
}

const LOGGED_TEXT_LIMIT = 4096;

/** The body for the log: JSON with any `secret` redacted, else the start of the text. */
function loggedBody(body: RequestBody): unknown {
	if (body.isEmpty) return undefined;
	if (body.isTooLarge) return `[${body.size} bytes, over the limit]`;
	const text = body.raw.toString('utf8');
	try {
		const value: unknown = JSON.parse(text);
		if (value && typeof value === 'object' && !Array.isArray(value) && 'secret' in value) {
			return { ...value, secret: '[redacted]' };
		}
		return value;
	} catch {
		return text.length > LOGGED_TEXT_LIMIT ? `${text.slice(0, LOGGED_TEXT_LIMIT)}…` : text;
	}
}
