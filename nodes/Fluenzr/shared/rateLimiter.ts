import { createHash } from 'node:crypto';

import { sleep } from 'n8n-workflow';

import { RATE_LIMIT_HEADERS } from './contract';

type HeaderBag = Record<string, unknown>;

function headerNumber(headers: HeaderBag | undefined, name: string): number | undefined {
	const raw = headers?.[name];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return raw === undefined || raw === null || raw === '' || !Number.isFinite(value) ? undefined : value;
}

/**
 * How long a 429 asks us to wait: `Retry-After` (seconds), else until
 * `X-RateLimit-Reset` (Unix seconds), else one second.
 */
export function retryDelayMs(headers: HeaderBag | undefined, now = Date.now()): number {
	const retryAfter = headerNumber(headers, RATE_LIMIT_HEADERS.retryAfter);
	if (retryAfter !== undefined) return Math.max(0, retryAfter * 1000);
	const reset = headerNumber(headers, RATE_LIMIT_HEADERS.reset);
	if (reset !== undefined) return Math.max(0, reset * 1000 - now);
	return 1000;
}

/**
 * Paces the requests made with one API key. FluenzR counts requests per key
 * in a fixed window, so every item, page and execution that uses the key
 * shares one limiter: at most `maxConcurrency` requests in flight, started in
 * arrival order, and none sent while the window is known to be used up (from
 * `X-RateLimit-Remaining` / `X-RateLimit-Reset`) or after a 429 until the
 * wait it asked for is over.
 */
export class RateLimiter {
	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	/** Requests the current window still allows, as far as we know; undefined = unknown. */
	private remaining: number | undefined;

	private windowResetMs = 0;

	private pausedUntilMs = 0;

	constructor(
		readonly maxConcurrency: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Waits for a free slot and for the rate limit window; call `release()` after the request. */
	async acquire(): Promise<void> {
		if (this.inFlight < this.maxConcurrency) {
			this.inFlight++;
		} else {
			// release() hands its slot straight to the first waiter.
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		for (let delay = this.delayBeforeSend(); delay > 0; delay = this.delayBeforeSend()) {
			await sleep(delay);
		}
		if (this.remaining !== undefined) this.remaining--;
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.inFlight--;
	}

	/** Learns the window's state from an answer's `X-RateLimit-*` headers. */
	observe(headers: HeaderBag | undefined): void {
		const remaining = headerNumber(headers, RATE_LIMIT_HEADERS.remaining);
		const reset = headerNumber(headers, RATE_LIMIT_HEADERS.reset);
		if (remaining === undefined || reset === undefined) return;
		const resetMs = reset * 1000;
		if (resetMs > this.windowResetMs) {
			// A new window: the requests still in flight may count in it too.
			this.windowResetMs = resetMs;
			this.remaining = Math.max(0, remaining - (this.inFlight - 1));
		} else if (resetMs === this.windowResetMs) {
			this.remaining = Math.min(this.remaining ?? remaining, remaining);
		}
	}

	/**
	 * After a 429: nobody sends before the wait it asked for is over. What the
	 * window allows after that is unknown until the next answer says.
	 */
	pauseFor(delayMs: number): void {
		this.pausedUntilMs = Math.max(this.pausedUntilMs, this.now() + delayMs);
		this.remaining = undefined;
	}

	private delayBeforeSend(): number {
		const now = this.now();
		if (now < this.pausedUntilMs) return this.pausedUntilMs - now;
		if (this.remaining !== undefined && this.remaining <= 0) {
			if (now < this.windowResetMs) return this.windowResetMs - now;
			// The window is over: the next answer tells us about the new one.
			this.remaining = undefined;
		}
		return 0;
	}
}

const limiters = new Map<string, RateLimiter>();

/** Requests in flight at once per API key: enough to hide latency, few enough to be polite. */
export const MAX_CONCURRENT_REQUESTS = 4;

/** The limiter shared by everything that uses this API key against this base URL. */
export function rateLimiterFor(baseUrl: string, apiKey: string): RateLimiter {
	// Keyed by a digest so that no API key is kept in plain text in memory maps.
	const key = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(MAX_CONCURRENT_REQUESTS);
		limiters.set(key, limiter);
	}
	return limiter;
}
