/**
 * Bursts of each size at each target in one n8n, the order of the targets
 * alternating from one size to the next, each after the previous burst's
 * executions have all finished. A warm-up burst at each target comes first
 * and is not recorded: a fresh n8n answers its first burst 1–2 s slower
 * (compiling its code paths), whichever target gets it, and FluenzR's
 * events reach an n8n that has long been running.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { fireBurst, FLUENZR_DELIVERY_TIMEOUT_MS, FLUENZR_RETRY_DELAYS_MS } from './burstClient';
import { BURST_ARTEFACTS, startBurstN8n, type BurstN8n, type QueueRouting } from './burstN8n';
import { describeSummary, summariseBurst, type BurstSummary } from './burstSummary';
import { BURST_TARGETS, TARGET_LABELS, type BurstTarget, type BurstWorkflowOptions } from './burstWorkflows';

export interface BurstRunOptions {
	sizes: number[];
	/** FluenzR's retry schedule (1, 2, 4, 8, 16 s) after a failed attempt; otherwise one attempt each. */
	retries: boolean;
	/** n8n settings under test. */
	env: NodeJS.ProcessEnv;
	targets?: BurstTarget[];
	/** Names n8n's log and the outcome files in test-artifacts/burst/. */
	label: string;
	workflows?: BurstWorkflowOptions;
	/** Extra NODE_OPTIONS for n8n (e.g. --cpu-prof). */
	nodeOptions?: string;
	/** Deliveries in the unrecorded warm-up burst at each target; 0 for none. */
	warmUpSize?: number;
	/** n8n in queue mode, the deliveries through the load balancer in front of its webhook processes, routed so. */
	queue?: QueueRouting;
}

export const WARM_UP_SIZE = 50;

export interface BurstRecord {
	target: BurstTarget;
	summary: BurstSummary;
	/** 1, 5 and 15 min load averages before and after the burst. */
	loadBefore: string;
	loadAfter: string;
}

export const loadAverages = () =>
	loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');

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
		} else {
			unchanged = ids.length === previous ? unchanged + 1 : 0;
			if ((ids.length >= atLeast && unchanged >= 3) || Date.now() > deadline) return ids;
			previous = ids.length;
		}
		await sleep(3_000);
	}
}

/** One burst at one target, once its executions have all finished. */
async function burstAt(setup: BurstN8n, target: BurstTarget, size: number, batch: string, retries: boolean): Promise<BurstRecord> {
	const deliveries = setup.deliveries(target, size, batch);
	const loadBefore = loadAverages();
	const outcomes = await fireBurst(setup.url(target), deliveries, {
		timeoutMs: FLUENZR_DELIVERY_TIMEOUT_MS,
		retryDelaysMs: retries ? FLUENZR_RETRY_DELAYS_MS : [],
	});
	const loadAfter = loadAverages();
	const delivered = outcomes.filter((outcome) => outcome.delivered).length;
	const fired = new Set(deliveries.map((delivery) => delivery.eventId));
	const ids = (await settledEventIds(setup, target, delivered)).filter((id) => fired.has(id));
	writeFileSync(path.join(BURST_ARTEFACTS, `${batch}-${target}-${size}.json`), JSON.stringify(outcomes));
	return { target, summary: summariseBurst(outcomes, ids), loadBefore, loadAfter };
}

const describeRecord = (record: BurstRecord) =>
	`${record.summary.size} × ${TARGET_LABELS[record.target]}: ${describeSummary(record.summary)} [load ${record.loadBefore} → ${record.loadAfter}]`;

export async function runBursts(options: BurstRunOptions): Promise<BurstRecord[]> {
	const targets = options.targets ?? [...BURST_TARGETS];
	const setup = await startBurstN8n({
		env: options.env,
		label: options.label,
		nodeOptions: options.nodeOptions,
		workflows: options.workflows,
		queue: options.queue,
	});
	const records: BurstRecord[] = [];
	try {
		const warmUpSize = options.warmUpSize ?? WARM_UP_SIZE;
		if (warmUpSize > 0) {
			for (const target of targets) {
				console.log(`warm-up, not recorded: ${describeRecord(await burstAt(setup, target, warmUpSize, `${options.label}_warm-up`, false))}`);
			}
		}
		for (const [index, size] of options.sizes.entries()) {
			const order = index % 2 === 0 ? targets : [...targets].reverse();
			for (const target of order) {
				const record = await burstAt(setup, target, size, `${options.label}_${index}`, options.retries);
				records.push(record);
				console.log(describeRecord(record));
			}
		}
	} finally {
		await setup.stop();
	}
	return records;
}
