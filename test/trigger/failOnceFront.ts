import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export interface FailOnceFront {
	/** The same path as the target, on the front's own port: what the trigger registers. */
	url: string;
	/** How many requests the front answered 500 without passing them on. */
	failed: number;
	stop(): Promise<void>;
}

/**
 * An HTTP hop in front of a webhook receiver that answers the first request
 * with 500 (as n8n does when it cannot take a delivery) and passes every
 * later one through unchanged, raw body and headers included.
 */
export async function startFailOnceFront(targetUrl: string): Promise<FailOnceFront> {
	const target = new URL(targetUrl);
	const front = { url: '', failed: 0, stop: async () => {} };
	const server = createServer((request, response) => {
		void (async () => {
			const body = await bodyOf(request);
			if (front.failed === 0) {
				front.failed++;
				response.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Workflow could not be started"}');
				return;
			}
			const headers = Object.fromEntries(
				Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
			) as Record<string, string>;
			const answer = await fetch(target, { method: request.method, headers, body });
			response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
			response.end(Buffer.from(await answer.arrayBuffer()));
		})().catch((error: Error) => response.writeHead(502).end(error.message));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	front.url = `http://127.0.0.1:${port}${target.pathname}`;
	front.stop = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
	};
	return front;
}
