/**
 * Bursts of FluenzR deliveries at the FluenzR Trigger and at n8n's own
 * Webhook node, published side by side in one real n8n (regular mode,
 * SQLite, n8n's defaults unless --env says otherwise; with --queue, queue
 * mode: PostgreSQL, Redis, main, 2 workers, 2 webhook processes behind a
 * load balancer that receives the deliveries, --env reaching every process):
 *
 *   npx tsx bench/burst.ts --sizes 50,300             one attempt each, 10 s timeout
 *   npx tsx bench/burst.ts --sizes 300 --retries      FluenzR's retries (1, 2, 4, 8, 16 s)
 *   npx tsx bench/burst.ts --env N8N_X=1,N8N_Y=2      an n8n setting under test
 *   npx tsx bench/burst.ts --queue --sizes 50,300     n8n in queue mode (scripts/install-queue-services.sh once)
 *   npx tsx bench/burst.ts --queue-by-event ...       the same, its load balancer routing by X-Fluenzr-Delivery
 *   npx tsx bench/burst.ts --targets trigger          one side only
 *   npx tsx bench/burst.ts --trigger-version 1        the trigger as workflows made before 1.1 hold it
 *   npx tsx bench/burst.ts --webhook-with-credential  the Webhook node's workflow also holds a credential (checked per run)
 *   npx tsx bench/burst.ts --cpu-prof                 n8n writes a CPU profile to test-artifacts/burst/
 *   npx tsx bench/burst.ts --warm-up 0                no unrecorded warm-up burst (50 at each target by default)
 *
 * Each size is fired at each target in turn (the order alternating), after
 * the previous burst's executions have all finished. Prints one line per
 * burst and writes every outcome to test-artifacts/burst/<label>.json.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { runScript } from '../scripts/lib/runScript';

import { BURST_ARTEFACTS, type QueueRouting } from './burst/burstN8n';
import { loadAverages, runBursts, WARM_UP_SIZE } from './burst/burstRun';
import { BURST_TARGETS, type BurstTarget, type BurstWorkflowOptions } from './burst/burstWorkflows';

interface Flags {
	sizes: number[];
	retries: boolean;
	env: NodeJS.ProcessEnv;
	targets: BurstTarget[];
	cpuProf: boolean;
	queue: QueueRouting | undefined;
	label: string;
	workflows: BurstWorkflowOptions;
	warmUpSize: number;
}

function parseFlags(argv: string[]): Flags {
	const flags: Flags = { sizes: [50], retries: false, env: {}, targets: [...BURST_TARGETS], cpuProf: false, queue: undefined, label: 'burst', workflows: {}, warmUpSize: WARM_UP_SIZE };
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
				flags.workflows.triggerVersion = Number(value);
				i++;
				break;
			case '--warm-up':
				flags.warmUpSize = Number(value);
				i++;
				break;
			case '--label':
				flags.label = value;
				i++;
				break;
			case '--webhook-with-credential':
				flags.workflows.webhookWithCredential = true;
				break;
			case '--retries':
				flags.retries = true;
				break;
			case '--cpu-prof':
				flags.cpuProf = true;
				break;
			case '--queue':
				flags.queue = 'round robin';
				break;
			case '--queue-by-event':
				flags.queue = 'by event id';
				break;
			default:
				throw new Error(`Unknown flag ${argv[i]}`);
		}
	}
	return flags;
}

async function main(): Promise<void> {
	const flags = parseFlags(process.argv.slice(2));
	const nodeOptions = flags.cpuProf ? `--cpu-prof --cpu-prof-dir=${path.join(BURST_ARTEFACTS, `prof-${flags.label}`)}` : undefined;
	console.log(`load ${loadAverages()}; starting n8n${flags.queue ? ` in queue mode (${flags.queue})` : ''} (${JSON.stringify(flags.env)})`);
	const records = await runBursts({ ...flags, nodeOptions });
	writeFileSync(path.join(BURST_ARTEFACTS, `${flags.label}.json`), JSON.stringify({ flags, records }, null, 2));
}

runScript(main);
