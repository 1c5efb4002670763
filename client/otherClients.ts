/**
 * What one rate limit window's counts show of the other clients using the
 * API key (other n8n workers, say): rule P6 in rateLimiter.ts. Each answer
 * gives the count at our request's arrival. How many of those requests were
 * ours is known only within bounds: at least those of ours answered with a
 * lower count, at most all we had sent. So the others' share is a range, and
 * only a lower bound that rises above an earlier upper bound proves that they
 * sent more.
 */

/** The others' pace is measured over our latest answers: enough to smooth one answer's jitter, few enough to follow a change of pace. */
const RECENT_ANSWERS = 8;

/** ...and only once they span this long: over a shorter time, a few requests make any pace (both tuned in simulation). */
const PACE_SPAN_MS = 50;

/** Quiet needs this many answers of ours since the others were last seen: one answer may be a stall of ours, not their silence. */
const QUIET_ANSWERS = 2;

export class OtherClients {
	/** Requests of others in the window: at least this many... */
	private othersAtLeast = 0;

	/** ...and at most this many, as far as our latest answers tell. */
	private othersAtMost = 0;

	/** When an answer last proved new requests of others, and how many answers of ours came since. */
	private seenMs = -Infinity;

	private answersSinceSeen = 0;

	private lastAnsweredMs = -Infinity;

	/** What `roundTripMs` answers. */
	private latestRoundTripMs = 0;

	/** The counts our answered requests had, in order. */
	private readonly ourCounts: number[] = [];

	private readonly recent: Array<{ answeredMs: number; atMost: number }> = [];

	/** The request whose answer gave the highest count: sent then, so that count is at least as fresh. */
	private freshest = { count: 0, sentMs: -Infinity };

	/** Some answer has shown a request of others in this window. */
	get seen(): boolean {
		return this.othersAtLeast > 0;
	}

	/** Our latest round trip. */
	get roundTripMs(): number {
		return this.latestRoundTripMs;
	}

	/**
	 * Learns from one of our answers: `count` (undefined for a 429, past the
	 * limit) and how many requests of ours had been sent into the window by then.
	 */
	learn(count: number | undefined, limit: number, oursSent: number, sentMs: number, answeredMs: number): void {
		this.lastAnsweredMs = Math.max(this.lastAnsweredMs, answeredMs);
		this.latestRoundTripMs = answeredMs - sentMs;
		const atLeast = (count ?? limit + 1) - oursSent;
		if (atLeast > this.othersAtMost) {
			this.seenMs = answeredMs;
			this.answersSinceSeen = 0;
		} else {
			this.answersSinceSeen++;
		}
		this.othersAtLeast = Math.max(this.othersAtLeast, atLeast);
		if (count === undefined) return;
		if (count > this.freshest.count) this.freshest = { count, sentMs };
		const below = this.ourCounts.findIndex((ours) => ours > count);
		this.ourCounts.splice(below === -1 ? this.ourCounts.length : below, 0, count);
		const oursCounted = below === -1 ? this.ourCounts.length : below + 1;
		this.othersAtMost = Math.max(this.othersAtMost, this.othersAtLeast, count - oursCounted);
		this.recent.push({ answeredMs, atMost: this.othersAtMost });
		if (this.recent.length > RECENT_ANSWERS) this.recent.shift();
	}

	/** No answer of ours for this long has shown a request of others (and a few answers came meanwhile). */
	quietFor(ms: number): boolean {
		return this.answersSinceSeen >= QUIET_ANSWERS && this.lastAnsweredMs - this.seenMs >= ms;
	}

	/**
	 * How many requests of others may arrive before a request we send now:
	 * their recent pace, over the time since the count we know was taken plus
	 * the way there. Undefined until their pace is known.
	 */
	arrivingBefore(now: number): number | undefined {
		const first = this.recent[0];
		const last = this.recent.at(-1);
		if (!first || !last || last.answeredMs - first.answeredMs < PACE_SPAN_MS) return undefined;
		const pacePerMs = (last.atMost - first.atMost) / (last.answeredMs - first.answeredMs);
		return Math.ceil(pacePerMs * (now - this.freshest.sentMs + this.latestRoundTripMs));
	}
}
