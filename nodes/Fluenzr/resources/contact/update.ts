import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showFor } from '../../shared/fields';
import { sendOperationRequest } from '../../shared/routing';
import { contactFieldOptions, emailField } from './fields';
import { withKeptUnsubscribed, withoutResubscribe } from './keptUnsubscribed';

/** The contact's part of Update Fields (see resources/fieldCollections.ts). */
export const contactUpdateOptions: INodeProperties[] = [...contactFieldOptions('updateFields'), emailField(false)];

/** The one way to re-subscribe a contact: named, off by default, with its notice (see keptUnsubscribed.ts). */
export const contactResubscribeFields: INodeProperties[] = [
	{
		displayName: 'Resubscribe (Needs the Person’s Consent)',
		name: 'resubscribe',
		type: 'boolean',
		default: false,
		displayOptions: showFor('contact', ['update']),
		description:
			'Whether to re-subscribe a contact who unsubscribed, so that campaigns email them again: only with their consent. Without it, no operation re-subscribes anyone.',
	},
	{
		displayName:
			'Re-subscribe someone only with their consent, given to you after they unsubscribed (CAN-SPAM, GDPR). An unsubscribe in FluenzR is otherwise kept by every operation.',
		name: 'resubscribeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['contact'], operation: ['update'], resubscribe: [true] } },
	},
];

/**
 * The run of Contact → Update: Update Fields → Unsubscribed off re-subscribes
 * nobody; only Resubscribe does.
 */
export async function updateContact(
	this: IExecutePaginationFunctions,
	prepared: DeclarativeRestApiSettings.ResultOptions,
): Promise<unknown> {
	const body = (prepared.options.body ?? {}) as IDataObject;
	const resubscribe = this.getNodeParameter('resubscribe', false) === true;
	if (resubscribe && body.unsubscribed === true) {
		throw new NodeOperationError(this.getNode(), 'Resubscribe and Unsubscribed are both on', {
			description:
				'Turn off Resubscribe to unsubscribe the contact, or remove Unsubscribed from Update Fields to re-subscribe it.',
			itemIndex: this.getItemIndex(),
		});
	}
	const sent = resubscribe ? { body: { ...body, unsubscribed: false }, askedToResubscribe: false } : withoutResubscribe(body);
	const contact = (await sendOperationRequest(this, { ...prepared.options, body: sent.body })).data;
	return withKeptUnsubscribed(contact, sent.askedToResubscribe);
}
