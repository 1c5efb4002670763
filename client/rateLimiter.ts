import { createHash } from 'node:crypto';

import { sleep } from 'n8n-workflow';

import { normaliseBaseUrl } from './connection';
import { RATE_LIMIT_HEADERS, RATE_LIMIT_WINDOW_SECONDS } from './contract';

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

/** A request let through by the limiter: when it left. */
export interface Ticket {
	sentAtMs: number;
}

/** Headers give the window's end in whole seconds, rounded up: the true end may lie up to this much earlier. */
const RESET_PRECISION_MS = 1000;

/**
 * Paces the requests made with one API key. FluenzR counts requests per key
 * in a fixed window, so every item, page and execution using the key shares
 * one limiter: at most `maxConcurrency` requests in flight, started in
 * arrival order, and none sent while the window is known to be used up.
 *
 * A 429 is obeyed: nothing is sent before its `Retry-After` has passed. When
 * the answers say the window is used up (`X-RateLimit-Remaining: 0`), the
 * limiter waits until the window resets. `X-RateLimit-Reset` has a
 * precision of one second, which on a short window would waste most of a
 * second per window; but a window lasts the same whole number of seconds each
 * time (60 s on the Pro plan), so the limiter learns that length from the
 * answers (when each window opened, and the reset each announced) and waits
 * until the window's own end, never before it.
 *
 * Other processes may use the same key (n8n's queue mode runs executions on
 * several workers, each with a limiter of its own). Their requests show as a
 * remaining count lower than ours alone explains. While that is so, the
 * limiter learns a new window's count from one answer before sending more,
 * and sends the window's last `2 × maxConcurrency` requests (what the others
 * may have in flight or about to send, unseen by our answers) one at a time,
 * and only at moments when a 429 would cost nothing: when its Retry-After, in
 * whole seconds, ends with the window.
 */
export class RateLimiter {
	/** Slots taken: requests in flight, and requests waiting for the window. */
	private inFlight = 0;

	/** Requests actually sent and not yet answered. */
	private unanswered = 0;

	private readonly waiting: Array<() => void> = [];

	/** Requests the current window still allows, as far as we know; undefined = unknown. */
	private remaining: number | undefined;

	/** The current window's X-RateLimit-Reset, in ms. */
	private windowResetMs = 0;

	/** The window opened after this moment (a request counted in the one before was sent then)... */
	private windowOpenedAfterMs = -Infinity;

	/** ...and by this moment (a request counted in it had been answered). */
	private windowOpenedByMs = Infinity;

	/** The latest send of a request counted in the current window: the next one opens after it. */
	private lastSentInWindowMs = -Infinity;

	/** What the answers have taught about the window's length: more than the first, at most the second. */
	private windowLengthAboveMs = 0;

	private windowLengthAtMostMs = Infinity;

	/** Until when a 429's Retry-After holds every request back. */
	private pausedUntilMs = 0;

	/** When an answer last showed requests that were not ours, and in which window (its reset). */
	private othersSeenAtMs = -Infinity;

