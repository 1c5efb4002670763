/**
 * The bench's burst job (`npm run bench -- --only burst`): bursts of 50, 300
 * and 1,000 deliveries at the FluenzR Trigger and at n8n's Webhook node in
 * one n8n, one attempt each with FluenzR's 10 s timeout, with n8n's default
 * settings and with lazy isolate acquisition; then 1,000 with FluenzR's
 * retries, in regular mode and in queue mode (2 workers, 2 webhook processes
 * behind a load balancer routing by event id). Each setting's n8n first
 * takes an unrecorded warm-up burst. Written to bench/results-burst.md.
 */
import { renderMarkdown, renderText, type Table } from '../table';

import type { QueueRouting } from './burstN8n';
import { runBursts, type BurstRecord } from './burstRun';
import { TARGET_LABELS } from './burstWorkflows';

export const BURST_JOB_ID = 'burst';

interface BurstSetting {
	label: string;
	title: string;
	env: NodeJS.ProcessEnv;
	sizes: number[];
	retries: boolean;
	queue?: QueueRouting;
}

/** n8n's expression engine builds an isolate only when an expression needs one: the setting that lets the trigger keep up. */
export const LAZY_ISOLATES = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

const SETTINGS: BurstSetting[] = [
	{ label: 'defaults', title: "n8n's defaults", env: {}, sizes: [50, 300, 1_000], retries: false },
	{ label: 'lazy', title: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: LAZY_ISOLATES, sizes: [50, 300, 1_000], retries: false },
	{ label: 'lazy-retries', title: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, FluenzR retries', env: LAZY_ISOLATES, sizes: [1_000], retries: true },
	{
		label: 'queue-lazy-retries',
		title: 'queue mode routed by event id, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, FluenzR retries',
		env: LAZY_ISOLATES,
		sizes: [1_000],
		retries: true,
		queue: 'by event id',
	},
];

const seconds = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);

function row(setting: BurstSetting, record: BurstRecord): string[] {
	const { summary } = record;
	const failures = Object.entries(summary.failures)
		.map(([kind, count]) => `${count}× ${kind}`)
		.join(', ');
	return [
		setting.title,
		TARGET_LABELS[record.target],
		String(summary.size),
		`${summary.firstAttemptOk}`,
		seconds(summary.medianOkMs),
		seconds(summary.slowestOkMs),
		setting.retries ? `${summary.delivered} (${summary.attempts} attempts${failures ? `; ${failures}` : ''})` : '–',
		`${summary.executions} (${summary.ranTwice} twice)`,
		String(summary.deliveredButNotRun),
		String(summary.ranButReportedFailed),
		record.loadBefore.split(' ')[0],
	];
}

export function burstTable(results: Array<{ setting: BurstSetting; records: BurstRecord[] }>): Table {
	return {
		headers: ['n8n settings', 'Target', 'Events', '2xx in 10 s (1st attempt)', 'Median', 'Slowest', 'Delivered with retries', 'Executions', 'Acknowledged, never run', 'Run, reported failed', 'Load'],
		rows: results.flatMap(({ setting, records }) => records.map((record) => row(setting, record))),
		rightAligned: [2, 3, 4, 5],
	};
}

/** Runs every setting; answers the text table (printed) and the markdown (for the results file). */
export async function runBurstJob(): Promise<{ text: string; markdown: string }> {
	const results: Array<{ setting: BurstSetting; records: BurstRecord[] }> = [];
	for (const setting of SETTINGS) {
		console.log(`Bursts with ${setting.title}:`);
		results.push({ setting, records: await runBursts({ sizes: setting.sizes, retries: setting.retries, env: setting.env, label: setting.label, queue: setting.queue }) });
	}
	const table = burstTable(results);
	return { text: renderText(table), markdown: renderMarkdown(table) };
}
