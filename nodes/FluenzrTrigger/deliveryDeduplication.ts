import { CLOCK_SKEW_ALLOWANCE_MS, DELIVERY_MAX_AGE_MS } from './deliveryFreshness';

/**
 * How long an event id is remembered after it was taken: as long as a
 * delivery of it can still be accepted. Its `createdAt` may be up to the skew
 * allowance ahead of n8n's clock and is accepted until it is
 * DELIVERY_MAX_AGE_MS old, so remembering it that long after it arrived
 * covers every moment a retry or replay of it could pass the age check.
 */
export const DEDUPLICATION_WINDOW_MS = DELIVERY_MAX_AGE_MS + CLOCK_SKEW_ALLOWANCE_MS;

/**
 * A bound on one trigger's memory: past it, its oldest ids are forgotten
 * first. 10,000 ids in the window is about 14 events a second for one
 * workflow, sustained.
 */
const DEDUPLICATION_MAX_ENTRIES = 10_000;

interface RecentDeliveriesOptions {
	windowMs: number;
	maxEntries: number;
}

/**
 * Where a taken delivery stands: `starting` from its acceptance until n8n
 * answers it; `started` once n8n answered 2xx, which n8n 2.x does only after
 * it has created (or queued) the run. n8n 1.x answers before it creates the
 * run, so there `started` means "n8n answered", the most it tells.
 */
export type TakenState = 'starting' | 'started';

/**
 * The deliveries one trigger has taken recently, by event id, so that a
 * retried or replayed event starts its workflow once, and a retry of one
 * whose run n8n failed to start (its answer not a 2xx) starts it after all.
 * A Map keeps insertion order and entries are never refreshed, so its first
 * entry is always the oldest: expiry and the size bound both trim from the
 * front.
 */
export class RecentDeliveries {
	private readonly taken = new Map<string, { atMs: number; state: TakenState }>();

	constructor(private readonly options: RecentDeliveriesOptions) {}

	/**
	 * Takes the key unless it was taken within the window (its last
	 * millisecond included): answers 'new' when this call took it (now
	 * `starting`), else where the earlier delivery stands.
	 */
	take(key: string, now: number): 'new' | TakenState {
		this.forgetExpired(now);
		const earlier = this.taken.get(key);
		if (earlier) return earlier.state;
		this.taken.set(key, { atMs: now, state: 'starting' });
		while (this.taken.size > this.options.maxEntries) {
			this.taken.delete(this.taken.keys().next().value as string);
		}
		return 'new';
	}

	/** n8n answered the delivery that took the key with a 2xx: its run exists. */
	started(key: string): void {
		const entry = this.taken.get(key);
		if (entry) entry.state = 'started';
	}

	/** n8n did not start the run of the delivery that took the key: the next retry must be able to. */
	release(key: string): void {
		this.taken.delete(key);
	}

	/** How many keys are remembered at `now`. */
	sizeAt(now: number): number {
		this.forgetExpired(now);
		return this.taken.size;
	}

	private forgetExpired(now: number): void {
		for (const [key, { atMs }] of this.taken) {
			if (now - atMs <= this.options.windowMs) break;
			this.taken.delete(key);
		}
	}
}

/**
 * Each trigger's memory, by the id of the FluenzR webhook it registered (a
 * new registration has a new id and secret, so a new memory), so that a
 * burst on one workflow never makes another forget. It lives in the memory
 * of this n8n process: see docs/security-reliability.md for restarts and
 * queue mode.
 */
const memories = new Map<string, RecentDeliveries>();

/** The memory of the trigger whose FluenzR webhook is `webhookId`. */
export function recentDeliveriesOf(webhookId: string, now: number): RecentDeliveries {
	let memory = memories.get(webhookId);
	if (!memory) {
		// Only when a trigger is new to this process: drop the memories of triggers with nothing left to remember.
		for (const [id, other] of memories) if (other.sizeAt(now) === 0) memories.delete(id);
		memory = new RecentDeliveries({ windowMs: DEDUPLICATION_WINDOW_MS, maxEntries: DEDUPLICATION_MAX_ENTRIES });
		memories.set(webhookId, memory);
	}
	return memory;
}
