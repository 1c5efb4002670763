import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';
import { contactFieldOptions, emailField } from './fields';
import { contactMappingField, SHOW_WHEN_MAPPING_EACH_FIELD } from './mapping';

/** Create and Create or Update take the same fields (see upsert.ts for how the latter runs). */
export const contactCreateDescription: INodeProperties[] = [
	contactMappingField,
	{
		...emailField(true),
		description:
			'Email address of the contact; unique in the account, compared case-insensitively. Create or Update matches on it.',
		displayOptions: {
			show: { ...showFor('contact', ['create', 'upsert']).show, ...SHOW_WHEN_MAPPING_EACH_FIELD },
		},
	},
];

/** The contact's part of Additional Fields (see resources/fieldCollections.ts). */
export const contactCreateOptions: INodeProperties[] = contactFieldOptions('additionalFields');
