/**
 * Measures the pacer alone in one process: N contact creates by the Fluenzr
 * node through n8n's engine (the harness, in a fresh client process, as
 * `npm run bench` runs it) against the sandbox's fixed window, and prints,
 * from the sandbox's own log, the time against the floor the limit imposes
 * and the 429s per window. Not part of the test suite (a timing measures the
 * machine as much as the pacer):
 *
 *   npx tsx test/client/measurePacer.ts <creates> <limit> <windowSeconds> [runs]
 *   npx tsx test/client/measurePacer.ts 2500 1000 60 3
 */
import { loadavg } from 'node:os';

import { windowIndexAt, windowOpenings } from '../../bench/rateLimitCheck';
import { measureSide } from '../../bench/measureSide';
import type { Scenario } from '../../bench/scenarios';
import { stopRunningSides } from '../../bench/spawnSide';
import { DEMO_ACCOUNTS, startSandbox } from '../../sandbox';
import { runScript } from '../../scripts/lib/runScript';

async function main(): Promise<void> {
	const [count, limit, windowSeconds, runs = 1] = process.argv.slice(2).map(Number);
	if (!count || !limit || !windowSeconds) throw new Error('Usage: measurePacer.ts <creates> <limit> <windowSeconds> [runs]');
	const rateLimit = { limit, windowMs: windowSeconds * 1000 };
	const scenario: Scenario = {
		id: 'pacer',
		title: `${count} creates at ${limit} requests / ${windowSeconds} s`,
		rateLimit,
		prepare: () => ({ kind: 'createContacts', count, emailDomain: 'pacer.example' }),
		minimumRequests: count,
		records: count,
		runs,
	};
	const sandbox = await startSandbox({ port: 0, rateLimit, logRequests: true });
	try {
		for (let run = 1; run <= runs; run++) {
			const load = loadavg()[0];
			const { rateLimit: verdict, report } = await measureSide(sandbox, scenario, 'node');
			if (!verdict) throw new Error('no verdict');
			const requests = sandbox.requests().filter((request) => request.account === DEMO_ACCOUNTS.pro);
			const openings = windowOpenings(requests, rateLimit.windowMs);
			const windowOf = (at: number) => windowIndexAt(openings, at);
			const refusedPerWindow = openings.map(() => 0);
			const createdPerWindow = openings.map(() => 0);
			for (const request of requests) {
				if (request.status === 429) refusedPerWindow[windowOf(Date.parse(request.at))]++;
				else createdPerWindow[windowOf(Date.parse(request.at))]++;
			}
			const late = openings.slice(1).map((opening, index) => opening - openings[index] - rateLimit.windowMs);
			process.stdout.write(
				`${JSON.stringify({
					run,
					scenario: scenario.title,
					loadAverageAtStart: load,
					created: verdict.created,
					failed: report.failedItems,
					lost: verdict.lost,
					duplicated: verdict.duplicated,
					windows: verdict.windows,
					floorS: verdict.floorMs / 1000,
					wallS: report.wallMs / 1000,
					wallToFloor: Number(verdict.ratioToFloor.toFixed(3)),
					firstRequestToLastAnswerToFloor: Number(verdict.pacingRatioToFloor.toFixed(3)),
					refused: verdict.rateLimitedAnswers,
					refusedPerWindowAvg: Number((verdict.rateLimitedAnswers / verdict.windows).toFixed(2)),
					refusedPerWindowMax: Math.max(...refusedPerWindow),
					refusedPerWindow,
					createdPerWindow,
					windowOpenedLateMs: late,
				})}\n`,
			);
		}
	} finally {
		stopRunningSides();
		await sandbox.stop();
	}
}

runScript(main);
