import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';
import { requireId } from '../../shared/validation';

export const webhookDeleteDescription: INodeProperties[] = [
	{
		displayName: 'Webhook ID',
		name: 'webhookId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'wh_123',
		description: 'ID of the webhook to delete (from Webhook → Get Many)',
		displayOptions: showFor('webhook', ['delete']),
		routing: { send: { preSend: [requireId('webhookId', 'Webhook ID', 'wh_123')] } },
	},
];
