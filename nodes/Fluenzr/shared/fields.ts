/** Field definitions that several operations share, written once. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { MAX_CONTACT_IDS_PER_CALL, SORT_ORDERS } from '../../../client/contract';
import { formatCount } from '../../../client/text';
import { requireId, contactIdsInBody, numberAsTextInBody, type IdField } from './validation';

/** Shows a field for some operations of one resource. */
export function showFor(resource: string, operations: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation: operations } };
}

interface LocatorKind extends IdField {
	searchListMethod: string;
}

export const CONTACT: LocatorKind = {
	displayName: 'Contact',
	name: 'contactId',
	searchListMethod: 'searchContacts',
	example: 'ct_8f2k1x',
};
export const GROUP: LocatorKind = {
	displayName: 'Group',
	name: 'groupId',
	searchListMethod: 'searchGroups',
	example: 'grp_456',
};
export const CAMPAIGN: LocatorKind = {
	displayName: 'Campaign',
	name: 'campaignId',
	searchListMethod: 'searchCampaigns',
	example: 'cmp_123',
};

/**
 * A contact, group or campaign: picked from a searchable list loaded from
 * FluenzR, or given by ID. An operation that puts it in its URL reads it
 * there (recordOperationRouting in routing.ts); `sendAs` sends it as a body property instead. Either
 * way an empty value is refused before any request.
 */
export function recordLocator(
	kind: LocatorKind,
	displayOptions: IDisplayOptions,
	sendAs?: { bodyProperty: string },
): INodeProperties {
	return {
		displayName: kind.displayName,
		name: kind.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${kind.displayName.toLowerCase()} to use`,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${kind.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: kind.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${kind.example}`,
			},
		],
		...(sendAs && {
			routing: { send: { type: 'body', property: sendAs.bodyProperty, preSend: [requireId(kind)] } },
		}),
	};
}

/**
 * Return All and Limit of every Get Many operation (readList in routing.ts reads them).
 * Defined once for all resources: n8n's engine evaluates every property of
 * the description for every item, so each duplicate costs time on big runs.
 */
export function returnAllAndLimit(resources: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: { resource: resources, operation: ['getAll'] } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { resource: resources, operation: ['getAll'], returnAll: [false] } },
		},
	];
}

/** The Sort collection of Get Many: `sort` and `order` query parameters. */
export function sortCollection(
	resources: string[],
	sortFields: ReadonlyArray<{ name: string; value: string }>,
): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort Option',
		default: {},
		description: 'How FluenzR orders the results (default: oldest first)',
		displayOptions: { show: { resource: resources, operation: ['getAll'] } },
		options: [
			{
				displayName: 'Sort By',
				name: 'field',
				type: 'options',
				options: [...sortFields],
				default: 'createdAt',
				description: 'The field to sort by; ties are broken by ID',
				routing: { send: { type: 'query', property: 'sort' } },
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: SORT_ORDERS.map((order) => ({
					name: order === 'asc' ? 'Ascending' : 'Descending',
					value: order,
				})),
				default: 'asc',
				description: 'Whether to sort ascending or descending',
				routing: { send: { type: 'query', property: 'order' } },
			},
		],
	};
}

/** Get Many's name filter, the same for groups and campaigns. */
export const nameContainsFilter: INodeProperties = {
	displayName: 'Name Contains',
	name: 'name',
	type: 'string',
	default: '',
	description: 'Part of the name, case-insensitive',
	routing: { send: { type: 'query', property: 'name' } },
};

/**
 * A text field sent as a body property. A number from an expression (a phone
 * number from a CRM, say) is sent as text (see numberAsTextInBody).
 */
export function textBodyField(field: Omit<INodeProperties, 'type' | 'routing'>): INodeProperties {
	return {
		type: 'string',
		...field,
		routing: { send: { type: 'body', property: field.name, preSend: [numberAsTextInBody(field.name)] } },
	};
}

/** A boolean, number or options field sent as a body property as it is. */
export function bodyField(field: INodeProperties): INodeProperties {
	return { ...field, routing: { send: { type: 'body', property: field.name } } };
}

/** Contact IDs to add, as text or an array from an expression; sent as `contactIds` (see addContactsInChunks). */
export function contactIdsField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Contact IDs',
		name: 'contactIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ct_1a2b, ct_3c4d',
		description: `IDs of the contacts to add, separated by commas, or an expression giving an array of IDs. Any number: they are sent in chunks of ${formatCount(MAX_CONTACT_IDS_PER_CALL)} (one request each), a repeated ID counts once, and the item gets the totals.`,
		displayOptions,
		routing: { send: { preSend: [contactIdsInBody('contactIds', 'Contact IDs')] } },
	};
}

/**
 * One collection (Additional Fields, Update Fields) that several resources
 * fill, each option shown for the resources that have it. n8n's engine
 * evaluates a parameter's expressions once for every description property
 * of that name, on every item, whichever resource is chosen: one property
 * where there were four makes each mapped field cost a quarter as much.
 *
 * An option that several resources share must be defined the same way by
 * each; a difference is a mistake in this package and throws when the node
 * loads.
 */
export function collectionForResources(
	collection: Pick<INodeProperties, 'displayName' | 'name' | 'placeholder' | 'description'>,
	operations: string[],
	optionsByResource: Record<string, INodeProperties[]>,
): INodeProperties {
	const byName = new Map<string, { option: INodeProperties; resources: string[] }>();
	for (const [resource, options] of Object.entries(optionsByResource)) {
		for (const option of options) {
			const known = byName.get(option.name);
			if (known === undefined) {
				byName.set(option.name, { option, resources: [resource] });
			} else if (JSON.stringify(known.option) === JSON.stringify(option)) {
				known.resources.push(resource);
			} else {
				throw new Error(`${collection.name}: "${option.name}" is defined differently for ${known.resources.join(', ')} and ${resource}`);
			}
		}
	}
	return {
		...collection,
		type: 'collection',
		default: {},
		displayOptions: { show: { resource: Object.keys(optionsByResource), operation: operations } },
		options: [...byName.values()]
			.map(({ option, resources }) => ({ ...option, displayOptions: { show: { '/resource': resources } } }))
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
