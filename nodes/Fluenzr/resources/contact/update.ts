import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';
import { contactFieldOptions, emailField } from './fields';

const showOnlyForContactUpdate = showFor('contact', ['update']);

export const contactUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the others keep their values',
		displayOptions: showOnlyForContactUpdate,
		options: [...contactFieldOptions('updateFields'), emailField(false)].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];
