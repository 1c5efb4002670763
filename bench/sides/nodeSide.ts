/**
 * The jobs done by the Fluenzr node, run through n8n's engine (the test
 * harness: WorkflowExecute → RoutingNode → the node's request runner), as a
 * user's workflow would run them.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../test/harness';
import { contactInputs, type Job, type SideRequest } from '../jobs';
import { CREATE_CONTACT_BY_EXPRESSIONS } from '../n8n/fluenzrWorkflows';

import type { BenchRecord, JobResult } from './jobResult';

// Under tsx, Node's resolution finds `Fluenzr.node.json` (the codex file) before `Fluenzr.node.ts`
// for the extension-less path, so the source file is named in full.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Fluenzr } = require('../../nodes/Fluenzr/Fluenzr.node.ts') as typeof import('../../nodes/Fluenzr/Fluenzr.node');

const byIdFromInput = (field: string) => ({ __rl: true, mode: 'id', value: `={{ $json.${field} }}` });

/** The node's parameters and input items for a job, as a user would set them in the editor. */
function workflowFor(job: Job): { parameters: INodeParameters; input: IDataObject[] } {
	switch (job.kind) {
		case 'listContacts':
			return {
				parameters: { resource: 'contact', operation: 'getAll', returnAll: true, filters: job.filters, sort: job.sort },
				input: [{}],
			};
		case 'createContacts':
			return {
				parameters: CREATE_CONTACT_BY_EXPRESSIONS,
				input: contactInputs(job.count, job.emailDomain) as unknown as IDataObject[],
			};
		case 'campaignStats':
			return {
				parameters: { resource: 'campaign', operation: 'getStats', campaignId: byIdFromInput('campaignId') },
				input: job.campaignIds.map((campaignId) => ({ campaignId })),
			};
	}
}

function pairedIndexOf(item: INodeExecutionData): number {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : (paired?.item ?? -1);
}

export async function runNodeSide(job: Job, request: SideRequest): Promise<JobResult> {
	const { parameters, input } = workflowFor(job);
	const result = await runNode({
		node: new Fluenzr(),
		parameters,
		input,
		credentials: { apiKey: request.apiKey, baseUrl: request.baseUrl },
		// So that a failed item is counted rather than stopping the run, as a user running a big sync would set it.
		continueOnFail: 'continueRegularOutput',
	});
	if (result.error) throw result.error;
	const succeeded = result.output.filter((item) => item.error === undefined);
	return {
		records: succeeded.map((item) => item.json as BenchRecord),
		failedItems: result.output.length - succeeded.length,
		pairedTo: succeeded.map(pairedIndexOf),
	};
}

/** One small request through the engine with another key: loads and warms n8n's services and the HTTP agent. */
export async function warmUpNodeSide(request: SideRequest): Promise<void> {
	const result = await runNode({
		node: new Fluenzr(),
		parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 1 },
		credentials: { apiKey: request.warmUpApiKey, baseUrl: request.baseUrl },
	});
	if (result.error) throw result.error;
}
