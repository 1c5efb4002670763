import type { INodeProperties } from 'n8n-workflow';

import { idInPath, route } from '../../shared/fields';
import { runListRequest } from '../../shared/requestRunner';
import { webhookCreateDescription } from './create';
import { webhookDeleteDescription } from './delete';

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
			routing: route('DELETE', `=/webhooks/${idInPath('webhookId')}`),
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
