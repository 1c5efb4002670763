/** How long an event id is remembered: longer than FluenzR's whole retry schedule (1+2+4+8+16 s). */
const DEDUPLICATION_WINDOW_MS = 10 * 60 * 1000;

/** A bound on memory: past it, the oldest ids are forgotten first. */
const DEDUPLICATION_MAX_ENTRIES = 10_000;

interface RecentDeliveriesOptions {
	windowMs: number;
	maxEntries: number;
	now?: () => number;
}

/**
 * The deliveries seen recently, by key, so that a retried or replayed event
 * starts the workflow once. A Map keeps insertion order and entries are never
 * refreshed, so its first entry is always the oldest: expiry and the size
 * bound both trim from the front.
 */
export class RecentDeliveries {
	private readonly seenAt = new Map<string, number>();

	private readonly now: () => number;

	constructor(private readonly options: RecentDeliveriesOptions) {
		this.now = options.now ?? Date.now;
	}

	/** Records the key and tells whether it was already seen within the window. */
	checkAndRemember(key: string): boolean {
		const now = this.now();
		this.forgetExpired(now);
		if (this.seenAt.has(key)) return true;
		this.seenAt.set(key, now);
		while (this.seenAt.size > this.options.maxEntries) {
			this.seenAt.delete(this.seenAt.keys().next().value as string);
		}
		return false;
	}

	get size(): number {
		return this.seenAt.size;
	}

	private forgetExpired(now: number): void {
		for (const [key, seenAt] of this.seenAt) {
			if (now - seenAt < this.options.windowMs) break;
			this.seenAt.delete(key);
		}
	}
}

/** The key of one delivery: the same event id may legitimately reach two different webhooks. */
export function deliveryKey(webhookId: string, eventId: string): string {
	return `${webhookId}\n${eventId}`;
}

/**
 * One memory per n8n process. Limitation: with several webhook processes
 * (queue mode with webhook workers), a retry that reaches another process is
 * not recognised, and a restart forgets everything; workflows that must never
 * act twice should also key their side effects on `eventId`.
 */
export const recentDeliveries = new RecentDeliveries({
	windowMs: DEDUPLICATION_WINDOW_MS,
	maxEntries: DEDUPLICATION_MAX_ENTRIES,
});
