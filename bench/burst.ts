/**
 * Bursts of FluenzR deliveries at the FluenzR Trigger and at n8n's own
 * Webhook node, published side by side in one real n8n (regular mode,
 * SQLite, n8n's defaults unless --env says otherwise):
 *
 *   npx tsx bench/burst.ts --sizes 50,300             one attempt each, 10 s timeout
 *   npx tsx bench/burst.ts --sizes 300 --retries      FluenzR's retries (1, 2, 4, 8, 16 s)
 *   npx tsx bench/burst.ts --env N8N_X=1,N8N_Y=2      an n8n setting under test
 *   npx tsx bench/burst.ts --targets trigger          one side only
 *   npx tsx bench/burst.ts --trigger-version 1        the trigger as workflows made before 1.1 hold it
 *   npx tsx bench/burst.ts --cpu-prof                 n8n writes a CPU profile to test-artifacts/burst/
 *
 * Each size is fired at each target in turn (the order alternating), after
 * the previous burst's executions have all finished. Prints one line per
 * burst and writes every outcome to test-artifacts/burst/<label>.json.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { runScript } from '../scripts/lib/runScript';

import { fireBurst, FLUENZR_DELIVERY_TIMEOUT_MS, FLUENZR_RETRY_DELAYS_MS } from './burst/burstClient';
import { BURST_ARTEFACTS, startBurstN8n, type BurstN8n } from './burst/burstN8n';
import { describeSummary, summariseBurst, type BurstSummary } from './burst/burstSummary';
import { BURST_TARGETS, TARGET_LABELS, type BurstTarget } from './burst/burstWorkflows';

interface Flags {
	sizes: number[];
	retries: boolean;
	env: NodeJS.ProcessEnv;
	targets: BurstTarget[];
	cpuProf: boolean;
	label: string;
	triggerVersion?: number;
}

function parseFlags(argv: string[]): Flags {
	const flags: Flags = { sizes: [50], retries: false, env: {}, targets: [...BURST_TARGETS], cpuProf: false, label: 'burst' };
	for (let i = 0; i < argv.length; i++) {
		const value = argv[i + 1] ?? '';
		switch (argv[i]) {
			case '--sizes':
				flags.sizes = value.split(',').map(Number);
				i++;
				break;
			case '--env':
				flags.env = Object.fromEntries(value.split(',').map((pair) => pair.split('=') as [string, string]));
				i++;
				break;
			case '--targets':
				flags.targets = value.split(',') as BurstTarget[];
				i++;
				break;
			case '--trigger-version':
				flags.triggerVersion = Number(value);
				i++;
				break;
			case '--label':
				flags.label = value;
				i++;
				break;
			case '--retries':
				flags.retries = true;
				break;
			case '--cpu-prof':
				flags.cpuProf = true;
				break;
			default:
				throw new Error(`Unknown flag ${argv[i]}`);
		}
	}
	return flags;
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

/**
 * Until every delivered event's execution has finished and the count has held
 * still for a while: n8n saves executions after answering, and goes on with
 * requests whose client gave up.
 */
async function settledEventIds(setup: BurstN8n, target: BurstTarget, atLeast: number): Promise<string[]> {
	const deadline = Date.now() + 5 * 60_000;
	let previous = -1;
	let unchanged = 0;
	for (;;) {
		// Under a burst n8n may answer 503 ("Database is not ready!") for a while: ask again.
		const ids = await setup.executedEventIds(target).catch(() => undefined);
		if (ids === undefined) {
			if (Date.now() > deadline) throw new Error(`n8n did not list the executions of ${target} within 5 minutes`);
			await sleep(3_000);
			continue;
		}
		unchanged = ids.length === previous ? unchanged + 1 : 0;
		if ((ids.length >= atLeast && unchanged >= 3) || Date.now() > deadline) return ids;
		previous = ids.length;
		await sleep(3_000);
	}
}

export interface BurstRecord {
	target: BurstTarget;
	summary: BurstSummary;
	loadBefore: string;
	loadAfter: string;
}

async function main(): Promise<void> {
	const flags = parseFlags(process.argv.slice(2));
	const nodeOptions = flags.cpuProf ? `--cpu-prof --cpu-prof-dir=${path.join(BURST_ARTEFACTS, `prof-${flags.label}`)}` : undefined;
	console.log(`load ${load()}; starting n8n (${JSON.stringify(flags.env)})`);
	const setup = await startBurstN8n({ env: flags.env, label: flags.label, nodeOptions, triggerVersion: flags.triggerVersion });
	const records: BurstRecord[] = [];
	try {
		for (const [index, size] of flags.sizes.entries()) {
			const order = index % 2 === 0 ? flags.targets : [...flags.targets].reverse();
			for (const target of order) {
				const deliveries = setup.deliveries(target, size, `${flags.label}_${index}`);
				const loadBefore = load();
				const outcomes = await fireBurst(setup.url(target), deliveries, {
					timeoutMs: FLUENZR_DELIVERY_TIMEOUT_MS,
					retryDelaysMs: flags.retries ? FLUENZR_RETRY_DELAYS_MS : [],
				});
				const loadAfter = load();
				const delivered = outcomes.filter((outcome) => outcome.delivered).length;
				const ids = (await settledEventIds(setup, target, delivered)).filter((id) => deliveries.some((delivery) => delivery.eventId === id));
				const summary = summariseBurst(outcomes, ids);
				records.push({ target, summary, loadBefore, loadAfter });
				console.log(`${size} × ${TARGET_LABELS[target]}: ${describeSummary(summary)} [load ${loadBefore} → ${loadAfter}]`);
				writeFileSync(path.join(BURST_ARTEFACTS, `${flags.label}-${target}-${size}.json`), JSON.stringify(outcomes));
			}
		}
	} finally {
		await setup.stop();
	}
	writeFileSync(path.join(BURST_ARTEFACTS, `${flags.label}.json`), JSON.stringify({ flags, records }, null, 2));
}

runScript(main);
