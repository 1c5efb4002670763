import type { INodeProperties } from 'n8n-workflow';

import { showFor, textBodyField } from '../../shared/fields';

const showOnlyForGroupCreate = showFor('group', ['create']);

export const groupCreateDescription: INodeProperties[] = [
	{
		...textBodyField({ displayName: 'Name', name: 'name', default: '', required: true, placeholder: 'Q3 SaaS founders' }),
		description: 'Name of the group',
		displayOptions: showOnlyForGroupCreate,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showOnlyForGroupCreate,
		options: [textBodyField({ displayName: 'Description', name: 'description', default: '' })],
	},
];
