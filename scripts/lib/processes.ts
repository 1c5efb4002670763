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

/** How a process ended, and what this harness had done to it by then. */
export interface ProcessEnd {
	/** The exit code; null when a signal ended it. */
	code: number | null;
	/** The signal that ended it, e.g. SIGKILL or SIGSEGV. */
	signal: NodeJS.Signals | null;
	/** The signals we had sent its group before it ended, and why: none means any signal came from elsewhere. */
	sentByUs: string[];
}

export interface ManagedProcess {
	pid: number;
	/** Resolves once it has exited and its output is closed. */
	exited: Promise<ProcessEnd>;
	/** Collected output, when not sent to a log file. */
	output(): { stdout: string; stderr: string };
	/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once it has exited. `reason` is kept in `sentByUs`. */
	stop(graceMs?: number, reason?: string): Promise<void>;
}

/**
 * "exit code 1", or the signal, and who sent it: we (a stop or a timeout, with
 * its reason) or not we (the process crashed, or something else killed it).
 */
export function describeEnd(end: ProcessEnd): string {
	if (end.signal === null) return `exit code ${end.code}`;
	const ours = end.sentByUs.filter((sent) => sent.startsWith(`${end.signal} `));
	return ours.length > 0
		? `ended by ${end.signal}, sent by this harness (${ours.join('; ')})`
		: `ended by ${end.signal}, not sent by this harness (${end.sentByUs.length > 0 ? `which had sent only ${end.sentByUs.join('; ')}` : 'which had sent it nothing'}): it crashed, or another process killed it`;
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

	const sentByUs: string[] = [];
	let leaderExited = false;
	const signalOurs = (signal: NodeJS.Signals, why: string) => {
		if (!leaderExited) sentByUs.push(`${signal} ${why}`);
		signalGroup(pid, signal);
	};

	const exited = new Promise<ProcessEnd>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', () => {
			leaderExited = true;
			// The leader is gone; runners it started may not be (and may hold our pipes open).
			signalGroup(pid, 'SIGKILL');
		});
		child.once('close', (code, signal) => {
			liveGroups.delete(pid);
			resolve({ code, signal, sentByUs: [...sentByUs] });
		});
	});

	return {
		pid,
		exited,
		output: () => ({ stdout, stderr }),
		async stop(graceMs = 10_000, reason = 'stopped by its caller') {
			if (!liveGroups.has(pid)) return;
			signalOurs('SIGTERM', `(${reason})`);
			const timer = setTimeout(() => signalOurs('SIGKILL', `(${reason}: still running ${graceMs} ms after SIGTERM)`), graceMs);
			try {
				await exited;
			} finally {
				clearTimeout(timer);
			}
		},
	};
}

export interface CompletedProcess extends ProcessEnd {
	stdout: string;
	stderr: string;
	/** It was still running at `timeoutMs` and we stopped it. */
	timedOut: boolean;
}

/** Runs a command to its end; past `timeoutMs` its group is stopped and the run counts as failed. */
export async function runToCompletion(
	command: string,
	args: string[],
	options: SpawnOptions & { timeoutMs: number },
): Promise<CompletedProcess> {
	const child = spawnManaged(command, args, options);
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void child.stop(2_000, `our timeout: still running after ${options.timeoutMs / 1000} s`);
	}, options.timeoutMs);
	try {
		const end = await child.exited;
		return { ...end, ...child.output(), timedOut };
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
