/**
 * FluenzR's lists, page by page: the one walker of the node's Get Many, the
 * editor's lists and the trigger's webhook list. A page holds its records
 * (`data`) and how many records match the query (`meta.total`), which may
 * change while the list is read: the latest page's total counts.
 */
import type { DeclarativeRestApiSettings, IHttpRequestOptions, INode } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from './contract';
import { malformedAnswerError, type FluenzrResponse } from './errors';
import { envelopeOf, sendToFluenzr, type FluenzrContext, type RequestSettings } from './request';

export interface ListPage {
	records: unknown[];
	total: number;
}

/** A page's records and total, or the error for an answer that is not a page of a list. */
function listPageOf(response: FluenzrResponse, node: INode, label: string, itemIndex?: number): ListPage {
	const envelope = envelopeOf(node, response, label, itemIndex);
	const total = Number(envelope.meta?.total);
	if (!Array.isArray(envelope.data) || !Number.isFinite(total)) {
		throw malformedAnswerError(node, response, 'a list without data[] and meta.total', label, itemIndex);
	}
	return { records: envelope.data, total };
}

/** One page of a list, asked for by `request` (its `qs` holds `page` and `perPage`): every list is read this way. */
export async function fetchListPage(
	context: FluenzrContext,
	request: IHttpRequestOptions | DeclarativeRestApiSettings.HttpRequestOptions,
	settings: RequestSettings,
): Promise<ListPage> {
	const response = await sendToFluenzr(context, request, settings);
	return listPageOf(response, context.getNode(), settings.label, settings.itemIndex);
}

/** How many pages of `perPage` hold the records wanted: all of `total`, or the first `limit`. */
function pagesNeeded(total: number, perPage: number, limit = Infinity): number {
	return Math.ceil(Math.min(total, limit) / perPage);
}

/** Whether to read the page after `page`: not after an empty one, nor once the pages needed are read. */
export function hasPageAfter(page: number, read: ListPage, perPage: number, limit = Infinity): boolean {
	return read.records.length > 0 && page < pagesNeeded(read.total, perPage, limit);
}

/** The page size for a walk: 100 (FluenzR's largest), or less when the limit is smaller. */
export function pageSizeFor(limit = Infinity): number {
	return Math.min(MAX_PAGE_SIZE, limit);
}

/**
 * Reads a list from page 1 until `limit` records (or all of them) are read.
 * Page 1 tells how many pages there are, so the others need not wait for
 * each other: up to `pagesAhead` are asked for while one is read (the API
 * key's pacer still caps what is in flight). Records keep page order
 * whatever order the answers come in.
 */
export async function readPages(
	fetchPage: (page: number, perPage: number) => Promise<ListPage>,
	{ limit = Infinity, pagesAhead = 1 }: { limit?: number; pagesAhead?: number } = {},
): Promise<unknown[]> {
	const perPage = pageSizeFor(limit);
	const records: unknown[] = [];
	const ahead: Array<Promise<ListPage>> = [];
	const askAhead = (page: number) => {
		const answer = fetchPage(page, perPage);
		// Marked as handled at once: a page asked for ahead may fail while an earlier one is awaited,
		// or be left unread (after an empty page or a failure). It still throws where it is awaited.
		answer.catch(() => undefined);
		ahead.push(answer);
	};
	let requested = 1;
	for (let reading: Promise<ListPage> | undefined = fetchPage(1, perPage); reading; reading = ahead.shift()) {
		const page = await reading;
		if (page.records.length === 0) break;
		for (const record of page.records) records.push(record);
		const lastPage = pagesNeeded(page.total, perPage, limit);
		while (requested < lastPage && ahead.length < pagesAhead) askAhead(++requested);
	}
	if (records.length > limit) records.length = limit;
	return records;
}
