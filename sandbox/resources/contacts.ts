import { FieldErrors, notFound } from '../http/apiError';
import type { RouteContext, RouteResult } from '../http/routeContext';
import { listCacheKey, pageOf, parseListParams, singleParam, sortByKey, textKey } from '../lists/listQuery';
import type { AccountData } from '../state/accountData';
import { setContactGroups } from '../state/membership';
import { CONTACT_TEXT_FIELDS, type Contact, contactView } from '../state/records';

import { mergeCustomFields } from './customFields';
import { type Body, readBoolean, readText } from './fields';

/** local@domain.tld: no spaces, one @, a dot inside the domain with no empty label. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const MAX_EMAIL_LENGTH = 254;

export function findContact(account: AccountData, id: string): Contact {
	const contact = account.contacts.get(id);
	if (!contact) throw notFound(`Contact ${id} not found`);
	return contact;
}

const CONTACT_SORT_FIELDS = ['createdAt', 'updatedAt', 'email', 'lastName', 'company'] as const;

export function listContacts(ctx: RouteContext): RouteResult {
	const errors = new FieldErrors();
	const params = parseListParams(ctx.query, CONTACT_SORT_FIELDS, errors);
	const email = singleParam(ctx.query, 'email', errors)?.toLowerCase();
	const group = singleParam(ctx.query, 'group', errors);
	const unsubscribed = singleParam(ctx.query, 'unsubscribed', errors);
	if (unsubscribed !== undefined && unsubscribed !== 'true' && unsubscribed !== 'false') {
		errors.add('unsubscribed', 'must be true or false');
	}
	const createdAfter = readInstant(ctx.query, 'createdAfter', errors);
	const createdBefore = readInstant(ctx.query, 'createdBefore', errors);
	errors.throwIfAny();

	const filters = { email, group, unsubscribed, createdAfter: createdAfter?.toString(), createdBefore: createdBefore?.toString() };
	const items = ctx.account.cachedList(listCacheKey('contacts', filters, params), () => {
		const members = group === undefined ? undefined : ctx.account.groups.get(group)?.memberIds ?? new Set<string>();
		const matches = [...ctx.account.contacts.values()].filter((contact) => {
			if (email !== undefined && !contact.email.toLowerCase().includes(email)) return false;
			if (members && !members.has(contact.id)) return false;
			if (unsubscribed !== undefined && String(contact.unsubscribed) !== unsubscribed) return false;
			const created = createdAfter === undefined && createdBefore === undefined ? 0 : Date.parse(contact.createdAt);
			if (createdAfter !== undefined && !(created > createdAfter)) return false;
			if (createdBefore !== undefined && !(created < createdBefore)) return false;
			return true;
		});
		return sortByKey(matches, contactSortKey(params.sort), params.order);
	});
	const page = pageOf(items, params);
	return { status: 200, data: page.items, meta: page.meta };
}

function contactSortKey(sort: string): (contact: Contact) => string {
	switch (sort) {
		case 'updatedAt':
			return (c) => c.updatedAt;
		case 'email':
			return (c) => textKey(c.email);
		case 'lastName':
			return (c) => textKey(c.lastName);
		case 'company':
			return (c) => textKey(c.company);
		default:
			return (c) => c.createdAt;
	}
}

/** An ISO timestamp query parameter as epoch milliseconds. */
function readInstant(query: URLSearchParams, name: string, errors: FieldErrors): number | undefined {
	const raw = singleParam(query, name, errors);
	if (raw === undefined) return undefined;
	const ms = Date.parse(raw);
	if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) {
		errors.add(name, 'must be an ISO 8601 date or date-time');
		return undefined;
	}
	return ms;
}

export function getContact(ctx: RouteContext): RouteResult {
	return { status: 200, data: findContact(ctx.account, ctx.params[0]) };
}

export function createContact(ctx: RouteContext): RouteResult {
	const body = ctx.body.object();
	const errors = new FieldErrors();
	const email = readEmail(body, errors, false);
	const texts = readTextFields(body, errors);
	const customFields = body.customFields == null ? {} : mergeCustomFields({}, body.customFields, errors);
	const groupIds = readGroupIds(ctx.account, body, errors);
	const unsubscribed = readBoolean(body, 'unsubscribed', errors);
	if (email !== undefined) checkEmailIsFree(ctx.account, email, undefined, errors);
	errors.throwIfAny();

	const now = ctx.now();
	const contact: Contact = {
		id: ctx.ids.next('contact'),
		email: email as string,
		firstName: null,
		lastName: null,
		company: null,
		phone: null,
		jobTitle: null,
		website: null,
		linkedinUrl: null,
		...texts,
		customFields: customFields ?? {},
		groupIds: [],
		unsubscribed: unsubscribed ?? false,
		createdAt: now,
		updatedAt: now,
	};
	ctx.account.contacts.set(contact.id, contact);
	ctx.account.emailIndex.set(contact.email.toLowerCase(), contact.id);
	setContactGroups(ctx.account, contact, groupIds ?? []);
	ctx.account.touch();
	ctx.emit('contact.created', contact);
	if (contact.unsubscribed) announceUnsubscribe(ctx, contact);
	return { status: 201, data: contact };
}

