import type { INodeProperties } from 'n8n-workflow';

import { CAMPAIGN_STATUSES } from '../../../../client/contract';
import { nameContainsFilter } from '../../shared/fields';

/** The campaign's part of Filters (see resources/fieldCollections.ts). */
export const campaignFilterOptions: INodeProperties[] = [
	nameContainsFilter,
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
];
