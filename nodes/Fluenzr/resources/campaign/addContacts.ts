import type { INodeProperties } from 'n8n-workflow';

import { contactIdsField, GROUP, recordLocator, showFor } from '../../shared/fields';

const showOnlyForCampaignAddContacts = showFor('campaign', ['addContacts']);

export const campaignAddContactsDescription: INodeProperties[] = [
	{
		displayName: 'Add From',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'A Group', value: 'group', description: 'Every contact of a group' },
			{ name: 'A List of Contact IDs', value: 'contactIds', description: 'The contacts you list, any number of them' },
		],
		default: 'group',
		description: 'Where the contacts come from. Contacts already in the campaign or unsubscribed are skipped.',
		displayOptions: showOnlyForCampaignAddContacts,
	},
	recordLocator(
		GROUP,
		{ show: { resource: ['campaign'], operation: ['addContacts'], source: ['group'] } },
		{ bodyProperty: 'groupId' },
	),
	contactIdsField({ show: { resource: ['campaign'], operation: ['addContacts'], source: ['contactIds'] } }),
];
