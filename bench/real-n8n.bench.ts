/**
 * `npm run bench`: six jobs against the FluenzR sandbox on loopback, each
 * done by three sides in one run: the FluenzR node in real n8n 2.x, n8n's own
 * HTTP Request node in the same n8n, and a plain keep-alive loop in Node.js
 * (the floor). n8n runs with its default settings (the isolated-vm expression
 * engine included), the package installed from its packed tarball into a
 * fresh user folder, one `n8n execute` per run.
 *
 *   npm run bench                      every job, 3 runs per side (job 6: 1)
 *   npm run bench -- --only 1,5        some jobs
 *   npm run bench -- --only burst      bursts of events at the trigger and at n8n's Webhook node (bench/results-burst.md)
 *   npm run bench -- --repeat 5        runs per side, for every job (job 6 too)
 *
 * Prints one table and writes it to bench/results.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import { importCredentials, importWorkflows, type CredentialToImport } from '../scripts/lib/n8nCli';
import { assertN8nInstalled, REPO_ROOT } from '../scripts/lib/n8nInstall';
import { installPackedPackage, packPackage } from '../scripts/lib/packedPackage';

import { BURST_JOB_ID, runBurstJob } from './burst/burstJob';
import { describeMachine, loadAverage } from './machine';
import { benchJobs, GENEROUS_RATE_LIMIT, seededCampaignIds, type BenchJob } from './n8n/jobs';
import { attachWorkflows, planRuns, SIDE_LABELS, type PlannedRun } from './n8n/plan';
import { resultsTable, runErrors, summarise, targetChecks, type Measurement } from './n8n/report';
import { runFloorSide, runN8nSide, type SideContext } from './n8n/sides';
import { judgeRun } from './n8n/verdict';
import { renderMarkdown, renderText } from './table';

const RESULTS_FILE = path.join(__dirname, 'results.md');
const BURST_RESULTS_FILE = path.join(__dirname, 'results-burst.md');
const ARTEFACTS_FOLDER = path.join(REPO_ROOT, 'test-artifacts', 'bench');

interface Flags {
	only?: string[];
	repeat?: number;
}

function parseFlags(argv: string[]): Flags {
	const flags: Flags = {};
	for (let i = 0; i < argv.length; i++) {
		const value = argv[i + 1];
		if (argv[i] === '--only' && value) flags.only = value.split(',').map((id) => id.trim());
		else if (argv[i] === '--repeat' && /^[1-9]\d*$/.test(value ?? '')) flags.repeat = Number(value);
		else throw new Error(`Unknown or incomplete flag ${argv[i]}: use --only 1,5 and --repeat N`);
		i++;
	}
	return flags;
}

function selectJobs(jobs: BenchJob[], only: string[] | undefined): BenchJob[] {
	if (!only) return jobs;
	const chosen = jobs.filter((job) => only.includes(job.id));
	if (chosen.length !== only.length) throw new Error(`--only takes job numbers (known: ${jobs.map((job) => job.id).join(', ')})`);
	return chosen;
}

/**
 * A fresh sandbox state for the run: its account seeded, the list it will read
 * already sorted once (the sandbox's one-off cost, not the client's), no
 * request counted and every rate limit window new.
 */
async function prepareSandbox(sandbox: Sandbox, run: PlannedRun): Promise<void> {
	sandbox.reset();
	sandbox.configure({ rateLimit: run.job.rateLimit });
	run.job.seed?.(sandbox, run.key.account);
	if (run.job.kind === 'list') await firstPage(`${sandbox.baseUrl}/contacts?perPage=100`, run.key.key);
	sandbox.clearRequests();
	sandbox.configure({ rateLimit: run.job.rateLimit });
}

/**
 * On a connection of its own: the bench's event loop can be busy for seconds
 * (reading a Return All's output), long enough for a kept-alive connection
 * to be closed by the sandbox just as it is reused ("fetch failed").
 */
async function firstPage(url: string, apiKey: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const request = http.get(url, { agent: false, headers: { authorization: `Bearer ${apiKey}` } }, (response) => {
			response.resume();
			response.on('end', () =>
				response.statusCode === 200 ? resolve() : reject(new Error(`Warming the sandbox's list answered ${response.statusCode}`)),
			);
		});
		request.on('error', reject);
	});
}

async function measure(sandbox: Sandbox, run: PlannedRun, context: SideContext): Promise<Measurement> {
	await prepareSandbox(sandbox, run);
	const outcome = run.side === 'floor' ? await runFloorSide(run, context) : await runN8nSide(run, context);
	const verdict = judgeRun(sandbox, run.job, run.key.account, outcome);
	return { run, outcome, verdict, totalMs: outcome.finishedAtMs - outcome.startedAtMs };
}

