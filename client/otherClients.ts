/**
 * What one rate limit window's counts show of the other clients using the
 * API key (other n8n workers, say). Each answer gives the count at our
 * request's arrival. How many of those requests were ours is known only
 * within bounds: at least those of ours answered with a lower count, at most
 * all we had sent. So the others' share is a range, and only a lower bound
 * that rises above an earlier upper bound proves that they sent more.
 */

/** The others' pace is measured over our latest answers, over at least this time. */
const RECENT_ANSWERS = 8;

const PACE_SPAN_MS = 50;

export class OtherClients {
	/** Requests of others in the window: at least this many... */
	atLeast = 0;

	/** ...and at most this many, as far as our latest answers tell. */
	private atMost = 0;

	/** When an answer last proved new requests of others, and how many answers of ours came since. */
	seenMs = -Infinity;

	answersSinceSeen = 0;

	lastAnsweredMs = -Infinity;

	/** Our latest round trip. */
	roundTripMs = 0;

	/** The counts our answered requests had, in order. */
	private readonly ourCounts: number[] = [];

	private readonly recent: Array<{ answeredMs: number; atMost: number }> = [];

	/** The request whose answer gave the highest count: sent then, so that count is at least as fresh. */
	private freshest = { count: 0, sentMs: -Infinity };

	/**
	 * Learns from one of our answers: `count` (undefined for a 429, past the
	 * limit) and how many requests of ours had been sent into the window by then.
	 */
	learn(count: number | undefined, limit: number, oursSent: number, sentMs: number, answeredMs: number): void {
		this.lastAnsweredMs = Math.max(this.lastAnsweredMs, answeredMs);
		this.roundTripMs = answeredMs - sentMs;
		const atLeast = (count ?? limit + 1) - oursSent;
		if (atLeast > this.atMost) {
			this.seenMs = answeredMs;
			this.answersSinceSeen = 0;
		} else {
			this.answersSinceSeen++;
		}
		this.atLeast = Math.max(this.atLeast, atLeast);
		if (count === undefined) return;
		if (count > this.freshest.count) this.freshest = { count, sentMs };
		const below = this.ourCounts.findIndex((ours) => ours > count);
		this.ourCounts.splice(below === -1 ? this.ourCounts.length : below, 0, count);
		const oursCounted = below === -1 ? this.ourCounts.length : below + 1;
		this.atMost = Math.max(this.atMost, this.atLeast, count - oursCounted);
		this.recent.push({ answeredMs, atMost: this.atMost });
		if (this.recent.length > RECENT_ANSWERS) this.recent.shift();
	}

	/** No answer of ours for this long has shown a request of others (and a few answers came meanwhile). */
	quietFor(ms: number): boolean {
		return this.answersSinceSeen >= 2 && this.lastAnsweredMs - this.seenMs >= ms;
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
		return Math.ceil(pacePerMs * (now - this.freshest.sentMs + this.roundTripMs));
	}
}
