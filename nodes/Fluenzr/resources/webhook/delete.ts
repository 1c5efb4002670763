import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';
import type { IdField } from '../../shared/validation';

export const WEBHOOK_ID: IdField = {
	name: 'webhookId',
	displayName: 'Webhook ID',
	example: 'wh_123',
	record: 'webhook',
	listedBy: 'Webhook → Get Many',
};

export const webhookDeleteDescription: INodeProperties[] = [
	{
		displayName: 'Webhook ID',
		name: 'webhookId',
		type: 'string',
		default: '',
		required: true,
		placeholder: WEBHOOK_ID.example,
		description: 'ID of the webhook to delete (from Webhook → Get Many)',
		displayOptions: showFor('webhook', ['delete']),
	},
];
