/** Runs the Fluenzr node through n8n's engine against a sandbox started for the test file. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Fluenzr } from '../../../nodes/Fluenzr/Fluenzr.node';
import { runNode, type ContinueOnFail, type RunNodeResult } from '../../harness';
import { DEMO_KEYS, startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';

/** Plenty, so that only the rate limit tests ever meet the limit. */
export const GENEROUS_RATE_LIMIT = { limit: 1_000_000, windowMs: 60_000 };

/** Starts one sandbox for the test file, empty before each test. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, rateLimit: GENEROUS_RATE_LIMIT, ...options });
	});
	beforeEach(() => {
		sandbox?.reset();
		if (options.rateLimit) sandbox?.configure({ rateLimit: options.rateLimit });
	});
	afterAll(async () => {
		await sandbox?.stop();
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox is not started');
		return sandbox;
	};
}

export interface RunOptions {
	input?: IDataObject[];
	continueOnFail?: ContinueOnFail;
	apiKey?: string;
}

export async function runFluenzr(
	sandbox: Sandbox,
	parameters: INodeParameters,
	{ input, continueOnFail, apiKey = DEMO_KEYS.pro }: RunOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		node: new Fluenzr(),
		parameters,
		input,
		continueOnFail,
		credentials: { apiKey, baseUrl: sandbox.baseUrl },
	});
}

/** Runs the node and fails the test with the node's own error if the run failed. */
export async function runFluenzrOk(sandbox: Sandbox, parameters: INodeParameters, options: RunOptions = {}) {
	const result = await runFluenzr(sandbox, parameters, options);
	if (result.error) throw result.error;
	return result.output.map((item) => item.json);
}

/** A resource locator value given by ID, as n8n stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** A resource locator value picked from the list, as n8n stores it. */
export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

/** The requests the node made, as the sandbox received them (method and raw path). */
export function requestLines(sandbox: Sandbox): string[] {
	return sandbox.requests().map((request) => `${request.method} ${request.url}`);
}

/** FluenzR's API called directly (not through the node), to prepare and check state. */
export function api(sandbox: Sandbox, apiKey: string = DEMO_KEYS.pro) {
	const call = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${sandbox.baseUrl}${path}`, {
			method,
			headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = (await response.json()) as { data?: any; meta?: any; error?: any };
		return { status: response.status, ...json };
	};
	return {
		get: async (path: string) => await call('GET', path),
		post: async (path: string, body: unknown = {}) => await call('POST', path, body),
		put: async (path: string, body: unknown) => await call('PUT', path, body),
		delete: async (path: string) => await call('DELETE', path),
	};
}
