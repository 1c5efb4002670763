import type { INodePropertyOptions } from 'n8n-workflow';

import type { WebhookEvent } from './contract';
import { WEBHOOK_EVENTS, WEBHOOK_WILDCARD } from './contract';

/** How each FluenzR event is shown in the event pickers (the trigger's Events, Webhook → Create). */
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
