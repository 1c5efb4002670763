import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DEMO_ACCOUNTS, DEMO_KEYS, type Fault, type Sandbox } from '../../../sandbox';

export interface PageFaultProxy {
	/** What the credential's Base URL is set to: the sandbox's API, through the proxy. */
	baseUrl: string;
	stop(): Promise<void>;
}

/**
 * An HTTP hop in front of the sandbox that makes one fault hit one page of a
 * list walk: the first request for `?page=<page>`. The sandbox matches faults
 * by method, path and account, and every page of a list has the same method
 * and path, with requests of several items in flight at once. So the proxy
 * sends that one request with the second demo account's key, and the fault
 * matches that account: no other request can meet it. Everything else
 * (status, headers, body, a connection cut midway, a client that gives up)
 * passes through unchanged.
 */
export async function startPageFaultProxy(sandbox: Sandbox, page: number, fault: Fault): Promise<PageFaultProxy> {
	const upstream = new URL(sandbox.origin);
	const agent = new http.Agent({ keepAlive: true });
	sandbox.injectFault({ match: { account: DEMO_ACCOUNTS.other }, fault });
	let targetSent = false;

	function isTarget(request: IncomingMessage): boolean {
		if (targetSent) return false;
		const { searchParams } = new URL(request.url ?? '/', sandbox.origin);
		targetSent = searchParams.get('page') === String(page);
		return targetSent;
	}

	function forward(request: IncomingMessage, response: ServerResponse): void {
		const headers = { ...request.headers };
		if (isTarget(request)) headers.authorization = `Bearer ${DEMO_KEYS.other}`;
		const outgoing = http.request({
			agent,
			host: upstream.hostname,
			port: upstream.port,
			method: request.method,
			path: request.url,
			headers,
		});
		outgoing.on('response', (answer) => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(response);
			// A body cut off upstream is cut off here too.
			answer.on('aborted', () => response.destroy());
			answer.on('error', () => response.destroy());
		});
		outgoing.on('error', () => response.destroy());
		// A client that gives up (timeout) ends the upstream request too.
		response.on('close', () => {
			if (!response.writableFinished) outgoing.destroy();
		});
		request.pipe(outgoing);
	}

	const server = http.createServer(forward);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		stop: async () => {
			server.closeAllConnections();
			agent.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
