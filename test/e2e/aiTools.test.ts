/**
 * The Fluenzr node as tools for AI agents, in real n8n, with no LLM in the
 * loop. examples/ai-agent-tools.json (n8n's MCP Server Trigger with six
 * Fluenzr tools whose parameters come from $fromAI()) is published, and an
 * MCP client (@modelcontextprotocol/sdk, the library MCP hosts use) lists and
 * calls the tools over streamable HTTP, as an agent would: what the agent
 * sees (tool names, input schemas, descriptions, results, errors) and what
 * FluenzR holds afterwards.
 */
import path from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { e2eContext } from './support/e2eState';
import { loadMcpExample, mcpTokenCredential } from '../../scripts/lib/mcpExample';
import { importCredentials } from '../../scripts/lib/n8nCli';
import { createApiKey, logIn, publicApi, waitForPublicationToSettle, type PublicApi } from '../../scripts/lib/n8nApi';
import { startN8n, type N8nServer } from '../../scripts/lib/n8nServer';
import { DEMO_OWNER } from '../../scripts/lib/owner';
import { timed } from './support/timings';
import { FLUENZR_TOOL_TYPE } from '../../scripts/lib/workflowBuilder';

const context = e2eContext();
const { sandbox } = context;

const { workflow: example, trigger } = loadMcpExample();
/** The example's MCP Server Trigger asks for this credential; the test makes it, with a token of its own. */
const BEARER_TOKEN = 'fluenzr-e2e-mcp-token-6b1f0c';


interface Contact {
	id: string;
	email: string;
	firstName: string | null;
	company: string | null;
	groupIds: string[];
}
interface Campaign {
	id: string;
	name: string;
	status: string;
}
interface Group {
	id: string;
	name: string;
	contactCount: number;
}
interface ToolCall {
	/** The one text block n8n answers with: the node's output items as JSON, or the error. */
	text: string;
	isError: boolean;
}

let server: N8nServer | undefined;
let api: PublicApi | undefined;
let client: Client | undefined;
let mcpUrl: URL;

async function callTool(name: string, args: Record<string, unknown>): Promise<ToolCall> {
	if (!client) throw new Error('the MCP client is not connected');
	const result = (await timed(`MCP tools/call ${name}`, () => client!.callTool({ name, arguments: args }))) as {
		content: Array<{ type: string; text?: string }>;
		isError?: boolean;
	};
	const text = result.content.map((block) => block.text ?? '').join('\n');
	return { text, isError: result.isError === true };
}

/** A successful call's items; a failed call fails the test with the error an agent got. */
async function callToolForItems<T>(name: string, args: Record<string, unknown>): Promise<T[]> {
	const result = await callTool(name, args);
	if (result.isError) throw new Error(`${name} failed: ${result.text}`);
	return JSON.parse(result.text) as T[];
}

