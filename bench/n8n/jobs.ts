/**
 * The jobs of the real-n8n bench: what each asks of FluenzR, how the
 * sandbox is seeded for it, and its rate limit. Each side (the FluenzR node,
 * n8n's HTTP Request node, the plain loop) does the same job; the workflows
 * are in fluenzrWorkflows.ts and httpRequestWorkflows.ts, the loop in
 * floorLoop.ts.
 */
import { MAX_PAGE_SIZE, RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS } from '../../client/contract';
import type { RateLimitConfig, Sandbox } from '../../sandbox';
import { contactInputs, type ContactInput } from '../contacts';

export type JobKind = 'create' | 'stats' | 'list';

export interface BenchJob {
	id: string;
	title: string;
	kind: JobKind;
	rateLimit: RateLimitConfig;
	/** Contacts to create (create jobs). */
	contacts?: ContactInput[];
	/**
	 * Create jobs: how the FluenzR side maps the items' fields, when not with
	 * Map Automatically: each field by an expression in the node, or an Edit
	 * Fields node setting them (as a rename from a CRM's names would) before
	 * Map Automatically.
	 */
	fluenzrMapping?: 'eachFieldByExpression' | 'editFieldsThenAuto';
	/** Campaigns whose statistics are read (stats job). */
	campaignIds?: string[];
	/** Seeds the run's (empty) account before the run. */
	seed?: (sandbox: Sandbox, account: string) => void;
	/** The fewest requests that can do the job. */
	minimumRequests: number;
	/** Memory is reported for this job. */
	measuresMemory?: boolean;
	/** Runs of each side when --repeat is not given. */
	defaultRepeats: number;
}

/** So large that jobs 1–4 never meet it: they measure the clients, not the limit. */
export const GENEROUS_RATE_LIMIT: RateLimitConfig = { limit: 10_000_000, windowMs: 60_000 };
/** Job 5: a short window, so that several pass in seconds. */
export const TIGHT_RATE_LIMIT: RateLimitConfig = { limit: 100, windowMs: 2_000 };
/** Job 6: FluenzR's own limit on the Pro plan. */
export const FLUENZR_RATE_LIMIT: RateLimitConfig = { limit: RATE_LIMIT_REQUESTS, windowMs: RATE_LIMIT_WINDOW_SECONDS * 1000 };

const CAMPAIGN_SEED = { contacts: 500, groups: 4, campaigns: 200 };

/**
 * The sandbox's ids are a counter per kind, restarted by a reset, so the
 * same seed after a reset gives the same campaign ids in any account: the
 * workflows, imported before the first run, can name them.
 */
export function seededCampaignIds(sandbox: Sandbox): string[] {
	sandbox.reset();
	const { campaignIds } = sandbox.seed({ account: sandbox.store.accountIds()[0], ...CAMPAIGN_SEED });
	sandbox.reset();
	return campaignIds;
}

function createJob(id: string, title: string, count: number, rateLimit: RateLimitConfig, defaultRepeats: number): BenchJob {
	return {
		id,
		title,
		kind: 'create',
		rateLimit,
		contacts: contactInputs(count, 'crm-sync.example'),
		minimumRequests: count,
		defaultRepeats,
	};
}

function listJob(id: string, title: string, contacts: number, extra: Partial<BenchJob> = {}): BenchJob {
	return {
		id,
		title,
		kind: 'list',
		rateLimit: GENEROUS_RATE_LIMIT,
		seed: (sandbox, account) => void sandbox.seed({ account, contacts }),
		minimumRequests: Math.ceil(contacts / MAX_PAGE_SIZE),
		defaultRepeats: 3,
		...extra,
	};
}

export function benchJobs(campaignIds: string[]): BenchJob[] {
	return [
		createJob('1', 'Create 1,000 contacts (email + 3 fields; FluenzR: Map Automatically)', 1_000, GENEROUS_RATE_LIMIT, 3),
		{
			...createJob('1e', 'Create 1,000 contacts (email + 3 fields; FluenzR: each field by expression)', 1_000, GENEROUS_RATE_LIMIT, 2),
			fluenzrMapping: 'eachFieldByExpression',
		},
		{
			...createJob('1f', 'Create 1,000 contacts (email + 3 fields; FluenzR: Edit Fields, then Map Automatically)', 1_000, GENEROUS_RATE_LIMIT, 3),
			fluenzrMapping: 'editFieldsThenAuto',
		},
		{
			id: '2',
			title: `Campaign → Get Stats, ${campaignIds.length} items`,
			kind: 'stats',
			rateLimit: GENEROUS_RATE_LIMIT,
			campaignIds,
			seed: (sandbox, account) => {
				const seeded = sandbox.seed({ account, ...CAMPAIGN_SEED }).campaignIds;
				if (seeded.join() !== campaignIds.join()) throw new Error('The sandbox seeded other campaign ids than the workflows name');
			},
			minimumRequests: campaignIds.length,
			defaultRepeats: 3,
		},
		listJob('3', 'Contact → Get Many, Return All, 10,000 contacts', 10_000),
		listJob('4', 'Contact → Get Many, Return All, 100,000 contacts', 100_000, { measuresMemory: true }),
		createJob('5', 'Create 500 contacts at 100 requests / 2 s', 500, TIGHT_RATE_LIMIT, 3),
		createJob('6', 'Create 2,500 contacts at 1,000 requests / 60 s', 2_500, FLUENZR_RATE_LIMIT, 1),
	];
}

export const rateLimited = (job: BenchJob) => job.rateLimit !== GENEROUS_RATE_LIMIT;

/**
 * What identifies one record of a job's answer, the same on every side: a
 * created contact's email (what was asked), a statistic's campaign id, a
 * listed contact's id. Undefined for an error item.
 */
export function recordKey(kind: JobKind, record: Record<string, unknown>): string | undefined {
	if (record.error !== undefined) return undefined;
	const key = kind === 'create' ? record.email : kind === 'stats' ? record.campaignId : record.id;
	return typeof key === 'string' ? (kind === 'create' ? key.toLowerCase() : key) : undefined;
}
