import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../../../client/errors';
import { showFor } from '../../shared/fields';
import { sendOperationRequest } from '../../shared/routing';
import { DOT_SEGMENTS } from '../../shared/validation';
import { withKeptUnsubscribed, withoutResubscribe } from './keptUnsubscribed';

type RequestOptions = DeclarativeRestApiSettings.HttpRequestOptions;

/** What the groups given do to a contact that exists: join them (the default), or become its only groups. */
export const existingContactGroupsField: INodeProperties = {
	displayName: 'Groups of an Existing Contact',
	name: 'existingContactGroups',
	type: 'options',
	noDataExpression: true,
	displayOptions: showFor('contact', ['upsert']),
	options: [
		{
			name: 'Add to Current Groups',
			value: 'add',
			description: 'The contact keeps the groups it is in and joins the ones given (one request per group)',
		},
		{
			name: 'Replace Current Groups',
			value: 'replace',
			description: 'The contact is then in the groups given only, and leaves the others',
		},
	],
	default: 'add',
	description:
		"What the groups given (Group Names or IDs, or the input item's groupIds) do when a contact has the email already. A new contact is simply put in them.",
};

/** The contact FluenzR says already has this email, from its duplicate-email error. */
function existingContactId(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return undefined;
	const details = (error.errorResponse as IDataObject | undefined)?.details as IDataObject | undefined;
	const existingId = details?.existingId;
	return typeof existingId === 'string' && existingId !== '' ? existingId : undefined;
}

/** The group IDs to send (parsed by groupIdsInBody or Map Automatically); they may go into a URL, so a path step is refused. */
function groupIdsOf(context: IExecutePaginationFunctions, body: IDataObject): string[] | undefined {
	if (!Array.isArray(body.groupIds)) return undefined;
	const groupIds = body.groupIds as string[];
	const pathStep = groupIds.find((groupId) => DOT_SEGMENTS.has(groupId));
	if (pathStep !== undefined) {
		throw new NodeOperationError(context.getNode(), `Group Names or IDs holds "${pathStep}", which is not a group ID`, {
			description: 'Give group IDs such as grp_456: pick groups from the list, or check the expression or the input item’s groupIds.',
			itemIndex: context.getItemIndex(),
		});
	}
	return groupIds;
}

/**
 * Adds the contact to each group, one request each (FluenzR's add only adds:
 * no read-then-write that a concurrent change could undo). A failure says
 * what went through; running the item again is safe.
 */
async function addToGroups(
	context: IExecutePaginationFunctions,
	contactId: string,
	groupIds: string[],
	options: RequestOptions,
): Promise<void> {
	for (const [index, groupId] of groupIds.entries()) {
		const request = { ...options, method: 'POST' as const, url: `/groups/${encodeURIComponent(groupId)}/contacts` };
		try {
			await sendOperationRequest(context, { ...request, body: { contactIds: [contactId] } });
		} catch (error) {
			const failure = asNodeError(context.getNode(), error, context.getItemIndex());
			const added = index > 0 ? ` It was added to ${groupIds.slice(0, index).join(', ')} before this failed.` : '';
			failure.description = [
				failure.description,
				`The contact ${contactId} exists with this email; its fields were not updated.${added} Running the item again is safe: a contact is never added to a group twice.`,
			]
				.filter(Boolean)
				.join(' ');
			throw failure;
		}
	}
}

/**
 * The contact that has the email, updated: never re-subscribed (see
 * keptUnsubscribed.ts), added to the groups given unless they replace its
 * groups. The groups go first, so the PUT's answer shows the groups the
 * contact ends in.
 */
async function updateExistingContact(
	context: IExecutePaginationFunctions,
	contactId: string,
	options: RequestOptions,
	groupIds: string[] | undefined,
): Promise<IDataObject> {
	const { body, askedToResubscribe } = withoutResubscribe((options.body ?? {}) as IDataObject);
	const fields = { ...body };
	if (groupIds !== undefined && context.getNodeParameter('existingContactGroups', 'add') !== 'replace') {
		delete fields.groupIds;
		await addToGroups(context, contactId, groupIds, options);
	}
	const update = { ...options, method: 'PUT' as const, url: `/contacts/${encodeURIComponent(contactId)}`, body: fields };
	return withKeptUnsubscribed((await sendOperationRequest(context, update)).data, askedToResubscribe);
}

/**
 * Create or Update: create the contact; when FluenzR answers that the email
 * already exists, it names the existing contact, which is then updated with
 * the same fields. No search first, so two runs cannot race into duplicates.
 */
export async function createOrUpdateContact(
	this: IExecutePaginationFunctions,
	prepared: DeclarativeRestApiSettings.ResultOptions,
): Promise<unknown> {
	const groupIds = groupIdsOf(this, (prepared.options.body ?? {}) as IDataObject);
	try {
		return withKeptUnsubscribed((await sendOperationRequest(this, prepared.options)).data, false);
	} catch (error) {
		const existingId = existingContactId(error);
		if (!existingId) throw asNodeError(this.getNode(), error);
		return await updateExistingContact(this, existingId, prepared.options, groupIds);
	}
}
