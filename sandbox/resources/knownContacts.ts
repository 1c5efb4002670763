import { FieldErrors } from '../http/apiError';
import type { AccountData } from '../state/accountData';
import type { Contact } from '../state/records';

/** All the contacts, or a 400 listing the unknown ids in `details.contactIds` (then nothing may change). */
export function findKnownContacts(account: AccountData, ids: readonly string[]): Contact[] {
	const unknown = ids.filter((id) => !account.contacts.has(id));
	if (unknown.length) {
		const errors = new FieldErrors();
		errors.addList('contactIds', unknown, `Unknown contact ids: ${summarise(unknown)}`);
		errors.throwIfAny();
	}
	return ids.map((id) => account.contacts.get(id) as Contact);
}

function summarise(ids: string[]): string {
	const shown = ids.slice(0, 10).join(', ');
	return ids.length > 10 ? `${shown} (and ${ids.length - 10} more)` : shown;
}
