/**
 * The jobs the benchmark times, described as plain data so that the parent
 * (which owns the sandbox) can hand one to a fresh client process.
 */

/** Get Many with Return All: every page of contacts matching a filter, in a given order. */
export interface ListContactsJob {
	kind: 'listContacts';
	filters: { createdAfter: string };
	sort: { field: string; order: 'asc' | 'desc' };
}

/** Create: one contact per input item (see `contactInputs`). */
export interface CreateContactsJob {
	kind: 'createContacts';
	count: number;
	emailDomain: string;
}

/** Get Stats: one campaign per input item. */
export interface CampaignStatsJob {
	kind: 'campaignStats';
	campaignIds: string[];
}

export type Job = ListContactsJob | CreateContactsJob | CampaignStatsJob;

export const SIDES = ['node', 'plain'] as const;
export type Side = (typeof SIDES)[number];

/** What the parent hands a client process (as JSON in BENCH_SIDE_REQUEST). */
export interface SideRequest {
	job: Job;
	baseUrl: string;
	apiKey: string;
	/**
	 * A second account's key, for one untimed request before the job: it warms
	 * up the client (n8n's services, the HTTP agent) as a running n8n would be,
	 * without touching the measured key's rate limit window or limiter.
	 */
	warmUpApiKey: string;
}

export interface MemoryFigures {
	/** Heap in use after a full GC just before the job (MB). */
	heapBeforeMb: number;
	/** Highest heap in use seen during the job, sampled (MB). */
	peakHeapMb: number;
	/** Heap still in use after a full GC at the end, with the job's result held (MB). */
	heapRetainedMb: number;
	/** The process's peak resident set size, as the kernel counts it (MB). */
	peakRssMb: number;
	rssBeforeMb: number;
}

/** What a client process reports on stdout, as one JSON line. */
export interface SideReport {
	side: Side;
	/** The job alone: from handing it to the node (or loop) to its last answer. */
	wallMs: number;
	/** CPU time (user + system) the client process spent on the job. */
	cpuMs: number;
	startedAtMs: number;
	finishedAtMs: number;
	/** Output items (records or created contacts). */
	items: number;
	/** Items that ended in an error. */
	failedItems: number;
	/** For item jobs: each output item is paired to its own input item, in input order. */
	pairedInOrder: boolean;
	/** Different record ids among the output items: fewer than `items` means a record came twice. */
	distinctIds: number;
	memory: MemoryFigures;
	/** When the whole job failed (the node's error, or the plain loop's exception). */
	error?: string;
}

export interface ContactInput {
	email: string;
	firstName: string;
	lastName: string;
	company: string;
}

/** The CRM contacts to create: the same on both sides, and known to the parent for its checks. */
export function contactInputs(count: number, emailDomain: string): ContactInput[] {
	return Array.from({ length: count }, (_, index) => ({
		email: `lead${String(index + 1).padStart(5, '0')}@${emailDomain}`,
		firstName: `Lead${index + 1}`,
		lastName: 'Bench',
		company: 'Bench Industries',
	}));
}
