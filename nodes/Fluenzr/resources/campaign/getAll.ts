import type { INodeProperties } from 'n8n-workflow';

import { CAMPAIGN_STATUSES } from '../../shared/contract';
import { showFor } from '../../shared/fields';

export const campaignGetManyDescription: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('campaign', ['getAll']),
		options: [
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Part of the campaign name, case-insensitive',
				routing: { send: { type: 'query', property: 'name' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [...CAMPAIGN_STATUSES]
					.sort()
					.map((status) => ({ name: status.charAt(0).toUpperCase() + status.slice(1), value: status })),
				default: 'active',
				description: 'Only campaigns in this status',
				routing: { send: { type: 'query', property: 'status' } },
			},
		],
	},
];
