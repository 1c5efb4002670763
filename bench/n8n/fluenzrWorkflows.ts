/**
 * The FluenzR node as the bench sets it up for each job: the one place to
 * change when the node's parameters change (a new way to map fields, say).
 * Input items come from a Code node before it, shaped like
 * `{ email, firstName, lastName, company }` (create jobs) or
 * `{ campaignId }` (job 2); list jobs start from the Manual Trigger's one item.
 */
import type { StepNode } from '../../test/e2e/support/workflowBuilder';
import { byId } from '../../test/e2e/support/workflowBuilder';

import type { BenchJob } from './jobs';

export const FLUENZR_NODE_NAME = 'FluenzR';

/** Contact → Create with each field mapped by an expression (job 1e here, and the harness bench's creates). */
export const CREATE_CONTACT_BY_EXPRESSIONS = {
	resource: 'contact',
	operation: 'create',
	email: '={{ $json.email }}',
	additionalFields: {
		firstName: '={{ $json.firstName }}',
		lastName: '={{ $json.lastName }}',
		company: '={{ $json.company }}',
	},
};

function fluenzrParameters(job: BenchJob): Record<string, unknown> {
	switch (job.kind) {
		case 'create':
			// The items already carry FluenzR's field names: what Map Automatically is for.
			if (!job.fieldsByExpression) return { resource: 'contact', operation: 'create', contactMapping: 'auto' };
			return CREATE_CONTACT_BY_EXPRESSIONS;
		case 'stats':
			return { resource: 'campaign', operation: 'getStats', campaignId: byId('={{ $json.campaignId }}') };
		case 'list':
			return { resource: 'contact', operation: 'getAll', returnAll: true };
	}
}

/** The measured node(s) of the FluenzR side (the credential is added per run). */
export function fluenzrSteps(job: BenchJob): StepNode[] {
	// On Error: Continue, so that a failed item is counted rather than ending the run.
	return [{ name: FLUENZR_NODE_NAME, parameters: fluenzrParameters(job), continueOnFail: true }];
}

/** The record a FluenzR output item holds: the node outputs the record itself. */
export const fluenzrRecordOf = (json: Record<string, unknown>) => json;
