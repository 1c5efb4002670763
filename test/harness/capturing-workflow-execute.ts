import { WorkflowExecute } from 'n8n-core';

type RunNodeArguments = Parameters<WorkflowExecute['runNode']>;

/**
 * n8n's own WorkflowExecute, unchanged, except that it keeps the error each
 * node threw: the run data only holds a plain-object copy of it, and tests
 * want the real `NodeApiError` / `NodeOperationError`.
 */
export class CapturingWorkflowExecute extends WorkflowExecute {
	readonly nodeErrors = new Map<string, Error>();

	override async runNode(...args: RunNodeArguments): ReturnType<WorkflowExecute['runNode']> {
		const [, executionData] = args;
		try {
			return await super.runNode(...args);
		} catch (error) {
			this.nodeErrors.set(executionData.node.name, error as Error);
			throw error;
		}
	}
}
