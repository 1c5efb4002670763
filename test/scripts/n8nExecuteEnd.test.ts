/**
 * Which ends of `n8n execute` count as the end of the run it printed
 * (runEndedCleanly in scripts/lib/n8nCli.ts): exit code 0, or n8n 2.41's
 * SIGSEGV in its own exit after a finished run; never a run cut short, never
 * a signal our timeout or anyone else sent.
 */
import { runEndedCleanly } from '../../scripts/lib/n8nCli';
import type { ProcessEnd } from '../../scripts/lib/processes';
import type { WorkflowRunData } from '../../scripts/lib/runJson';

const finishedRun: WorkflowRunData = {
	data: { resultData: { runData: { 'Start campaign': [{ executionStatus: 'success' }] } } },
	status: 'success',
	stoppedAt: '2026-12-05T17:00:00.000Z',
};
const unfinishedRun: WorkflowRunData = { data: { resultData: { runData: {} } } };

const exited = (code: number): ProcessEnd => ({ code, signal: null, sentByUs: [] });
const crashed: ProcessEnd = { code: null, signal: 'SIGSEGV', sentByUs: [] };

let stderr: string[];
beforeEach(() => {
	stderr = [];
	jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
});
afterEach(() => jest.restoreAllMocks());

describe('the end of n8n execute', () => {
	it('counts exit code 0', () => {
		expect(runEndedCleanly(exited(0), finishedRun, 'execute --id=wf')).toBe(true);
	});

	it('does not count a non-zero exit code', () => {
		expect(runEndedCleanly(exited(1), finishedRun, 'execute --id=wf')).toBe(false);
	});

	it('counts a SIGSEGV after n8n printed the finished run, and says so on stderr', () => {
		expect(runEndedCleanly(crashed, finishedRun, 'execute --id=wf')).toBe(true);
		expect(stderr.join('')).toContain('execute --id=wf: n8n printed its finished run (status success), then ended by SIGSEGV');
	});

	it('does not count a SIGSEGV before n8n printed a finished run', () => {
		expect(runEndedCleanly(crashed, undefined, 'execute --id=wf')).toBe(false);
		expect(runEndedCleanly(crashed, unfinishedRun, 'execute --id=wf')).toBe(false);
	});

	it('does not count a run our timeout stopped, even after the run was printed', () => {
		const stoppedByUs: ProcessEnd = { code: null, signal: 'SIGKILL', sentByUs: ['SIGTERM (our timeout)', 'SIGKILL (our timeout)'] };
		expect(runEndedCleanly(stoppedByUs, finishedRun, 'execute --id=wf')).toBe(false);
	});

	it('does not count a signal another process sent (the kernel OOM killer sends SIGKILL)', () => {
		const killed: ProcessEnd = { code: null, signal: 'SIGKILL', sentByUs: [] };
		expect(runEndedCleanly(killed, finishedRun, 'execute --id=wf')).toBe(false);
	});
});
