import type { INodeProperties } from 'n8n-workflow';

import { WEBHOOK_SECRET_LENGTH } from '../../../../client/contract';
import { bodyField, showFor, textBodyField } from '../../shared/fields';
import { EVENT_OPTIONS } from '../../../../client/webhookEvents';

const showOnlyForWebhookCreate = showFor('webhook', ['create']);

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
			options: EVENT_OPTIONS,
			description: 'The events to send to the URL',
		}),
		displayOptions: showOnlyForWebhookCreate,
	},
];

/** The webhook's part of Additional Fields (see resources/fieldCollections.ts). */
export const webhookCreateOptions: INodeProperties[] = [
	{
		...textBodyField({ displayName: 'Secret', name: 'secret', default: '' }),
		typeOptions: { password: true },
		description: `Signs each delivery (X-Fluenzr-Signature: HMAC-SHA256 of the body); ${WEBHOOK_SECRET_LENGTH.min} to ${WEBHOOK_SECRET_LENGTH.max} characters. FluenzR never shows it again.`,
	},
];
