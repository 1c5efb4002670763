/**
 * Small workflows written in tests: a Manual Trigger followed by one or more
 * chains of nodes, each chain a branch of the trigger (n8n runs them one
 * after the other). Fluenzr nodes get the shared credential.
 */
import { randomUUID } from 'node:crypto';

import { FLUENZR_CREDENTIAL_REFERENCE } from './fluenzrCredential';
import type { WorkflowJson } from './n8nCli';

export const FLUENZR_NODE_TYPE = 'n8n-nodes-fluenzr.fluenzr';
export const FLUENZR_TRIGGER_TYPE = 'n8n-nodes-fluenzr.fluenzrTrigger';
/** What n8n derives from the Fluenzr node's `usableAsTool`: the node as a tool for an AI Agent or the MCP Server Trigger. */
export const FLUENZR_TOOL_TYPE = 'n8n-nodes-fluenzr.fluenzrTool';
export const MANUAL_TRIGGER_NAME = 'Start';

export interface StepNode {
	/** Unique in the workflow; expressions refer to it, e.g. `$('Create contact').item.json.id`. */
	name: string;
	parameters: Record<string, unknown>;
	/** Default: the Fluenzr node. */
	type?: string;
	typeVersion?: number;
	/** Run once, with the first input item only (n8n's "Execute Once"). */
	executeOnce?: boolean;
	/** Let the chain go on when the node fails (n8n's "On Error: Continue"). */
	continueOnFail?: boolean;
}

/** `{ __rl: true, mode: 'id', value }`: how a resource locator given by ID is stored. */
export function byId(value: string): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value };
}

export function manualWorkflow(id: string, name: string, branches: StepNode[][]): WorkflowJson {
	const nodes: WorkflowJson['nodes'] = [
		{
			id: randomUUID(),
			name: MANUAL_TRIGGER_NAME,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }> = {};
	const connect = (from: string, to: string) => {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};

	branches.forEach((branch, row) => {
		let previous = MANUAL_TRIGGER_NAME;
		branch.forEach((step, column) => {
			const type = step.type ?? FLUENZR_NODE_TYPE;
			nodes.push({
				id: randomUUID(),
				name: step.name,
				type,
				typeVersion: step.typeVersion ?? 1,
				position: [(column + 1) * 220, row * 200],
				parameters: step.parameters,
				...(step.executeOnce ? { executeOnce: true } : {}),
				...(step.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
				...(type === FLUENZR_NODE_TYPE ? { credentials: FLUENZR_CREDENTIAL_REFERENCE } : {}),
			});
			connect(previous, step.name);
			previous = step.name;
		});
	});

	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}
