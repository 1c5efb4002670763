import type { INodeProperties } from 'n8n-workflow';

import { GROUP, recordLocator, recordRoute, route, showFor } from '../../shared/fields';
import { runListRequest } from '../../shared/requestRunner';
import { groupAddContactsDescription } from './addContacts';
import { groupCreateDescription } from './create';


export const groupOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['group'] } },
	options: [
		{
			name: 'Add Contacts',
			value: 'addContacts',
			action: 'Add contacts to a group',
			description: 'Add existing contacts to a group',
			routing: recordRoute('POST', '/groups/{id}/contacts', GROUP),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a group',
			description: 'Create a new group',
			routing: route('POST', '/groups'),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a group',
			description: 'Delete a group; its contacts are kept',
			routing: recordRoute('DELETE', '/groups/{id}', GROUP),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a group',
			description: 'Get a group',
			routing: recordRoute('GET', '/groups/{id}', GROUP),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many groups',
			description: 'Get many groups, filtered and sorted',
			routing: route('GET', '/groups', runListRequest),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a group',
			description: 'Change the name or description of a group',
			routing: recordRoute('PUT', '/groups/{id}', GROUP),
		},
	],
	default: 'create',
};

export const groupFields: INodeProperties[] = [
	recordLocator(GROUP, showFor('group', ['get', 'update', 'delete', 'addContacts'])),
	...groupCreateDescription,
	...groupAddContactsDescription,
];
