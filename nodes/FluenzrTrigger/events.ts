import type { INodePropertyOptions } from 'n8n-workflow';

import type { WebhookEvent } from '../Fluenzr/shared/contract';
import { WEBHOOK_EVENTS, WEBHOOK_WILDCARD } from '../Fluenzr/shared/contract';

/** How each FluenzR event is shown in the trigger's event picker. */
const EVENT_LABELS: Record<WebhookEvent, { name: string; description: string }> = {
	'contact.created': { name: 'Contact Created', description: 'A contact was created' },
	'contact.updated': {
		name: 'Contact Updated',
		description: 'A contact changed, group membership included',
	},
	'contact.deleted': { name: 'Contact Deleted', description: 'A contact was deleted' },
	'contact.unsubscribed': {
		name: 'Contact Unsubscribed',
		description: 'A contact unsubscribed or was marked as unsubscribed',
	},
	'campaign.started': { name: 'Campaign Started', description: 'A campaign was started or resumed' },
	'campaign.paused': { name: 'Campaign Paused', description: 'A campaign was paused' },
	'campaign.completed': {
		name: 'Campaign Completed',
		description: 'Every contact of a campaign finished its sequence',
	},
	'email.sent': { name: 'Email Sent', description: 'A campaign email was sent to a contact' },
	'email.opened': { name: 'Email Opened', description: 'A contact opened a campaign email' },
	'email.clicked': { name: 'Email Clicked', description: 'A contact clicked a link in a campaign email' },
	'email.replied': { name: 'Email Replied', description: 'A contact replied to a campaign email' },
	'email.bounced': { name: 'Email Bounced', description: 'A campaign email bounced' },
};

/** The event picker's options: every FluenzR event plus the wildcard, sorted by name as n8n expects. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'All Events', value: WEBHOOK_WILDCARD, description: 'Any event, including ones FluenzR adds later' },
	...WEBHOOK_EVENTS.map((event) => ({ ...EVENT_LABELS[event], value: event })),
].sort((a, b) => a.name.localeCompare(b.name));

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
