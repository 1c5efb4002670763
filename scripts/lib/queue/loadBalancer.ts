/**
 * What stands in front of n8n's webhook processes in a real deployment: one
 * address (the URL n8n registers in FluenzR), each request handed to the
 * next process in turn. Plain round robin on loopback, no retries of its own.
 */
import { createServer, request, type Server } from 'node:http';

export interface LoadBalancer {
	/** e.g. http://127.0.0.1:40123 */
	baseUrl: string;
	/** Which backend (index into `backends`) each request went to, in order. */
	routed(): Array<{ path: string; backend: number }>;
	stop(): Promise<void>;
}

export async function startLoadBalancer(backends: () => string[]): Promise<LoadBalancer> {
	let next = 0;
	const log: Array<{ path: string; backend: number }> = [];
	const server: Server = createServer((incoming, outgoing) => {
		const targets = backends();
		const backend = next++ % targets.length;
		log.push({ path: incoming.url ?? '', backend });
		const target = new URL(incoming.url ?? '/', targets[backend]);
		const forwarded = request(
			target,
			{ method: incoming.method, headers: { ...incoming.headers, host: target.host }, agent: false },
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		forwarded.once('error', (error) => {
			if (!outgoing.headersSent) outgoing.writeHead(502, { 'Content-Type': 'text/plain' });
			outgoing.end(`load balancer: ${targets[backend]} failed: ${error.message}`);
		});
		incoming.pipe(forwarded);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		routed: () => [...log],
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
