import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * What an AI model reads about the node used as a tool (FluenzR Tool): one
 * sentence or two per operation, saying what it does, needs and returns.
 * Without a `toolDescription` parameter of its own, n8n describes the tool by
 * the operation's `action` only ("Create a contact in FluenzR"), and the
 * action must stay short: it names the action in the editor's node panel and
 * the node itself. n8n adds no Tool Description field to a node that has one;
 * `@tool` keeps these off the plain FluenzR node.
 */
export function toolDescriptions(operationSelector: INodeProperties, texts: Record<string, string>): INodeProperties[] {
	const resources = operationSelector.displayOptions?.show?.resource ?? [];
	return (operationSelector.options as INodePropertyOptions[]).map((operation) => {
		const text = texts[String(operation.value)] ?? operation.description ?? '';
		return {
			displayName: 'Tool Description',
			name: 'toolDescription',
			type: 'string',
			default: text,
			required: true,
			typeOptions: { rows: 3 },
			description: 'What the AI model reads about this tool: what it does, what it needs and what it returns',
			displayOptions: { show: { '@tool': [true], resource: resources, operation: [operation.value] } },
		};
	});
}
