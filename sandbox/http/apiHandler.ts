import { ERROR_CODES, PLAN_REQUIRED_MESSAGE } from '../../client/contract';
import { API_PREFIX } from '../constants';
import { applyFault } from '../faults/applyFault';
import type { SandboxCore } from '../sandboxCore';
import type { SandboxKey } from '../types';

import { ApiError, notFound } from './apiError';
import { matchApiRoute } from './apiRoutes';
import { type Exchange, type FaultEffects, logEntryFor } from './exchange';
import { type HeaderMap, sendJson } from './respond';
import type { RouteContext } from './routeContext';

/**
 * Answers a request under /v1, checking in the contract's order:
 * authentication (401), the rate limit (counted; 429), the plan (403), then
 * any injected fault, then the request itself. Everything is logged.
 */
export async function handleApiRequest(core: SandboxCore, exchange: Exchange, effects: FaultEffects): Promise<void> {
	const entry = logEntryFor(exchange, core.log.enabled);
	const finish = (status: number) => {
		entry.status = status;
		core.log.record(entry);
	};
	const { res } = exchange;

	const key = core.keys.get(bearerToken(exchange.req.headers.authorization));
	if (!key) {
		const error = new ApiError(401, ERROR_CODES.unauthorized, 'Missing or unknown API key: send Authorization: Bearer <apiKey>');
		return finish(sendJson(res, 401, error.envelope()));
	}
	entry.account = key.account;

	const verdict = core.rateLimitWindows.hit(key.key);
	if (verdict.limited) {
		const { limit, windowMs } = core.currentConfig().rateLimit;
		const error = new ApiError(429, ERROR_CODES.rateLimited, `Rate limit exceeded: ${limit} requests per ${windowMs / 1000} s`);
		return finish(sendJson(res, 429, error.envelope(), verdict.headers));
	}
	if (key.plan !== 'pro') {
		return finish(sendJson(res, 403, new ApiError(403, ERROR_CODES.planRequired, PLAN_REQUIRED_MESSAGE).envelope(), verdict.headers));
	}

	const relativePath = exchange.rawPath.slice(API_PREFIX.length) || '/';
	const fault = core.faults.take({ method: exchange.method, path: relativePath, account: key.account });
	if (fault) {
		entry.fault = fault.type;
		if (fault.type !== 'delay') return finish(applyFault(res, fault, verdict.headers, effects, core.now()));
		if (!(await effects.sleep(fault.ms))) return finish(0);
	}
	finish(runRoute(core, key, exchange, relativePath, verdict.headers));
}

function bearerToken(header: string | undefined): string {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match ? match[1] : '';
}

function runRoute(core: SandboxCore, key: SandboxKey, exchange: Exchange, relativePath: string, headers: HeaderMap): number {
	try {
		const match = matchApiRoute(exchange.method, relativePath);
		if (!match) throw notFound(`No endpoint ${exchange.method} ${exchange.rawPath}`);
		const account = core.account(key.account);
		const ctx: RouteContext = {
			account,
			params: match.params,
			query: exchange.query,
			body: exchange.body,
			ids: core.ids,
			now: () => core.isoNow(),
			emit: (event, data) => core.emit(account, event, data),
		};
		const result = match.route.handler(ctx);
		const payload = result.meta ? { success: true, data: result.data, meta: result.meta } : { success: true, data: result.data };
		return sendJson(exchange.res, result.status, payload, headers);
	} catch (error) {
		if (error instanceof ApiError) return sendJson(exchange.res, error.status, error.envelope(), headers);
		core.recordInternalError(error);
		const internal = new ApiError(500, ERROR_CODES.internal, 'An unexpected error occurred');
		return sendJson(exchange.res, 500, internal.envelope(), headers);
	}
}
