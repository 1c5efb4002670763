/**
 * The bench's burst job (`npm run bench -- --only burst`): bursts of 50, 300
 * and 1,000 deliveries at the FluenzR Trigger and at n8n's Webhook node in
 * one n8n, one attempt each with FluenzR's 10 s timeout, with n8n's default
 * settings and with lazy isolate acquisition; then 1,000 with FluenzR's
 * retries. Written to bench/results-burst.md.
 */
import { renderMarkdown, renderText, type Table } from '../table';

import { runBursts, type BurstRecord } from './burstRun';
import { TARGET_LABELS } from './burstWorkflows';

export const BURST_JOB_ID = 'burst';

interface BurstSetting {
	label: string;
	title: string;
	env: NodeJS.ProcessEnv;
	sizes: number[];
	retries: boolean;
}

/** n8n's expression engine builds an isolate only when an expression needs one: the setting that lets the trigger keep up. */
export const LAZY_ISOLATES = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

const SETTINGS: BurstSetting[] = [
	{ label: 'defaults', title: "n8n's defaults", env: {}, sizes: [50, 300, 1_000], retries: false },
	{ label: 'lazy', title: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: LAZY_ISOLATES, sizes: [50, 300, 1_000], retries: false },
	{ label: 'lazy-retries', title: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, FluenzR retries', env: LAZY_ISOLATES, sizes: [1_000], retries: true },
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
		record.loadBefore.split(' ')[0],
	];
}

export function burstTable(results: Array<{ setting: BurstSetting; records: BurstRecord[] }>): Table {
	return {
		headers: ['n8n settings', 'Target', 'Events', '2xx in 10 s (1st attempt)', 'Median', 'Slowest', 'Delivered with retries', 'Executions', 'Load'],
		rows: results.flatMap(({ setting, records }) => records.map((record) => row(setting, record))),
		rightAligned: [2, 3, 4, 5],
	};
}

/** Runs every setting; answers the text table (printed) and the markdown (for the results file). */
export async function runBurstJob(): Promise<{ text: string; markdown: string }> {
	const results: Array<{ setting: BurstSetting; records: BurstRecord[] }> = [];
	for (const setting of SETTINGS) {
		console.log(`Bursts with ${setting.title}:`);
		results.push({ setting, records: await runBursts({ sizes: setting.sizes, retries: setting.retries, env: setting.env, label: setting.label }) });
	}
	const table = burstTable(results);
	return { text: renderText(table), markdown: renderMarkdown(table) };
}
