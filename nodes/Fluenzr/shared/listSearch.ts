/** The "From List" modes of the resource locators, and the group pickers. */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { fetchListPage, hasPageAfter, pageSizeFor, readPages, type ListPage } from '../../../client/pages';
import { DIRECT_REQUEST_TIMEOUT_MS } from '../../../client/request';

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

/** One page of a source's list, sorted for a person to scan, optionally filtered by the search box. */
async function fetchPage(
	context: ILoadOptionsFunctions,
	source: ListSource,
	page: number,
	perPage: number,
	filter?: string,
): Promise<ListPage> {
	const qs: IDataObject = { page, perPage, sort: source.sort, order: 'asc' };
	if (filter) qs[source.filterParameter] = filter;
	return await fetchListPage(
		context,
		{ method: 'GET', url: source.path, qs },
		{ label: `Loading the list (GET ${source.path})`, timeoutMs: DIRECT_REQUEST_TIMEOUT_MS, retryBy: 'open the list again' },
	);
}

/**
 * One page of a list, with the next page number as the pagination token
 * while more remain: the editor asks for the next page as the person scrolls.
 */
async function searchPage(
	context: ILoadOptionsFunctions,
	source: ListSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const perPage = pageSizeFor();
	const read = await fetchPage(context, source, page, perPage, filter);
	return {
		results: (read.records as IDataObject[]).map(source.toItem),
		paginationToken: hasPageAfter(page, read, perPage) ? String(page + 1) : undefined,
	};
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
	const groups = await readPages(async (page, perPage) => await fetchPage(this, SOURCES.groups, page, perPage));
	return (groups as IDataObject[]).map(SOURCES.groups.toItem).map(({ name, value }) => ({ name, value }));
}

export const loadOptions = { getGroups };
