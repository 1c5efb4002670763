/**
 * The pacer: the rules of FluenzR's rate limit and the pacer's own, stated
 * here once. The code here and in rateLimitWindow.ts and otherClients.ts
 * refers to them by number.
 *
 * FluenzR's windows (docs/fluenzr-api.md, section 7):
 * - F1. Requests are counted per API key in a fixed window, opened by the
 *   first request after the previous window ended. Every window lasts the
 *   same whole number of seconds (1000 requests per 60 s on the Pro plan).
 * - F2. Every request with a known key counts, a refused one included, and
 *   every answer to one says the window's limit (`X-RateLimit-Limit`), what
 *   it still allows after this request (`X-RateLimit-Remaining`) and its end
 *   in Unix seconds, rounded up (`X-RateLimit-Reset`).
 * - F3. Past the limit, a 429 with `Retry-After` in whole seconds, rounded up.
 * - F4. A request is counted when it arrives, which lies between its sending
 *   and its answer: each answer brackets the moments that matter (when the
 *   window opened, how long windows last, what others sent meanwhile).
 *
 * The pacer's, one RateLimiter per API key and Base URL, shared by every
 * item, page and execution in the process that uses them:
 * - P1. At most `maxConcurrency` requests in flight, started in arrival order.
 * - P2. After a 429, nothing is sent before the wait it asks for (Retry-After,
 *   else until the reset). A wait longer than MAX_PACER_WAIT_MS is not
 *   FluenzR's: its request fails at once (sendToFluenzr), and counts whose
 *   reset lies that far ahead are not paced by.
 * - P3. A window we know nothing of (the first request, or once the one we
 *   knew has ended) is asked about by one request, the probe; the others
 *   wait for its answer, so a window someone else has filled refuses one
 *   request, not a burst. Answers without the headers leave nothing to pace
 *   by: no probe then.
 * - P4. Alone on the key, the counts in the answers are ours: the pacer sends
 *   exactly the window's allowance and never meets a 429.
 * - P5. A used-up window is waited out until its own end: the pacer knows
 *   when the window opened (to a round trip when its own request opened it)
 *   and learns the windows' length (WindowLength), which is sharper than
 *   Reset's whole seconds.
 * - P6. Other processes on the key (n8n's queue mode runs executions on
 *   several workers, each with a pacer of its own) show as counts higher
 *   than our requests explain (OtherClients). They cannot be coordinated
 *   with, so a shared window's last requests, where two pacers would both
 *   fire into the limit, go by a rule each applies alone: the pacer whose
 *   request opened the window, the opener, takes them, one at a time, each
 *   after a fresh count; the others stop short of them, by what the others
 *   will have sent before a request of theirs arrives, while the opener
 *   sends. Only the opener knows when the window ends, to a round trip, and a
 *   429 would make it wait past that end (F3): kept clear of 429s, it opens
 *   every next window on time. A pacer that stopped short takes the rest
 *   once its answers show nobody else sending, or asks with one request, at
 *   a moment when a refusal would cost nothing, whether the opener still
 *   sends.
 */
import { createHash } from 'node:crypto';

import { sleep } from 'n8n-workflow';

import type { FluenzrConnection } from './connection';
import { RATE_LIMIT_WINDOW_SECONDS } from './contract';
import { countedFrom, RateLimitWindow, retryDelayMs, WHOLE_SECOND_MS, WindowLength, type Counted, type HeaderBag } from './rateLimitWindow';

export { retryDelayMs } from './rateLimitWindow';

/** The pacer's time: a clock and a way to wait (n8n's `sleep`: community nodes may not set timers). */
export interface PacerClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const systemClock: PacerClock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

/**
 * The longest the pacer waits on an answer's word (P2): one of FluenzR's
 * windows, and 5 s for a clock a few seconds off FluenzR's. A longer wait is
 * not FluenzR pacing (a proxy's, or a reset in milliseconds), and waiting
 * for it would hold every request on the key.
 */
export const MAX_PACER_WAIT_MS = (RATE_LIMIT_WINDOW_SECONDS + 5) * 1000;

