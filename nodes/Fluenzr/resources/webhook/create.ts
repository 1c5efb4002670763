import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENTS, WEBHOOK_SECRET_LENGTH, WEBHOOK_WILDCARD } from '../../shared/contract';
import { bodyField, showFor, textBodyField } from '../../shared/fields';

const showOnlyForWebhookCreate = showFor('webhook', ['create']);

/** "email.replied" → "Email Replied". */
export function eventDisplayName(event: string): string {
	return event
		.split('.')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

export const webhookCreateDescription: INodeProperties[] = [
	{
		...textBodyField({
			displayName: 'URL',
			name: 'url',
			default: '',
			required: true,
			placeholder: 'https://example.com/fluenzr-events',
		}),
		description: 'Where FluenzR sends the events (http or https)',
		displayOptions: showOnlyForWebhookCreate,
	},
	{
		...bodyField({
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			required: true,
			default: [],
			options: [
				{ name: 'All Events', value: WEBHOOK_WILDCARD, description: 'Every event, including future ones' },
				...WEBHOOK_EVENTS.map((event) => ({ name: eventDisplayName(event), value: event })),
			],
			description: 'The events to send to the URL',
		}),
		displayOptions: showOnlyForWebhookCreate,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showOnlyForWebhookCreate,
		options: [
			{
				...textBodyField({ displayName: 'Secret', name: 'secret', default: '' }),
				typeOptions: { password: true },
				description: `Signs each delivery (X-Fluenzr-Signature: HMAC-SHA256 of the body); ${WEBHOOK_SECRET_LENGTH.min} to ${WEBHOOK_SECRET_LENGTH.max} characters. FluenzR never shows it again.`,
			},
		],
	},
];
