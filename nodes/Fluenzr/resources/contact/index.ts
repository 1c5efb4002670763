import type { INodeProperties } from 'n8n-workflow';

import { CONTACT, recordLocator, recordRoute, route, showFor } from '../../shared/fields';
import { runListRequest } from '../../shared/requestRunner';
import { contactCreateDescription } from './create';
import { runContactUpsert } from './upsert';


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
			routing: route('POST', '/contacts'),
		},
		{
			name: 'Create or Update',
			value: 'upsert',
			action: 'Create or update a contact',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			routing: route('POST', '/contacts', runContactUpsert),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a contact',
			description: 'Delete a contact',
			routing: recordRoute('DELETE', '/contacts/{id}', CONTACT),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a contact',
			description: 'Get a contact',
			routing: recordRoute('GET', '/contacts/{id}', CONTACT),
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many contacts',
			description: 'Get many contacts, filtered and sorted',
			routing: route('GET', '/contacts', runListRequest),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a contact',
			description: 'Change some fields of a contact',
			routing: recordRoute('PUT', '/contacts/{id}', CONTACT),
		},
	],
	default: 'create',
};

export const contactFields: INodeProperties[] = [
	recordLocator(CONTACT, showFor('contact', ['get', 'update', 'delete'])),
	...contactCreateDescription,
];
