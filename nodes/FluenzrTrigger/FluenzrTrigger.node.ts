import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { EVENT_OPTIONS } from './events';
import { receiveDelivery } from './receiveDelivery';
import { registerWebhook, unregisterWebhook, webhookExists } from './webhookLifecycle';

export class FluenzrTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FluenzR Trigger',
		name: 'fluenzrTrigger',
		icon: { light: 'file:fluenzr.svg', dark: 'file:fluenzr.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1 does. n8n evaluates an expression for every request to a
		// version-1 webhook node (it looks for the Webhook node v1's "binaryData"
		// option), which needs an expression isolate before the delivery is
		// answered: under a burst, each delivery then waits for an isolate to be
		// built. From 1.1 on n8n skips that step (docs/performance.md#bursts-of-events).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node panel shows the action node and its trigger as one entry, described by the
		// trigger's description (node creator: "default to trigger description"): so it speaks for both.
		description: 'Manage FluenzR contacts, groups, campaigns and webhooks, and start workflows on FluenzR events',
		defaults: {
			name: 'FluenzR Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'fluenzrApi',
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'FluenzR sends events to this workflow\'s production URL once the workflow is published (n8n 1.x: active), and must be able to reach it: if n8n runs behind a proxy or on a private address, set N8N_WEBHOOK_URL (n8n 1.x: WEBHOOK_URL) to its public address',
				name: 'reachabilityNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				options: EVENT_OPTIONS,
				description: 'The FluenzR events that start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Campaign ID',
						name: 'campaignId',
						type: 'string',
						default: '',
						placeholder: 'cmp_123',
						description:
							'Start the workflow only for events of this campaign (email and campaign events); other events are acknowledged and ignored',
					},
					{
						displayName: 'Output Data',
						name: 'outputData',
						type: 'options',
						default: 'delivery',
						options: [
							{
								name: 'Only Data',
								value: 'data',
								description: 'Only the contact, campaign or email the event is about',
							},
							{
								name: 'Whole Delivery',
								value: 'delivery',
								description: 'The event name, its ID, when it happened and its data',
							},
						],
						description: 'What each event gives the workflow',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await webhookExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerWebhook(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await unregisterWebhook(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this);
	}
}
