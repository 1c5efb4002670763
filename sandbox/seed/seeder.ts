import type { CampaignStatus } from '../../client/contract';
import { CAMPAIGN_DEFAULTS } from '../constants';
import type { AccountData } from '../state/accountData';
import type { IdGenerator } from '../state/ids';
import { joinGroup } from '../state/membership';
import { type Campaign, type Contact, type Group, emptyEmailCounts } from '../state/records';
import type { SeedOptions, SeedResult } from '../types';

import { integerBetween, pick, type Random, seededRandom } from './prng';
import {
	CAMPAIGN_NAMES,
	COMPANIES,
	EMAIL_ACCOUNT_IDS,
	FIRST_NAMES,
	GROUP_NAMES,
	INDUSTRIES,
	JOB_TITLES,
	LAST_NAMES,
	LEAD_SOURCES,
	PERSONAL_DOMAINS,
	STEP_TEMPLATES,
} from './vocabulary';

/** Seeded records are dated from here on, so that the same seed gives byte-identical data on every run. */
const SEED_EPOCH_MS = Date.parse('2025-01-06T09:00:00.000Z');
const CONTACT_SPACING_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The first campaigns' statuses: the demo (6 campaigns) shows one of each, the active one with statistics. */
const CAMPAIGN_STATUS_PATTERN: readonly CampaignStatus[] = ['active', 'paused', 'completed', 'draft', 'draft', 'draft'];

/** Adds deterministic, realistic data to an account (on top of what it holds); no webhook events fire. */
export function seedAccount(account: AccountData, ids: IdGenerator, options: SeedOptions): SeedResult {
	const random = seededRandom(options.seed ?? 1);
	const groups = seedGroups(account, ids, random, options.groups ?? 0);
	const contacts = seedContacts(account, ids, random, options.contacts ?? 0, groups);
	const campaigns = seedCampaigns(account, ids, random, options.campaigns ?? 0, groups, contacts);
	account.touch();
	return {
		account: account.id,
		contactIds: contacts.map((c) => c.id),
		groupIds: groups.map((g) => g.id),
		campaignIds: campaigns.map((c) => c.id),
	};
}

const iso = (ms: number) => new Date(ms).toISOString();

function seedGroups(account: AccountData, ids: IdGenerator, random: Random, count: number): Group[] {
	const groups: Group[] = [];
	for (let i = 0; i < count; i++) {
		const template = GROUP_NAMES[i % GROUP_NAMES.length];
		const round = Math.floor(i / GROUP_NAMES.length);
		const createdAt = SEED_EPOCH_MS - (count - i) * DAY_MS + integerBetween(random, 0, 3600_000);
		const group: Group = {
			id: ids.next('group'),
			name: round ? `${template.name} ${round + 1}` : template.name,
			description: template.description,
			createdAt: iso(createdAt),
			updatedAt: iso(createdAt),
			memberIds: new Set(),
		};
		account.groups.set(group.id, group);
		groups.push(group);
	}
	return groups;
}

function seedContacts(account: AccountData, ids: IdGenerator, random: Random, count: number, groups: Group[]): Contact[] {
	const contacts: Contact[] = [];
	const firstIndex = account.contacts.size;
	for (let i = 0; i < count; i++) {
		const firstName = pick(random, FIRST_NAMES);
		const lastName = pick(random, LAST_NAMES);
		const employed = random() < 0.85;
		const company = employed ? pick(random, COMPANIES) : undefined;
		const domain = company?.domain ?? pick(random, PERSONAL_DOMAINS);
		const createdAt = SEED_EPOCH_MS + (firstIndex + i) * CONTACT_SPACING_MS + integerBetween(random, 0, CONTACT_SPACING_MS - 1);
		const updatedAt = random() < 0.3 ? createdAt + integerBetween(random, 1, 30 * DAY_MS) : createdAt;
		const contact: Contact = {
			id: ids.next('contact'),
			email: uniqueEmail(account, `${slug(firstName)}.${slug(lastName)}`, domain),
			firstName,
			lastName,
			company: company?.name ?? null,
			phone: random() < 0.6 ? `+1 555 ${integerBetween(random, 100, 999)} ${integerBetween(random, 1000, 9999)}` : null,
			jobTitle: employed ? pick(random, JOB_TITLES) : null,
			website: company ? `https://www.${company.domain}` : null,
			linkedinUrl: random() < 0.5 ? `https://www.linkedin.com/in/${slug(firstName)}-${slug(lastName)}-${integerBetween(random, 1000, 9999)}` : null,
			customFields: customFieldsFor(random),
			groupIds: [],
			unsubscribed: random() < 0.03,
			createdAt: iso(createdAt),
			updatedAt: iso(updatedAt),
		};
		account.contacts.set(contact.id, contact);
		account.emailIndex.set(contact.email.toLowerCase(), contact.id);
		// Earlier groups are bigger: about 45%, 30%, 20%, 12%... of the contacts.
		groups.forEach((group, g) => {
			if (random() < 0.45 / (1 + g * 0.5)) joinGroup(contact, group);
		});
		contacts.push(contact);
	}
	return contacts;
}

