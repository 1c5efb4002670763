/**
 * An unsubscribe is never undone by a sync. FluenzR's PUT applies
 * `unsubscribed: false` as sent, and a false comes easily: n8n stores the
 * Unsubscribed option added to a collection and left off as false, and CRM
 * exports carry an `unsubscribed: false` column for everyone. So nothing is
 * sent to an existing contact that could re-subscribe it, unless the user
 * turned on Resubscribe (Contact → Update), and the output item says when a
 * contact stayed unsubscribed although the input said otherwise.
 */
import type { IDataObject } from 'n8n-workflow';

/** The body of a PUT to an existing contact without `unsubscribed: false`, and whether it had one. */
export function withoutResubscribe(body: IDataObject): { body: IDataObject; askedToResubscribe: boolean } {
	if (body.unsubscribed !== false) return { body, askedToResubscribe: false };
	const fields = { ...body };
	delete fields.unsubscribed;
	return { body: fields, askedToResubscribe: true };
}

/**
 * The contact as FluenzR answered, with `keptUnsubscribed`: true when the
 * input asked for it subscribed and it stays unsubscribed, false otherwise
 * (always present, so a workflow can filter or count on it).
 */
export function withKeptUnsubscribed(contact: unknown, askedToResubscribe: boolean): IDataObject {
	const record = contact as IDataObject;
	return { ...record, keptUnsubscribed: askedToResubscribe && record.unsubscribed === true };
}
