import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';

export const groupGetManyDescription: INodeProperties[] = [
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
];
