/**
 * n8n's command line against one user folder: importing credentials and
 * workflows, and running a workflow headless. Each command is a separate n8n
 * process with its own task runner broker, so every call gets a fresh port
 * (a running `n8n start` holds another).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort } from './freePort';
import { n8nEnvironment } from './n8nEnvironment';
import { assertN8nInstalled } from './n8nInstall';
import { isN8n1 } from './n8nVersion';
import { describeEnd, runToCompletion, spawnManaged, type CompletedProcess, type ManagedProcess, type ProcessEnd } from './processes';
import { findRunJson, type WorkflowRunData } from './runJson';

export interface N8nCliOptions {
	userFolder: string;
	/** Extra environment for n8n (ours wins where both set a variable). */
	env?: NodeJS.ProcessEnv;
	/** Default 3 minutes: a first command also runs n8n's database migrations. */
	timeoutMs?: number;
}

export interface CredentialToImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A workflow as n8n exports it; `id` is fixed so that `execute --id` can find it. */
export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string }>;
	connections: Record<string, unknown>;
	[field: string]: unknown;
}

export async function runN8nCommand(args: string[], options: N8nCliOptions): Promise<CompletedProcess> {
	const { bin, env } = await n8nCommand(options);
	return await runToCompletion(bin, args, { env, timeoutMs: options.timeoutMs ?? 180_000 });
}

/**
 * An n8n command left running, its output appended to `logFile`: for a caller
 * that watches the process while it works (the bench samples its memory).
 * A regular file also keeps a large `--rawOutput` whole, where a pipe can
 * lose its end when n8n exits.
 */
export async function startN8nCommand(args: string[], options: N8nCliOptions & { logFile: string }): Promise<ManagedProcess> {
	const { bin, env } = await n8nCommand(options);
	return spawnManaged(bin, args, { env, logFile: options.logFile });
}

async function n8nCommand(options: N8nCliOptions): Promise<{ bin: string; env: NodeJS.ProcessEnv }> {
	const install = assertN8nInstalled();
	return {
		bin: install.bin,
		env: n8nEnvironment({ userFolder: options.userFolder, runnersBrokerPort: await freePort(), extra: options.env }),
	};
}

/** Imports (or overwrites, by id) credentials; plain `data` is encrypted by n8n on import. */
export async function importCredentials(credentials: CredentialToImport[], options: N8nCliOptions): Promise<void> {
	await withJsonFile(credentials, async (file) => {
		assertSucceeded('import:credentials', await runN8nCommand(['import:credentials', `--input=${file}`], options));
	});
}

