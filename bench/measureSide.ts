/** One side of one scenario, measured: a fresh sandbox state, a fresh client process, the sandbox's counts. */
import { DEMO_ACCOUNTS, DEMO_KEYS, type Sandbox } from '../sandbox';

import { contactInputs, type Job, type Side, type SideReport } from './jobs';
import { checkRateLimitRun, type RateLimitVerdict } from './rateLimitCheck';
import type { Scenario } from './scenarios';
import { runSideProcess } from './spawnSide';

export interface Measurement {
	scenario: Scenario;
	side: Side;
	/** Requests the sandbox received with the measured key. */
	requests: number;
	/**
	 * From handing the job over to the first request's arrival: for the node,
	 * n8n preparing every item's request (it does so for all items before
	 * sending any).
	 */
	firstRequestAfterMs: number;
	report: SideReport;
	/** Wall times of every run of this side, when the scenario runs several times (this one is the median). */
	runsWallMs?: number[];
	/** Scenario 5 only. */
	rateLimit?: RateLimitVerdict;
}

/**
 * The sandbox sorts and filters a list once and caches it; the first page of
 * a 100,000-contact sort costs it about a quarter of a second. Asking for that
 * page before the client starts keeps the server's one-off cost out of both
 * sides' times.
 */
async function warmListCache(sandbox: Sandbox, job: Job): Promise<void> {
	if (job.kind !== 'listContacts') return;
	const query = new URLSearchParams({ ...job.filters, sort: job.sort.field, order: job.sort.order, perPage: '100' });
	const response = await fetch(`${sandbox.baseUrl}/contacts?${query}`, { headers: { Authorization: `Bearer ${DEMO_KEYS.pro}` } });
	if (!response.ok) throw new Error(`Warming the sandbox's list cache answered ${response.status}`);
	await response.arrayBuffer();
}

export async function measureSide(sandbox: Sandbox, scenario: Scenario, side: Side): Promise<Measurement> {
	sandbox.reset();
	sandbox.configure({ rateLimit: scenario.rateLimit });
	const job = scenario.prepare(sandbox);
	await warmListCache(sandbox, job);
	// New windows for the measured key, and nothing counted yet.
	sandbox.configure({ rateLimit: scenario.rateLimit });
	sandbox.clearRequests();

	const report = await runSideProcess(scenario.id, side, {
		job,
		baseUrl: sandbox.baseUrl,
		apiKey: DEMO_KEYS.pro,
		warmUpApiKey: DEMO_KEYS.other,
	});
	const requests = sandbox.requests().filter((request) => request.account === DEMO_ACCOUNTS.pro);
	// The log is in order of answers; `at` is each request's arrival.
	const firstArrivalMs = Math.min(...requests.map((request) => Date.parse(request.at)));
	const firstRequestAfterMs = requests.length ? firstArrivalMs - report.startedAtMs : report.wallMs;
	const rateLimit =
		job.kind === 'createContacts' && scenario.rateLimit.limit < job.count
			? checkRateLimitRun(sandbox, DEMO_ACCOUNTS.pro, contactInputs(job.count, job.emailDomain), scenario.rateLimit, report)
			: undefined;
	return { scenario, side, requests: requests.length, firstRequestAfterMs, report, rateLimit };
}

/** The median run (by wall time) of several, with every run's wall time. */
export function medianRun(runs: Measurement[]): Measurement {
	const sorted = [...runs].sort((a, b) => a.report.wallMs - b.report.wallMs);
	const median = sorted[Math.floor((sorted.length - 1) / 2)];
	return runs.length > 1 ? { ...median, runsWallMs: sorted.map((run) => run.report.wallMs) } : median;
}
