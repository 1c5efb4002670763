import { DirectoryLoader, WorkflowHasIssuesError } from 'n8n-core';
import type { INode, INodeExecutionData, INodeType, IRun } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { CapturingWorkflowExecute } from './capturing-workflow-execute';
import { HarnessCredentialsHelper } from './credentials-helper';
import { createHarnessWorkflow } from './harness-workflow';
import { credentialsFor, HarnessNodeTypes, highestVersion, nodeTypeName } from './node-types';
import { createStartNodeType, START_NODE_NAME, START_NODE_TYPE } from './start-node';
import type { RunNodeOptions, RunNodeResult } from './types';

/** The name the node under test has in the harness workflow (what `$node` / error messages show). */
export const NODE_UNDER_TEST_NAME = 'Fluenzr';

/**
 * n8n's loader gives every declarative node the Request Options collection
 * (timeout, batching, proxy); without it the engine ignores `requestOptions`.
 * Applied once per node instance, as the loader does once per node type.
 */
function prepareAsN8nLoads(node: INodeType): void {
	if (node.description.properties.some((property) => property.name === 'requestOptions')) return;
	DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
}

function buildWorkflowNodes(options: RunNodeOptions): INode[] {
	const start: INode = {
		id: 'harness-start',
		name: START_NODE_NAME,
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest: INode = {
		id: 'harness-node-under-test',
		name: NODE_UNDER_TEST_NAME,
		type: nodeTypeName(options.node),
		typeVersion: options.typeVersion ?? highestVersion(options.node),
		position: [240, 0],
		parameters: structuredClone(options.parameters),
		...(options.credentials && { credentials: credentialsFor(options.node) }),
		...(options.continueOnFail && { onError: options.continueOnFail }),
	};
	return [start, nodeUnderTest];
}

/**
 * Runs the node the way n8n runs it when a user clicks "Execute workflow":
 * a start node hands the input items to the node under test, and n8n-core's
 * WorkflowExecute does the rest (RoutingNode for declarative nodes,
 * expressions, pairedItem, "On Error" routing), with real HTTP requests.
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	prepareAsN8nLoads(options.node);
	const nodes = buildWorkflowNodes(options);
	const nodeTypes = new HarnessNodeTypes({
		[START_NODE_TYPE]: createStartNodeType(options.input ?? [{}]),
		[nodeTypeName(options.node)]: options.node,
	});
	const connections = {
		[START_NODE_NAME]: { main: [[{ node: NODE_UNDER_TEST_NAME, type: 'main' as const, index: 0 }]] },
	};
	const { workflow, workflowData } = createHarnessWorkflow({ nodes, connections, nodeTypes });
	const additionalData = createAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper({ ...options.credentials }, options.credentialTypes),
		workflowData,
		mode: 'manual',
		executionId: 'harness-execution',
	});

	const execution = new CapturingWorkflowExecute(additionalData, 'manual');
	let run: IRun;
	try {
		run = await execution.run({ workflow, startNode: workflow.getNode(START_NODE_NAME) ?? undefined });
	} catch (error) {
		// n8n refuses to start a workflow whose nodes have issues (a required parameter left empty).
		if (!(error instanceof WorkflowHasIssuesError)) throw error;
		return { output: [], errorOutput: [], error, executionStatus: 'error' };
	}

	return resultOf(run, execution, options);
}

/** What the next node would receive, and the error as thrown (the run data only keeps a copy of it). */
function resultOf(run: IRun, execution: CapturingWorkflowExecute, options: RunNodeOptions): RunNodeResult {
	const taskData = run.data.resultData.runData[NODE_UNDER_TEST_NAME]?.at(-1);
	const outputs: Array<INodeExecutionData[] | null> = taskData?.data?.main ?? [];
	const recordedError = run.data.resultData.error;
	const error =
		execution.nodeErrors.get(NODE_UNDER_TEST_NAME) ??
		(recordedError && Object.assign(new Error(recordedError.message), recordedError));
	return {
		output: outputs[0] ?? [],
		errorOutput: options.continueOnFail === 'continueErrorOutput' ? (outputs[1] ?? []) : [],
		error: run.status === 'error' ? error : undefined,
		executionStatus: run.status,
	};
}