/** Imports (or overwrites, by id) workflows in one n8n process. */
export async function importWorkflows(workflows: WorkflowJson[], options: N8nCliOptions): Promise<void> {
	warnAboutIdsN8n1Drops(workflows);
	const folder = mkdtempSync(path.join(tmpdir(), 'n8n-workflows-'));
	try {
		for (const workflow of workflows) {
			writeFileSync(path.join(folder, `${workflow.id}.json`), JSON.stringify(workflow));
		}
		const result = await runN8nCommand(['import:workflow', '--separate', `--input=${folder}`], options);
		assertSucceeded('import:workflow', result);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/**
 * n8n 1.x saves a workflow's static data only when its ID has at most 16
 * characters (2.x: 21), silently: a trigger then forgets its webhook id and
 * secret. Said once here, so that the timeouts that follow have a cause.
 */
const N8N_1_MAX_WORKFLOW_ID_LENGTH = 16;

function warnAboutIdsN8n1Drops(workflows: WorkflowJson[]): void {
	if (!isN8n1()) return;
	for (const { id } of workflows.filter((workflow) => workflow.id.length > N8N_1_MAX_WORKFLOW_ID_LENGTH)) {
		process.stderr.write(
			`[e2e] workflow ID "${id}" is longer than ${N8N_1_MAX_WORKFLOW_ID_LENGTH} characters: n8n 1.x will not save its static data (trigger webhook id and secret)\n`,
		);
	}
}

export interface ExecutionResult {
	/** n8n ended cleanly (see runEndedCleanly) and the run has no error. */
	succeeded: boolean;
	exitCode: number | null;
	/** How n8n ended: its exit code, or the signal and who sent it (describeEnd). */
	ending: string;
	/** The run n8n printed, when it printed one (a failed run is printed too). */
	run?: WorkflowRunData;
	/** The failed run's error message, e.g. FluenzR's own text. */
	errorMessage?: string;
	/** Everything n8n printed, for diagnosing a failure. */
	output: string;
	durationMs: number;
}

/** `n8n execute --id=<id> --rawOutput`: the workflow must start with a Manual Trigger. */
export async function executeWorkflow(id: string, options: N8nCliOptions): Promise<ExecutionResult> {
	const started = Date.now();
	const result = await runN8nCommand(['execute', `--id=${id}`, '--rawOutput'], options);
	const output = `${result.stdout}\n${result.stderr}`;
	const run = findRunJson(result.stdout) ?? findRunJson(output);
	const error = run?.data.resultData.error;
	return {
		succeeded: runEndedCleanly(result, run, `execute --id=${id}`) && run !== undefined && error === undefined,
		exitCode: result.code,
		ending: describeEnd(result),
		run,
		errorMessage: error ? [error.message, error.description].filter(Boolean).join(': ') : undefined,
		output,
		durationMs: Date.now() - started,
	};
}

/** Like executeWorkflow, but a failure throws with n8n's output, so a test names what went wrong. */
export async function executeWorkflowOrThrow(id: string, options: N8nCliOptions): Promise<WorkflowRunData> {
	const result = await executeWorkflow(id, options);
	if (!result.succeeded || !result.run) {
		const what = result.errorMessage ?? (result.run ? `n8n printed the run (status ${result.run.status})` : 'no run printed');
		throw new Error(`workflow ${id} failed (n8n ${result.ending}): ${what}\nn8n's last output:\n${tail(result.output)}`);
	}
	return result.run;
}

/**
 * Whether `n8n execute` ended the way a finished run ends: exit code 0, or
 * the one crash n8n 2.41 has after it printed the complete run. Its last act
 * is `process.exit()`, while the vm expression engine's isolate pool may
 * still be building the isolate that replaces the one the run released, on
 * isolated-vm's own threads; exit's destructors (isolated-vm's thread pool)
 * race that thread and the process dies of SIGSEGV. The busier the machine,
 * the longer that build and the likelier the crash. The run was over and
 * printed whole before it, so it counts, and a line on stderr says so. The
 * evidence is in docs/development.md ("n8n execute can crash after the run").
 */
export function runEndedCleanly(end: ProcessEnd, run: WorkflowRunData | undefined, label: string): boolean {
	if (end.code === 0) return true;
	const crashedAfterTheRun = end.signal === 'SIGSEGV' && end.sentByUs.length === 0 && run?.stoppedAt !== undefined;
	if (crashedAfterTheRun) {
		process.stderr.write(
			`[n8n] ${label}: n8n printed its finished run (status ${run?.status}), then ${describeEnd(end)}: n8n's crash on exit, after the run; the printed run is taken\n`,
		);
	}
	return crashedAfterTheRun;
}

function assertSucceeded(command: string, result: CompletedProcess): void {
	if (result.code !== 0) {
		throw new Error(`n8n ${command} failed (${describeEnd(result)}); n8n's last output:\n${tail(`${result.stdout}\n${result.stderr}`)}`);
	}
}

async function withJsonFile(content: unknown, use: (file: string) => Promise<void>): Promise<void> {
	const folder = mkdtempSync(path.join(tmpdir(), 'n8n-import-'));
	const file = path.join(folder, 'input.json');
	try {
		writeFileSync(file, JSON.stringify(content));
		await use(file);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

function tail(text: string, lines = 40): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}
