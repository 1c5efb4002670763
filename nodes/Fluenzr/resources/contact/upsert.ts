import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../../../client/errors';
import { runForItem, sendFluenzrRequest, toItems } from '../../shared/requestRunner';

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
 * the same fields. No search first, so two runs cannot race into duplicates.
 */
export async function runContactUpsert(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await runForItem(this, requestData, async () => {
		try {
			const created = await sendFluenzrRequest(this, requestData);
			return toItems(this, created.data);
		} catch (error) {
			const existingId = existingContactId(error);
			if (!existingId) throw asNodeError(this.getNode(), error);
			const updated = await sendFluenzrRequest(this, {
				...requestData,
				options: { ...requestData.options, method: 'PUT', url: `/contacts/${encodeURIComponent(existingId)}` },
			});
			return toItems(this, updated.data);
		}
	});
}
