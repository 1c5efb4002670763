import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ERROR_CODES } from '../../client/contract';
import { API_PREFIX, CONTROL_PREFIX } from '../constants';
import type { SandboxCore } from '../sandboxCore';

import { ApiError } from './apiError';
import { handleApiRequest } from './apiHandler';
import { handleControlRequest } from './controlRoutes';
import type { Exchange, FaultEffects } from './exchange';
import { readBody } from './readBody';
import { sendJson } from './respond';

/** Keep-alive connections outlive typical client pools' idle timeouts, so clients do not race a closing socket. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

/** The HTTP side of the sandbox: routes /v1 to the API and /_sandbox to the controls, and owns everything a stop must end. */
export class SandboxServer implements FaultEffects {
	private readonly server: http.Server;

	private readonly held = new Set<ServerResponse>();

	private readonly sleepers = new Map<NodeJS.Timeout, (completed: boolean) => void>();

	private stopping: Promise<void> | undefined;

	constructor(private readonly core: SandboxCore) {
		this.server = http.createServer((req, res) => void this.answer(req, res));
		this.server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
	}

	listen(port: number, host: string): Promise<AddressInfo> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve(this.server.address() as AddressInfo);
			});
		});
	}

	/** Ends everything: pending sleeps, held (hanging) answers, open connections, then the listener. */
	stop(): Promise<void> {
		this.stopping ??= new Promise((resolve) => {
			for (const [timer, wake] of this.sleepers) {
				clearTimeout(timer);
				wake(false);
			}
			this.sleepers.clear();
			for (const res of this.held) res.destroy();
			this.held.clear();
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
		return this.stopping;
	}

	sleep(ms: number): Promise<boolean> {
		if (this.stopping) return Promise.resolve(false);
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.sleepers.delete(timer);
				resolve(true);
			}, ms);
			this.sleepers.set(timer, resolve);
		});
	}

	hold(res: ServerResponse): void {
		this.held.add(res);
		res.on('close', () => this.held.delete(res));
	}

	private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
		try {
			const exchange = await this.exchangeFor(req, res);
			if (isUnder(exchange.rawPath, CONTROL_PREFIX)) await handleControlRequest(this.core, exchange);
			else if (isUnder(exchange.rawPath, API_PREFIX)) await handleApiRequest(this.core, exchange, this);
			else sendJson(res, 404, new ApiError(404, ERROR_CODES.notFound, `Nothing here: the API is under ${API_PREFIX}`).envelope());
		} catch (error) {
			// Never crash: a bug becomes a 500, or a closed socket when it is too late for one.
			if (req.destroyed || res.destroyed) return;
			this.core.recordInternalError(error);
			if (!res.headersSent) {
				sendJson(res, 500, new ApiError(500, ERROR_CODES.internal, 'An unexpected error occurred').envelope());
			} else res.destroy();
		}
	}

	private async exchangeFor(req: IncomingMessage, res: ServerResponse): Promise<Exchange> {
		const receivedAt = this.core.isoNow();
		const rawUrl = req.url ?? '/';
		const queryStart = rawUrl.indexOf('?');
		const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
		const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
		const body = await readBody(req);
		return { req, res, method: (req.method ?? 'GET').toUpperCase(), rawUrl, rawPath, query, body, receivedAt };
	}
}

function isUnder(path: string, prefix: string): boolean {
	return path === prefix || path.startsWith(`${prefix}/`);
}
