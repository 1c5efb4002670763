/**
 * What FluenzR's answers teach about its rate limit windows, from one
 * client's side: when the current window opened, how many requests it still
 * allows, whether other clients use it too, and how long windows last.
 * FluenzR's window rules (F1-F4) and the pacer's (P1-P6) are stated once, at
 * the top of rateLimiter.ts.
 */
import { RATE_LIMIT_HEADERS } from './contract';
import { OtherClients } from './otherClients';

/** FluenzR counts in whole seconds (F1-F3): a window's length, Reset (rounded up: the true end lies within the second before it), Retry-After. */
export const WHOLE_SECOND_MS = 1000;

export type HeaderBag = Record<string, unknown>;

export function headerNumber(headers: HeaderBag | undefined, name: string): number | undefined {
	const raw = headers?.[name];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return raw === undefined || raw === null || raw === '' || !Number.isFinite(value) ? undefined : value;
}

/** A 429 that says nothing of when to retry: the shortest wait a whole-second Retry-After asks. */
const RETRY_WITHOUT_WORD_MS = WHOLE_SECOND_MS;

/**
 * How long a 429 asks us to wait: `Retry-After` (seconds), else until
 * `X-RateLimit-Reset` (Unix seconds), else one second.
 */
export function retryDelayMs(headers: HeaderBag | undefined, now = Date.now()): number {
	const retryAfter = headerNumber(headers, RATE_LIMIT_HEADERS.retryAfter);
	if (retryAfter !== undefined) return Math.max(0, retryAfter * 1000);
	const reset = headerNumber(headers, RATE_LIMIT_HEADERS.reset);
	if (reset !== undefined) return Math.max(0, reset * 1000 - now);
	return RETRY_WITHOUT_WORD_MS;
}

/** What one answer tells of the window it was counted in. */
export interface Counted {
	resetMs: number;
	limit: number;
	/** The count the window had reached with this request; undefined on a 429 (past the limit). */
	count: number | undefined;
	/** When the counted request was sent, and when its answer came. */
	sentMs: number;
	answeredMs: number;
}

/** Reads an answer's X-RateLimit-* headers; undefined when it lacks them (a 401, or a proxy that strips them). */
export function countedFrom(headers: HeaderBag | undefined, sentMs: number, answeredMs: number, refused: boolean): Counted | undefined {
	const reset = headerNumber(headers, RATE_LIMIT_HEADERS.reset);
	const remaining = headerNumber(headers, RATE_LIMIT_HEADERS.remaining);
	const limit = headerNumber(headers, RATE_LIMIT_HEADERS.limit);
	if (reset === undefined || limit === undefined || remaining === undefined) return undefined;
	// An accepted answer with nothing remaining was the limit's last request; a refused one came past it.
	const count = refused ? undefined : limit - Math.max(0, remaining);
	return { resetMs: reset * 1000, limit, count, sentMs, answeredMs };
}

/**
 * The windows' length: the same for every window, a whole number of seconds
 * (F1). Each window teaches bounds on it: longer than the time between its
 * opening and any request counted in it, at most the time between its
 * opening and its reset. Once the bounds leave a single whole number of
 * seconds, that is the length.
 */
export class WindowLength {
	/** The length is more than this... */
	private aboveMs = 0;

	/** ...and at most this. */
	private atMostMs = Infinity;

	/** The window's length as far as the answers tell: never shorter than the true one. */
	get ms(): number {
		const wholeSeconds = Math.floor(this.atMostMs / WHOLE_SECOND_MS) * WHOLE_SECOND_MS;
		return wholeSeconds > this.aboveMs ? wholeSeconds : this.atMostMs;
	}

	/** The answers leave one whole number of seconds: the length is known, not just bounded. */
	get settled(): boolean {
		const ms = this.ms;
		return ms % WHOLE_SECOND_MS === 0 && ms - WHOLE_SECOND_MS <= this.aboveMs;
	}

	longerThan(ms: number): void {
		this.aboveMs = Math.max(this.aboveMs, ms);
		this.forgetIfContradicted();
	}

	atMost(ms: number): void {
		this.atMostMs = Math.min(this.atMostMs, ms);
		this.forgetIfContradicted();
	}

	/** The length changed (a new plan, say): learn it again, trusting the announced resets meanwhile. */
	private forgetIfContradicted(): void {
		if (this.aboveMs < this.atMostMs) return;
		this.aboveMs = 0;
		this.atMostMs = Infinity;
	}
}

