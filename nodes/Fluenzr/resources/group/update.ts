import type { INodeProperties } from 'n8n-workflow';

import { showFor, textBodyField } from '../../shared/fields';

const showOnlyForGroupUpdate = showFor('group', ['update']);

export const groupUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change',
		displayOptions: showOnlyForGroupUpdate,
		options: [
			textBodyField({ displayName: 'Description', name: 'description', default: '' }),
			textBodyField({ displayName: 'Name', name: 'name', default: '' }),
		],
	},
];