/** The longest a timer can be set for (2^31-1 ms, about 24.8 days): a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A request let through by the limiter. */
export interface Ticket {
	sentAtMs: number;
	/** Sent to learn about a window we knew nothing of: the requests behind it wait for its answer. */
	probe: boolean;
}

/** What the next request does: goes (as a probe, when it asks about a window), or waits for a moment or an answer. */
type Step = 'send' | 'probe' | 'an answer' | { untilMs: number };

/**
 * How late past a moment when a refusal would cost nothing (a whole number of
 * seconds before the window's end) a request may still go, its Retry-After
 * then ending at most this long after the window; later, it waits for the
 * next such moment instead (P6; tuned in simulation).
 */
const REFUSAL_SLACK_MS = 250;

/**
 * How long others must have been silent, in our answers, before a shared
 * window's last requests are ours to take (P6): longer than the stalls of a busy
 * worker, which would otherwise make its requests look like none.
 */
const OTHERS_QUIET_MS = 500;

/** Paces the requests made with one API key, by the rules at the top of this file. */
export class RateLimiter {
	private readonly queue: Array<(ticket: Ticket) => void> = [];

	/** Requests let through and not yet released. */
	private unanswered = 0;

	/** The latest window the answers told of. */
	private window: RateLimitWindow | undefined;

	private readonly length = new WindowLength();

	/** Until when a 429's Retry-After holds every request back. */
	private pausedUntilMs = 0;

	/** A probe is out: the requests behind it wait for its answer. */
	private probeOut = false;

	/** The answers carry no rate limit headers: there is nothing to pace by, and probing would only slow things. */
	private headerless = false;

	/** The moment a wake-up is already set for. */
	private wakeAtMs: number | undefined;

	/** When a request was last asked for or released: a limiter unused for a window knows nothing still true. */
	private lastUsedMs: number;

	constructor(
		readonly maxConcurrency: number,
		private readonly clock: PacerClock = systemClock,
	) {
		this.lastUsedMs = clock.now();
	}

	/** Waits until the request may go (P1-P6); call `release()` after its answer (and after `observe` / `rateLimited`). */
	async acquire(): Promise<Ticket> {
		this.lastUsedMs = this.clock.now();
		return await new Promise<Ticket>((grant) => {
			this.queue.push(grant);
			this.pump();
		});
	}

	/** After the answer, or after a failure without one. */
	release(ticket: Ticket): void {
		this.lastUsedMs = this.clock.now();
		this.unanswered--;
		if (ticket.probe) this.probeOut = false;
		this.pump();
	}

	/** Learns from a (non-429) answer's `X-RateLimit-*` headers. */
	observe(headers: HeaderBag | undefined, ticket: Ticket): void {
		const counted = believable(countedFrom(headers, ticket.sentAtMs, this.clock.now(), false));
		if (!counted) {
			if (!this.window) this.headerless = true;
			return;
		}
		this.headerless = false;
		this.windowOf(counted)?.learn(counted, this.length);
	}

	/**
	 * After a 429 (P2): answers the wait it asks for. One longer than
	 * MAX_PACER_WAIT_MS is not kept, and the caller fails its request instead.
	 */
	rateLimited(headers: HeaderBag | undefined, ticket: Ticket): number {
		const now = this.clock.now();
		const askedMs = retryDelayMs(headers, now);
		if (askedMs > MAX_PACER_WAIT_MS) return askedMs;
		const until = now + askedMs;
		this.pausedUntilMs = Math.max(this.pausedUntilMs, until);
		const counted = believable(countedFrom(headers, ticket.sentAtMs, now, true));
		if (!counted) return askedMs;
		const window = this.windowOf(counted);
		window?.learn(counted, this.length);
		// It was refused before the window's end, which Retry-After (counted from its arrival, F3) does not precede.
		window?.refused(until);
		return askedMs;
	}

	/** Nothing waits or is in flight, and nothing was asked for `ms`: dropping it loses nothing but stale counts. */
	idleFor(ms: number): boolean {
		const now = this.clock.now();
		return this.queue.length === 0 && this.unanswered === 0 && now >= this.pausedUntilMs && now - this.lastUsedMs >= ms;
	}

