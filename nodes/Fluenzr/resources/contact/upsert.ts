import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../../../client/errors';
import { sendOperationRequest } from '../../shared/routing';
import { withKeptUnsubscribed, withoutResubscribe } from './keptUnsubscribed';

/** The contact FluenzR says already has this email, from its duplicate-email error. */
function existingContactId(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return undefined;
	const details = (error.errorResponse as IDataObject | undefined)?.details as IDataObject | undefined;
	const existingId = details?.existingId;
	return typeof existingId === 'string' && existingId !== '' ? existingId : undefined;
}

/**
 * Create or Update: create the contact; when FluenzR answers that the email
 * already exists, it names the existing contact, which is then updated with
 * the same fields, never re-subscribed (see keptUnsubscribed.ts). No search
 * first, so two runs cannot race into duplicates.
 */
export async function createOrUpdateContact(
	this: IExecutePaginationFunctions,
	prepared: DeclarativeRestApiSettings.ResultOptions,
): Promise<unknown> {
	try {
		return withKeptUnsubscribed((await sendOperationRequest(this, prepared.options)).data, false);
	} catch (error) {
		const existingId = existingContactId(error);
		if (!existingId) throw asNodeError(this.getNode(), error);
		const { body, askedToResubscribe } = withoutResubscribe((prepared.options.body ?? {}) as IDataObject);
		const update = { ...prepared.options, method: 'PUT' as const, url: `/contacts/${encodeURIComponent(existingId)}`, body };
		return withKeptUnsubscribed((await sendOperationRequest(this, update)).data, askedToResubscribe);
	}
}
