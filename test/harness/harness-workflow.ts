import { Workflow, type IConnections, type IDataObject, type INode, type INodeTypes, type IWorkflowBase } from 'n8n-workflow';

export const WORKFLOW_ID = 'harnessWorkflow';

export interface HarnessWorkflowOptions {
	nodes: INode[];
	connections: IConnections;
	nodeTypes: INodeTypes;
	staticData?: IDataObject;
	active?: boolean;
}

/**
 * The workflow twice, as n8n keeps it: the stored record (`IWorkflowBase`) and
 * the runtime `Workflow` the engine works on. Settings are those of a workflow
 * created in n8n 2.x (execution order v1).
 */
export function createHarnessWorkflow(options: HarnessWorkflowOptions): { workflow: Workflow; workflowData: IWorkflowBase } {
	const settings = { executionOrder: 'v1' as const };
	const name = 'Harness workflow';
	const active = options.active ?? false;
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name,
		nodes: options.nodes,
		connections: options.connections,
		nodeTypes: options.nodeTypes,
		staticData: options.staticData ?? {},
		active,
		settings,
	});
	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: WORKFLOW_ID,
		name,
		active,
		activeVersionId: null,
		isArchived: false,
		nodes: options.nodes,
		connections: options.connections,
		settings,
		createdAt: now,
		updatedAt: now,
	};
	return { workflow, workflowData };
}
