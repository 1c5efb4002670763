/**
 * Pacers against the sandbox's own fixed-window rule, in virtual time: one or
 * more processes (n8n workers), each with its own RateLimiter, send requests
 * on one API key. Each process has a CPU that prepares one request at a time
 * (what bounds a busy n8n worker's rate) and a random latency each way
 * (which also reorders requests). Seconds of traffic run in milliseconds.
 */
import { floorMsOf, openingsOf, windowIndexAt } from '../../../scripts/lib/rateLimitCheck';
import { RateLimiter, type PacerClock } from '../../../client/rateLimiter';
import { FixedWindowLimit } from '../../../sandbox/http/fixedWindowLimit';
import { VirtualClock } from './virtualClock';

/** A small seeded generator, so that a run can be replayed. */
export function random(seed: number): () => number {
	// Spread small seeds over the state, and skip the first outputs, which stay close to the seed.
	let state = Math.imul(seed, 2654435761) >>> 0 || 1;
	const next = () => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return (state >>> 0) / 2 ** 32;
	};
	for (let i = 0; i < 8; i++) next();
	return next;
}

export interface ProcessSpec {
	requests: number;
	startMs: number;
	/** CPU per request before it leaves (one at a time): bounds the process's rate. */
	cpuMs: number;
}

export interface Scenario {
	limit: number;
	windowMs: number;
	processes: ProcessSpec[];
	/** One-way latency, uniform between these. */
	latencyMs: [number, number];
	/** Occasional stalls of a process (event loop blocked): probability per request, and length. */
	stall?: { probability: number; ms: number };
	/** Where in a second the first request leaves (ms); random by default, as for a real client. */
	startPhaseMs?: number;
}

export interface SimulationResult {
	created: number;
	refused: number;
	windows: number;
	refusedPerWindow: number[];
	/** Created in each window, by each process. */
	createdPerWindow: number[][];
	/** 429s in each window, by each process. */
	refusedPerWindowByProcess: number[][];
	lateMs: number[];
	floorMs: number;
	spanToFloor: number;
	/** 429s met by each process. */
	refusedByProcess: number[];
	/** The process whose request opened each window. */
	openedBy: number[];
	failed: number;
}

const MAX_RETRIES = 5;

export async function simulate(scenario: Scenario, seed: number, makeLimiter = (clock: PacerClock) => new RateLimiter(4, clock)): Promise<SimulationResult> {
	const rand = random(seed);
	// Windows open at any point of a second, as they do for a real client.
	const phase = Math.floor(rand() * 1000);
	const clock = new VirtualClock(1_700_000_000_000 + (scenario.startPhaseMs ?? phase));
	const server = new FixedWindowLimit(() => ({ limit: scenario.limit, windowMs: scenario.windowMs }), () => clock.now());
	const arrivals: Array<{ at: number; limited: boolean; process: number }> = [];
	const refusedByProcess = scenario.processes.map(() => 0);
	let failed = 0;
	const latency = () => scenario.latencyMs[0] + rand() * (scenario.latencyMs[1] - scenario.latencyMs[0]);

	const runs = scenario.processes.map(async (spec, processIndex) => {
		const limiter = makeLimiter(clock);
		let cpuFreeAt = 0;
		await clock.sleep(spec.startMs);
		await Promise.all(
			Array.from({ length: spec.requests }, async () => {
				for (let attempt = 0; ; attempt++) {
					const ticket = await limiter.acquire();
					const stall = scenario.stall && rand() < scenario.stall.probability ? scenario.stall.ms : 0;
					cpuFreeAt = Math.max(cpuFreeAt, clock.now()) + spec.cpuMs + stall;
					await clock.sleep(cpuFreeAt - clock.now() + latency());
					const verdict = server.hit('key');
					arrivals.push({ at: clock.now(), limited: verdict.limited, process: processIndex });
					await clock.sleep(latency());
					if (!verdict.limited) {
						limiter.observe(verdict.headers, ticket);
						limiter.release(ticket);
						return;
					}
					refusedByProcess[processIndex]++;
					limiter.rateLimited(verdict.headers, ticket);
					limiter.release(ticket);
					if (attempt === MAX_RETRIES) {
						failed++;
						return;
					}
				}
			}),
		);
	});
	const done = Promise.all(runs);
	await clock.run();
	await done;

	arrivals.sort((a, b) => a.at - b.at);
	const openings = openingsOf(arrivals.map((arrival) => arrival.at), scenario.windowMs);
	const openedBy = openings.map((opening) => (arrivals.find((arrival) => arrival.at === opening) as { process: number }).process);
	const windowOf = (at: number) => windowIndexAt(openings, at);
	const refusedPerWindow = openings.map(() => 0);
	const createdPerWindow = openings.map(() => scenario.processes.map(() => 0));
	const refusedPerWindowByProcess = openings.map(() => scenario.processes.map(() => 0));
	for (const { at, limited, process } of arrivals) {
		if (limited) {
			refusedPerWindow[windowOf(at)]++;
			refusedPerWindowByProcess[windowOf(at)][process]++;
		} else {
			createdPerWindow[windowOf(at)][process]++;
		}
	}
	const total = scenario.processes.reduce((sum, spec) => sum + spec.requests, 0);
	const last = (arrivals.at(-1) as { at: number }).at;
	const floorMs = floorMsOf(total, scenario, last - (openings.at(-1) as number));
	return {
		created: arrivals.filter((arrival) => !arrival.limited).length,
		refused: arrivals.filter((arrival) => arrival.limited).length,
		windows: openings.length,
		refusedPerWindow,
		createdPerWindow,
		refusedPerWindowByProcess,
		lateMs: openings.slice(1).map((opening, index) => Math.round(opening - openings[index] - scenario.windowMs)),
		floorMs,
		spanToFloor: (last - openings[0]) / floorMs,
		refusedByProcess,
		openedBy,
		failed,
	};
}

