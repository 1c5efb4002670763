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
 * The deliveries one trigger has taken recently, by event id, so that a
 * retried or replayed event starts its workflow once. A Map keeps insertion
 * order and entries are never refreshed, so its first entry is always the
 * oldest: expiry and the size bound both trim from the front.
 */
export class RecentDeliveries {
	private readonly seenAt = new Map<string, number>();

	constructor(private readonly options: RecentDeliveriesOptions) {}

	/** Records the key and tells whether it was already seen within the window (its last millisecond included). */
	checkAndRemember(key: string, now: number): boolean {
		this.forgetExpired(now);
		if (this.seenAt.has(key)) return true;
		this.seenAt.set(key, now);
		while (this.seenAt.size > this.options.maxEntries) {
			this.seenAt.delete(this.seenAt.keys().next().value as string);
		}
		return false;
	}

	/** How many keys are remembered at `now`. */
	sizeAt(now: number): number {
		this.forgetExpired(now);
		return this.seenAt.size;
	}

	private forgetExpired(now: number): void {
		for (const [key, seenAt] of this.seenAt) {
			if (now - seenAt <= this.options.windowMs) break;
			this.seenAt.delete(key);
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
