import { WEBHOOK_EVENTS, WEBHOOK_SECRET_LENGTH, WEBHOOK_WILDCARD } from '../../client/contract';
import { FieldErrors, notFound } from '../http/apiError';
import type { RouteContext, RouteResult } from '../http/routeContext';
import { listCacheKey, pageOf, parseListParams, sortByKey } from '../lists/listQuery';
import { type Webhook, webhookView } from '../state/records';

import { readText } from './fields';

const SUBSCRIBABLE: readonly string[] = [...WEBHOOK_EVENTS, WEBHOOK_WILDCARD];

/** The contract gives webhooks no sort fields of their own: creation order only. */
const WEBHOOK_SORT_FIELDS = ['createdAt'] as const;

export function listWebhooks(ctx: RouteContext): RouteResult {
	const errors = new FieldErrors();
	const params = parseListParams(ctx.query, WEBHOOK_SORT_FIELDS, errors);
	errors.throwIfAny();
	const items = ctx.account.cachedList(listCacheKey('webhooks', {}, params), () =>
		sortByKey(ctx.account.webhooks.values(), (w) => w.createdAt, params.order),
	);
	const page = pageOf(items, params);
	return { status: 200, data: page.items.map(webhookView), meta: page.meta };
}

export function createWebhook(ctx: RouteContext): RouteResult {
	const body = ctx.body.object();
	const errors = new FieldErrors();
	const url = readText(body, 'url', errors, { required: true });
	if (typeof url === 'string' && !isHttpUrl(url)) errors.add('url', 'must be an http or https URL');
	const events = readEvents(body.events, errors);
	const secret = readText(body, 'secret', errors, { nullable: true });
	if (typeof secret === 'string' && (secret.length < WEBHOOK_SECRET_LENGTH.min || secret.length > WEBHOOK_SECRET_LENGTH.max)) {
		errors.add('secret', `must be ${WEBHOOK_SECRET_LENGTH.min} to ${WEBHOOK_SECRET_LENGTH.max} characters`);
	}
	errors.throwIfAny();

	const webhook: Webhook = {
		id: ctx.ids.next('webhook'),
		url: url as string,
		events: events as string[],
		active: true,
		createdAt: ctx.now(),
		secret: secret ?? null,
	};
	ctx.account.webhooks.set(webhook.id, webhook);
	ctx.account.touch();
	return { status: 201, data: webhookView(webhook) };
}

export function deleteWebhook(ctx: RouteContext): RouteResult {
	const id = ctx.params[0];
	if (!ctx.account.webhooks.delete(id)) throw notFound(`Webhook ${id} not found`);
	ctx.account.touch();
	return { status: 200, data: { id, deleted: true } };
}

function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

function readEvents(value: unknown, errors: FieldErrors): string[] | undefined {
	if (value === undefined || value === null) {
		errors.add('events', 'is required');
		return undefined;
	}
	if (!Array.isArray(value) || value.length === 0 || !value.every((e) => typeof e === 'string')) {
		errors.add('events', 'must be a non-empty array of event names');
		return undefined;
	}
	const unknown = value.filter((e) => !SUBSCRIBABLE.includes(e));
	if (unknown.length) {
		errors.add('events', `contains unknown events: ${unknown.join(', ')} (known: ${SUBSCRIBABLE.join(', ')})`);
		return undefined;
	}
	return [...new Set(value as string[])];
}
