import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { campaignFields, campaignOperations } from './resources/campaign';
import { campaignToolDescriptions } from './resources/campaign/toolDescriptions';
import { contactFields, contactOperations } from './resources/contact';
import { contactToolDescriptions } from './resources/contact/toolDescriptions';
import { groupFields, groupOperations } from './resources/group';
import { groupToolDescriptions } from './resources/group/toolDescriptions';
import { webhookFields, webhookOperations } from './resources/webhook';
import { webhookToolDescriptions } from './resources/webhook/toolDescriptions';
import { additionalFieldsCollection, filtersCollection, updateFieldsCollection } from './resources/fieldCollections';
import { returnAllAndLimit, sortCollection } from './shared/fields';
import { listSearch, loadOptions } from './shared/listSearch';
import { nameOperations } from './shared/routing';

// Errors name an operation as the editor does ("Contact → Create or Update"): from the selectors, not a second list.
nameOperations([contactOperations, groupOperations, campaignOperations, webhookOperations]);
import { toolDescriptions } from './shared/toolDescription';

export class Fluenzr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FluenzR',
		name: 'fluenzr',
		icon: { light: 'file:fluenzr.svg', dark: 'file:fluenzr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage FluenzR contacts, groups, campaigns and webhooks',
		defaults: { name: 'FluenzR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fluenzrApi', required: true }],
		requestDefaults: {
			// No baseURL: every operation's request is sent by the client layer (see shared/routing.ts), which
			// joins it to the credential's Base URL. As an expression here, n8n would evaluate it twice per item.
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
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
			contactOperations,
			groupOperations,
			campaignOperations,
			webhookOperations,
			...toolDescriptions(contactOperations, contactToolDescriptions),
			...toolDescriptions(groupOperations, groupToolDescriptions),
			...toolDescriptions(campaignOperations, campaignToolDescriptions),
			...toolDescriptions(webhookOperations, webhookToolDescriptions),
			// Fields several resources share are defined once: n8n evaluates each
			// parameter once per description property of its name, for every item.
			...returnAllAndLimit(['contact', 'group', 'campaign', 'webhook']),
			...contactFields,
			...groupFields,
			...campaignFields,
			...webhookFields,
			additionalFieldsCollection,
			updateFieldsCollection,
			filtersCollection,
			sortCollection(
				['contact'],
				[
					{ name: 'Company', value: 'company' },
					{ name: 'Created At', value: 'createdAt' },
					{ name: 'Email', value: 'email' },
					{ name: 'Last Name', value: 'lastName' },
					{ name: 'Updated At', value: 'updatedAt' },
				],
			),
			sortCollection(
				['group', 'campaign'],
				[
					{ name: 'Created At', value: 'createdAt' },
					{ name: 'Name', value: 'name' },
					{ name: 'Updated At', value: 'updatedAt' },
				],
			),
		],
	};

	methods = { listSearch, loadOptions };
}
