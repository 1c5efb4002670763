import { NodeConnectionTypes, type IDataObject, type INodeExecutionData, type INodeType } from 'n8n-workflow';

export const START_NODE_TYPE = 'n8n-nodes-fluenzr-harness.start';
export const START_NODE_NAME = 'Start';

/**
 * The harness's own trigger: it starts the workflow with the given items,
 * as n8n's Manual Trigger does with its (pinned) output.
 */
export function createStartNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Harness Start',
			name: 'start',
			group: ['trigger'],
			version: 1,
			description: 'Starts a harness workflow with fixed items',
			defaults: { name: START_NODE_NAME },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute() {
			const output: INodeExecutionData[] = items.map((json) => ({ json: structuredClone(json) }));
			return [output];
		},
	};
}
