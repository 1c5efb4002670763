/**
 * The pacer in scenarios too long or too varied for unit tests (see
 * support/simulate.ts): one process at FluenzR's real limit, two or three
 * n8n workers on one key, on an idle or a busy machine. Virtual time runs a
 * scenario in milliseconds, so many runs show the spread that a few real
 * runs cannot. Not part of the test suite:
 *
 *   npx tsx test/client/pacerSimulation.ts [scenario name, or part of it] [runs]
 */
import { runScript } from '../../scripts/lib/runScript';

import { random, simulate, type Scenario, type SimulationResult } from './support/simulate';

export const SCENARIOS: Record<string, (rand: () => number) => Scenario> = {
	/** Target A: one process, FluenzR's real limit. */
	'A-2500-at-1000-per-60s': () => ({ limit: 1000, windowMs: 60_000, processes: [{ requests: 2500, startMs: 0, cpuMs: 1 }], latencyMs: [1, 8] }),
	'A-500-at-100-per-2s': () => ({ limit: 100, windowMs: 2000, processes: [{ requests: 500, startMs: 0, cpuMs: 1 }], latencyMs: [1, 8] }),
	/** Target B: two workers, 300 each, at 100 / 2 s, starting up to 2 s apart; a lightly loaded machine. */
	'B-light': (rand) => ({
		limit: 100,
		windowMs: 2000,
		processes: [
			{ requests: 300, startMs: 0, cpuMs: 2 },
			{ requests: 300, startMs: rand() * 2000, cpuMs: 2 },
		],
		latencyMs: [1, 10],
	}),
	/** The same on a busy machine: each worker prepares a request in 8 ms (about 100 per second at most), slow and jittery answers, stalls. */
	'B-busy': (rand) => ({
		limit: 100,
		windowMs: 2000,
		processes: [
			{ requests: 300, startMs: 0, cpuMs: 8 },
			{ requests: 300, startMs: rand() * 3000, cpuMs: 8 },
		],
		latencyMs: [5, 40],
		stall: { probability: 0.01, ms: 150 },
	}),
	/** Very busy: a worker alone cannot fill a window (20 ms per request: 100 per 2 s at most). */
	'B-overloaded': (rand) => ({
		limit: 100,
		windowMs: 2000,
		processes: [
			{ requests: 300, startMs: 0, cpuMs: 20 },
			{ requests: 300, startMs: rand() * 3000, cpuMs: 20 },
		],
		latencyMs: [5, 60],
		stall: { probability: 0.01, ms: 300 },
	}),
	/** Queue mode at FluenzR's real limit: two workers, 1,500 each. */
	'B-1000-per-60s': (rand) => ({
		limit: 1000,
		windowMs: 60_000,
		processes: [
			{ requests: 1500, startMs: 0, cpuMs: 3 },
			{ requests: 1500, startMs: rand() * 5000, cpuMs: 3 },
		],
		latencyMs: [2, 30],
		stall: { probability: 0.005, ms: 150 },
	}),
	/** Busy, with long stalls of a worker's event loop (seen in real n8n workers under load). */
	'B-stalls': (rand) => ({
		limit: 100,
		windowMs: 2000,
		processes: [
			{ requests: 300, startMs: 0, cpuMs: 6 },
			{ requests: 300, startMs: rand() * 3000, cpuMs: 6 },
		],
		latencyMs: [5, 50],
		stall: { probability: 0.02, ms: 350 },
	}),
	/** Three workers on one key. */
	'three-workers': (rand) => ({
		limit: 100,
		windowMs: 2000,
		processes: [
			{ requests: 200, startMs: 0, cpuMs: 3 },
			{ requests: 200, startMs: rand() * 2000, cpuMs: 3 },
			{ requests: 200, startMs: rand() * 2000, cpuMs: 3 },
		],
		latencyMs: [1, 20],
	}),
};

function quantile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
	const [only, runsArg] = process.argv.slice(2);
	const runs = Number(runsArg ?? 20);
	for (const [name, make] of Object.entries(SCENARIOS)) {
		if (only && only !== 'all' && !name.includes(only)) continue;
		const results: SimulationResult[] = [];
		for (let seed = 1; seed <= runs; seed++) results.push(await simulate(make(random(seed * 7919)), seed));
		const ratios = results.map((result) => result.spanToFloor);
		const maxPerWindow = results.map((result) => Math.max(...result.refusedPerWindow));
		const avgPerWindow = results.map((result) => result.refused / result.windows);
		process.stdout.write(
			`${name} (${runs} runs): span/floor median ${quantile(ratios, 0.5).toFixed(3)}, p90 ${quantile(ratios, 0.9).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)}; ` +
				`429 per window avg ${(avgPerWindow.reduce((a, b) => a + b, 0) / runs).toFixed(2)}, most in one window: median ${quantile(maxPerWindow, 0.5)}, max ${Math.max(...maxPerWindow)}; ` +
				`failed ${results.reduce((sum, result) => sum + result.failed, 0)}; created ${Math.min(...results.map((result) => result.created))}–${Math.max(...results.map((result) => result.created))}; ` +
				`windows ${Math.min(...results.map((result) => result.windows))}–${Math.max(...results.map((result) => result.windows))}\n`,
		);
		if (process.env.SIM_VERBOSE) {
			for (const result of results) process.stdout.write(`  ${result.spanToFloor.toFixed(3)} refused ${JSON.stringify(result.refusedPerWindow)} created ${JSON.stringify(result.createdPerWindow)} late ${JSON.stringify(result.lateMs)}\n`);
		}
	}
}

if (require.main === module) runScript(main);
