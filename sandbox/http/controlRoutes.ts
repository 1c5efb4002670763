import { ERROR_CODES } from '../../client/contract';
import { CONTROL_PREFIX } from '../constants';
import type { SandboxCore } from '../sandboxCore';
import type { EmailEventInput, FaultSpec } from '../types';

import { ApiError, notFound, validationError } from './apiError';
import { matchPath } from './apiRoutes';
import { checkConfig, checkSeedOptions, controlRequestRefusal } from './controlInput';
import type { Exchange } from './exchange';
import { sendJson } from './respond';

type ControlHandler = (core: SandboxCore, exchange: Exchange, params: string[]) => unknown;

interface ControlRoute {
	method: string;
	segments: string[];
	handler: ControlHandler;
	status: number;
}

const control = (method: string, path: string, handler: ControlHandler, status = 200): ControlRoute => ({
	method,
	segments: path.split('/').slice(1),
	handler,
	status,
});

const requestFilter = (query: URLSearchParams) => ({
	method: query.get('method') ?? undefined,
	pathPrefix: query.get('pathPrefix') ?? undefined,
});

/** The test and demo controls, under /_sandbox, without authentication; they mirror the in-process API. */
const CONTROL_ROUTES: ControlRoute[] = [
	control('GET', '/health', (core) => ({ status: 'ok', accounts: [...core.accounts.keys()] })),
	control('POST', '/reset', (core) => {
		core.reset();
		return { reset: true };
	}),
	control('POST', '/seed', (core, { body }) => core.seed(checkSeedOptions(body.json() ?? {})), 201),
	control('GET', '/config', (core) => core.currentConfig()),
	control('PUT', '/config', (core, { body }) => {
		core.configure(checkConfig(body.object()));
		return core.currentConfig();
	}),
	control('GET', '/faults', (core) => core.faults.pending()),
	control(
		'POST',
		'/faults',
		(core, { body }) => {
			const value = body.json();
			const specs = (Array.isArray(value) ? value : [value]) as FaultSpec[];
			for (const spec of specs) core.faults.add(spec);
			return { queued: specs.length };
		},
		201,
	),
	control('DELETE', '/faults', (core) => {
		core.faults.clear();
		return { cleared: true };
	}),
	control('GET', '/requests', (core, { query }) => core.log.list(requestFilter(query))),
	control('GET', '/requests/count', (core, { query }) => ({ count: core.log.count(requestFilter(query)) })),
	control('DELETE', '/requests', (core) => {
		core.log.clear();
		return { cleared: true };
	}),
	control('GET', '/deliveries', (core) => core.dispatcher.deliveries()),
	control('DELETE', '/deliveries', (core) => {
		core.dispatcher.clearRecords();
		return { cleared: true };
	}),
	control('GET', '/idle', async (core) => {
		await core.dispatcher.idle();
		return { idle: true };
	}),
	control('POST', '/events', (core, { body }) => core.fireEmailEvent(body.object() as unknown as EmailEventInput), 201),
	control('POST', '/campaigns/:id/complete', (core, { body, query }, [campaignId]) => {
		const fromBody = body.object().account;
		if (fromBody !== undefined && typeof fromBody !== 'string') throw validationError('Account must be a string', { account: 'must be a string' });
		return core.completeCampaign(campaignId, fromBody ?? query.get('account') ?? undefined);
	}),
];

/** Answers a request under /_sandbox (not rate limited, not in the request log), from this machine only. */
export async function handleControlRequest(core: SandboxCore, exchange: Exchange): Promise<void> {
	const { res } = exchange;
	const refused = controlRequestRefusal(exchange.req.headers, !exchange.body.isEmpty);
	if (refused) {
		sendJson(res, refused.status, refused.envelope);
		return;
	}
	try {
		const match = matchPath(CONTROL_ROUTES, exchange.method, exchange.rawPath.slice(CONTROL_PREFIX.length) || '/');
		if (!match) throw notFound(`No sandbox control ${exchange.method} ${exchange.rawPath}`);
		const data = await match.route.handler(core, exchange, match.params);
		sendJson(res, match.route.status, { success: true, data });
	} catch (error) {
		if (error instanceof ApiError) sendJson(res, error.status, error.envelope());
		else {
			core.recordInternalError(error);
			sendJson(res, 500, new ApiError(500, ERROR_CODES.internal, String((error as Error)?.message ?? error)).envelope());
		}
	}
}
