/** The "From List" modes of the resource locators, and the group pickers. */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../../client/contract';
import { fluenzrApiRequest } from '../../../client/transport';

interface ListSource {
	path: string;
	/** The query parameter the search box fills. */
	filterParameter: string;
	sort: string;
	toItem(record: IDataObject): INodeListSearchItems;
}

function contactLabel(contact: IDataObject): string {
	const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
	return name ? `${name} <${contact.email}>` : String(contact.email);
}

const SOURCES = {
	contacts: {
		path: '/contacts',
		filterParameter: 'email',
		sort: 'email',
		toItem: (contact) => ({ name: contactLabel(contact), value: String(contact.id) }),
	},
	groups: {
		path: '/groups',
		filterParameter: 'name',
		sort: 'name',
		toItem: (group) => ({ name: String(group.name), value: String(group.id) }),
	},
	campaigns: {
		path: '/campaigns',
		filterParameter: 'name',
		sort: 'name',
		toItem: (campaign) => ({ name: `${campaign.name} (${campaign.status})`, value: String(campaign.id) }),
	},
} satisfies Record<string, ListSource>;

/** One page of a list, with the next page number as the pagination token while more remain. */
async function searchPage(
	context: ILoadOptionsFunctions,
	source: ListSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const qs: IDataObject = { page, perPage: MAX_PAGE_SIZE, sort: source.sort, order: 'asc' };
	if (filter) qs[source.filterParameter] = filter;
	const { data, meta } = await fluenzrApiRequest(context, 'GET', source.path, qs);
	const more = page * MAX_PAGE_SIZE < Number(meta?.total ?? 0);
	return { results: data.map(source.toItem), paginationToken: more ? String(page + 1) : undefined };
}

export const listSearch = {
	async searchContacts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchPage(this, SOURCES.contacts, filter, paginationToken);
	},
	async searchGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchPage(this, SOURCES.groups, filter, paginationToken);
	},
	async searchCampaigns(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchPage(this, SOURCES.campaigns, filter, paginationToken);
	},
};

/** Every group, for the multi-select and filter pickers (which have no paging of their own). */
async function getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for (let token: string | undefined = '1'; token; ) {
		const { results, paginationToken } = await searchPage(this, SOURCES.groups, undefined, token);
		options.push(...results.map(({ name, value }) => ({ name, value })));
		token = paginationToken;
	}
	return options;
}

export const loadOptions = { getGroups };
