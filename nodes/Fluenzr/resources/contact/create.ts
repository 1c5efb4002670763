import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';
import { contactFieldOptions, emailField } from './fields';

const showOnlyForContactCreate = showFor('contact', ['create']);

export const contactCreateDescription: INodeProperties[] = [
	{ ...emailField(true), displayOptions: showOnlyForContactCreate },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showOnlyForContactCreate,
		options: contactFieldOptions('additionalFields'),
	},
];
