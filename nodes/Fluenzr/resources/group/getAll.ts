import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit, showFor, sortCollection } from '../../shared/fields';

export const groupGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit('group'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('group', ['getAll']),
		options: [
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Part of the group name, case-insensitive',
				routing: { send: { type: 'query', property: 'name' } },
			},
		],
	},
	sortCollection('group', [
		{ name: 'Created At', value: 'createdAt' },
		{ name: 'Name', value: 'name' },
		{ name: 'Updated At', value: 'updatedAt' },
	]),
];
