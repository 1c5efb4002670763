import type { IDataObject } from 'n8n-workflow';

import { campaignIdOf, isSubscribed } from './events';
import type { RecentDeliveries } from './deliveryDeduplication';
import { stalenessOf } from './deliveryFreshness';
import { PUBLISH_AGAIN } from './n8nWords';
import { isValidSignature } from './signature';

/** FluenzR's deliveries are small JSON objects; anything near this size is not one of them. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

/** A verified delivery, as the workflow receives it. */
export interface FluenzrDelivery {
	event: string;
	eventId: string;
	createdAt: string;
	data: IDataObject;
}

/** A parsed body whose `createdAt` is not checked yet. */
type ParsedDelivery = Omit<FluenzrDelivery, 'createdAt'> & { createdAt: unknown };

export interface IncomingDelivery {
	rawBody: Buffer;
	signatureHeader: string | string[] | undefined;
	/** From the node's static data: what `create` registered. */
	secret: string | undefined;
	/** From the node's parameters: what the user wants now. */
	events: string[];
	campaignId: string | undefined;
}

/**
 * The answer to a retry that comes while n8n has not yet answered the
 * delivery that took its event: not a 2xx, so that FluenzR retries again and
 * a run n8n then fails to start is not acknowledged as started.
 */
export const STILL_STARTING = 'A delivery of this event is still being started by n8n: retry later';

type DeliveryVerdict =
	| { outcome: 'rejected'; statusCode: 400 | 401 | 409 | 413; reason: string }
	| { outcome: 'ignored'; reason: string }
	| { outcome: 'duplicate'; eventId: string }
	| { outcome: 'accepted'; delivery: FluenzrDelivery };

function parseDelivery(rawBody: Buffer): ParsedDelivery | 'not JSON' | 'not a delivery' {
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return 'not JSON';
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'not a delivery';
	const { id, event, createdAt, data } = body as IDataObject;
	if (typeof id !== 'string' || id === '' || typeof event !== 'string' || event === '') {
		return 'not a delivery';
	}
	if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
		return 'not a delivery';
	}
	return { event, eventId: id, createdAt, data: (data as IDataObject | undefined) ?? {} };
}

/**
 * Decides what to do with one POST to the trigger's URL: reject it (forged,
 * malformed, oversized, stale; or its event still being started), acknowledge
 * it without a run (not subscribed, other campaign, already started) or start
 * the workflow. The signature is
 * checked before the body is even parsed, so unauthenticated input is never
 * trusted. `recent` is this trigger's own memory of event ids, `now` n8n's
 * clock.
 */
export function assessDelivery(incoming: IncomingDelivery, recent: RecentDeliveries, now: number): DeliveryVerdict {
	if (incoming.rawBody.length > MAX_DELIVERY_BYTES) {
		return { outcome: 'rejected', statusCode: 413, reason: 'Payload too large' };
	}
	if (!incoming.secret) {
		return { outcome: 'rejected', statusCode: 401, reason: `Webhook secret not set up: ${PUBLISH_AGAIN}` };
	}
	if (!isValidSignature(incoming.rawBody, incoming.signatureHeader, incoming.secret)) {
		return { outcome: 'rejected', statusCode: 401, reason: 'Invalid or missing X-Fluenzr-Signature' };
	}

	const parsed = parseDelivery(incoming.rawBody);
	if (parsed === 'not JSON') return { outcome: 'rejected', statusCode: 400, reason: 'Body is not JSON' };
	if (parsed === 'not a delivery') {
		return { outcome: 'rejected', statusCode: 400, reason: 'Body is not a FluenzR event (id and event are required)' };
	}
	// A genuine signature does not make a capture from days ago new: the event's own time, inside the signed body, bounds it.
	const staleness = stalenessOf(parsed.createdAt, now);
	if (staleness) return { outcome: 'rejected', statusCode: 400, reason: staleness };
	const delivery: FluenzrDelivery = { ...parsed, createdAt: parsed.createdAt as string };

	if (!isSubscribed(delivery.event, incoming.events)) {
		return { outcome: 'ignored', reason: `Not listening to ${delivery.event}` };
	}
	if (incoming.campaignId && campaignIdOf(delivery.event, delivery.data) !== incoming.campaignId) {
		return { outcome: 'ignored', reason: 'Event of another campaign' };
	}
	switch (recent.take(delivery.eventId, now)) {
		case 'started':
			return { outcome: 'duplicate', eventId: delivery.eventId };
		case 'starting':
			return { outcome: 'rejected', statusCode: 409, reason: STILL_STARTING };
		case 'new':
			return { outcome: 'accepted', delivery };
	}
}
