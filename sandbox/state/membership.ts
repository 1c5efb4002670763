import type { AccountData } from './accountData';
import type { Contact, Group } from './records';

/** Group membership lives on both sides (contact.groupIds and group.memberIds); these keep them in step. */

export function joinGroup(contact: Contact, group: Group): boolean {
	if (group.memberIds.has(contact.id)) return false;
	group.memberIds.add(contact.id);
	contact.groupIds.push(group.id);
	return true;
}

export function leaveGroup(contact: Contact, group: Group): boolean {
	if (!group.memberIds.delete(contact.id)) return false;
	contact.groupIds = contact.groupIds.filter((id) => id !== group.id);
	return true;
}

/** Makes the contact's groups exactly `groupIds` (all known); true when anything changed. */
export function setContactGroups(account: AccountData, contact: Contact, groupIds: readonly string[]): boolean {
	const wanted = new Set(groupIds);
	let changed = false;
	for (const id of [...contact.groupIds]) {
		const group = account.groups.get(id);
		if (!wanted.has(id) && group) changed = leaveGroup(contact, group) || changed;
	}
	for (const id of wanted) {
		const group = account.groups.get(id);
		if (group) changed = joinGroup(contact, group) || changed;
	}
	return changed;
}
