import type { INodeProperties } from 'n8n-workflow';

import { showFor, textBodyField } from '../../shared/fields';

export const groupCreateDescription: INodeProperties[] = [
	{
		...textBodyField({ displayName: 'Name', name: 'name', default: '', required: true, placeholder: 'Q3 SaaS founders' }),
		description: 'Name of the group',
		displayOptions: showFor('group', ['create']),
	},
];

/** The group's part of Additional Fields (see resources/fieldCollections.ts). */
export const groupCreateOptions: INodeProperties[] = [
	textBodyField({ displayName: 'Description', name: 'description', default: '' }),
];
