/**
 * A burst of webhook deliveries fired the way FluenzR fires them: every
 * delivery at once, each attempt on a connection of its own, waiting at most
 * `timeoutMs` for an answer, and (with a retry schedule) trying again after
 * each delay until a 2xx comes or the schedule is spent.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OutgoingDelivery {
	/** The event id: what must run exactly once. */
	eventId: string;
	body: string;
	headers: Record<string, string>;
}

export interface Attempt {
	/** 1 for the first attempt. */
	attempt: number;
	/** From the burst's start. */
	startedAtMs: number;
	/** Until the status line arrived, or until the attempt gave up. */
	durationMs: number;
	status?: number;
	/** Why there was no answer: the timeout, a refused or reset connection. */
	error?: string;
}

export interface DeliveryOutcome {
	eventId: string;
	attempts: Attempt[];
	/** Some attempt got a 2xx within the timeout. */
	delivered: boolean;
}

export interface BurstOptions {
	/** FluenzR waits 10 s for a 2xx. */
	timeoutMs: number;
	/** Waits before each retry; FluenzR's are 1, 2, 4, 8, 16 s. Empty: one attempt only. */
	retryDelaysMs: readonly number[];
}

export const FLUENZR_DELIVERY_TIMEOUT_MS = 10_000;
export const FLUENZR_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000] as const;

const isSuccess = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;

export async function fireBurst(url: string, deliveries: OutgoingDelivery[], options: BurstOptions): Promise<DeliveryOutcome[]> {
	const startedAt = performance.now();
	return await Promise.all(deliveries.map((delivery) => deliverWithRetries(url, delivery, options, startedAt)));
}

async function deliverWithRetries(url: string, delivery: OutgoingDelivery, options: BurstOptions, burstStartedAt: number): Promise<DeliveryOutcome> {
	const attempts: Attempt[] = [];
	for (let attempt = 1; ; attempt++) {
		const result = await attemptOnce(url, delivery, options.timeoutMs, burstStartedAt);
		attempts.push({ attempt, ...result });
		if (isSuccess(result.status)) return { eventId: delivery.eventId, attempts, delivered: true };
		const delay = options.retryDelaysMs[attempt - 1];
		if (delay === undefined) return { eventId: delivery.eventId, attempts, delivered: false };
		await sleep(delay);
	}
}

function attemptOnce(
	url: string,
	delivery: OutgoingDelivery,
	timeoutMs: number,
	burstStartedAt: number,
): Promise<Omit<Attempt, 'attempt'>> {
	const started = performance.now();
	const finish = (outcome: { status?: number; error?: string }) => ({
		startedAtMs: started - burstStartedAt,
		durationMs: performance.now() - started,
		...outcome,
	});
	return new Promise((resolve) => {
		let settled = false;
		const settle = (outcome: { status?: number; error?: string }) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(finish(outcome));
		};
		const request = http.request(url, {
			method: 'POST',
			agent: false,
			headers: { ...delivery.headers, 'content-length': Buffer.byteLength(delivery.body) },
		});
		// As FluenzR does: past the timeout the attempt counts as failed, whatever comes later.
		const timer = setTimeout(() => {
			settle({ error: `no answer within ${timeoutMs} ms` });
			request.destroy();
		}, timeoutMs);
		request.on('response', (response) => {
			response.resume();
			settle({ status: response.statusCode });
		});
		request.on('error', (error) => settle({ error: error.message }));
		request.end(delivery.body);
	});
}