	private othersSeenInWindowResetMs = 0;

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
		for (let delay = this.delayBeforeSend(); delay > 0; delay = this.delayBeforeSend()) {
			await sleep(delay);
		}
		if (this.remaining !== undefined) this.remaining--;
		this.unanswered++;
		return { sentAtMs: this.now() };
	}

	/** After the answer (and after `observe` / `rateLimited`), or after a failure. */
	release(_ticket: Ticket): void {
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
		const limit = headerNumber(headers, RATE_LIMIT_HEADERS.limit);
		const resetMs = reset * 1000;
		const answeredMs = this.now();
		const sentMs = ticket?.sentAtMs ?? answeredMs;
		if (resetMs > this.windowResetMs) {
			// A new window, opened after our last request counted in the previous one, and before this answer.
			this.windowOpenedAfterMs = this.lastSentInWindowMs;
			// Counted first: this request opened it.
			if (limit !== undefined && limit - remaining === 1) this.windowOpenedAfterMs = Math.max(this.windowOpenedAfterMs, sentMs);
			this.windowOpenedByMs = answeredMs;
			this.windowResetMs = resetMs;
			this.lastSentInWindowMs = sentMs;
			// It ends within the second before its reset: that bounds its length.
			this.windowLengthAboveMs = Math.max(this.windowLengthAboveMs, resetMs - RESET_PRECISION_MS - this.windowOpenedByMs);
			this.windowLengthAtMostMs = Math.min(this.windowLengthAtMostMs, resetMs - this.windowOpenedAfterMs);
			this.forgetLengthIfContradicted();
			// More requests counted than we have had unanswered: someone else uses the key.
			if (limit !== undefined && limit - remaining > this.unanswered) this.othersSeen(answeredMs);
			// The other requests still unanswered may count in it too.
			this.remaining = Math.max(0, remaining - (this.unanswered - 1));
		} else if (resetMs === this.windowResetMs) {
			// Alone, the count at this request's arrival can only be above ours, which counts every request sent since.
			if (this.remaining !== undefined && remaining < this.remaining) this.othersSeen(answeredMs);
			this.remaining = Math.min(this.remaining ?? remaining, remaining);
			this.windowOpenedByMs = Math.min(this.windowOpenedByMs, answeredMs);
			this.lastSentInWindowMs = Math.max(this.lastSentInWindowMs, sentMs);
			// Counted in this window, so the window had not ended when it was sent.
			this.windowLengthAboveMs = Math.max(this.windowLengthAboveMs, sentMs - this.windowOpenedByMs);
			this.forgetLengthIfContradicted();
		}
	}

	/**
	 * After a 429: nothing is sent with this key before the wait the answer
	 * asks for (Retry-After, else until X-RateLimit-Reset). A request refused
	 * in the window we know also tells that the window had not ended when it
	 * was sent.
	 */
	rateLimited(headers: HeaderBag | undefined, ticket?: Ticket): void {
		const now = this.now();
		this.pausedUntilMs = Math.max(this.pausedUntilMs, now + retryDelayMs(headers, now));
		const reset = headerNumber(headers, RATE_LIMIT_HEADERS.reset);
		if (ticket && reset !== undefined && reset * 1000 === this.windowResetMs) {
			this.windowLengthAboveMs = Math.max(this.windowLengthAboveMs, ticket.sentAtMs - this.windowOpenedByMs);
			this.forgetLengthIfContradicted();
		}
		this.remaining = undefined;
	}

	/** The window's length changed (a new plan, say): learn it again, waiting for the announced resets meanwhile. */
	private forgetLengthIfContradicted(): void {
		if (this.windowLengthAboveMs < this.windowLengthAtMostMs) return;
		this.windowLengthAboveMs = 0;
		this.windowLengthAtMostMs = Infinity;
	}

	/**
	 * The window's length as far as the answers tell: the longest whole number
	 * of seconds they allow (FluenzR's windows last whole seconds), else the
	 * longest length they allow.
	 */
	private windowLengthMs(): number {
		const wholeSeconds = Math.floor(this.windowLengthAtMostMs / 1000) * 1000;
		return wholeSeconds > this.windowLengthAboveMs ? wholeSeconds : this.windowLengthAtMostMs;
	}

	/** The latest moment the current window can end. */
	private windowEndMs(): number {
		return Math.min(this.windowResetMs, this.windowOpenedByMs + this.windowLengthMs());
	}

	private othersSeen(answeredMs: number): void {
		this.othersSeenAtMs = answeredMs;
		this.othersSeenInWindowResetMs = this.windowResetMs;
	}

	/** Whether other clients used the key in this window or shortly before. */
	private sharedRecently(now: number): boolean {
		return now - this.othersSeenAtMs < 2 * Math.min(this.windowLengthMs(), RATE_LIMIT_WINDOW_SECONDS * 1000);
	}

	/** Requests of this window left to the other clients seen in it: what they may have sent that our answers do not show yet. */
	private reservedForOthers(): number {
		return this.othersSeenInWindowResetMs === this.windowResetMs ? 2 * this.maxConcurrency : 0;
	}

	private delayBeforeSend(): number {
		const now = this.now();
		if (now < this.pausedUntilMs) return this.pausedUntilMs - now;
		// Nothing known of the window (a new one, or after a 429): alone, send; shared, learn from one answer first.
		if (this.remaining === undefined) return this.sharedRecently(now) && this.unanswered > 0 ? LAST_REQUESTS_POLL_MS : 0;
		if (this.remaining > this.reservedForOthers()) return 0;
		const untilEnd = this.windowEndMs() - now;
		if (untilEnd <= 0) {
			// The window is over: the next answer tells about the new one.
			this.remaining = undefined;
			return 0;
		}
		if (this.remaining <= 0) return untilEnd;
		// The window's last requests, which the other clients may have taken: one at a time, and only
		// when a refusal would cost next to nothing, i.e. when its Retry-After (whole seconds, rounded
		// up) would end with the window: just after the end is a whole number of seconds away.
		const pastWholeSeconds = (1000 - (untilEnd % 1000)) % 1000;
		if (pastWholeSeconds > LAST_REQUESTS_SLACK_MS) return untilEnd % 1000;
		return this.unanswered > 0 ? LAST_REQUESTS_POLL_MS : 0;
	}
}

/** How late after a whole-second mark one of the window's last requests may still go (what a refusal may cost). */
const LAST_REQUESTS_SLACK_MS = 250;

/** While one of the window's last requests is out, how often the next one checks. */
const LAST_REQUESTS_POLL_MS = 5;

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
