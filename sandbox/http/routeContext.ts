import type { WebhookEvent } from '../../client/contract';
import type { ListMeta } from '../lists/listQuery';
import type { AccountData } from '../state/accountData';
import type { IdGenerator } from '../state/ids';

import type { RequestBody } from './readBody';

/** What changes an account's records: the account, its clock and its events (FluenzR's own doings use only this). */
export interface AccountActions {
	account: AccountData;
	/** The current time as an ISO 8601 UTC string. */
	now(): string;
	/** Fires a webhook event for this account, stamped now unless `createdAt` says otherwise; `data` is serialised at once. Answers the event's id. */
	emit(event: WebhookEvent, data: unknown, createdAt?: string): string;
}

/** What a route handler gets: the caller's account, the request, and the means to create ids, stamp times and fire events. */
export interface RouteContext extends AccountActions {
	/** Decoded `:id` segments, in path order. */
	params: string[];
	query: URLSearchParams;
	body: RequestBody;
	ids: IdGenerator;
}

export interface RouteResult {
	status: number;
	data: unknown;
	meta?: ListMeta;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult;
