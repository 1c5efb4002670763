import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { campaignDescription } from './resources/campaign';
import { contactDescription } from './resources/contact';
import { groupDescription } from './resources/group';
import { webhookDescription } from './resources/webhook';
import { listSearch, loadOptions } from './shared/listSearch';

export class Fluenzr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fluenzr',
		name: 'fluenzr',
		icon: { light: 'file:fluenzr.svg', dark: 'file:fluenzr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage FluenzR contacts, groups, campaigns and webhooks',
		defaults: { name: 'Fluenzr' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fluenzrApi', required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			// The runners read every answer themselves (see shared/requestRunner.ts).
			ignoreHttpStatusErrors: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Group', value: 'group' },
					{ name: 'Webhook', value: 'webhook' },
				],
				default: 'contact',
			},
			...contactDescription,
			...groupDescription,
			...campaignDescription,
			...webhookDescription,
		],
	};

	methods = { listSearch, loadOptions };
}
