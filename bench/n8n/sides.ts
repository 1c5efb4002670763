/**
 * One run of one side: an `n8n execute` of the run's workflow (timed by the
 * measured nodes' own start and execution time in the run n8n prints, its
 * memory sampled from /proc while it runs), or the plain loop in a fresh
 * Node.js process.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { runEndedCleanly, startN8nCommand } from '../../scripts/lib/n8nCli';
import { REPO_ROOT } from '../../scripts/lib/n8nInstall';
import { describeEnd, runToCompletion, type ProcessEnd } from '../../scripts/lib/processes';
import { findRunJson, type NodeRun, type WorkflowRunData } from '../../scripts/lib/runJson';

import type { FloorJob, FloorReport } from './floorLoop';
import { fluenzrRecordOf, fluenzrSteps } from './fluenzrWorkflows';
import { HTTP_REQUEST_NODE_NAME, httpRecordOf, SPLIT_OUT_NODE_NAME } from './httpRequestWorkflows';
import { recordKey, type BenchJob } from './jobs';
import type { PlannedRun } from './plan';
import { peakBetween, sampleMemory } from './processMemory';

export interface MemoryFigures {
	/** RSS of the process (and its children) just before the measured node started (MB). */
	beforeMb?: number;
	/** Highest RSS of the process and its children while the measured nodes ran (MB), sampled every 20 ms. */
	peakMb?: number;
	/** The process's own peak RSS over its whole life (MB): for n8n, this includes saving and printing the run. */
	processPeakMb: number;
}

export interface SideOutcome {
	/** When the measured work started: the first measured node's start in n8n, or the loop's start. */
	startedAtMs: number;
	finishedAtMs: number;
	/** recordKey of each successful output record. */
	keys: string[];
	/** Input items that did not end in a record (list jobs: 1 when the node failed). */
	failed: number;
	memory: MemoryFigures;
	/** The node's or the loop's error, when the run failed. */
	error?: string;
}

export interface SideContext {
	userFolder: string;
	/** n8n's output of each run goes here; kept only for failed runs. */
	logFolder: string;
	baseUrl: string;
}

/** A side that runs longer than this is stuck (job 6 takes a little over two minutes). */
const RUN_TIMEOUT_MS = 10 * 60_000;

const measuredNodes = (run: PlannedRun) =>
	run.side === 'fluenzr'
		? fluenzrSteps(run.job).map((step) => step.name)
		: run.job.kind === 'list'
			? [HTTP_REQUEST_NODE_NAME, SPLIT_OUT_NODE_NAME]
			: [HTTP_REQUEST_NODE_NAME];

function inputCount(job: BenchJob): number {
	return job.contacts?.length ?? job.campaignIds?.length ?? 1;
}

export async function runN8nSide(run: PlannedRun, context: SideContext): Promise<SideOutcome> {
	const logFile = path.join(context.logFolder, `${run.tag}.log`);
	rmSync(logFile, { force: true });
	const n8n = await startN8nCommand(['execute', `--id=${run.workflowId}`, '--rawOutput'], { userFolder: context.userFolder, logFile });
	const sampler = sampleMemory(n8n.pid);
	const timer = setTimeout(() => void n8n.stop(2_000, `the bench's timeout: still running after ${RUN_TIMEOUT_MS / 1000} s`), RUN_TIMEOUT_MS);
	let end: ProcessEnd;
	try {
		end = await n8n.exited;
	} finally {
		clearTimeout(timer);
	}
	const trace = sampler.stop();
	const output = readFileSync(logFile, 'utf8');
	const runJson = findRunJson(output);
	if (!runJson) throw new Error(`${run.tag}: n8n ${describeEnd(end)} without printing a run; its output is in ${logFile}`);

	const outcome = outcomeOf(run, runJson);
	const window = peakBetween(trace, outcome.startedAtMs, outcome.finishedAtMs);
	outcome.memory = { ...window, processPeakMb: trace.peakRssMb };
	// Return All runs print hundreds of megabytes: keep the output of failed runs only.
	if (outcome.error === undefined && runEndedCleanly(end, runJson, run.tag)) rmSync(logFile, { force: true });
	else outcome.error ??= `n8n ${describeEnd(end)}; its output is in ${logFile}`;
	return outcome;
}

function outcomeOf(run: PlannedRun, runJson: WorkflowRunData): SideOutcome {
	const { runData, error } = runJson.data.resultData;
	const ran = measuredNodes(run)
		.map((name) => ({ name, nodeRun: runData[name]?.[0] }))
		.filter((node): node is { name: string; nodeRun: NodeRun & { startTime: number; executionTime: number } } => node.nodeRun !== undefined);
	if (ran.length === 0) {
		throw new Error(`${run.tag}: the measured node did not run (${error?.message ?? 'no error'}); ran: ${Object.keys(runData).join(', ')}`);
	}
	const first = ran[0].nodeRun;
	const last = ran.at(-1)?.nodeRun ?? first;
	const finishedLast = ran.length === measuredNodes(run).length;
	const items = finishedLast ? (last.data?.main?.[0] ?? []) : [];
	const recordOf = (json: Record<string, unknown>) => (run.side === 'fluenzr' ? fluenzrRecordOf(json) : httpRecordOf(run.job, json));
	const keys = items.map((item) => recordKey(run.job.kind, recordOf(item.json))).filter((key): key is string => key !== undefined);
	const nodeError = ran.map(({ nodeRun }) => nodeRun.error?.message).find(Boolean) ?? error?.message;
	const failed =
		run.job.kind === 'list'
			? nodeError !== undefined || items.some((item) => item.json.error !== undefined)
				? 1
				: 0
			: inputCount(run.job) - keys.length;
	return {
		startedAtMs: first.startTime,
		finishedAtMs: last.startTime + last.executionTime,
		keys,
		failed,
		memory: { processPeakMb: 0 },
		...(nodeError !== undefined && { error: nodeError }),
	};
}

export async function runFloorSide(run: PlannedRun, context: SideContext): Promise<SideOutcome> {
	const job: FloorJob = {
		kind: run.job.kind,
		baseUrl: context.baseUrl,
		apiKey: run.key.key,
		windowMs: run.job.rateLimit.windowMs,
		contacts: run.job.contacts,
		campaignIds: run.job.campaignIds,
	};
	// In a file: 2,500 contacts are more than one environment variable or argument may hold (E2BIG).
	const jobFile = path.join(context.logFolder, `${run.tag}.json`);
	writeFileSync(jobFile, JSON.stringify(job));
	const result = await runToCompletion(process.execPath, ['--import', 'tsx', path.join('bench', 'n8n', 'floorLoop.ts'), jobFile], {
		cwd: REPO_ROOT,
		env: process.env,
		timeoutMs: RUN_TIMEOUT_MS,
	});
	rmSync(jobFile, { force: true });
	if (result.code !== 0) throw new Error(`${run.tag}: the plain loop stopped (${describeEnd(result)})\n${result.stderr.trim()}`);
	const report = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as FloorReport;
	return {
		startedAtMs: report.startedAtMs,
		finishedAtMs: report.finishedAtMs,
		keys: report.keys,
		failed: report.failed,
		memory: { peakMb: report.peakRssMb, processPeakMb: report.peakRssMb },
	};
}
