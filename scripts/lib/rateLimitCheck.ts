/**
 * A rate-limited run of creates judged from the sandbox's own records rather
 * than the client's word: what was created, what was sent twice, the 429s
 * met, and the time the rate limit allows at best. Shared by the benchmark,
 * the queue-mode suite and the pacer simulation, which replay the sandbox's
 * window rule the same way.
 */
import type { LoggedRequest, RateLimitConfig, Sandbox } from '../../sandbox';

/** When the client's run ended, and how long it took from handing the job over. */
export interface RunTiming {
	wallMs: number;
	finishedAtMs: number;
}

export interface RateLimitVerdict {
	/** Input contacts that exist exactly once in the sandbox. */
	created: number;
	/** Input contacts missing from the sandbox. */
	lost: number;
	/** Creates FluenzR executed more than once (a second copy, or "already exists"), plus contacts stored twice. */
	duplicated: number;
	/** 429 answers in the sandbox's log. */
	rateLimitedAnswers: number;
	/** Rate limit windows the requests opened. */
	windows: number;
	/** (ceil(n / limit) − 1) full windows, plus the last window's own time. */
	floorMs: number;
	/** Wall time (from handing the job over) / floor. */
	ratioToFloor: number;
	/** From the first request to the last answer / floor: the pacing alone, without the client's preparation. */
	pacingRatioToFloor: number;
}

/**
 * When each fixed window opened, from the requests' arrival times (ms),
 * replaying the sandbox's rule: a window is opened by the first request after
 * the previous one ended.
 */
export function openingsOf(arrivalsMs: number[], windowMs: number): number[] {
	const openings: number[] = [];
	for (const at of [...arrivalsMs].sort((x, y) => x - y)) {
		const current = openings.at(-1);
		if (current === undefined || at >= current + windowMs) openings.push(at);
	}
	return openings;
}

/** The same for the sandbox's log, which is in order of answers; `at` is each request's arrival. */
export function windowOpenings(requests: LoggedRequest[], windowMs: number): number[] {
	return openingsOf(requests.map((request) => Date.parse(request.at)), windowMs);
}

/** Which window (0 for the first) a moment falls in, given the windows' openings in order. */
export function windowIndexAt(openings: number[], atMs: number): number {
	let index = 0;
	while (index + 1 < openings.length && openings[index + 1] <= atMs) index++;
	return index;
}

/** What the limit allows at best for `requests`: (⌈requests / limit⌉ − 1) full windows, plus the last window's own time. */
export function floorMsOf(requests: number, rateLimit: RateLimitConfig, lastWindowOwnMs: number): number {
	return (Math.ceil(requests / rateLimit.limit) - 1) * rateLimit.windowMs + lastWindowOwnMs;
}

export function checkRateLimitRun(
	sandbox: Sandbox,
	accountId: string,
	inputs: Array<{ email: string }>,
	rateLimit: RateLimitConfig,
	report: RunTiming,
): RateLimitVerdict {
	const requests = sandbox.requests().filter((request) => request.account === accountId);

	const stored = new Map<string, number>();
	for (const contact of sandbox.store.account(accountId).contacts.values()) {
		const email = contact.email.toLowerCase();
		stored.set(email, (stored.get(email) ?? 0) + 1);
	}
	// A 429 means FluenzR did nothing; any other answer to a create means it was executed.
	const executed = new Map<string, number>();
	for (const request of requests) {
		if (request.method !== 'POST' || request.status === 429) continue;
		const email = String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase();
		executed.set(email, (executed.get(email) ?? 0) + 1);
	}
	let created = 0;
	let duplicated = 0;
	for (const { email } of inputs) {
		const copies = stored.get(email) ?? 0;
		if (copies === 1) created++;
		duplicated += Math.max(0, copies - 1) + Math.max(0, (executed.get(email) ?? 0) - 1);
	}

	const openings = windowOpenings(requests, rateLimit.windowMs);
	if (openings.length === 0) throw new Error('The run made no request: nothing to compare with the floor');
	const lastWindowOwnMs = Math.max(0, report.finishedAtMs - (openings.at(-1) as number));
	const floorMs = floorMsOf(inputs.length, rateLimit, lastWindowOwnMs);
	return {
		created,
		lost: inputs.length - created,
		duplicated,
		rateLimitedAnswers: requests.filter((request) => request.status === 429).length,
		windows: openings.length,
		floorMs,
		ratioToFloor: report.wallMs / floorMs,
		pacingRatioToFloor: (report.finishedAtMs - openings[0]) / floorMs,
	};
}
