/**
 * Every run of the bench, decided before the first one: its job, side, API
 * key (a fresh one per run, so that no rate limit window or pacer carries
 * over), and for the n8n sides its credential and workflow. n8n imports them
 * all at once before the runs start, so a run costs one `n8n execute`.
 */
import { randomBytes } from 'node:crypto';

import type { SandboxKey } from '../../sandbox';
import { FLUENZR_CREDENTIAL_TYPE } from '../../scripts/lib/fluenzrCredential';
import type { CredentialToImport, WorkflowJson } from '../../scripts/lib/n8nCli';
import { FLUENZR_NODE_TYPE, manualWorkflow } from '../../scripts/lib/workflowBuilder';

import { fluenzrSteps } from './fluenzrWorkflows';
import { HTTP_CREDENTIAL_TYPE, HTTP_REQUEST_TYPE, httpRequestSteps, type BenchStep } from './httpRequestWorkflows';
import type { BenchJob } from './jobs';

export const SIDES = ['fluenzr', 'http', 'floor'] as const;
export type SideName = (typeof SIDES)[number];

export const SIDE_LABELS: Record<SideName, string> = {
	fluenzr: 'FluenzR node',
	http: 'HTTP Request node',
	floor: 'plain loop (floor)',
};

export interface PlannedRun {
	job: BenchJob;
	side: SideName;
	/** 1-based. */
	repeat: number;
	/** e.g. j1-r2-fluenzr; names the workflow, the credential and the run's log. */
	tag: string;
	key: SandboxKey;
	/** n8n sides. */
	workflowId?: string;
	credential?: CredentialToImport;
}

export const INPUTS_NODE_NAME = 'Inputs';

/** A Code node producing the job's input items, before the measured node. */
function inputsStep(job: BenchJob): BenchStep[] {
	const items = job.kind === 'create' ? job.contacts : job.kind === 'stats' ? job.campaignIds?.map((campaignId) => ({ campaignId })) : undefined;
	if (!items) return [];
	return [
		{
			name: INPUTS_NODE_NAME,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
		},
	];
}

/**
 * Sides take turns within a repeat, and the order turns with each repeat, so
 * that a change in the machine's load does not always hit the same side.
 */
export function planRuns(jobs: BenchJob[], repeatsFor: (job: BenchJob) => number): PlannedRun[] {
	const runs: PlannedRun[] = [];
	const nonce = randomBytes(4).toString('hex');
	for (const job of jobs) {
		for (let repeat = 1; repeat <= repeatsFor(job); repeat++) {
			for (let turn = 0; turn < SIDES.length; turn++) {
				const side = SIDES[(turn + repeat - 1) % SIDES.length];
				const tag = `j${job.id}-r${repeat}-${side}`;
				runs.push({ job, side, repeat, tag, key: { key: `fz_bench_${nonce}_${tag}`, plan: 'pro', account: `acct_bench_${tag}` } });
			}
		}
	}
	return runs;
}

/** Adds each n8n run's credential and workflow (the sandbox's address is known by now). */
export function attachWorkflows(runs: PlannedRun[], baseUrl: string): WorkflowJson[] {
	const workflows: WorkflowJson[] = [];
	for (const run of runs) {
		if (run.side === 'floor') continue;
		const credential: CredentialToImport =
			run.side === 'fluenzr'
				? { id: `bc-${run.tag}`, name: `Bench ${run.tag}`, type: FLUENZR_CREDENTIAL_TYPE, data: { apiKey: run.key.key, baseUrl } }
				: { id: `bc-${run.tag}`, name: `Bench ${run.tag}`, type: HTTP_CREDENTIAL_TYPE, data: { token: run.key.key } };
		const steps: BenchStep[] = [...inputsStep(run.job), ...(run.side === 'fluenzr' ? fluenzrSteps(run.job) : httpRequestSteps(run.job, baseUrl))];
		const workflow = manualWorkflow(`bench-${run.tag}`, `Bench: job ${run.job.id}, ${run.side}, run ${run.repeat}`, [steps]);
		for (const node of workflow.nodes) {
			const step = steps.find((candidate) => candidate.name === node.name);
			Object.assign(node, step?.settings);
			if (node.type === FLUENZR_NODE_TYPE || node.type === HTTP_REQUEST_TYPE) {
				node.credentials = { [credential.type]: { id: credential.id, name: credential.name } };
			}
		}
		run.workflowId = workflow.id;
		run.credential = credential;
		workflows.push(workflow);
	}
	return workflows;
}
