import type { INodeProperties } from 'n8n-workflow';

/** The contact's part of Filters (see resources/fieldCollections.ts). */
export const contactFilterOptions: INodeProperties[] = [
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		description: 'Only contacts created after this moment (exclusive)',
		routing: { send: { type: 'query', property: 'createdAfter' } },
	},
	{
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		default: '',
		description: 'Only contacts created before this moment (exclusive)',
		routing: { send: { type: 'query', property: 'createdBefore' } },
	},
	{
		displayName: 'Email Contains',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'example.com',
		description: 'Part of the email address, case-insensitive (a domain matches all its contacts)',
		routing: { send: { type: 'query', property: 'email' } },
	},
	{
		displayName: 'Group Name or ID',
		name: 'group',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getGroups' },
		default: '',
		description:
			'Only contacts in this group. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: { send: { type: 'query', property: 'group' } },
	},
	{
		displayName: 'Unsubscribed',
		name: 'unsubscribed',
		type: 'boolean',
		default: false,
		description: 'Whether to return only unsubscribed contacts (on) or only subscribed ones (off)',
		routing: { send: { type: 'query', property: 'unsubscribed', value: '={{ String($value) }}' } },
	},
];