	/** The window an answer was counted in, when it is the latest we know of (a new one becomes the latest). */
	private windowOf(counted: Counted): RateLimitWindow | undefined {
		const known = this.window;
		// An earlier reset on a request sent before we knew of the latest window: a late answer from an
		// earlier window. Sent after, it can only mean that FluenzR started its windows over (a new plan, say).
		if (known && counted.resetMs < known.resetMs && counted.sentMs < known.foundMs) return undefined;
		if (!known || counted.resetMs !== known.resetMs) {
			this.window = new RateLimitWindow(counted.resetMs, counted.limit, known?.lastSentMs ?? -Infinity, this.unanswered, this.clock.now());
		}
		return this.window;
	}

	/** Lets through every waiting request that may go now, in order; then waits for an answer or a moment. */
	private pump(): void {
		while (this.queue.length > 0) {
			const now = this.clock.now();
			const step = this.nextStep(now);
			if (step === 'an answer') return;
			if (typeof step === 'object') {
				this.wakeAt(step.untilMs);
				return;
			}
			const probe = step === 'probe';
			if (probe) this.probeOut = true;
			else this.window?.sentOneOfOurs();
			this.unanswered++;
			(this.queue.shift() as (ticket: Ticket) => void)({ sentAtMs: now, probe });
		}
	}

	private wakeAt(atMs: number): void {
		if (this.wakeAtMs !== undefined && this.wakeAtMs <= atMs) return;
		this.wakeAtMs = atMs;
		// Waits are bounded (MAX_PACER_WAIT_MS); the cap only keeps a timer from ever overflowing. Woken early, pump sets the next one.
		void this.clock.sleep(Math.min(MAX_TIMER_MS, Math.max(0, atMs - this.clock.now()))).then(() => {
			if (this.wakeAtMs === atMs) this.wakeAtMs = undefined;
			this.pump();
		});
	}

	private nextStep(now: number): Step {
		if (now < this.pausedUntilMs) return { untilMs: this.pausedUntilMs };
		if (this.unanswered >= this.maxConcurrency) return 'an answer';
		const window = this.window;
		if (!window || now >= window.endMs(this.length)) return this.probe();
		// Our unanswered requests may not be counted yet in the lowest remaining seen.
		const left = window.remaining - this.unanswered;
		if (left <= 0) {
			const probeAtMs = this.probeMomentOf(window);
			return now < probeAtMs ? { untilMs: probeAtMs } : this.probe();
		}
		if (!window.others.seen) return 'send';
		return window.openedByUs ? this.openerAtTheEdge(window, left, now) : this.othersAtTheEdge(window, left, now);
	}

	/** One request asks about a window we know nothing of; the others wait for its answer (P3). */
	private probe(): Step {
		if (this.headerless) return 'send';
		// Every request is released, answered or not (a timeout included), so the others never wait for ever.
		return this.probeOut ? 'an answer' : 'probe';
	}

	/**
	 * When to ask whether a used-up window has ended (P5). At its latest end,
	 * as a rule. But when we opened it and the windows' length is still one of
	 * two whole seconds, waiting for the longer would cost a second each
	 * window, and would keep opening windows where the rounded-up reset leaves
	 * the length in doubt: the probe goes at the shorter one's end instead. If
	 * the window is longer, the refusal costs nothing: its Retry-After, a
	 * whole second, ends with the longer length.
	 */
	private probeMomentOf(window: RateLimitWindow): number {
		const endMs = window.endMs(this.length);
		if (!window.openedByUs || this.length.settled || !Number.isFinite(this.length.ms)) return endMs;
		return Math.min(endMs, window.openedByMs + this.length.ms - WHOLE_SECOND_MS);
	}

	/**
	 * The opener takes the window's last requests one at a time, each after a
	 * fresh count (P6), so that the others' requests, which reach FluenzR
	 * before their counts reach us, cannot make it meet a 429.
	 */
	private openerAtTheEdge(window: RateLimitWindow, left: number, now: number): Step {
		if (left > this.othersArrivingBefore(window, now) + this.maxConcurrency || this.unanswered === 0) return 'send';
		return 'an answer';
	}

