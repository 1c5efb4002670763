import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';
import { contactFieldOptions, emailField } from './fields';

/** Create and Create or Update take the same fields (see upsert.ts for how the latter runs). */
const showForContactCreateAndUpsert = showFor('contact', ['create', 'upsert']);

export const contactCreateDescription: INodeProperties[] = [
	{
		...emailField(true),
		description:
			'Email address of the contact; unique in the account, compared case-insensitively. Create or Update matches on it.',
		displayOptions: showForContactCreateAndUpsert,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showForContactCreateAndUpsert,
		options: contactFieldOptions('additionalFields'),
	},
];
