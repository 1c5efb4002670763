import type { CampaignStatus } from '../../client/contract';

export type CustomFieldValue = string | number | boolean;

/** A contact exactly as the API shows it (unset optional fields are null). */
export interface Contact {
	id: string;
	email: string;
	firstName: string | null;
	lastName: string | null;
	company: string | null;
	phone: string | null;
	jobTitle: string | null;
	website: string | null;
	linkedinUrl: string | null;
	customFields: Record<string, CustomFieldValue>;
	groupIds: string[];
	unsubscribed: boolean;
	createdAt: string;
	updatedAt: string;
}

export const CONTACT_TEXT_FIELDS = [
	'firstName',
	'lastName',
	'company',
	'phone',
	'jobTitle',
	'website',
	'linkedinUrl',
] as const;
export type ContactTextField = (typeof CONTACT_TEXT_FIELDS)[number];

export interface Group {
	id: string;
	name: string;
	description: string | null;
	createdAt: string;
	updatedAt: string;
	/** Kept beside each contact's groupIds so that counts and the `group` filter are O(1). */
	memberIds: Set<string>;
}

export interface CampaignStep {
	subject: string;
	body: string;
	delayDays: number;
}

/** What email.* events (and contact unsubscribes) added to a campaign's statistics. */
export interface EmailCounts {
	sent: number;
	bounced: number;
	opened: number;
	clicked: number;
	replied: number;
	unsubscribed: number;
}

export interface Campaign {
	id: string;
	name: string;
	emailAccountId: string;
	status: CampaignStatus;
	steps: CampaignStep[];
	dailyLimit: number;
	timezone: string;
	stopOnReply: boolean;
	trackOpens: boolean;
	trackClicks: boolean;
	createdAt: string;
	updatedAt: string;
	contactIds: Set<string>;
	/** Once started, statistics include simulated sending. */
	started: boolean;
	eventCounts: EmailCounts;
}

export interface Webhook {
	id: string;
	url: string;
	events: string[];
	active: boolean;
	createdAt: string;
	secret: string | null;
}

export function emptyEmailCounts(): EmailCounts {
	return { sent: 0, bounced: 0, opened: 0, clicked: 0, replied: 0, unsubscribed: 0 };
}

export function groupView(group: Group) {
	return {
		id: group.id,
		name: group.name,
		description: group.description,
		contactCount: group.memberIds.size,
		createdAt: group.createdAt,
		updatedAt: group.updatedAt,
	};
}

export function campaignView(campaign: Campaign) {
	return {
		id: campaign.id,
		name: campaign.name,
		emailAccountId: campaign.emailAccountId,
		status: campaign.status,
		steps: campaign.steps.map((step) => ({ ...step })),
		dailyLimit: campaign.dailyLimit,
		timezone: campaign.timezone,
		stopOnReply: campaign.stopOnReply,
		trackOpens: campaign.trackOpens,
		trackClicks: campaign.trackClicks,
		contactCount: campaign.contactIds.size,
		createdAt: campaign.createdAt,
		updatedAt: campaign.updatedAt,
	};
}

/** The secret is never shown. */
export function webhookView(webhook: Webhook) {
	return {
		id: webhook.id,
		url: webhook.url,
		events: [...webhook.events],
		active: webhook.active,
		createdAt: webhook.createdAt,
	};
}

export function contactView(contact: Contact): Contact {
	return { ...contact, customFields: { ...contact.customFields }, groupIds: [...contact.groupIds] };
}
