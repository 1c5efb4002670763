/** Starts one side of a scenario in a fresh client process and reads its report. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { Side, SideReport, SideRequest } from './jobs';

const REPO_ROOT = path.resolve(__dirname, '..');

/** A side that runs longer than this is stuck: the whole bench should take a few minutes. */
const SIDE_TIMEOUT_MS = 5 * 60_000;

const running = new Set<ChildProcess>();

/** Ends client processes still running (on Ctrl-C or a failed run), so that none outlives the bench. */
export function stopRunningSides(): void {
	for (const child of running) child.kill('SIGKILL');
	running.clear();
}

export async function runSideProcess(scenarioId: string, side: Side, request: SideRequest): Promise<SideReport> {
	// --expose-gc: memory is read after full collections (see memoryProbe.ts).
	const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/run-side.ts', scenarioId, side], {
		cwd: REPO_ROOT,
		env: { ...process.env, BENCH_SIDE_REQUEST: JSON.stringify(request) },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	running.add(child);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	const timer = setTimeout(() => child.kill('SIGKILL'), SIDE_TIMEOUT_MS);
	try {
		const exitCode = await new Promise<number | null>((resolve, reject) => {
			child.once('error', reject);
			child.once('close', resolve);
		});
		if (exitCode !== 0) {
			throw new Error(`Scenario ${scenarioId}, ${side} side: the client process exited with ${exitCode}\n${stderr.trim()}`);
		}
	} finally {
		clearTimeout(timer);
		running.delete(child);
	}
	const reportLine = stdout.trim().split('\n').at(-1) ?? '';
	try {
		return JSON.parse(reportLine) as SideReport;
	} catch {
		throw new Error(`Scenario ${scenarioId}, ${side} side: no report on stdout\n${stdout}\n${stderr}`);
	}
}
