/**
 * What a run did, from the sandbox's own records rather than the client's
 * word: the requests it received and when, the 429s it answered per rate
 * limit window, and the records asked for against those stored or returned.
 */
import type { Sandbox } from '../../sandbox';
import { checkRateLimitRun, windowIndexAt, windowOpenings } from '../../scripts/lib/rateLimitCheck';

import type { BenchJob } from './jobs';
import type { SideOutcome } from './sides';

export interface RunVerdict {
	requests: number;
	/** From the measured work's start to the first request's arrival at the sandbox. */
	firstRequestAfterMs?: number;
	rateLimitedAnswers: number;
	/** Rate limit windows the requests opened. */
	windows: number;
	max429PerWindow: number;
	avg429PerWindow: number;
	/** Input items that did not end in a record. */
	failed: number;
	/** Creates FluenzR executed more than once or contacts stored twice; records returned more than once. */
	duplicated: number;
	/** Contacts asked for and not stored; records asked for (or stored, for Return All) and not returned. */
	lost: number;
}

function surplus(keys: string[]): number {
	return keys.length - new Set(keys).size;
}

function missing(expected: Iterable<string>, got: string[]): number {
	const present = new Set(got);
	let count = 0;
	for (const key of expected) if (!present.has(key)) count++;
	return count;
}

export function judgeRun(sandbox: Sandbox, job: BenchJob, account: string, outcome: SideOutcome): RunVerdict {
	const requests = sandbox.requests().filter((request) => request.account === account);
	const arrivals = requests.map((request) => Date.parse(request.at));
	const openings = windowOpenings(requests, job.rateLimit.windowMs);
	const perWindow = openings.map(() => 0);
	for (const request of requests.filter((candidate) => candidate.status === 429)) {
		perWindow[windowIndexAt(openings, Date.parse(request.at))]++;
	}
	const rateLimitedAnswers = perWindow.reduce((sum, count) => sum + count, 0);

	let duplicated: number;
	let lost: number;
	if (job.kind === 'create') {
		const contacts = job.contacts ?? [];
		const wallMs = outcome.finishedAtMs - outcome.startedAtMs;
		const stored =
			requests.length > 0
				? checkRateLimitRun(sandbox, account, contacts, job.rateLimit, { wallMs, finishedAtMs: outcome.finishedAtMs })
				: { duplicated: 0, lost: contacts.length };
		duplicated = stored.duplicated;
		lost = stored.lost;
	} else {
		const expected = job.kind === 'stats' ? (job.campaignIds ?? []) : sandbox.store.account(account).contacts.keys();
		duplicated = surplus(outcome.keys);
		lost = missing(expected, outcome.keys);
	}

	return {
		requests: requests.length,
		firstRequestAfterMs: arrivals.length > 0 ? Math.min(...arrivals) - outcome.startedAtMs : undefined,
		rateLimitedAnswers,
		windows: openings.length,
		max429PerWindow: Math.max(0, ...perWindow),
		avg429PerWindow: openings.length > 0 ? rateLimitedAnswers / openings.length : 0,
		failed: outcome.failed,
		duplicated,
		lost,
	};
}
