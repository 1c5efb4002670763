import type { INodeProperties } from 'n8n-workflow';

import { recordRoute, route } from '../../shared/fields';
import { runListRequest } from '../../shared/requestRunner';
import { webhookCreateDescription } from './create';
import { WEBHOOK_ID, webhookDeleteDescription } from './delete';

export const webhookOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['webhook'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a webhook',
			description: 'Send events to a URL (to start a workflow on events, use the Fluenzr Trigger node)',
			routing: route('POST', '/webhooks'),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a webhook',
			description: 'Stop sending events to a URL',
			routing: recordRoute('DELETE', '/webhooks/{id}', WEBHOOK_ID),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many webhooks',
			description: 'List the webhooks of the account',
			routing: route('GET', '/webhooks', runListRequest),
		},
	],
	default: 'getAll',
};

export const webhookFields: INodeProperties[] = [...webhookCreateDescription, ...webhookDeleteDescription];