/** The packed package in a fresh n8n user folder, with every run's credential and workflow imported. */
async function prepareN8n(runs: PlannedRun[], baseUrl: string): Promise<string> {
	const packed = packPackage(ARTEFACTS_FOLDER);
	const userFolder = mkdtempSync(path.join(tmpdir(), 'fluenzr-bench-'));
	installPackedPackage(packed, userFolder);
	const workflows = attachWorkflows(runs, baseUrl);
	const credentials = runs.map((run) => run.credential).filter((credential): credential is CredentialToImport => credential !== undefined);
	if (workflows.length > 0) {
		await importCredentials(credentials, { userFolder });
		await importWorkflows(workflows, { userFolder });
	}
	return userFolder;
}

function n8nNodeVersion(searchPath: string): string {
	return execFileSync('node', ['--version'], { env: { ...process.env, PATH: searchPath }, encoding: 'utf8' }).trim();
}

/** FLUENZR_BENCH_KEEP=1 keeps n8n's user folder (its database holds every run) for a post-mortem. */
function removeUserFolder(folder: string): void {
	if (process.env.FLUENZR_BENCH_KEEP !== '1') rmSync(folder, { recursive: true, force: true });
}

/** n8n's commands inherit our environment: a set N8N_EXPRESSION_ENGINE would change what is measured. */
function expressionEngine(): string {
	const chosen = process.env.N8N_EXPRESSION_ENGINE;
	return chosen ? `${chosen} (set by N8N_EXPRESSION_ENGINE; n8n's default is vm)` : "vm (n8n's default: isolated-vm)";
}

const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

function report(header: string[], measurements: Measurement[], unmeasured: string[]): string {
	const summaries = summarise(measurements);
	const checks = targetChecks(summaries);
	const errors = [...runErrors(measurements), ...unmeasured.map((failure) => `${failure} (not measured)`)];
	const text = [
		...header,
		'',
		renderText(resultsTable(summaries)),
		'',
		'Targets:',
		...checks.map((check) => `  ${check.met ? 'met   ' : 'MISSED'}  ${check.text}`),
		...(errors.length > 0 ? ['', 'Runs that ended in an error:', ...errors.map((error) => `  ${error}`)] : []),
	].join('\n');
	console.log(`\n${text}`);
	return [
		'# Benchmark: the FluenzR node in real n8n, beside the HTTP Request node and a plain loop',
		'',
		...header.map((line) => `${line}  `),
		'',
		renderMarkdown(resultsTable(summaries)),
		'',
		'## Targets',
		'',
		...checks.map((check) => `- ${check.met ? '✅ met' : '❌ missed'}: ${check.text}`),
		...(errors.length > 0 ? ['', '## Runs that ended in an error', '', ...errors.map((error) => `- ${error}`)] : []),
		'',
		'How it is measured: [docs/performance.md](../docs/performance.md#the-real-n8n-bench).',
		"Bursts of events at the FluenzR Trigger beside n8n's Webhook node (`--only burst`): [results-burst.md](results-burst.md).",
		'',
	].join('\n');
}

/** The burst job (bench/burst/burstJob.ts) runs its own n8n with `n8n start`, not `n8n execute`, and writes its own file. */
async function runBurstBench(flags: Flags, machine: string, n8nVersion: string, searchPath: string): Promise<void> {
	const started = Date.now();
	const loadAtStart = loadAverage();
	const { text, markdown } = await runBurstJob();
	const header = [
		`Generated by \`npm run bench\`${flags.only ? ` (${process.argv.slice(2).join(' ')})` : ''} on ${new Date().toISOString().slice(0, 10)}, in ${minutes(Date.now() - started)}.`,
		`Machine: ${machine}.`,
		`Load average (1 min): ${loadAtStart} at the start, ${loadAverage()} at the end.`,
		`n8n ${n8nVersion} on Node.js ${n8nNodeVersion(searchPath)}, regular mode (SQLite) unless a row says queue mode (PostgreSQL, Redis, main, 2 workers, 2 webhook processes); each delivery signed, on a connection of its own, 10 s timeout; sandbox and client on 127.0.0.1.`,
	];
	console.log(`\n${header.join('\n')}\n\n${text}`);
	writeFileSync(
		BURST_RESULTS_FILE,
		[
			"# Benchmark: bursts of FluenzR events at the FluenzR Trigger and at n8n's Webhook node",
			'',
			...header.map((line) => `${line}  `),
			'',
			markdown,
			'',
			'How it is measured and what the settings do: [docs/performance.md](../docs/performance.md#bursts-of-events).',
			'',
		].join('\n'),
	);
	console.log(`\nWritten to ${path.relative(process.cwd(), BURST_RESULTS_FILE)}`);
}

