/**
 * FluenzR's API contract, as far as code depends on it: the documented facts
 * and the points this project pinned where the documentation is silent (see
 * docs/fluenzr-api.md). The nodes, the credential and the sandbox all read
 * them from here, so a correction is a one-line change.
 */

export const DEFAULT_BASE_URL = 'https://api.fluenzr.co/v1';

/** Pagination: `perPage` is capped at 100. */
export const MAX_PAGE_SIZE = 100;

/** Bulk "add contacts" calls take 1 to 1000 ids. */
export const MAX_CONTACT_IDS_PER_CALL = 1000;

/** Pro plan: a fixed window of 1000 requests per 60 s per API key. */
export const RATE_LIMIT_REQUESTS = 1000;
export const RATE_LIMIT_WINDOW_SECONDS = 60;

export const RATE_LIMIT_HEADERS = {
	limit: 'x-ratelimit-limit',
	remaining: 'x-ratelimit-remaining',
	reset: 'x-ratelimit-reset',
	retryAfter: 'retry-after',
} as const;

export const ERROR_CODES = {
	validation: 'VALIDATION_ERROR',
	unauthorized: 'UNAUTHORIZED',
	planRequired: 'PLAN_REQUIRED',
	notFound: 'NOT_FOUND',
	rateLimited: 'RATE_LIMITED',
	internal: 'INTERNAL_ERROR',
} as const;

export type FluenzrErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export const PLAN_REQUIRED_MESSAGE = 'The REST API is available on the Pro plan only';

export const ID_PREFIXES = {
	contact: 'ct_',
	group: 'grp_',
	campaign: 'cmp_',
	webhook: 'wh_',
	emailAccount: 'acc_',
	event: 'evt_',
} as const;

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_DAILY_LIMIT_RANGE = { min: 1, max: 2000 } as const;

export const SORT_ORDERS = ['asc', 'desc'] as const;

export const WEBHOOK_EVENTS = [
	'contact.created',
	'contact.updated',
	'contact.deleted',
	'contact.unsubscribed',
	'campaign.started',
	'campaign.paused',
	'campaign.completed',
	'email.sent',
	'email.opened',
	'email.clicked',
	'email.replied',
	'email.bounced',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_WILDCARD = '*';

export const WEBHOOK_SECRET_LENGTH = { min: 16, max: 256 } as const;

/** Delivery headers; the signature is `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const WEBHOOK_HEADERS = {
	event: 'x-fluenzr-event',
	delivery: 'x-fluenzr-delivery',
	signature: 'x-fluenzr-signature',
} as const;
export const WEBHOOK_SIGNATURE_PREFIX = 'sha256=';
