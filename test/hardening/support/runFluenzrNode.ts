/** Runs the Fluenzr node as n8n loads and runs it, against any FluenzR-like base URL. */
import type { IDataObject, INodeParameters, IRun } from 'n8n-workflow';
import { DirectoryLoader, WorkflowExecute } from 'n8n-core';

import { Fluenzr } from '../../../nodes/Fluenzr/Fluenzr.node';
import { runNode, type ContinueOnFail, type RunNodeResult } from '../../harness';
import { DEMO_KEYS } from '../../../sandbox';

/**
 * The Fluenzr node as n8n's loader hands it to the engine: with the Request
 * Options (timeout, batching, proxy) n8n adds to every declarative node.
 * Without them the engine drops `requestOptions` from the parameters.
 */
export function loadedFluenzr(): Fluenzr {
	const node = new Fluenzr();
	DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
	return node;
}

export interface FluenzrRunOptions {
	baseUrl: string;
	input?: IDataObject[];
	continueOnFail?: ContinueOnFail;
	apiKey?: string;
}

export async function runFluenzrNode(
	parameters: INodeParameters,
	{ baseUrl, input, continueOnFail, apiKey = DEMO_KEYS.pro }: FluenzrRunOptions,
): Promise<RunNodeResult> {
	return await runNode({ node: loadedFluenzr(), parameters, input, continueOnFail, credentials: { apiKey, baseUrl } });
}

/**
 * Also returns n8n's run result (what n8n stores as the execution), as
 * WorkflowExecute.run resolves it. Not for concurrent tests: it watches
 * the one run started while it waits.
 */
export async function runFluenzrNodeWithRun(
	parameters: INodeParameters,
	options: FluenzrRunOptions,
): Promise<RunNodeResult & { run?: IRun }> {
	const watch = jest.spyOn(WorkflowExecute.prototype, 'run');
	try {
		const result = await runFluenzrNode(parameters, options);
		const started = watch.mock.results.at(-1)?.value as Promise<IRun> | undefined;
		return { ...result, run: started ? await started : undefined };
	} finally {
		watch.mockRestore();
	}
}