describe('Fluenzr tools behind the MCP Server Trigger (examples/ai-agent-tools.json)', () => {
	beforeAll(async () => {
		await sandbox.reset();
		await importCredentials([mcpTokenCredential(BEARER_TOKEN)], context.cli);
		const logFile = path.join(context.artefactsFolder, 'n8n-ai-tools.log');
		server = await timed('n8n start (AI tools)', () => startN8n({ userFolder: context.userFolder, owner: DEMO_OWNER, logFile }));
		const session = await logIn(server.baseUrl, DEMO_OWNER);
		api = publicApi(server.baseUrl, await createApiKey(session, 'e2e AI tools suite'));
		await timed('publish the MCP workflow', async () => {
			await api!.activateWorkflow(example.id);
			const state = await waitForPublicationToSettle(session, example.id);
			if (state && state.status !== 'published') throw new Error(`publishing ${example.id} ended ${JSON.stringify(state)}`);
		});

		mcpUrl = new URL(`${server.baseUrl}/mcp/${trigger.parameters.path}`);
		client = new Client({ name: 'fluenzr-e2e-agent', version: '1.0.0' });
		const transport = new StreamableHTTPClientTransport(mcpUrl, {
			requestInit: { headers: { Authorization: `Bearer ${BEARER_TOKEN}` } },
		});
		await timed('MCP connect (initialize)', () => client!.connect(transport));
	});

	afterAll(async () => {
		await client?.close().catch(() => undefined);
		await api?.deactivateWorkflow(example.id).catch(() => undefined);
		await server?.stop();
	});

	describe('what an agent is offered', () => {
		let tools: Awaited<ReturnType<Client['listTools']>>['tools'];

		beforeAll(async () => {
			({ tools } = await timed('MCP tools/list', () => client!.listTools()));
		});

		it('one tool per Fluenzr node of the workflow, named after the node', () => {
			const toolNodes = example.nodes.filter((node) => node.type === FLUENZR_TOOL_TYPE);
			expect(tools.map((tool) => tool.name).sort()).toEqual(
				toolNodes.map((node) => node.name.replace(/[^a-zA-Z0-9_-]+/g, '_')).sort(),
			);
			expect(tools.map((tool) => tool.name).sort()).toEqual([
				'Add_contacts_to_group',
				'Create_contact',
				'Find_contacts',
				'Get_campaign_statistics',
				'List_campaigns',
				'List_groups',
			]);
		});

		it("each tool's input schema holds its $fromAI() parameters, typed, described and required", () => {
			const schemaOf = (name: string) => tools.find((tool) => tool.name === name)?.inputSchema;
			expect(schemaOf('Create_contact')).toMatchObject({
				type: 'object',
				properties: {
					email: { type: 'string', description: 'Email address of the new contact' },
					firstName: { type: 'string', description: 'First name of the contact' },
					company: { type: 'string', description: 'Company the contact works for' },
				},
			});
			expect([...(schemaOf('Create_contact')?.required ?? [])].sort()).toEqual(['company', 'email', 'firstName']);
			expect(schemaOf('Find_contacts')?.properties).toMatchObject({
				limit: { type: 'number' },
				emailContains: { type: 'string' },
			});
			expect(schemaOf('Get_campaign_statistics')).toMatchObject({
				properties: { campaignId: { type: 'string', description: expect.stringContaining('cmp_123') } },
				required: ['campaignId'],
			});
			expect(schemaOf('Add_contacts_to_group')?.properties).toMatchObject({
				groupId: { type: 'string' },
				contactIds: { type: 'string', description: expect.stringContaining('separated by commas') },
			});
			expect(schemaOf('List_campaigns')?.properties).toEqual({});
		});

		it('a tool without a description of its own is described by what its operation needs and returns; one written on the node wins', () => {
			expect(tools.find((tool) => tool.name === 'Get_campaign_statistics')?.description).toMatch(
				/^Get the statistics of a campaign given by its ID \(cmp_…\)\. Returns /,
			);
			const createContact = example.nodes.find((node) => node.name === 'Create contact') as unknown as { parameters: { toolDescription: string } };
			expect(tools.find((tool) => tool.name === 'Create_contact')?.description).toBe(createContact.parameters.toolDescription);
		});

		it('a client without the Bearer token is refused', async () => {
			const response = await fetch(mcpUrl, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
				body: JSON.stringify({
					jsonrpc: '2.0',
					id: 1,
					method: 'initialize',
					params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'intruder', version: '0' } },
				}),
			});
			expect(response.status).toBe(403);
			await response.body?.cancel();
		});
	});

	describe('calls that work, checked in FluenzR', () => {
		const newContact = { email: 'ada.lovelace@analytical-engines.dev', firstName: 'Ada', company: 'Analytical Engines' };
		let created: Contact;

		it('Create_contact creates the contact with the fields the agent gave', async () => {
			[created] = await callToolForItems<Contact>('Create_contact', newContact);
			expect(created).toMatchObject(newContact);
			const stored = await sandbox.listAll<Contact>(`/contacts?email=${encodeURIComponent(newContact.email)}`);
			expect(stored).toEqual([expect.objectContaining({ id: created.id, ...newContact })]);
		});

		it('Find_contacts finds contacts by part of their email, no more than the limit', async () => {
			expect(await callToolForItems<Contact>('Find_contacts', { emailContains: 'analytical-engines', limit: 5 })).toEqual([
				expect.objectContaining({ id: created.id }),
			]);
			const everyone = await callToolForItems<Contact>('Find_contacts', { emailContains: '', limit: 3 });
			expect(everyone).toHaveLength(3);
		});

		it("List_campaigns gives the campaigns' IDs, and Get_campaign_statistics the figures FluenzR has for one", async () => {
			const campaigns = await callToolForItems<Campaign>('List_campaigns', {});
			expect(campaigns.map((campaign) => campaign.id).sort()).toEqual(
				(await sandbox.listAll<Campaign>('/campaigns')).map((campaign) => campaign.id).sort(),
			);
			const active = campaigns.find((campaign) => campaign.status === 'active') as Campaign;
			const [stats] = await callToolForItems<Record<string, unknown>>('Get_campaign_statistics', { campaignId: active.id });
			expect(stats).toEqual(await sandbox.api('GET', `/campaigns/${active.id}/stats`));
		});

		it('Add_contacts_to_group puts the contacts in the group; asked again, it adds nobody twice', async () => {
			const [group] = await callToolForItems<Group>('List_groups', {});
			const members = await sandbox.listAll<Contact>(`/contacts?group=${group.id}`);
			const outsider = (await sandbox.listAll<Contact>('/contacts?sort=email')).find(
				(contact) => contact.id !== created.id && !contact.groupIds.includes(group.id),
			) as Contact;
			const contactIds = `${created.id}, ${outsider.id}`;

			const [first] = await callToolForItems<Record<string, unknown>>('Add_contacts_to_group', { groupId: group.id, contactIds });
			expect(first).toMatchObject({ id: group.id, added: 2, contactCount: members.length + 2 });
			const nowMembers = await sandbox.listAll<Contact>(`/contacts?group=${group.id}`);
			expect(nowMembers.map((contact) => contact.id)).toEqual(expect.arrayContaining([created.id, outsider.id]));

			const [second] = await callToolForItems<Record<string, unknown>>('Add_contacts_to_group', { groupId: group.id, contactIds });
			expect(second).toMatchObject({ id: group.id, added: 0, contactCount: members.length + 2 });
		});
	});

	describe('calls that fail tell the agent what to fix', () => {
		it('an invalid email: the error names the email field and the form FluenzR expects; nothing is created', async () => {
			const before = await sandbox.listAll<Contact>('/contacts');
			const result = await callTool('Create_contact', { email: 'ada-at-analytical', firstName: 'Ada', company: 'AE' });
			expect(result.isError).toBe(true);
			expect(result.text).toContain('Email must be a valid email address (local@domain.tld)');
			expect(result.text).toContain('Fields: email: must be a valid email address (local@domain.tld)');
			expect(result.text).toContain('Correct the fields listed above and try again.');
			expect(await sandbox.listAll<Contact>('/contacts')).toHaveLength(before.length);
		});

		it('an empty campaign ID: the error says an ID of a campaign is expected, with an example', async () => {
			const result = await callTool('Get_campaign_statistics', { campaignId: '' });
			expect(result.isError).toBe(true);
			expect(result.text).toContain('The Campaign field is empty');
			expect(result.text).toContain('"Campaign" takes the ID of a campaign, for example cmp_123');
			expect(result.text).toContain('from an AI agent ($fromAI)');
		});

		it('an ID that does not exist: the error says so, and to check the ID', async () => {
			const result = await callTool('Add_contacts_to_group', { groupId: 'grp_missing', contactIds: 'ct_1' });
			expect(result.isError).toBe(true);
			expect(result.text).toContain('Group grp_missing not found');
			expect(result.text).toContain('HTTP 404 (NOT_FOUND). Check the ID');
		});

		it('the tools keep working after failed calls', async () => {
			const found = await callToolForItems<Contact>('Find_contacts', { emailContains: 'analytical-engines', limit: 5 });
			expect(found).toHaveLength(1);
		});
	});
});
