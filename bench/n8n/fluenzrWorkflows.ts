/**
 * The FluenzR node as the bench sets it up for each job: the one place to
 * change when the node's parameters change (a new way to map fields, say).
 * Input items come from a Code node before it, shaped like
 * `{ email, firstName, lastName, company }` (create jobs) or
 * `{ campaignId }` (job 2); list jobs start from the Manual Trigger's one item.
 */
import type { StepNode } from '../../scripts/lib/workflowBuilder';
import { byId } from '../../scripts/lib/workflowBuilder';

import type { BenchJob } from './jobs';

const FLUENZR_NODE_NAME = 'FluenzR';

/** Contact → Create with each field mapped by an expression (job 1e). */
const CREATE_CONTACT_BY_EXPRESSIONS = {
	resource: 'contact',
	operation: 'create',
	email: '={{ $json.email }}',
	additionalFields: {
		firstName: '={{ $json.firstName }}',
		lastName: '={{ $json.lastName }}',
		company: '={{ $json.company }}',
	},
};

/** What a user whose CRM names the fields otherwise puts before Map Automatically: one expression per field. */
const EDIT_FIELDS_STEP: StepNode = {
	name: 'Edit Fields',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		assignments: {
			assignments: ['email', 'firstName', 'lastName', 'company'].map((field) => ({
				id: `bench-${field}`,
				name: field,
				type: 'string',
				value: `={{ $json.${field} }}`,
			})),
		},
		options: {},
	},
};

function fluenzrParameters(job: BenchJob): Record<string, unknown> {
	switch (job.kind) {
		case 'create':
			if (job.fluenzrMapping === 'eachFieldByExpression') return CREATE_CONTACT_BY_EXPRESSIONS;
			// The items carry FluenzR's field names (or Edit Fields gave them those): what Map Automatically is for.
			return { resource: 'contact', operation: 'create', contactMapping: 'auto' };
		case 'stats':
			return { resource: 'campaign', operation: 'getStats', campaignId: byId('={{ $json.campaignId }}') };
		case 'list':
			return { resource: 'contact', operation: 'getAll', returnAll: true };
	}
}

/** The measured node(s) of the FluenzR side, in order (the credential is added per run). */
export function fluenzrSteps(job: BenchJob): StepNode[] {
	// On Error: Continue, so that a failed item is counted rather than ending the run.
	const fluenzr: StepNode = { name: FLUENZR_NODE_NAME, parameters: fluenzrParameters(job), continueOnFail: true };
	return job.fluenzrMapping === 'editFieldsThenAuto' ? [EDIT_FIELDS_STEP, fluenzr] : [fluenzr];
}

/** The record a FluenzR output item holds: the node outputs the record itself. */
export const fluenzrRecordOf = (json: Record<string, unknown>) => json;
