import type { INodeProperties } from 'n8n-workflow';

import { textBodyField } from '../../shared/fields';

/** The group's part of Update Fields (see resources/fieldCollections.ts). */
export const groupUpdateOptions: INodeProperties[] = [
	textBodyField({ displayName: 'Description', name: 'description', default: '' }),
	textBodyField({ displayName: 'Name', name: 'name', default: '' }),
];
