/**
 * What stands in front of n8n's webhook processes in a real deployment: one
 * address (the URL n8n registers in FluenzR), each request handed to the
 * next process in turn (round robin), or, given `routeBy`, to the process
 * that header's value hashes to, as nginx's `hash $http_<header> consistent`
 * does. On loopback, no retries of its own.
 */
import { createHash } from 'node:crypto';
import { createServer, request, type Server, type IncomingMessage } from 'node:http';

export interface LoadBalancer {
	/** e.g. http://127.0.0.1:40123 */
	baseUrl: string;
	/** Which backend (index into `backends`) each request went to, in order. */
	routed(): Array<{ path: string; backend: number }>;
	stop(): Promise<void>;
}

export interface LoadBalancerOptions {
	/** A request header (lower case) whose value picks the backend; requests without it go round robin. */
	routeBy?: string;
}

export async function startLoadBalancer(backends: () => string[], options: LoadBalancerOptions = {}): Promise<LoadBalancer> {
	let next = 0;
	const log: Array<{ path: string; backend: number }> = [];
	const pick = (incoming: IncomingMessage, count: number): number => {
		const key = options.routeBy ? incoming.headers[options.routeBy] : undefined;
		if (typeof key !== 'string') return next++ % count;
		return createHash('sha1').update(key).digest().readUInt32BE(0) % count;
	};
	const server: Server = createServer((incoming, outgoing) => {
		const targets = backends();
		const backend = pick(incoming, targets.length);
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
