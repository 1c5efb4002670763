import type { INodeProperties } from 'n8n-workflow';

import { addContactsInChunks } from '../../shared/contactChunks';
import { GROUP, recordLocator, showFor } from '../../shared/fields';
import { operationRouting, readList, recordOperationRouting } from '../../shared/routing';
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
			description: 'Add any number of existing contacts to a group',
			routing: recordOperationRouting('POST', '/groups/{id}/contacts', GROUP, addContactsInChunks),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a group',
			description: 'Create a new group',
			routing: operationRouting('POST', '/groups'),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a group',
			description: 'Delete a group; its contacts are kept',
			routing: recordOperationRouting('DELETE', '/groups/{id}', GROUP),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a group',
			description: 'Get a group',
			routing: recordOperationRouting('GET', '/groups/{id}', GROUP),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many groups',
			description: 'Get many groups, filtered and sorted',
			routing: operationRouting('GET', '/groups', readList),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a group',
			description: 'Change the name or description of a group',
			routing: recordOperationRouting('PUT', '/groups/{id}', GROUP),
		},
	],
	default: 'create',
};

export const groupFields: INodeProperties[] = [
	recordLocator(GROUP, showFor('group', ['get', 'update', 'delete', 'addContacts'])),
	...groupCreateDescription,
	...groupAddContactsDescription,
];
