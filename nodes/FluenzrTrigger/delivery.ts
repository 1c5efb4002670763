import type { IDataObject } from 'n8n-workflow';

import { campaignIdOf, isSubscribed } from './events';
import type { RecentDeliveries } from './deliveryDeduplication';
import { deliveryKey } from './deliveryDeduplication';
import { isValidSignature } from './signature';

/** FluenzR's deliveries are small JSON objects; anything near this size is not one of them. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

/** A verified delivery, as the workflow receives it. */
export interface FluenzrDelivery {
	event: string;
	eventId: string;
	createdAt?: string;
	data: IDataObject;
}

export interface IncomingDelivery {
	rawBody: Buffer;
	signatureHeader: string | string[] | undefined;
	/** From the node's static data: what `create` registered. */
	secret: string | undefined;
	webhookId: string | undefined;
	/** From the node's parameters: what the user wants now. */
	events: string[];
	campaignId: string | undefined;
}

type DeliveryVerdict =
	| { outcome: 'rejected'; statusCode: 400 | 401 | 413; reason: string }
	| { outcome: 'ignored'; reason: string }
	| { outcome: 'duplicate'; eventId: string }
	| { outcome: 'accepted'; delivery: FluenzrDelivery };

function parseDelivery(rawBody: Buffer): FluenzrDelivery | 'not JSON' | 'not a delivery' {
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
	return {
		event,
		eventId: id,
		createdAt: typeof createdAt === 'string' ? createdAt : undefined,
		data: (data as IDataObject | undefined) ?? {},
	};
}

/**
 * Decides what to do with one POST to the trigger's URL: reject it (forged,
 * malformed, oversized), acknowledge it without a run (not subscribed, other
 * campaign, already seen) or start the workflow. The signature is checked
 * before the body is even parsed, so unauthenticated input is never trusted.
 */
export function assessDelivery(incoming: IncomingDelivery, recent: RecentDeliveries): DeliveryVerdict {
	if (incoming.rawBody.length > MAX_DELIVERY_BYTES) {
		return { outcome: 'rejected', statusCode: 413, reason: 'Payload too large' };
	}
	if (!incoming.secret) {
		return { outcome: 'rejected', statusCode: 401, reason: 'Webhook secret not set up: activate the workflow again' };
	}
	if (!isValidSignature(incoming.rawBody, incoming.signatureHeader, incoming.secret)) {
		return { outcome: 'rejected', statusCode: 401, reason: 'Invalid or missing X-Fluenzr-Signature' };
	}

	const delivery = parseDelivery(incoming.rawBody);
	if (delivery === 'not JSON') return { outcome: 'rejected', statusCode: 400, reason: 'Body is not JSON' };
	if (delivery === 'not a delivery') {
		return { outcome: 'rejected', statusCode: 400, reason: 'Body is not a FluenzR event (id and event are required)' };
	}

	if (!isSubscribed(delivery.event, incoming.events)) {
		return { outcome: 'ignored', reason: `Not listening to ${delivery.event}` };
	}
	if (incoming.campaignId && campaignIdOf(delivery.event, delivery.data) !== incoming.campaignId) {
		return { outcome: 'ignored', reason: 'Event of another campaign' };
	}
	if (recent.checkAndRemember(deliveryKey(incoming.webhookId ?? '', delivery.eventId))) {
		return { outcome: 'duplicate', eventId: delivery.eventId };
	}
	return { outcome: 'accepted', delivery };
}
