import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

import { DEMO_KEYS } from '../../sandbox/index';
import { send } from './testing/http';

const ROOT = path.resolve(__dirname, '../..');

interface RunningCli {
	child: ChildProcess;
	output: () => string;
	/** Resolves with the READY line's base URL. */
	ready: Promise<string>;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npx tsx sandbox/cli.ts ...`, in its own process group so that cleanup can reach every process npx starts. */
function runCli(...args: string[]): RunningCli {
	const child = spawn('npx', ['tsx', 'sandbox/cli.ts', ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const ready = new Promise<string>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /FLUENZR_SANDBOX_READY (\S+)/.exec(output);
			if (match) resolve(match[1]);
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.on('exit', () => reject(new Error(`the CLI exited before it was ready:\n${output}`)));
	});
	ready.catch(() => undefined);
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	return { child, output: () => output, ready, exited };
}

/** The CLI's own process (npx and tsx sit between us and it): its pid is on the banner. */
function cliPid(output: string): number {
	return Number(/Process (\d+)/.exec(output)?.[1]);
}

let running: RunningCli | undefined;
afterEach(() => {
	if (running?.child.exitCode === null && running.child.pid) {
		try {
			process.kill(-running.child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	running = undefined;
});

describe('npm run sandbox (sandbox/cli.ts)', () => {
	it('prints the base URL and the demo keys with their plans, serves the demo data, and exits 0 on SIGTERM', async () => {
		running = runCli('--port', '0');
		const baseUrl = await running.ready;
		expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		expect(running.output()).toMatch(new RegExp(`${DEMO_KEYS.pro}\\s+pro`));
		expect(running.output()).toMatch(new RegExp(`${DEMO_KEYS.free}\\s+free`));

		const answer = await send(new URL(baseUrl).origin, 'GET', '/v1/contacts');
		expect(answer.body.meta.total).toBe(120);

		process.kill(cliPid(running.output()), 'SIGTERM');
		expect(await running.exited).toEqual({ code: 0, signal: null });
		expect(running.output()).toContain('Sandbox stopped');
	});

	it('takes the seed size and rate limit from flags, and exits 0 on SIGINT', async () => {
		running = runCli('--port', '0', '--seed-contacts', '7', '--rate-limit', '5/60000');
		const origin = new URL(await running.ready).origin;
		const answer = await send(origin, 'GET', '/v1/contacts');
		expect(answer.body.meta.total).toBe(7);
		expect(answer.headers['x-ratelimit-limit']).toBe('5');

		process.kill(cliPid(running.output()), 'SIGINT');
		expect((await running.exited).code).toBe(0);
	});

	it('refuses an unknown flag with exit code 2', async () => {
		running = runCli('--colour', 'blue');
		expect((await running.exited).code).toBe(2);
		expect(running.output()).toContain('unknown flag --colour');
	});
});
