import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { WEBHOOK_HEADERS } from '../../client/contract';
import type { FluenzrDelivery } from './delivery';
import { assessDelivery } from './delivery';
import { recentDeliveriesOf } from './deliveryDeduplication';
import { storedSecret, storedWebhookId } from './storedWebhook';
import { whenN8nAnswers } from './whenN8nAnswers';

/** `outputData` values: the whole delivery, or only what it is about (written as literals in the node's description, where n8n's lint reads them). */
const OUTPUT_DATA = { delivery: 'delivery', data: 'data' } as const;

function rawBodyOf(context: IWebhookFunctions): Buffer {
	const request = context.getRequestObject();
	// n8n's webhook server keeps the exact bytes received in `rawBody`, which
	// the signature covers. Only a caller that bypasses that server lacks it;
	// re-serialising the parsed body then verifies only if it is byte-identical
	// to what FluenzR signed, so this fallback can fail closed but never let a
	// forged event through.
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	return Buffer.from(JSON.stringify(request.body ?? null), 'utf8');
}

function outputOf(delivery: FluenzrDelivery, outputData: string): IDataObject {
	if (outputData === OUTPUT_DATA.data) return delivery.data;
	const { event, eventId, createdAt, data } = delivery;
	return { event, eventId, createdAt, data };
}

/**
 * `webhook()`: verifies a FluenzR delivery and starts the workflow with it.
 * Refusals (401/400/413: forged, malformed, oversized, stale) are answered
 * here with the reason and start nothing; deliveries that are genuine but
 * not for this workflow, and retries of one whose run has started, are
 * acknowledged with 200 so that FluenzR stops retrying them. A taken event
 * counts as started only once n8n has answered its delivery with a 2xx (in
 * n8n 2.x, after creating the run): a retry before that gets 409, and one
 * after n8n failed to start the run starts it.
 */
export async function receiveDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const staticData = context.getWorkflowStaticData('node');
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const campaignId = typeof options.campaignId === 'string' ? options.campaignId.trim() : '';
	const now = Date.now();
	// Without a stored webhook id there is no secret either, and the delivery is refused before this memory is used.
	const recent = recentDeliveriesOf(storedWebhookId(staticData) ?? '', now);

	const verdict = assessDelivery(
		{
			rawBody: rawBodyOf(context),
			signatureHeader: context.getHeaderData()[WEBHOOK_HEADERS.signature],
			secret: storedSecret(staticData),
			events: context.getNodeParameter('events', []) as string[],
			campaignId: campaignId || undefined,
		},
		recent,
		now,
	);

	switch (verdict.outcome) {
		case 'rejected':
			context.getResponseObject().status(verdict.statusCode).json({ received: false, error: verdict.reason });
			return { noWebhookResponse: true };
		case 'ignored':
			return { webhookResponse: { received: true, ignored: verdict.reason } };
		case 'duplicate':
			return { webhookResponse: { received: true, duplicate: true } };
		case 'accepted': {
			const { eventId } = verdict.delivery;
			whenN8nAnswers(context.getResponseObject(), (statusCode) =>
				statusCode >= 200 && statusCode < 300 ? recent.started(eventId) : recent.release(eventId),
			);
			const outputData = (options.outputData as string | undefined) ?? OUTPUT_DATA.delivery;
			return {
				workflowData: [[{ json: outputOf(verdict.delivery, outputData) }]],
			};
		}
	}
}
