/**
 * The sandbox's own settings and the limits it pins where docs/fluenzr-api.md
 * is silent. Contract facts the nodes use come from client/contract.ts; those
 * only FluenzR's side needs (its defaults, its delivery schedule) are here.
 */
import { RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS } from '../client/contract';

import type { RateLimitConfig, SandboxKey, SeedOptions } from './types';

export const DEMO_KEYS = {
	pro: 'fz_demo_pro_key_0001',
	/** A second Pro account, to show that data is per account. */
	other: 'fz_demo_pro_key_0002',
	free: 'fz_demo_free_key_0001',
} as const;

export const DEMO_ACCOUNTS = { pro: 'acct_demo', other: 'acct_other', free: 'acct_free' } as const;

export const DEFAULT_KEYS: readonly SandboxKey[] = [
	{ key: DEMO_KEYS.pro, plan: 'pro', account: DEMO_ACCOUNTS.pro },
	{ key: DEMO_KEYS.other, plan: 'pro', account: DEMO_ACCOUNTS.other },
	{ key: DEMO_KEYS.free, plan: 'free', account: DEMO_ACCOUNTS.free },
];

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_CLI_PORT = 4010;

export const API_PREFIX = '/v1';
export const CONTROL_PREFIX = '/_sandbox';

export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
	limit: RATE_LIMIT_REQUESTS,
	windowMs: RATE_LIMIT_WINDOW_SECONDS * 1000,
};
/** Deliveries: 5 retries after the first attempt, waiting 1, 2, 4, 8, 16 s. */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [1, 2, 4, 8, 16] as const;
export const WEBHOOK_DELIVERY_TIMEOUT_SECONDS = 10;

/** A campaign's settings when its creator sets none. */
export const CAMPAIGN_DEFAULTS = {
	dailyLimit: 50,
	timezone: 'UTC',
	stopOnReply: true,
	trackOpens: true,
	trackClicks: true,
	delayDays: 0,
} as const;

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = WEBHOOK_RETRY_DELAYS_SECONDS.map((s) => s * 1000);
export const DEFAULT_DELIVERY_TIMEOUT_MS = WEBHOOK_DELIVERY_TIMEOUT_SECONDS * 1000;

/**
 * Request bodies above 1 MiB are refused. The contract has no 413, so this is
 * a 400 VALIDATION_ERROR naming `body`.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this the sandbox stops draining an oversized body and closes the connection. */
export const MAX_DRAINED_BYTES = 64 * 1024 * 1024;

/**
 * Custom field limits. The contract only says values are string, number or
 * boolean; these bounds are the sandbox's pinned choice so that oversized
 * input is refused with a 400 naming the field instead of being stored.
 */
export const CUSTOM_FIELD_LIMITS = {
	/** Keys a contact may hold after a merge. */
	maxKeys: 50,
	maxKeyLength: 64,
	/** Characters in a string value. */
	maxValueLength: 1024,
} as const;

/** Filtered and sorted lists kept per account between writes (oldest dropped first). */
export const LIST_CACHE_ENTRIES = 64;

/** `npm run sandbox`'s data: enough for the demo to show every feature. */
export const DEMO_SEED: Required<Omit<SeedOptions, 'account'>> = { contacts: 120, groups: 4, campaigns: 6, seed: 1 };

/** Text used when an email.replied event is fired without one. */
export const DEFAULT_REPLY_TEXT = "Thanks for reaching out - let's set up a call next week.";
