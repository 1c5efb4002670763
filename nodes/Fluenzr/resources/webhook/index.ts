import type { INodeProperties } from 'n8n-workflow';

import { operationRouting, readList, recordOperationRouting } from '../../shared/routing';
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
			description: 'Send events to a URL (to start a workflow on events, use the FluenzR Trigger node)',
			routing: operationRouting('POST', '/webhooks'),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a webhook',
			description: 'Stop sending events to a URL',
			routing: recordOperationRouting('DELETE', '/webhooks/{id}', WEBHOOK_ID),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many webhooks',
			description: 'List the webhooks of the account',
			routing: operationRouting('GET', '/webhooks', readList),
		},
	],
	default: 'getAll',
};

export const webhookFields: INodeProperties[] = [...webhookCreateDescription, ...webhookDeleteDescription];
