import { CAMPAIGN_STATUSES, MAX_CONTACT_IDS_PER_CALL } from '../../client/contract';
import { CAMPAIGN_DEFAULTS } from '../constants';
import { FieldErrors, notFound, validationError } from '../http/apiError';
import type { RouteContext, RouteResult } from '../http/routeContext';
import { listCacheKey, pageOf, parseListParams, singleParam, sortByKey } from '../lists/listQuery';
import type { AccountData } from '../state/accountData';
import { type Campaign, type Contact, campaignView, emptyEmailCounts } from '../state/records';

import { readCampaignInput } from './campaignFields';
import { campaignStats } from './campaignStats';
import { readIdList } from './fields';
import { byNameOrDate, findGroup } from './groups';
import { findKnownContacts } from './knownContacts';

export function findCampaign(account: AccountData, id: string): Campaign {
	const campaign = account.campaigns.get(id);
	if (!campaign) throw notFound(`Campaign ${id} not found`);
	return campaign;
}

const CAMPAIGN_SORT_FIELDS = ['createdAt', 'updatedAt', 'name'] as const;

export function listCampaigns(ctx: RouteContext): RouteResult {
	const errors = new FieldErrors();
	const params = parseListParams(ctx.query, CAMPAIGN_SORT_FIELDS, errors);
	const name = singleParam(ctx.query, 'name', errors)?.toLowerCase();
	const status = singleParam(ctx.query, 'status', errors);
	if (status !== undefined && !(CAMPAIGN_STATUSES as readonly string[]).includes(status)) {
		errors.add('status', `must be one of: ${CAMPAIGN_STATUSES.join(', ')}`);
	}
	errors.throwIfAny();

	const items = ctx.account.cachedList(listCacheKey('campaigns', { name, status }, params), () => {
		const matches = [...ctx.account.campaigns.values()].filter(
			(c) => (name === undefined || c.name.toLowerCase().includes(name)) && (status === undefined || c.status === status),
		);
		return sortByKey(matches, byNameOrDate(params.sort), params.order);
	});
	const page = pageOf(items, params);
	return { status: 200, data: page.items.map(campaignView), meta: page.meta };
}

export function getCampaign(ctx: RouteContext): RouteResult {
	return { status: 200, data: campaignView(findCampaign(ctx.account, ctx.params[0])) };
}

export function createCampaign(ctx: RouteContext): RouteResult {
	const errors = new FieldErrors();
	const input = readCampaignInput(ctx.body.object(), errors, false);
	errors.throwIfAny();

	const now = ctx.now();
	const campaign: Campaign = {
		id: ctx.ids.next('campaign'),
		name: input.name as string,
		emailAccountId: input.emailAccountId as string,
		status: 'draft',
		steps: input.steps ?? [],
		dailyLimit: input.dailyLimit ?? CAMPAIGN_DEFAULTS.dailyLimit,
		timezone: input.timezone ?? CAMPAIGN_DEFAULTS.timezone,
		stopOnReply: input.stopOnReply ?? CAMPAIGN_DEFAULTS.stopOnReply,
		trackOpens: input.trackOpens ?? CAMPAIGN_DEFAULTS.trackOpens,
		trackClicks: input.trackClicks ?? CAMPAIGN_DEFAULTS.trackClicks,
		createdAt: now,
		updatedAt: now,
		contactIds: new Set(),
		started: false,
		eventCounts: emptyEmailCounts(),
	};
	ctx.account.campaigns.set(campaign.id, campaign);
	ctx.account.touch();
	return { status: 201, data: campaignView(campaign) };
}