async function main(): Promise<void> {
	const flags = parseFlags(process.argv.slice(2));
	const install = assertN8nInstalled();
	const machine = describeMachine();
	console.log(`Machine: ${machine}; load average ${loadAverage()}; n8n ${install.version}, expression engine ${expressionEngine()}`);
	const nodeJobIds = flags.only?.filter((id) => id !== BURST_JOB_ID);
	if (nodeJobIds === undefined || nodeJobIds.length > 0) await runNodeJobs({ ...flags, only: nodeJobIds }, machine);
	if (flags.only === undefined || flags.only.includes(BURST_JOB_ID)) await runBurstBench(flags, machine, install.version, install.path);
}

/** Jobs 1–6: the FluenzR node beside the HTTP Request node and the plain loop. */
async function runNodeJobs(flags: Flags, machine: string): Promise<void> {
	const started = Date.now();
	const install = assertN8nInstalled();
	const loadAtStart = loadAverage();
	const scratch = await startSandbox({ port: 0 });
	const campaignIds = seededCampaignIds(scratch);
	await scratch.stop();
	const jobs = selectJobs(benchJobs(campaignIds), flags.only);
	const runs = planRuns(jobs, (job) => flags.repeat ?? job.defaultRepeats);

	mkdirSync(ARTEFACTS_FOLDER, { recursive: true });
	let sandbox: Sandbox | undefined;
	let userFolder: string | undefined;
	try {
		sandbox = await startSandbox({ port: 0, keys: runs.map((run) => run.key), rateLimit: GENEROUS_RATE_LIMIT, logRequests: true });
		process.stdout.write(`Packing the package, installing it into a fresh n8n user folder, importing ${runs.length} runs' workflows... `);
		userFolder = await prepareN8n(runs, sandbox.baseUrl);
		// Ctrl-C ends the process through scripts/lib/processes.ts (which stops n8n): the folder goes too.
		const folder = userFolder;
		process.once('exit', () => removeUserFolder(folder));
		console.log(`${minutes(Date.now() - started)}`);

		const context: SideContext = { userFolder, logFolder: ARTEFACTS_FOLDER, baseUrl: sandbox.baseUrl };
		const measurements: Measurement[] = [];
		// Other work on the machine skews the times: the load after each run shows how much there was.
		const loads: number[] = [];
		// A run that could not be measured is reported; the other runs of a half-hour bench still count.
		const unmeasured: string[] = [];
		for (const [index, run] of runs.entries()) {
			process.stdout.write(`[${index + 1}/${runs.length}] job ${run.job.id}, ${SIDE_LABELS[run.side]}, run ${run.repeat}... `);
			const runStarted = Date.now();
			let measurement: Measurement;
			try {
				measurement = await measure(sandbox, run, context);
			} catch (error) {
				console.log(`NOT MEASURED: ${(error as Error).stack ?? error}`);
				unmeasured.push(`${run.tag}: ${(error as Error).message.split('\n')[0]}`);
				continue;
			}
			const { verdict } = measurement;
			console.log(
				`${(measurement.totalMs / 1000).toFixed(2)} s (the whole run ${((Date.now() - runStarted) / 1000).toFixed(0)} s), 1st request after ${((verdict.firstRequestAfterMs ?? NaN) / 1000).toFixed(2)} s, ` +
					`${verdict.requests} requests, ${verdict.rateLimitedAnswers} × 429${measurement.outcome.error ? `, ERROR: ${measurement.outcome.error}` : ''}`,
			);
			measurements.push(measurement);
			loads.push(Number(loadAverage()));
		}

		const header = [
			`Generated by \`npm run bench\`${flags.only || flags.repeat ? ` (${process.argv.slice(2).join(' ')})` : ''} on ${new Date().toISOString().slice(0, 10)}, in ${minutes(Date.now() - started)}.`,
			`Machine: ${machine}.`,
			`Load average (1 min): ${loadAtStart} at the start, ${loadAverage()} at the end, ${loads.length > 0 ? `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}` : 'nothing'} after the runs.`,
			`n8n ${install.version} on Node.js ${n8nNodeVersion(install.path)}, expression engine ${expressionEngine()}, one \`n8n execute\` per run; sandbox on 127.0.0.1.`,
		];
		writeFileSync(RESULTS_FILE, report(header, measurements, unmeasured));
		console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_FILE)}`);
	} finally {
		await sandbox?.stop();
		if (userFolder) removeUserFolder(userFolder);
	}
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exitCode = 1;
});
