/**
 * How the harness reports the end of a process it ran (scripts/lib/processes.ts):
 * an exit code, or the signal and who sent it, so that a test failing on
 * "n8n ended by a signal" says whether our own timeout or a crash did it.
 * Real child processes, each ending one way.
 */
import { describeEnd, runToCompletion, spawnManaged } from '../../scripts/lib/processes';

const options = { env: process.env, timeoutMs: 60_000 };

describe('the end of a process', () => {
	it('is its exit code when it exits', async () => {
		const end = await runToCompletion(process.execPath, ['-e', 'process.exit(3)'], options);
		expect(end).toMatchObject({ code: 3, signal: null, timedOut: false });
		expect(describeEnd(end)).toBe('exit code 3');
	});

	it('names a signal we did not send, e.g. a crash, and keeps what it printed last', async () => {
		const script = "process.stdout.write('last words\\n'); process.kill(process.pid, 'SIGSEGV')";
		const end = await runToCompletion(process.execPath, ['-e', script], options);
		expect(end).toMatchObject({ code: null, signal: 'SIGSEGV', timedOut: false, stdout: 'last words\n' });
		expect(describeEnd(end)).toBe(
			'ended by SIGSEGV, not sent by this harness (which had sent it nothing): it crashed, or another process killed it',
		);
	});

	it('names our timeout when the timeout stopped it', async () => {
		const end = await runToCompletion('sh', ['-c', 'sleep 60'], { ...options, timeoutMs: 500 });
		expect(end).toMatchObject({ code: null, signal: 'SIGTERM', timedOut: true });
		expect(describeEnd(end)).toBe('ended by SIGTERM, sent by this harness (SIGTERM (our timeout: still running after 0.5 s))');
	});

	it('names the SIGKILL that follows when a process ignores our SIGTERM', async () => {
		let ready: () => void = () => {};
		const trapped = new Promise<void>((resolve) => (ready = resolve));
		const child = spawnManaged('sh', ['-c', 'trap "" TERM; echo trapped; while :; do sleep 1; done'], {
			env: process.env,
			onStdout: (chunk) => chunk.includes('trapped') && ready(),
		});
		await trapped;
		await child.stop(500, 'the test stops it');
		const end = await child.exited;
		expect(end).toMatchObject({ code: null, signal: 'SIGKILL' });
		expect(describeEnd(end)).toBe(
			'ended by SIGKILL, sent by this harness (SIGKILL (the test stops it: still running 500 ms after SIGTERM))',
		);
	});
});
