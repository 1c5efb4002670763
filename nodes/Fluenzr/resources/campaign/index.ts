import type { INodeProperties } from 'n8n-workflow';

import { addContactsInChunks } from '../../shared/contactChunks';
import { CAMPAIGN, recordLocator, showFor } from '../../shared/fields';
import { operationRouting, readList, recordOperationRouting } from '../../shared/routing';
import { campaignAddContactsDescription } from './addContacts';
import { campaignCreateDescription } from './create';

export const campaignOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['campaign'] } },
	options: [
		{
			name: 'Add Contacts',
			value: 'addContacts',
			action: 'Add contacts to a campaign',
			description: 'Add a group’s contacts, or any number of listed contacts, to a campaign',
			routing: recordOperationRouting('POST', '/campaigns/{id}/contacts', CAMPAIGN, addContactsInChunks),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a campaign',
			description: 'Create a new campaign (as a draft)',
			routing: operationRouting('POST', '/campaigns'),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a campaign',
			description: 'Get a campaign',
			routing: recordOperationRouting('GET', '/campaigns/{id}', CAMPAIGN),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many campaigns',
			description: 'Get many campaigns, filtered and sorted',
			routing: operationRouting('GET', '/campaigns', readList),
		},
		{
			name: 'Get Stats',
			value: 'getStats',
			action: 'Get campaign statistics',
			description: 'Get the sending, open, click, reply and bounce figures of a campaign',
			routing: recordOperationRouting('GET', '/campaigns/{id}/stats', CAMPAIGN),
		},
		{
			name: 'Pause',
			value: 'pause',
			action: 'Pause a campaign',
			description: 'Pause an active campaign (pausing a paused one changes nothing)',
			routing: recordOperationRouting('POST', '/campaigns/{id}/pause', CAMPAIGN),
		},
		{
			name: 'Start',
			value: 'start',
			action: 'Start a campaign',
			description: 'Start a draft or paused campaign; it needs a step and a contact',
			routing: recordOperationRouting('POST', '/campaigns/{id}/start', CAMPAIGN),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a campaign',
			description: 'Change some settings of a campaign',
			routing: recordOperationRouting('PUT', '/campaigns/{id}', CAMPAIGN),
		},
	],
	default: 'create',
};

export const campaignFields: INodeProperties[] = [
	recordLocator(CAMPAIGN, showFor('campaign', ['get', 'update', 'start', 'pause', 'getStats', 'addContacts'])),
	...campaignCreateDescription,
	...campaignAddContactsDescription,
];