	/**
	 * A pacer that did not open the window (P6) stops short of what the
	 * others will have sent by the time a request of ours arrives (the count
	 * we know is a round trip old) and of the opener's own last ones. Within a
	 * full set of requests in flight of that, it goes one request at a time,
	 * each answer telling whether the others still send.
	 */
	private othersAtTheEdge(window: RateLimitWindow, left: number, now: number): Step {
		if (window.others.quietFor(OTHERS_QUIET_MS)) return 'send';
		const shortOf = this.othersArrivingBefore(window, now) + this.maxConcurrency;
		if (left > shortOf + this.maxConcurrency) return 'send';
		if (this.unanswered > 0) return 'an answer';
		if (left > shortOf) return 'send';
		// The rest is the opener's. Once it has had the time to take it, one at a time, one request asks
		// whether it still sends, at a moment when a refusal would cost nothing: its Retry-After, in
		// whole seconds, then ends with the window.
		const endMs = window.endMs(this.length);
		const openerDoneMs = window.openerDoneMs(now, left);
		let askAtMs = Math.max(now, openerDoneMs);
		const untilEnd = endMs - askAtMs;
		if (untilEnd < WHOLE_SECOND_MS) return { untilMs: endMs };
		const sinceWholeSecond = (WHOLE_SECOND_MS - (untilEnd % WHOLE_SECOND_MS)) % WHOLE_SECOND_MS;
		if (sinceWholeSecond > REFUSAL_SLACK_MS) askAtMs += untilEnd % WHOLE_SECOND_MS;
		return askAtMs <= now ? 'send' : { untilMs: askAtMs };
	}

	/** The others' requests that may arrive before one we send now; while their pace is unknown, as many as we keep in flight. */
	private othersArrivingBefore(window: RateLimitWindow, now: number): number {
		return window.others.arrivingBefore(now) ?? this.maxConcurrency;
	}
}

/** Counts whose reset lies further ahead than the pacer ever waits are not FluenzR's windows: not paced by (P2). */
function believable(counted: Counted | undefined): Counted | undefined {
	return counted && counted.resetMs - counted.answeredMs <= MAX_PACER_WAIT_MS ? counted : undefined;
}

/** Requests in flight at once per API key: enough to hide latency, few enough to be polite. */
export const MAX_CONCURRENT_REQUESTS = 4;

/**
 * How many limiters are kept: keys and Base URLs can come from expressions,
 * so a run can bring any number. Past it, the least recently used idle ones
 * are dropped (one in use is never dropped).
 */
export const MAX_RATE_LIMITERS = 1000;

/** The limiters by digest of Base URL and key, least recently used first. */
const limiters = new Map<string, RateLimiter>();

/**
 * Drops the limiters unused for longer than the pacer ever waits (whatever
 * window they knew has ended), and past MAX_RATE_LIMITERS the least recently
 * used idle ones.
 */
function dropIdleLimiters(): void {
	for (const [key, limiter] of limiters) {
		const full = limiters.size >= MAX_RATE_LIMITERS;
		if (limiter.idleFor(full ? 0 : MAX_PACER_WAIT_MS)) limiters.delete(key);
		// The ones after were used more recently.
		else if (!full) return;
	}
}

/**
 * The limiter shared by everything that uses this API key against this base
 * URL (normalised by connectionOf: `…/v1` and `…/v1/` are one API, so one
 * limiter).
 */
export function rateLimiterFor({ baseUrl, apiKey }: FluenzrConnection): RateLimiter {
	// Keyed by a digest so that no API key is kept in plain text in memory maps.
	const key = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
	let limiter = limiters.get(key);
	if (limiter) {
		limiters.delete(key);
	} else {
		dropIdleLimiters();
		limiter = new RateLimiter(MAX_CONCURRENT_REQUESTS);
	}
	limiters.set(key, limiter);
	return limiter;
}