export function updateCampaign(ctx: RouteContext): RouteResult {
	const campaign = findCampaign(ctx.account, ctx.params[0]);
	const errors = new FieldErrors();
	const input = readCampaignInput(ctx.body.object(), errors, true);
	errors.throwIfAny();

	const before = JSON.stringify(campaignView(campaign));
	for (const [field, value] of Object.entries(input)) {
		if (value !== undefined) Object.assign(campaign, { [field]: value });
	}
	if (JSON.stringify(campaignView(campaign)) !== before) {
		campaign.updatedAt = ctx.now();
		ctx.account.touch();
	}
	return { status: 200, data: campaignView(campaign) };
}

/** draft/paused → active (needs a step and a contact); active: no-op; completed: 400. */
export function startCampaign(ctx: RouteContext): RouteResult {
	const campaign = findCampaign(ctx.account, ctx.params[0]);
	if (campaign.status === 'completed') {
		throw validationError('A completed campaign cannot be started', { status: 'is completed' });
	}
	if (campaign.status !== 'active') {
		const errors = new FieldErrors();
		if (campaign.steps.length === 0) errors.add('steps', 'must contain at least one step to start');
		if (campaign.contactIds.size === 0) errors.add('contacts', 'at least one contact is needed to start');
		errors.throwIfAny();
		setStatus(ctx, campaign, 'active');
		campaign.started = true;
		ctx.emit('campaign.started', campaignView(campaign));
	}
	return { status: 200, data: campaignView(campaign) };
}

/** active → paused; paused: no-op; draft/completed: 400. */
export function pauseCampaign(ctx: RouteContext): RouteResult {
	const campaign = findCampaign(ctx.account, ctx.params[0]);
	if (campaign.status === 'draft' || campaign.status === 'completed') {
		throw validationError(`A ${campaign.status} campaign cannot be paused`, { status: `is ${campaign.status}` });
	}
	if (campaign.status === 'active') {
		setStatus(ctx, campaign, 'paused');
		ctx.emit('campaign.paused', campaignView(campaign));
	}
	return { status: 200, data: campaignView(campaign) };
}

function setStatus(ctx: RouteContext, campaign: Campaign, status: Campaign['status']): void {
	campaign.status = status;
	campaign.updatedAt = ctx.now();
	ctx.account.touch();
}

/**
 * `{ groupId }` or `{ contactIds }`, exactly one. Contacts already in the
 * campaign and unsubscribed ones are skipped; a repeated id counts once.
 */
export function addContactsToCampaign(ctx: RouteContext): RouteResult {
	const campaign = findCampaign(ctx.account, ctx.params[0]);
	const body = ctx.body.object();
	const errors = new FieldErrors();
	const hasGroup = body.groupId !== undefined && body.groupId !== null;
	const hasIds = body.contactIds !== undefined && body.contactIds !== null;
	if (hasGroup === hasIds) {
		const message = 'send exactly one of groupId or contactIds';
		errors.add('groupId', message);
		errors.add('contactIds', message);
	} else if (hasGroup && (typeof body.groupId !== 'string' || body.groupId === '')) {
		errors.add('groupId', 'must be a group id');
	}
	const ids = hasIds && !hasGroup ? readIdList(body.contactIds, 'contactIds', errors, MAX_CONTACT_IDS_PER_CALL) : undefined;
	errors.throwIfAny();

	const contacts: Contact[] = hasGroup
		? [...findGroup(ctx.account, body.groupId as string).memberIds].map((id) => ctx.account.contacts.get(id) as Contact)
		: findKnownContacts(ctx.account, ids as string[]);
	let added = 0;
	let skipped = 0;
	for (const contact of contacts) {
		if (campaign.contactIds.has(contact.id) || contact.unsubscribed) skipped++;
		else {
			campaign.contactIds.add(contact.id);
			added++;
		}
	}
	if (added > 0) {
		campaign.updatedAt = ctx.now();
		ctx.account.touch();
	}
	return { status: 200, data: { added, skipped, contactCount: campaign.contactIds.size } };
}

export function getCampaignStats(ctx: RouteContext): RouteResult {
	return { status: 200, data: campaignStats(findCampaign(ctx.account, ctx.params[0])) };
}
