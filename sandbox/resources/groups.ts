import { MAX_CONTACT_IDS_PER_CALL } from '../../client/contract';
import { FieldErrors, notFound } from '../http/apiError';
import type { RouteContext, RouteResult } from '../http/routeContext';
import { listCacheKey, pageOf, parseListParams, singleParam, sortByKey, textKey } from '../lists/listQuery';
import type { AccountData } from '../state/accountData';
import { joinGroup, leaveGroup } from '../state/membership';
import { type Group, groupView } from '../state/records';

import { readIdList, readRequiredText, readText } from './fields';
import { findKnownContacts } from './knownContacts';

export function findGroup(account: AccountData, id: string): Group {
	const group = account.groups.get(id);
	if (!group) throw notFound(`Group ${id} not found`);
	return group;
}

const GROUP_SORT_FIELDS = ['createdAt', 'updatedAt', 'name'] as const;

export function listGroups(ctx: RouteContext): RouteResult {
	const errors = new FieldErrors();
	const params = parseListParams(ctx.query, GROUP_SORT_FIELDS, errors);
	const name = singleParam(ctx.query, 'name', errors)?.toLowerCase();
	errors.throwIfAny();

	const items = ctx.account.cachedList(listCacheKey('groups', { name }, params), () => {
		const matches = [...ctx.account.groups.values()].filter((g) => name === undefined || g.name.toLowerCase().includes(name));
		return sortByKey(matches, byNameOrDate(params.sort), params.order);
	});
	const page = pageOf(items, params);
	return { status: 200, data: page.items.map(groupView), meta: page.meta };
}

/** Groups and campaigns sort the same way. */
export function byNameOrDate(sort: string): (record: { name: string; createdAt: string; updatedAt: string }) => string {
	if (sort === 'name') return (r) => textKey(r.name);
	if (sort === 'updatedAt') return (r) => r.updatedAt;
	return (r) => r.createdAt;
}

export function getGroup(ctx: RouteContext): RouteResult {
	return { status: 200, data: groupView(findGroup(ctx.account, ctx.params[0])) };
}

export function createGroup(ctx: RouteContext): RouteResult {
	const body = ctx.body.object();
	const errors = new FieldErrors();
	const name = readRequiredText(body, 'name', errors, false);
	const description = readText(body, 'description', errors, { nullable: true });
	errors.throwIfAny();

	const now = ctx.now();
	const group: Group = {
		id: ctx.ids.next('group'),
		name: name as string,
		description: description ?? null,
		createdAt: now,
		updatedAt: now,
		memberIds: new Set(),
	};
	ctx.account.groups.set(group.id, group);
	ctx.account.touch();
	return { status: 201, data: groupView(group) };
}

export function updateGroup(ctx: RouteContext): RouteResult {
	const group = findGroup(ctx.account, ctx.params[0]);
	const body = ctx.body.object();
	const errors = new FieldErrors();
	const name = readRequiredText(body, 'name', errors, true);
	const description = readText(body, 'description', errors, { nullable: true });
	errors.throwIfAny();

	const changed = (name !== undefined && name !== group.name) || (description !== undefined && description !== group.description);
	if (changed) {
		if (name !== undefined) group.name = name;
		if (description !== undefined) group.description = description;
		group.updatedAt = ctx.now();
		ctx.account.touch();
	}
	return { status: 200, data: groupView(group) };
}

/** The group goes; its contacts stay, without it (each is a contact.updated). */
export function deleteGroup(ctx: RouteContext): RouteResult {
	const group = findGroup(ctx.account, ctx.params[0]);
	const now = ctx.now();
	for (const contactId of [...group.memberIds]) {
		const contact = ctx.account.contacts.get(contactId);
		if (contact && leaveGroup(contact, group)) {
			contact.updatedAt = now;
			ctx.emit('contact.updated', contact);
		}
	}
	ctx.account.groups.delete(group.id);
	ctx.account.touch();
	return { status: 200, data: { id: group.id, deleted: true } };
}

export function addContactsToGroup(ctx: RouteContext): RouteResult {
	const group = findGroup(ctx.account, ctx.params[0]);
	const body = ctx.body.object();
	const errors = new FieldErrors();
	const ids = readIdList(body.contactIds, 'contactIds', errors, MAX_CONTACT_IDS_PER_CALL);
	errors.throwIfAny();
	const contacts = findKnownContacts(ctx.account, ids as string[]);

	const now = ctx.now();
	let added = 0;
	for (const contact of contacts) {
		if (!joinGroup(contact, group)) continue;
		added++;
		contact.updatedAt = now;
		ctx.emit('contact.updated', contact);
	}
	if (added > 0) {
		group.updatedAt = now;
		ctx.account.touch();
	}
	return { status: 200, data: { ...groupView(group), added } };
}
