import { createHash } from 'node:crypto';

import { sleep } from 'n8n-workflow';

import { normaliseBaseUrl } from './connection';
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

/** A request let through by the limiter: when it left, and whether it probes the window's end. */
export interface Ticket {
	sentAtMs: number;
	probe: boolean;
}

/** While probing for a window's end, the wait between two probes. */
export const PROBE_INTERVAL_MS = 50;

/** Headers give the window's end in whole seconds; the true end may lie up to this much earlier. */
const RESET_PRECISION_MS = 1000;

/**
 * Paces the requests made with one API key. FluenzR counts requests per key
 * in a fixed window, so every item, page and execution using the key shares
 * one limiter: at most `maxConcurrency` requests in flight, started in
 * arrival order, and none sent while the window is known to be used up.
 *
 * `X-RateLimit-Reset` has a precision of one second, which on a short window
 * would waste most of a second per window. So when the window is used up, the
 * limiter sends a single probe from the earliest moment the window can have
 * ended, and again every PROBE_INTERVAL_MS until one passes; it learns the
 * window's length from what passed and what did not, so later windows need
 * about one probe.
 */
export class RateLimiter {
	/** Slots taken: requests in flight, and requests waiting for the window. */
	private inFlight = 0;

	/** Requests actually sent and not yet answered. */
	private unanswered = 0;

	private readonly waiting: Array<() => void> = [];

	/** Requests the current window still allows, as far as we know; undefined = unknown. */
	private remaining: number | undefined;

	private windowResetMs = 0;

	/** When the request that opened the current window was sent and answered. */
	private windowOpenedSentMs = 0;

	private windowOpenedAnsweredMs = 0;

	/** What we have learned of the window's length. */
	private windowLengthAtLeastMs = 0;

	private windowLengthAtMostMs = Infinity;

	private probeInFlight = false;

	private nextProbeAtMs = 0;

	private pausedUntilMs = 0;

	constructor(
		readonly maxConcurrency: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Waits for a free slot and for the rate limit window; call `release()` after the request. */
	async acquire(): Promise<Ticket> {
		if (this.inFlight < this.maxConcurrency) {
			this.inFlight++;
		} else {
			// release() hands its slot straight to the first waiter.
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		for (;;) {
			const delay = this.delayBeforeSend();
			if (delay === 'probe') {
				this.probeInFlight = true;
				this.unanswered++;
				return { sentAtMs: this.now(), probe: true };
			}
			if (delay <= 0) break;
			await sleep(delay);
		}
		if (this.remaining !== undefined) this.remaining--;
		this.unanswered++;
		return { sentAtMs: this.now(), probe: false };
	}

	/** After the answer (and after `observe` / `rateLimited`), or after a failure. */
	release(ticket: Ticket): void {
		if (ticket.probe) this.probeInFlight = false;
		this.unanswered--;
		const next = this.waiting.shift();
		if (next) next();
		else this.inFlight--;
	}

	/** Learns the window's state from a (non-429) answer's `X-RateLimit-*` headers. */
	observe(headers: HeaderBag | undefined, ticket?: Ticket): void {
		const remaining = headerNumber(headers, RATE_LIMIT_HEADERS.remaining);
		const reset = headerNumber(headers, RATE_LIMIT_HEADERS.reset);
		if (remaining === undefined || reset === undefined) return;
		const resetMs = reset * 1000;
		const answeredMs = this.now();
		if (resetMs > this.windowResetMs) {
			if (ticket && this.windowOpenedSentMs) {
				// The previous window was over by the time this request was counted.
				this.windowLengthAtMostMs = Math.min(this.windowLengthAtMostMs, answeredMs - this.windowOpenedSentMs);
			}
			this.windowResetMs = resetMs;
			this.windowOpenedSentMs = ticket?.sentAtMs ?? answeredMs;
			this.windowOpenedAnsweredMs = answeredMs;
			// A new window: the other requests still unanswered may count in it too.
			this.remaining = Math.max(0, remaining - (this.unanswered - 1));
		} else if (resetMs === this.windowResetMs) {
			this.remaining = Math.min(this.remaining ?? remaining, remaining);
			if (ticket && ticket.sentAtMs < this.windowOpenedSentMs) this.windowOpenedSentMs = ticket.sentAtMs;
		}
	}

	/**
	 * After a 429. A probe that meets the old window still open only teaches us
	 * the window is longer, and is retried shortly. Anything else waits as the
	 * answer asks (Retry-After is the authority), and counts as a real refusal.
	 * Returns whether the refusal counts against the request's retry budget.
	 */
	rateLimited(headers: HeaderBag | undefined, ticket?: Ticket): boolean {
		const now = this.now();
		if (ticket?.probe && now < this.windowResetMs + RESET_PRECISION_MS) {
			this.windowLengthAtLeastMs = Math.max(
				this.windowLengthAtLeastMs,
				ticket.sentAtMs - this.windowOpenedAnsweredMs,
			);
			this.nextProbeAtMs = now + PROBE_INTERVAL_MS;
			return false;
		}
		this.pausedUntilMs = Math.max(this.pausedUntilMs, now + retryDelayMs(headers, now));
		this.remaining = undefined;
		return true;
	}

	private delayBeforeSend(): number | 'probe' {
		const now = this.now();
		if (now < this.pausedUntilMs) return this.pausedUntilMs - now;
		if (this.remaining === undefined || this.remaining > 0) return 0;
		if (now >= this.windowResetMs + RESET_PRECISION_MS) {
			// The window is over whatever the rounding: the next answer tells us about the new one.
			this.remaining = undefined;
			return 0;
		}
		const earliestEnd = Math.max(
			this.windowResetMs - RESET_PRECISION_MS,
			this.windowOpenedSentMs + Math.min(this.windowLengthAtLeastMs, this.windowLengthAtMostMs),
			this.nextProbeAtMs,
		);
		if (now < earliestEnd) return earliestEnd - now;
		return this.probeInFlight ? PROBE_INTERVAL_MS : 'probe';
	}
}

const limiters = new Map<string, RateLimiter>();

/** Requests in flight at once per API key: enough to hide latency, few enough to be polite. */
export const MAX_CONCURRENT_REQUESTS = 4;

/**
 * The limiter shared by everything that uses this API key against this base
 * URL (normalised: `…/v1` and `…/v1/` are one API, so one limiter).
 */
export function rateLimiterFor(baseUrl: string, apiKey: string): RateLimiter {
	// Keyed by a digest so that no API key is kept in plain text in memory maps.
	const key = createHash('sha256').update(`${normaliseBaseUrl(baseUrl)}\n${apiKey}`).digest('hex');
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(MAX_CONCURRENT_REQUESTS);
		limiters.set(key, limiter);
	}
	return limiter;
}
