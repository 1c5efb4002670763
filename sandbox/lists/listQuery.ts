import { MAX_PAGE_SIZE, SORT_ORDERS } from '../../client/contract';
import type { FieldErrors } from '../http/apiError';

/** Without `perPage`, a page holds 20 records. */
export const DEFAULT_PAGE_SIZE = 20;

/** Without `sort` and `order`, lists are oldest first. */
export const DEFAULT_SORT = { sort: 'createdAt', order: 'asc' } as const;

export type SortOrder = (typeof SORT_ORDERS)[number];

export interface ListParams {
	page: number;
	perPage: number;
	sort: string;
	order: SortOrder;
}

export interface ListMeta {
	page: number;
	perPage: number;
	total: number;
}

/** A query parameter given once; a repeated one is a validation error. */
export function singleParam(query: URLSearchParams, name: string, errors: FieldErrors): string | undefined {
	const values = query.getAll(name);
	if (values.length > 1) errors.add(name, 'must be given once');
	return values.length ? values[values.length - 1] : undefined;
}

function positiveInteger(raw: string | undefined, fallback: number): number | undefined {
	if (raw === undefined) return fallback;
	if (!/^\d{1,15}$/.test(raw)) return undefined;
	return Number(raw);
}

/** page, perPage, sort and order, with the contract's defaults and bounds. */
export function parseListParams(query: URLSearchParams, sortFields: readonly string[], errors: FieldErrors): ListParams {
	const page = positiveInteger(singleParam(query, 'page', errors), 1);
	if (page === undefined || page < 1) errors.add('page', 'must be an integer of at least 1');

	const perPage = positiveInteger(singleParam(query, 'perPage', errors), DEFAULT_PAGE_SIZE);
	if (perPage === undefined || perPage < 1 || perPage > MAX_PAGE_SIZE) {
		errors.add('perPage', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
	}

	const sort = singleParam(query, 'sort', errors) ?? DEFAULT_SORT.sort;
	if (!sortFields.includes(sort)) errors.add('sort', `must be one of: ${sortFields.join(', ')}`);

	const order = singleParam(query, 'order', errors) ?? DEFAULT_SORT.order;
	if (!(SORT_ORDERS as readonly string[]).includes(order)) errors.add('order', `must be one of: ${SORT_ORDERS.join(', ')}`);

	return { page: page ?? 1, perPage: perPage ?? DEFAULT_PAGE_SIZE, sort, order: order as SortOrder };
}

/**
 * Sorts by a string key (callers lower-case text for case-insensitive
 * sorts; missing values are ''), ties broken by id in the same direction.
 * Keys are computed once per record, not once per comparison.
 */
export function sortByKey<T extends { id: string }>(items: Iterable<T>, keyOf: (item: T) => string, order: SortOrder): T[] {
	const keyed: Array<{ key: string; id: string; item: T }> = [];
	for (const item of items) keyed.push({ key: keyOf(item), id: item.id, item });
	const direction = order === 'asc' ? 1 : -1;
	keyed.sort((a, b) => {
		if (a.key !== b.key) return a.key < b.key ? -direction : direction;
		if (a.id !== b.id) return a.id < b.id ? -direction : direction;
		return 0;
	});
	return keyed.map((entry) => entry.item);
}

/** Case-insensitive text key; a missing value sorts as the empty string. */
export function textKey(value: string | null | undefined): string {
	return (value ?? '').toLowerCase();
}

/** One page; a page past the end is empty but keeps the true total. */
export function pageOf<T>(items: readonly T[], params: ListParams): { items: T[]; meta: ListMeta } {
	const start = (params.page - 1) * params.perPage;
	return {
		items: items.slice(start, start + params.perPage),
		meta: { page: params.page, perPage: params.perPage, total: items.length },
	};
}

/** A stable cache key for a list query: resource, filters in a fixed order, sort and order. */
export function listCacheKey(resource: string, filters: Record<string, string | undefined>, params: ListParams): string {
	const given = Object.keys(filters)
		.sort()
		.filter((name) => filters[name] !== undefined)
		.map((name) => [name, filters[name]]);
	return JSON.stringify([resource, given, params.sort, params.order]);
}
