/** A webhook receiver on loopback for delivery tests: records every POST and answers as scripted. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	body: { id: string; event: string; createdAt: string; data: any };
}

export interface Receiver {
	url: string;
	received: ReceivedDelivery[];
	/** Statuses for the next answers, in order; after them every answer is 200. 0 = never answer. */
	answerWith(...statuses: number[]): void;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: ReceivedDelivery[] = [];
	let script: number[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody) });
			const status = script.length ? (script.shift() as number) : 200;
			if (status !== 0) res.writeHead(status).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hooks/fluenzr`,
		received,
		answerWith: (...statuses) => {
			script = statuses;
		},
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
