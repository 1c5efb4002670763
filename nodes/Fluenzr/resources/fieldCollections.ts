/**
 * Additional Fields, Update Fields and Filters: each one collection for
 * every resource, filled from the resources' own option lists (see
 * collectionForResources for why one and not one per resource).
 */
import type { INodeProperties } from 'n8n-workflow';

import { collectionForResources } from '../shared/fields';
import { campaignCreateOptions } from './campaign/create';
import { campaignFilterOptions } from './campaign/getAll';
import { campaignUpdateOptions } from './campaign/update';
import { contactCreateOptions } from './contact/create';
import { contactFilterOptions } from './contact/getAll';
import { contactUpdateOptions } from './contact/update';
import { groupCreateOptions } from './group/create';
import { groupFilterOptions } from './group/getAll';
import { groupUpdateOptions } from './group/update';
import { webhookCreateOptions } from './webhook/create';

const additionalFieldsForResources: INodeProperties = collectionForResources(
	{ displayName: 'Additional Fields', name: 'additionalFields', placeholder: 'Add Field' },
	// Create or Update exists for contacts only.
	['create', 'upsert'],
	{
		contact: contactCreateOptions,
		group: groupCreateOptions,
		campaign: campaignCreateOptions,
		webhook: webhookCreateOptions,
	},
);

/** A contact's fields come from the input item instead when it is mapped automatically. */
export const additionalFieldsCollection: INodeProperties = {
	...additionalFieldsForResources,
	displayOptions: { ...additionalFieldsForResources.displayOptions, hide: { contactMapping: ['auto'] } },
};

export const updateFieldsCollection: INodeProperties = collectionForResources(
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		placeholder: 'Add Field',
		description:
			'Only the fields added here change; the others keep their values. A campaign’s status changes only through Start and Pause.',
	},
	['update'],
	{ contact: contactUpdateOptions, group: groupUpdateOptions, campaign: campaignUpdateOptions },
);

export const filtersCollection: INodeProperties = collectionForResources(
	{ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter' },
	['getAll'],
	{ contact: contactFilterOptions, group: groupFilterOptions, campaign: campaignFilterOptions },
);
