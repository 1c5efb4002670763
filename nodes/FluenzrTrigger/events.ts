import { WEBHOOK_WILDCARD } from '../../client/contract';

// The event picker is shared with the Fluenzr node's Webhook → Create.
export { EVENT_OPTIONS } from '../../client/webhookEvents';

/**
 * The event list to register with FluenzR, in one canonical form so that a
 * subscription can be compared with another: the wildcard alone when chosen
 * (it already covers the rest), else the distinct events in sorted order.
 */
export function canonicalEvents(events: readonly string[]): string[] {
	if (events.includes(WEBHOOK_WILDCARD)) return [WEBHOOK_WILDCARD];
	return [...new Set(events)].sort();
}

/** Whether two subscriptions cover the same events, whatever their order or repetitions. */
export function sameEvents(a: readonly string[], b: readonly string[]): boolean {
	const left = canonicalEvents(a);
	const right = canonicalEvents(b);
	return left.length === right.length && left.every((event, index) => event === right[index]);
}

/** Whether a delivered event is one the trigger listens to. */
export function isSubscribed(event: string, subscribedEvents: readonly string[]): boolean {
	return subscribedEvents.includes(WEBHOOK_WILDCARD) || subscribedEvents.includes(event);
}

/**
 * The campaign a delivery is about: campaign events carry the campaign itself
 * (its `id`), email events carry `campaignId`; contact events have none.
 */
export function campaignIdOf(event: string, data: Record<string, unknown>): string | undefined {
	const id = event.startsWith('campaign.') ? data.id : data.campaignId;
	return typeof id === 'string' ? id : undefined;
}
