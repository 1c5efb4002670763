import type { INodeProperties } from 'n8n-workflow';

import { CONTACT, recordLocator, showFor } from '../../shared/fields';
import { operationRouting, readList, recordOperationRouting } from '../../shared/routing';
import { contactCreateDescription } from './create';
import { contactResubscribeFields, updateContact } from './update';
import { createOrUpdateContact, existingContactGroupsField } from './upsert';

export const contactOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['contact'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a contact',
			description: 'Create a new contact',
			routing: operationRouting('POST', '/contacts'),
		},
		{
			name: 'Create or Update',
			value: 'upsert',
			action: 'Create or update a contact',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			routing: operationRouting('POST', '/contacts', createOrUpdateContact),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a contact',
			description: 'Delete a contact',
			routing: recordOperationRouting('DELETE', '/contacts/{id}', CONTACT),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a contact',
			description: 'Get a contact',
			routing: recordOperationRouting('GET', '/contacts/{id}', CONTACT),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many contacts',
			description: 'Get many contacts, filtered and sorted',
			routing: operationRouting('GET', '/contacts', readList),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a contact',
			description: 'Change some fields of a contact',
			routing: recordOperationRouting('PUT', '/contacts/{id}', CONTACT, updateContact),
		},
	],
	default: 'create',
};

export const contactFields: INodeProperties[] = [
	recordLocator(CONTACT, showFor('contact', ['get', 'update', 'delete'])),
	...contactCreateDescription,
	existingContactGroupsField,
	...contactResubscribeFields,
];
