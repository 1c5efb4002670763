/**
 * The node used as a tool (FluenzR Tool), as an AI model meets it. What it
 * reads about each operation is computed with n8n-workflow's own functions: the parameters n8n fills in for
 * a FluenzR Tool node (getNodeParameters) and the description it gives the
 * tool from them (getToolDescriptionForNode, which the AI Agent and the MCP
 * Server Trigger use). Real n8n sends the same: test/e2e/aiAgent.test.ts.
 */
import type { INode, INodeParameters, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Fluenzr } from '../../../nodes/Fluenzr/Fluenzr.node';
import { runNode } from '../../harness';
import { DEMO_KEYS } from '../../../sandbox';
import { useSandbox } from './support';

const plain = new Fluenzr().description;
/** How n8n names the tool variant that `usableAsTool` derives (n8n's `@tool` display condition reads the name). */
const tool: INodeTypeDescription = { ...plain, name: `${plain.name}Tool` };

const operations = plain.properties
	.filter((property) => property.name === 'operation')
	.flatMap((selector) =>
		(selector.options as INodePropertyOptions[]).map((option) => ({
			resource: String(selector.displayOptions?.show?.resource?.[0]),
			operation: String(option.value),
			action: String(option.action),
		})),
	);

function nodeOf(description: INodeTypeDescription, resource: string, operation: string): INode {
	const node: INode = {
		id: 'tool',
		name: 'FluenzR Tool',
		type: `n8n-nodes-fluenzr.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource, operation },
	};
	const parameters = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
	return { ...node, parameters: parameters as INodeParameters };
}

function modelDescription(resource: string, operation: string): string {
	return NodeHelpers.getToolDescriptionForNode(nodeOf(tool, resource, operation), { description: tool } as never);
}

describe('the FluenzR Tool as an AI model reads it', () => {
	it.each(operations.map(({ resource, operation }) => [resource, operation]))(
		'%s → %s says in a sentence or two what it does and what it returns, in no editor words',
		(resource, operation) => {
			const text = modelDescription(resource, operation);
			const sentences = text.split(/(?<=[.!?])\s+/).filter(Boolean);
			expect(sentences.length).toBeGreaterThanOrEqual(1);
			expect(sentences.length).toBeLessThanOrEqual(2);
			expect(text).toMatch(/Returns /);
			expect(text).not.toMatch(/from the list|\bpick\b|expression|in the editor/i);
		},
	);

	it.each(operations.filter(({ operation }) => operation === 'getAll').map(({ resource }) => [resource]))(
		'%s → Get Many says how many records it returns by default and how to get more',
		(resource) => {
			expect(modelDescription(resource, 'getAll')).toMatch(/Returns 50 \w+ by default; a higher Limit, or Return All, returns more\./);
		},
	);

	it('an operation on one record names the ID it takes', () => {
		expect(modelDescription('campaign', 'getStats')).toMatch(/by its ID \(cmp_…\)/);
		expect(modelDescription('group', 'addContacts')).toMatch(/by its ID \(grp_…\)/);
		expect(modelDescription('contact', 'update')).toMatch(/by its ID \(ct_…\)/);
	});

	it('Create points a model that retries at Create or Update, which never makes a duplicate', () => {
		expect(modelDescription('contact', 'create')).toMatch(/Create or Update is safe to repeat/);
		expect(modelDescription('contact', 'upsert')).toMatch(/never makes a duplicate/);
	});

	it("the editor's action names stay short: the model's text is longer than the action and is not it", () => {
		for (const { resource, operation, action } of operations) {
			expect(action.length).toBeLessThanOrEqual(30);
			expect(modelDescription(resource, operation).length).toBeGreaterThan(action.length + 20);
		}
	});

	it('the plain FluenzR node has no Tool Description parameter', () => {
		for (const { resource, operation } of operations) {
			expect(nodeOf(plain, resource, operation).parameters).not.toHaveProperty('toolDescription');
		}
	});

	it("a description the user wrote on the tool is the one the model reads", () => {
		const node = nodeOf(tool, 'campaign', 'getStats');
		node.parameters.toolDescription = 'Figures of the campaign the user names.';
		expect(NodeHelpers.getToolDescriptionForNode(node, { description: tool } as never)).toBe('Figures of the campaign the user names.');
	});
});

describe('a failing FluenzR Tool, as an AI model reads it', () => {
	const sandbox = useSandbox();
	/** The node under the name n8n gives its tool variant. */
	const asTool = Object.assign(new Fluenzr(), { description: tool });
	const invalidCreate = { resource: 'contact', operation: 'create', email: 'ada-at-analytical-engines' };

	it('the message names the field at fault and the fix (an AI Agent passes the model the message only)', async () => {
		const { error } = await runNode({ node: asTool, parameters: invalidCreate, credentials: { apiKey: DEMO_KEYS.pro, baseUrl: sandbox().baseUrl } });
		expect(error?.message).toMatch(/^Email must be a valid email address[^\n]*\n\nDetails: Contact → Create \(POST \/contacts\) failed with HTTP 400/);
		expect(error?.message).toContain('Correct the fields listed above and try again.');
	});

	it('the plain node keeps the message short and the fix in the description, for the editor', async () => {
		const { error } = await runNode({ node: new Fluenzr(), parameters: invalidCreate, credentials: { apiKey: DEMO_KEYS.pro, baseUrl: sandbox().baseUrl } });
		expect(error?.message).not.toContain('Details:');
		expect((error as { description?: string } | undefined)?.description).toContain('Correct the fields listed above and try again.');
	});
});