function customFieldsFor(random: Random): Contact['customFields'] {
	if (random() < 0.2) return {};
	return {
		industry: pick(random, INDUSTRIES),
		leadScore: integerBetween(random, 0, 100),
		source: pick(random, LEAD_SOURCES),
		...(random() < 0.4 ? { newsletter: random() < 0.5 } : {}),
	};
}

function slug(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** first.last@domain, then first.last2@domain... until it is free in the account. */
function uniqueEmail(account: AccountData, local: string, domain: string): string {
	let email = `${local}@${domain}`;
	for (let n = 2; account.emailIndex.has(email); n++) email = `${local}${n}@${domain}`;
	return email;
}

function seedCampaigns(
	account: AccountData,
	ids: IdGenerator,
	random: Random,
	count: number,
	groups: Group[],
	contacts: Contact[],
): Campaign[] {
	const campaigns: Campaign[] = [];
	const lastContactMs = contacts.length ? Date.parse(contacts[contacts.length - 1].createdAt) : SEED_EPOCH_MS;
	for (let i = 0; i < count; i++) {
		const status = CAMPAIGN_STATUS_PATTERN[i % CAMPAIGN_STATUS_PATTERN.length];
		const round = Math.floor(i / CAMPAIGN_NAMES.length);
		const createdAt = lastContactMs + (i + 1) * DAY_MS;
		const stepCount = status === 'draft' ? integerBetween(random, 0, 2) : 3;
		const campaign: Campaign = {
			id: ids.next('campaign'),
			name: round ? `${CAMPAIGN_NAMES[i % CAMPAIGN_NAMES.length]} (${round + 1})` : CAMPAIGN_NAMES[i % CAMPAIGN_NAMES.length],
			emailAccountId: pick(random, EMAIL_ACCOUNT_IDS),
			status,
			steps: STEP_TEMPLATES.slice(0, stepCount).map((step, s) => ({ ...step, delayDays: s === 0 ? 0 : s * 3 })),
			dailyLimit: pick(random, [CAMPAIGN_DEFAULTS.dailyLimit, 100, 200]),
			timezone: pick(random, ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata']),
			stopOnReply: CAMPAIGN_DEFAULTS.stopOnReply,
			trackOpens: CAMPAIGN_DEFAULTS.trackOpens,
			trackClicks: random() < 0.8,
			createdAt: iso(createdAt),
			updatedAt: iso(createdAt + integerBetween(random, 0, DAY_MS)),
			contactIds: new Set(),
			started: status !== 'draft',
			eventCounts: emptyEmailCounts(),
		};
		// Every campaign but the last draft of the pattern has an audience: a group's, or a slice of the contacts.
		if (i % CAMPAIGN_STATUS_PATTERN.length !== CAMPAIGN_STATUS_PATTERN.length - 1) {
			const audience = groups.length
				? [...groups[i % groups.length].memberIds].map((id) => account.contacts.get(id) as Contact)
				: contacts.slice(0, Math.ceil(contacts.length * 0.4));
			for (const contact of audience) if (!contact.unsubscribed) campaign.contactIds.add(contact.id);
		}
		account.campaigns.set(campaign.id, campaign);
		campaigns.push(campaign);
	}
	return campaigns;
}
