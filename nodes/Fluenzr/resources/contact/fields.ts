import type { INodeProperties } from 'n8n-workflow';

import { bodyField, textBodyField } from '../../shared/fields';
import { customFieldsInBody, groupIdsInBody } from '../../shared/validation';

/** The email field: required on create, optional in Update Fields. */
export function emailField(required: boolean): INodeProperties {
	return textBodyField({
		displayName: 'Email',
		name: 'email',
		default: '',
		required,
		placeholder: 'name@email.com',
		description: 'Email address of the contact; unique in the account, compared case-insensitively',
	});
}

/** Everything a contact holds besides its email, in alphabetical order. */
export function contactFieldOptions(collectionName: 'additionalFields' | 'updateFields'): INodeProperties[] {
	return [
		textBodyField({ displayName: 'Company', name: 'company', default: '' }),
		{
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Custom Field',
			default: {},
			description:
				collectionName === 'updateFields'
					? 'Merged key by key into the contact’s custom fields; an expression giving null removes a key'
					: 'Your own fields, such as a CRM ID or a lead score',
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '', description: 'Name of the custom field' },
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Text, or a number or boolean from an expression',
						},
					],
				},
			],
			routing: { send: { preSend: [customFieldsInBody(collectionName)] } },
		},
		textBodyField({ displayName: 'First Name', name: 'firstName', default: '' }),
		{
			displayName: 'Group Names or IDs',
			name: 'groupIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getGroups' },
			default: [],
			routing: { send: { preSend: [groupIdsInBody(collectionName)] } },
			description:
				'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint:
				collectionName === 'updateFields'
					? 'Replaces the groups the contact is in: it leaves the others. To add it to a group and keep the others, use Group → Add Contacts.'
					: 'The groups to put the contact in. Create or Update adds a contact that exists to them and keeps its other groups, unless Groups of an Existing Contact says Replace.',
		},
		textBodyField({ displayName: 'Job Title', name: 'jobTitle', default: '' }),
		textBodyField({ displayName: 'Last Name', name: 'lastName', default: '' }),
		textBodyField({
			displayName: 'LinkedIn URL',
			name: 'linkedinUrl',
			default: '',
			placeholder: 'https://www.linkedin.com/in/...',
		}),
		textBodyField({ displayName: 'Phone', name: 'phone', default: '' }),
		bodyField({
			displayName: 'Unsubscribed',
			name: 'unsubscribed',
			type: 'boolean',
			default: false,
			description:
				collectionName === 'updateFields'
					? 'Whether to unsubscribe the contact (campaigns then skip it). Off re-subscribes nobody: that takes Resubscribe.'
					: 'Whether the contact has unsubscribed; campaigns skip unsubscribed contacts. Off never re-subscribes a contact who exists: Create or Update then outputs keptUnsubscribed: true.',
		}),
		textBodyField({ displayName: 'Website', name: 'website', default: '', placeholder: 'https://example.com' }),
	];
}