/**
 * The time we give the opener per request it takes from the window's last
 * ones: two of our round trips, as its round trip is not ours and it waits
 * for each answer before the next (P6; tuned in simulation).
 */
const OPENER_ROUND_TRIPS_PER_REQUEST = 2;

/** One window as this client knows it. */
export class RateLimitWindow {
	/** What `remaining` answers. */
	private lowestRemaining: number;

	/** What `openedByUs` answers. */
	private openerIsUs = false;

	/** It opened after this moment... */
	private openedAfterMs: number;

	/** ...and by this one (what `openedByMs` answers). */
	private openedByLatestMs: number;

	/** When an answer first told of it: every request sent since is counted in it or a later one. */
	readonly foundMs: number;

	/** What `lastSentMs` answers. */
	private ourLastSentMs = -Infinity;

	/** Our requests that may be counted in it: sent while it was the current window, or unanswered when it was found. */
	private ours: number;

	/** What its counts show of other clients using the key. */
	readonly others = new OtherClients();

	/** When we first stopped short of its last requests, leaving them to the opener; and how many were left. */
	private leftToOpener: { sinceMs: number; left: number } | undefined;

	/** A 429's Retry-After says it ends by then. */
	private endsByMs = Infinity;

	constructor(
		readonly resetMs: number,
		limit: number,
		/** The previous window's last request of ours: this one opened after it. */
		previousLastSentMs: number,
		ours: number,
		answeredMs: number,
	) {
		this.lowestRemaining = limit;
		this.openedAfterMs = previousLastSentMs;
		this.openedByLatestMs = answeredMs;
		this.foundMs = answeredMs;
		this.ours = ours;
	}

	/** Requests it still allows after the lowest count seen; our requests not yet answered are not subtracted. */
	get remaining(): number {
		return this.lowestRemaining;
	}

	/** One of our requests opened it (was counted first): we know when it opened, to a round trip (P5, P6). */
	get openedByUs(): boolean {
		return this.openerIsUs;
	}

	/** It opened by this moment. */
	get openedByMs(): number {
		return this.openedByLatestMs;
	}

	/** Our latest request counted in it, when sent: the next window opens after that. */
	get lastSentMs(): number {
		return this.ourLastSentMs;
	}

	/** One more request of ours sent into it. */
	sentOneOfOurs(): void {
		this.ours++;
	}

	/**
	 * We stop short of its last `left` requests, leaving them to the opener
	 * (P6): when the opener, taking them one at a time, will be done (counted
	 * from the first time we stopped short, with what was left then).
	 */
	openerDoneMs(now: number, left: number): number {
		this.leftToOpener ??= { sinceMs: now, left };
		return this.leftToOpener.sinceMs + OPENER_ROUND_TRIPS_PER_REQUEST * this.leftToOpener.left * this.others.roundTripMs;
	}

	/** Learns from one answer counted in this window (a 429 included, with `count` undefined). */
	learn(counted: Counted, length: WindowLength): void {
		const { count, limit, sentMs, answeredMs } = counted;
		this.openedByLatestMs = Math.min(this.openedByLatestMs, answeredMs);
		this.ourLastSentMs = Math.max(this.ourLastSentMs, sentMs);
		if (count === 1) {
			this.openerIsUs = true;
			this.openedAfterMs = Math.max(this.openedAfterMs, sentMs);
		}
		this.lowestRemaining = Math.min(this.lowestRemaining, count === undefined ? 0 : limit - count);
		// Counted in it, so sent before it ended; and it ends by its reset.
		length.longerThan(sentMs - this.openedByLatestMs);
		length.longerThan(this.resetMs - WHOLE_SECOND_MS - this.openedByLatestMs);
		length.atMost(this.resetMs - this.openedAfterMs);
		this.others.learn(count, limit, this.ours, sentMs, answeredMs);
	}

	/** A 429 counted in it: it allows nothing more, and ends within its Retry-After. */
	refused(endsByMs: number): void {
		this.lowestRemaining = 0;
		this.endsByMs = Math.min(this.endsByMs, endsByMs);
	}

	/** The latest moment it can end (never earlier than its true end). */
	endMs(length: WindowLength): number {
		return Math.min(this.resetMs, this.openedByLatestMs + length.ms, this.endsByMs);
	}
}
