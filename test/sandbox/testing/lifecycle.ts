import { type Sandbox, startSandbox } from '../../../sandbox/index';
import type { SandboxOptions } from '../../../sandbox/types';

/** One sandbox per test file, reset before each test, stopped after the file. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	beforeEach(() => sandbox?.reset());
	afterAll(async () => {
		await sandbox?.stop();
	});
	return () => {
		if (!sandbox) throw new Error('the sandbox is not started yet');
		return sandbox;
	};
}
