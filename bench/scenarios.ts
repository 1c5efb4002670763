/**
 * The five scenarios: how the sandbox is prepared for each, the job both
 * sides do, and the fewest requests the job can be done in.
 */
import { MAX_PAGE_SIZE } from '../client/contract';
import type { RateLimitConfig, Sandbox } from '../sandbox';

import type { Job } from './jobs';

export interface Scenario {
	id: string;
	title: string;
	rateLimit: RateLimitConfig;
	/** Seeds the (freshly reset) sandbox and returns the job. Called again before each side. */
	prepare(sandbox: Sandbox): Job;
	/** The fewest requests that can do the job. */
	minimumRequests: number;
	/** Records the job returns, for memory per 1,000 records. */
	records: number;
	/** Runs of each side; the median run is reported. Short scenarios run several times, being the noisiest. */
	runs: number;
}

/** So large that scenarios 1–4 never meet the limit: they measure the client, not the limit. */
export const GENEROUS_RATE_LIMIT: RateLimitConfig = { limit: 10_000_000, windowMs: 60_000 };

/** Scenario 5's limit: 100 requests per 2 s, a short window so that ten of them pass in seconds. */
export const TIGHT_RATE_LIMIT: RateLimitConfig = { limit: 100, windowMs: 2_000 };

/**
 * Every seeded contact is created after this moment (the seeder dates them
 * from 2025-01-06), so "Created After" matches them all: a CRM sync's
 * "everything since the last sync", over the whole account.
 */
const BEFORE_ALL_SEEDED = '2025-01-01T00:00:00.000Z';

function listAllContacts(id: string, title: string, contacts: number, runs: number): Scenario {
	return {
		id,
		title,
		rateLimit: GENEROUS_RATE_LIMIT,
		prepare(sandbox) {
			sandbox.seed({ contacts });
			return { kind: 'listContacts', filters: { createdAfter: BEFORE_ALL_SEEDED }, sort: { field: 'email', order: 'asc' } };
		},
		minimumRequests: Math.ceil(contacts / MAX_PAGE_SIZE),
		records: contacts,
		runs,
	};
}

function createContacts(id: string, title: string, count: number, rateLimit: RateLimitConfig, runs: number): Scenario {
	return {
		id,
		title,
		rateLimit,
		prepare: () => ({ kind: 'createContacts', count, emailDomain: 'crm-sync.example' }),
		minimumRequests: count,
		records: count,
		runs,
	};
}

const CAMPAIGNS = 200;

export const SCENARIOS: Scenario[] = [
	listAllContacts('1', 'Get Many, Return All: 10,000 contacts (filter + sort)', 10_000, 3),
	createContacts('2', 'Create 1,000 contacts from 1,000 items', 1_000, GENEROUS_RATE_LIMIT, 3),
	{
		id: '3',
		title: `Get Stats of ${CAMPAIGNS} campaigns (${CAMPAIGNS} items)`,
		rateLimit: GENEROUS_RATE_LIMIT,
		prepare(sandbox) {
			const { campaignIds } = sandbox.seed({ contacts: 500, groups: 4, campaigns: CAMPAIGNS });
			return { kind: 'campaignStats', campaignIds };
		},
		minimumRequests: CAMPAIGNS,
		records: CAMPAIGNS,
		runs: 3,
	},
	listAllContacts('4', 'Get Many, Return All: 100,000 contacts (filter + sort)', 100_000, 1),
	createContacts('5', 'Create 1,000 contacts at 100 requests / 2 s', 1_000, TIGHT_RATE_LIMIT, 1),
];

export const RATE_LIMIT_SCENARIO_ID = '5';