export function updateContact(ctx: RouteContext): RouteResult {
	const contact = findContact(ctx.account, ctx.params[0]);
	const body = ctx.body.object();
	const errors = new FieldErrors();
	const email = readEmail(body, errors, true);
	const texts = readTextFields(body, errors);
	const customFields = body.customFields === undefined ? undefined : body.customFields === null ? {} : mergeCustomFields(contact.customFields, body.customFields, errors);
	const groupIds = readGroupIds(ctx.account, body, errors);
	const unsubscribed = readBoolean(body, 'unsubscribed', errors);
	if (email !== undefined) checkEmailIsFree(ctx.account, email, contact.id, errors);
	errors.throwIfAny();

	const before = JSON.stringify(contact);
	const wasUnsubscribed = contact.unsubscribed;
	if (email !== undefined && email !== contact.email) {
		ctx.account.emailIndex.delete(contact.email.toLowerCase());
		ctx.account.emailIndex.set(email.toLowerCase(), contact.id);
		contact.email = email;
	}
	Object.assign(contact, texts);
	if (customFields !== undefined) contact.customFields = customFields;
	if (groupIds !== undefined) setContactGroups(ctx.account, contact, groupIds);
	if (unsubscribed !== undefined && unsubscribed !== null) contact.unsubscribed = unsubscribed;

	// A PUT that changes nothing is answered but is not an update: no event, same updatedAt.
	if (JSON.stringify(contact) !== before) {
		contact.updatedAt = ctx.now();
		ctx.account.touch();
		ctx.emit('contact.updated', contact);
		if (contact.unsubscribed && !wasUnsubscribed) announceUnsubscribe(ctx, contact);
	}
	return { status: 200, data: contact };
}

export function deleteContact(ctx: RouteContext): RouteResult {
	const contact = findContact(ctx.account, ctx.params[0]);
	// The event shows the contact as it was, groups included.
	const asItWas = contactView(contact);
	setContactGroups(ctx.account, contact, []);
	ctx.account.contacts.delete(contact.id);
	ctx.account.emailIndex.delete(contact.email.toLowerCase());
	ctx.account.touch();
	ctx.emit('contact.deleted', asItWas);
	return { status: 200, data: { id: contact.id, deleted: true } };
}

/** Fires contact.unsubscribed and counts it in the statistics of the campaigns the contact is in. */
function announceUnsubscribe(ctx: RouteContext, contact: Contact): void {
	for (const campaign of ctx.account.campaigns.values()) {
		if (campaign.contactIds.has(contact.id)) campaign.eventCounts.unsubscribed++;
	}
	ctx.emit('contact.unsubscribed', contact);
}

/** The trimmed email; required on create, never clearable on update. */
function readEmail(body: Body, errors: FieldErrors, isUpdate: boolean): string | undefined {
	if (isUpdate && body.email === undefined) return undefined;
	if (isUpdate && body.email === null) {
		errors.add('email', 'cannot be cleared');
		return undefined;
	}
	const raw = readText(body, 'email', errors, { required: true });
	if (typeof raw !== 'string') return undefined;
	const email = raw.trim();
	if (email === '') errors.add('email', 'is required');
	else if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
		errors.add('email', 'must be a valid email address (local@domain.tld)');
	} else return email;
	return undefined;
}

function checkEmailIsFree(account: AccountData, email: string, selfId: string | undefined, errors: FieldErrors): void {
	const existingId = account.emailIndex.get(email.toLowerCase());
	if (existingId !== undefined && existingId !== selfId) errors.add('email', 'already exists', { existingId });
}

function readTextFields(body: Body, errors: FieldErrors): Partial<Pick<Contact, (typeof CONTACT_TEXT_FIELDS)[number]>> {
	const texts: Partial<Record<(typeof CONTACT_TEXT_FIELDS)[number], string | null>> = {};
	for (const field of CONTACT_TEXT_FIELDS) {
		const value = readText(body, field, errors, { nullable: true });
		if (value !== undefined) texts[field] = value;
	}
	return texts;
}

/** Undefined when absent, [] when null (clears), else the deduplicated known ids. */
function readGroupIds(account: AccountData, body: Body, errors: FieldErrors): string[] | undefined {
	const value = body.groupIds;
	if (value === undefined) return undefined;
	if (value === null) return [];
	if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
		errors.add('groupIds', 'must be an array of group ids');
		return undefined;
	}
	const ids = [...new Set(value as string[])];
	const unknown = ids.filter((id) => !account.groups.has(id));
	if (unknown.length) {
		errors.add('groupIds', `contains unknown group ids: ${unknown.join(', ')}`);
		return undefined;
	}
	return ids;
}
