/** The real-n8n bench's one table, and each target with whether it was met. */
import type { Table } from '../table';

import type { BenchJob } from './jobs';
import { SIDE_LABELS, SIDES, type PlannedRun, type SideName } from './plan';
import type { SideOutcome } from './sides';
import type { RunVerdict } from './verdict';

export interface Measurement {
	run: PlannedRun;
	outcome: SideOutcome;
	verdict: RunVerdict;
	totalMs: number;
}

/** Every run of one side of one job, and the one reported (the median by total time). */
export interface SideSummary {
	job: BenchJob;
	side: SideName;
	runs: Measurement[];
	median: Measurement;
}

export const TARGETS = {
	/** FluenzR node time / HTTP Request node time, every job. */
	maxToHttp: 1.0,
	/** From the node's start to its first request, job 1 (1,000 items). */
	maxFirstRequestMs: 1_000,
	/** Job 6: FluenzR node time / the floor's. */
	maxToFloor: 1.03,
	/** Job 6: responses of 429 per rate limit window, on average. */
	maxAvg429PerWindow: 1,
};
const FIRST_REQUEST_JOB = '1';
const REAL_LIMIT_JOB = '6';

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const ratio = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(2)}×`);
const megabytes = (mb: number | undefined) => (mb === undefined ? '?' : `${Math.round(mb)} MB`);

function medianOf(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarise(measurements: Measurement[]): SideSummary[] {
	const summaries: SideSummary[] = [];
	for (const job of [...new Set(measurements.map((m) => m.run.job))]) {
		for (const side of SIDES) {
			const runs = measurements.filter((m) => m.run.job === job && m.run.side === side);
			if (runs.length === 0) continue;
			const sorted = [...runs].sort((a, b) => a.totalMs - b.totalMs);
			summaries.push({ job, side, runs, median: sorted[Math.floor((sorted.length - 1) / 2)] });
		}
	}
	return summaries;
}

/** The median total, as the middle run's (two runs: the mean of both). */
const medianTotal = (summary: SideSummary) => medianOf(summary.runs.map((m) => m.totalMs));

function find(summaries: SideSummary[], job: BenchJob, side: SideName): SideSummary | undefined {
	return summaries.find((summary) => summary.job === job && summary.side === side);
}

function ratioTo(summaries: SideSummary[], summary: SideSummary, other: SideName): number | undefined {
	const reference = find(summaries, summary.job, other);
	return reference && reference !== summary ? medianTotal(summary) / medianTotal(reference) : undefined;
}

/** The worst of every run, so that a bad run is never hidden behind a good median. */
const worst = (summary: SideSummary, field: 'failed' | 'duplicated' | 'lost') => Math.max(...summary.runs.map((m) => m.verdict[field]));

function totalCell(summary: SideSummary): string {
	const totals = summary.runs.map((m) => m.totalMs).sort((a, b) => a - b);
	const range = totals.length > 1 ? ` (${seconds(totals[0]).replace(' s', '')}–${seconds(totals.at(-1) as number)})` : '';
	return `${seconds(medianTotal(summary))}${range}`;
}

function firstRequestCell(summary: SideSummary): string {
	const values = summary.runs.map((m) => m.verdict.firstRequestAfterMs).filter((ms): ms is number => ms !== undefined);
	return values.length === 0 ? 'none' : seconds(medianOf(values));
}

/** The median time from a side's first request to its end: its sending, without its preparation. */
function medianFromFirstRequest(summary: SideSummary): number {
	return medianOf(summary.runs.map((m) => m.totalMs - (m.verdict.firstRequestAfterMs ?? 0)));
}

function rateLimitCell(summary: SideSummary): string {
	const { verdict } = summary.median;
	if (verdict.rateLimitedAnswers === 0) return '0';
	return `${verdict.rateLimitedAnswers} (${verdict.max429PerWindow} / ${verdict.avg429PerWindow.toFixed(1)})`;
}

function memoryCell(summary: SideSummary): string {
	if (!summary.job.measuresMemory) return '';
	const { memory } = summary.median.outcome;
	if (summary.side === 'floor') return megabytes(memory.peakMb);
	return `${megabytes(memory.peakMb)} (from ${megabytes(memory.beforeMb)}; process ${megabytes(memory.processPeakMb)})`;
}

export function resultsTable(summaries: SideSummary[]): Table {
	return {
		headers: [
			'#',
			'Job',
			'Side',
			'Total: median (range)',
			'÷ HTTP',
			'÷ floor',
			'1st request after',
			'Requests (min)',
			'429s (max / avg per window)',
			'Failed',
			'Dup.',
			'Lost',
			'Peak RSS',
		],
		rightAligned: [3, 4, 5, 6, 7, 8, 9, 10, 11],
		rows: summaries.map((summary) => [
			summary.job.id,
			summary.job.title,
			SIDE_LABELS[summary.side],
			totalCell(summary),
			summary.side === 'fluenzr' ? ratio(ratioTo(summaries, summary, 'http')) : '',
			summary.side === 'floor' ? '' : ratio(ratioTo(summaries, summary, 'floor')),
			firstRequestCell(summary),
			`${summary.median.verdict.requests} (${summary.job.minimumRequests})`,
			rateLimitCell(summary),
			String(worst(summary, 'failed')),
			String(worst(summary, 'duplicated')),
			String(worst(summary, 'lost')),
			memoryCell(summary),
		]),
	};
}

export interface TargetCheck {
	met: boolean;
	text: string;
}

export function targetChecks(summaries: SideSummary[]): TargetCheck[] {
	const checks: TargetCheck[] = [];
	for (const summary of summaries.filter((candidate) => candidate.side === 'fluenzr')) {
		const toHttp = ratioTo(summaries, summary, 'http');
		if (toHttp === undefined) continue;
		checks.push({
			met: toHttp <= TARGETS.maxToHttp,
			text: `Job ${summary.job.id}: FluenzR node ${ratio(toHttp)} the HTTP Request node's time (target ≤ ${TARGETS.maxToHttp.toFixed(1)}×)`,
		});
	}
	const firstRequestJob = summaries.find((summary) => summary.side === 'fluenzr' && summary.job.id === FIRST_REQUEST_JOB);
	if (firstRequestJob) {
		const slowest = Math.max(...firstRequestJob.runs.map((m) => m.verdict.firstRequestAfterMs ?? Infinity));
		checks.push({
			met: slowest <= TARGETS.maxFirstRequestMs,
			text: `Job ${FIRST_REQUEST_JOB} (1,000 items): FluenzR node's first request ${firstRequestCell(firstRequestJob)} after its start, then ${seconds(medianFromFirstRequest(firstRequestJob))} to its end (slowest run ${seconds(slowest)}; target ≤ ${seconds(TARGETS.maxFirstRequestMs)})`,
		});
	}
	const realLimit = summaries.find((summary) => summary.side === 'fluenzr' && summary.job.id === REAL_LIMIT_JOB);
	if (realLimit) {
		const toFloor = ratioTo(summaries, realLimit, 'floor');
		if (toFloor !== undefined) {
			const floor = find(summaries, realLimit.job, 'floor') as SideSummary;
			checks.push({
				met: toFloor <= TARGETS.maxToFloor,
				text: `Job ${REAL_LIMIT_JOB}: FluenzR node ${ratio(toFloor)} the floor's time (target ≤ ${TARGETS.maxToFloor}×); from its first request on, ${ratio(medianFromFirstRequest(realLimit) / medianTotal(floor))}`,
			});
		}
		const average = Math.max(...realLimit.runs.map((m) => m.verdict.avg429PerWindow));
		checks.push({
			met: average <= TARGETS.maxAvg429PerWindow,
			text: `Job ${REAL_LIMIT_JOB}: FluenzR node met ${average.toFixed(1)} responses of 429 per window on average (worst run; target ≤ ${TARGETS.maxAvg429PerWindow})`,
		});
	}
	const faulty = summaries.filter((summary) => worst(summary, 'failed') + worst(summary, 'duplicated') + worst(summary, 'lost') > 0);
	checks.push({
		met: faulty.length === 0,
		text: `0 failed / 0 duplicated / 0 lost on every side of every job: ${
			faulty.length === 0
				? 'yes'
				: faulty
						.map((s) => `job ${s.job.id} ${SIDE_LABELS[s.side]} ${worst(s, 'failed')} / ${worst(s, 'duplicated')} / ${worst(s, 'lost')}`)
						.join('; ')
		}`,
	});
	return checks;
}

/** Runs that ended in an error, with the error: a failed run is reported, not hidden. */
export function runErrors(measurements: Measurement[]): string[] {
	return measurements.filter((m) => m.outcome.error !== undefined).map((m) => `${m.run.tag}: ${m.outcome.error}`);
}
