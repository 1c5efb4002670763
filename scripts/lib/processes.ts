/**
 * Child processes that can never outlive us. Each one leads its own process
 * group (n8n starts task runners of its own), so stopping it stops them all;
 * whatever is still running when this process exits is killed on the way out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

const liveGroups = new Set<number>();

process.once('exit', () => {
	for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
});

// Ctrl-C (or CI stopping the run) ends node without its 'exit' event unless someone listens: stop our children first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
		process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
	});
}

export interface SpawnOptions {
	env: NodeJS.ProcessEnv;
	cwd?: string;
	/** Append stdout and stderr to this file instead of keeping them in memory. */
	logFile?: string;
	/** Called with each chunk of stdout as it arrives (not with a log file). */
	onStdout?: (chunk: string) => void;
}

export interface ManagedProcess {
	pid: number;
	/** Resolves with the exit code (null when a signal ended it). */
	exited: Promise<number | null>;
	/** Collected output, when not sent to a log file. */
	output(): { stdout: string; stderr: string };
	/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once it has exited. */
	stop(graceMs?: number): Promise<void>;
}

export function spawnManaged(command: string, args: string[], options: SpawnOptions): ManagedProcess {
	const logFd = options.logFile ? openSync(options.logFile, 'a') : undefined;
	const stdio = logFd === undefined ? (['ignore', 'pipe', 'pipe'] as const) : (['ignore', logFd, logFd] as const);
	const child: ChildProcess = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: [...stdio], detached: true });
	if (logFd !== undefined) closeSync(logFd);
	const pid = child.pid;
	if (pid === undefined) throw new Error(`could not start ${command}`);
	liveGroups.add(pid);

	let stdout = '';
	let stderr = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		options.onStdout?.(chunk);
	});
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

	const exited = new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		// The leader is gone; runners it started may not be (and may hold our pipes open).
		child.once('exit', () => signalGroup(pid, 'SIGKILL'));
		child.once('close', (code) => {
			liveGroups.delete(pid);
			resolve(code);
		});
	});

	return {
		pid,
		exited,
		output: () => ({ stdout, stderr }),
		async stop(graceMs = 10_000) {
			if (!liveGroups.has(pid)) return;
			signalGroup(pid, 'SIGTERM');
			const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
			try {
				await exited;
			} finally {
				clearTimeout(timer);
			}
		},
	};
}

export interface CompletedProcess {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs a command to its end; past `timeoutMs` its group is stopped and the run counts as failed. */
export async function runToCompletion(
	command: string,
	args: string[],
	options: SpawnOptions & { timeoutMs: number },
): Promise<CompletedProcess> {
	const child = spawnManaged(command, args, options);
	const timer = setTimeout(() => void child.stop(2_000), options.timeoutMs);
	try {
		const code = await child.exited;
		return { code, ...child.output() };
	} finally {
		clearTimeout(timer);
	}
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}
