/**
 * FluenzR tools inside n8n's own AI Agent, in real n8n: examples/ai-agent.json
 * (AI Agent 3.1, OpenAI Chat Model 1.3 on Chat Completions, seven FluenzR
 * tools with $fromAI()) run with its OpenAI credential's Base URL on a
 * scripted model (support/scriptedChatModel.ts). Each scenario is one run
 * of the workflow: the script calls tools, reacts to their results, and
 * the test reads what n8n sent the model (tool definitions, tool results)
 * and what FluenzR holds afterwards.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { e2eContext } from './support/e2eState';
import { AGENT_EXAMPLE, AGENT_NODE_NAME, call, callTools, pointAgentExampleAt, runAgentExample, type AgentRun } from './support/agentExample';
import { lastToolResult, startScriptedChatModel, toolResultIn, type ScriptedChatModel, type ToolDefinition } from './support/scriptedChatModel';
import type { Campaign, Contact, Group as GroupRecord } from '../../sandbox/state/records';
import { nodeItems } from '../../scripts/lib/runJson';
import { timed } from './support/timings';
import { FLUENZR_TOOL_TYPE } from '../../scripts/lib/workflowBuilder';

const context = e2eContext();
const { sandbox } = context;

/** FluenzR's records as the API answers them (the sandbox's Group keeps its members apart). */
type Group = Pick<GroupRecord, 'id' | 'name'>;

/** OpenAI's rule for a function name. */
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const FINAL_ANSWER = 'Done: Ada is in FluenzR and in the group.';

let model: ScriptedChatModel;

function parsed<T>(toolResult: string | undefined): T {
	if (toolResult === undefined) throw new Error('the model received no result for that tool');
	return JSON.parse(toolResult) as T;
}

/** One run of the example; what the model received is kept beside the logs (docs/ai-agents.md quotes it). */
async function runScenario(name: string, steps: Parameters<typeof runAgentExample>[1]): Promise<AgentRun> {
	const agent = await timed(`n8n execute: AI Agent, ${name}`, () => runAgentExample(model, steps, context.cli));
	const file = `ai-agent-requests-${name.replace(/\W+/g, '-')}.json`;
	writeFileSync(path.join(context.artefactsFolder, file), `${JSON.stringify(agent.requests, null, 2)}\n`);
	return agent;
}

describe('FluenzR tools in an AI Agent with a scripted chat model (examples/ai-agent.json)', () => {
	beforeAll(async () => {
		await sandbox.reset();
		model = await startScriptedChatModel();
		await pointAgentExampleAt(model, context.cli);
	});

	afterAll(async () => {
		await model?.close();
	});

	describe('a new lead: create, find, add to a group', () => {
		const ada = { email: 'ada@analytical-engines.dev', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines' };
		let agent: AgentRun;
		let group: Group;

		beforeAll(async () => {
			agent = await runScenario('a new lead', [
				callTools(call('Create_or_update_contact', { ...ada, email: 'ada-at-analytical-engines' })),
				(request) => {
					// The model corrects what the tool's error names.
					const error = lastToolResult(request) ?? '';
					return callTools(call('Create_or_update_contact', /email/i.test(error) ? ada : { ...ada, email: 'wrong-fix' }));
				},
				callTools(call('Find_contacts', { emailContains: 'analytical-engines', limit: 5 })),
				callTools(call('List_groups')),
				(request) => {
					group = parsed<Group[]>(lastToolResult(request)).find((candidate) => candidate.name === 'SaaS founders') as Group;
					const [contact] = parsed<Contact[]>(toolResultIn(request, 'Find_contacts'));
					return callTools(call('Add_contacts_to_group', { groupId: group.id, contactIds: contact.id }));
				},
				callTools(call('Add_contacts_to_group', { groupId: 'grp_missing', contactIds: 'ct_1' })),
				{ text: FINAL_ANSWER },
			]);
		});

		describe('what n8n tells the model about the tools', () => {
			const definitions = () => agent.requests[0].tools ?? [];
			const definition = (name: string) => definitions().find((tool) => tool.function.name === name) as ToolDefinition;

			it('one function per FluenzR tool, named after its node within OpenAI\'s name rule', () => {
				const names = definitions().map((tool) => tool.function.name);
				for (const name of names) expect(name).toMatch(FUNCTION_NAME);
				const toolNodes = AGENT_EXAMPLE.nodes.filter((node) => node.type === FLUENZR_TOOL_TYPE);
				expect([...names].sort()).toEqual(toolNodes.map((node) => node.name.replace(/ /g, '_')).sort());
			});

			it('each is described in a sentence or two with what it needs and returns, in no editor words', () => {
				for (const { function: tool } of definitions()) {
					const sentences = (tool.description ?? '').split(/(?<=[.!?])\s+/).filter(Boolean);
					expect(sentences.length).toBeGreaterThanOrEqual(1);
					expect(sentences.length).toBeLessThanOrEqual(2);
					expect(tool.description).toMatch(/Returns /);
					expect(tool.description).not.toMatch(/from the list|\bpick\b|expression|in the editor/i);
				}
			});

			it('the list tools say how many records they return by default and how to get more', () => {
				for (const name of ['Find_contacts', 'List_groups', 'List_campaigns']) {
					expect(definition(name).function.description).toMatch(/Returns 50 \w+ by default; a higher Limit, or Return All, returns more/);
				}
			});

			it('a tool that takes a record names the ID it needs; Create or Update says it is safe to repeat', () => {
				expect(definition('Get_campaign_statistics').function.description).toMatch(/campaign given by its ID \(cmp_…\)/);
				expect(definition('Start_campaign').function.description).toMatch(/needs at least one step and one contact/);
				expect(definition('Add_contacts_to_group').function.description).toMatch(/group given by its ID \(grp_…\)/);
				expect(definition('Create_or_update_contact').function.description).toMatch(/never makes a duplicate/);
			});

			it("each schema requires exactly the tool's $fromAI() arguments, typed and described", () => {
				const required = (name: string) => [...(definition(name).function.parameters?.required ?? [])].sort();
				expect(required('Create_or_update_contact')).toEqual(['company', 'email', 'firstName', 'lastName']);
				expect(required('Find_contacts')).toEqual(['emailContains', 'limit']);
				expect(required('Add_contacts_to_group')).toEqual(['contactIds', 'groupId']);
				expect(required('Get_campaign_statistics')).toEqual(['campaignId']);
				expect(required('Start_campaign')).toEqual(['campaignId']);
				expect(required('List_groups')).toEqual([]);
				expect(required('List_campaigns')).toEqual([]);
				expect(definition('Find_contacts').function.parameters?.properties).toMatchObject({
					limit: { type: 'number', description: expect.stringContaining('at most') },
					emailContains: { type: 'string' },
				});
				expect(definition('Create_or_update_contact').function.parameters?.properties?.email).toMatchObject({
					type: 'string',
					description: expect.stringContaining('name@example.com'),
				});
			});
		});

		it('an invalid email comes back to the model as a tool result naming the email and the fix; nothing is written', () => {
			const error = toolResultIn(agent.requests[1], 'Create_or_update_contact');
			expect(error).toMatch(/"error"/);
			expect(error).toMatch(/email/i);
			expect(error).toMatch(/Correct the fields listed above and try again/);
		});

		it("the model's corrected call creates the contact once, with its arguments, and the model reads its ID", async () => {
			const stored = await sandbox.listAll<Contact>('/contacts?email=analytical-engines');
			expect(stored).toEqual([expect.objectContaining(ada)]);
			expect(parsed<Contact[]>(lastToolResult(agent.requests[2]))).toEqual([expect.objectContaining({ id: stored[0].id, ...ada })]);
		});

		it('Find contacts asks FluenzR with the model\'s filter and limit, and the model receives the contact', async () => {
			const reads = await sandbox.requests({ method: 'GET', pathPrefix: '/contacts' });
			expect(reads.some((request) => request.query.email === 'analytical-engines' && Number(request.query.perPage) <= 5)).toBe(true);
			const [found] = parsed<Contact[]>(lastToolResult(agent.requests[3]));
			expect(found).toMatchObject({ email: ada.email });
		});

		it('Add contacts to group puts the contact in the group the model chose, and the model reads the count', async () => {
			const [contact] = await sandbox.listAll<Contact>('/contacts?email=analytical-engines');
			expect(contact.groupIds).toContain(group.id);
			expect(parsed<Array<Record<string, unknown>>>(lastToolResult(agent.requests[5]))).toEqual([
				expect.objectContaining({ id: group.id, added: 1 }),
			]);
		});

		it('an unknown group comes back to the model as not found, with the ID to check; the agent goes on to its answer', () => {
			const error = lastToolResult(agent.requests[6]);
			expect(error).toMatch(/grp_missing not found/);
			expect(error).toMatch(/Check the ID/);
			expect(nodeItems(agent.run, AGENT_NODE_NAME)).toEqual([{ output: FINAL_ANSWER }]);
		});
	});

	describe('campaigns: list, statistics, start', () => {
		let agent: AgentRun;
		let active: Campaign;
		let paused: Campaign;

		beforeAll(async () => {
			agent = await runScenario('campaigns', [
				callTools(call('List_campaigns')),
				(request) => {
					const campaigns = parsed<Campaign[]>(lastToolResult(request));
					active = campaigns.find((campaign) => campaign.status === 'active') as Campaign;
					paused = campaigns.find((campaign) => campaign.status === 'paused') as Campaign;
					return callTools(call('Get_campaign_statistics', { campaignId: active.id }));
				},
				() => callTools(call('Start_campaign', { campaignId: paused.id })),
				{ text: 'The active campaign is doing fine; the paused one is running again.' },
			]);
		});

		it("List campaigns gives the model every campaign's ID and status", async () => {
			const campaigns = parsed<Campaign[]>(lastToolResult(agent.requests[1]));
			expect(campaigns.map((campaign) => campaign.id).sort()).toEqual(
				(await sandbox.listAll<Campaign>('/campaigns')).map((campaign) => campaign.id).sort(),
			);
		});

		it("Get campaign statistics reads the campaign the model named, and the model receives FluenzR's figures", async () => {
			expect(parsed<unknown[]>(lastToolResult(agent.requests[2]))).toEqual([
				await sandbox.api('GET', `/campaigns/${active.id}/stats`),
			]);
		});

		it('Start campaign starts the campaign the model named, and the model reads it active', async () => {
			expect(await sandbox.api<Campaign>('GET', `/campaigns/${paused.id}`)).toMatchObject({ status: 'active' });
			expect(parsed<Campaign[]>(lastToolResult(agent.requests[3]))).toEqual([expect.objectContaining({ id: paused.id, status: 'active' })]);
		});
	});

	describe('FluenzR failing under the agent: a rate limit, then a server error', () => {
		const grace = { email: 'grace@compilers.dev', firstName: 'Grace', lastName: 'Hopper', company: 'Compilers' };
		let agent: AgentRun;

		beforeAll(async () => {
			// More 429s than the node waits out, then a 500: each reaches the model, which retries the same call.
			await sandbox.injectFault({ match: { method: 'POST', path: '/contacts' }, count: 6, fault: { type: 'rateLimited', retryAfter: 1 } });
			await sandbox.injectFault({ match: { method: 'POST', path: '/contacts' }, count: 1, fault: { type: 'status', status: 500 } });
			agent = await runScenario('faults', [
				callTools(call('Create_or_update_contact', grace)),
				callTools(call('Create_or_update_contact', grace)),
				callTools(call('Create_or_update_contact', grace)),
				{ text: 'Grace is in FluenzR.' },
			]);
		});

		it('the rate limit comes back to the model as a tool result naming the wait and what to do', () => {
			const error = lastToolResult(agent.requests[1]);
			expect(error).toMatch(/"error"/);
			expect(error).toMatch(/retry after 1 s/i);
			expect(error).toMatch(/spread the work over time/);
		});

		it('the server error comes back as a tool result saying the write may have happened, to check before running it again', () => {
			const error = lastToolResult(agent.requests[2]);
			expect(error).toMatch(/"error"/);
			expect(error).toMatch(/HTTP 500/);
			expect(error).toMatch(/may have been carried out all the same: check in FluenzR/);
		});

		it("the model's retries leave one contact, and the run goes on to the agent's answer", async () => {
			expect(await sandbox.listAll<Contact>('/contacts?email=grace%40compilers.dev')).toEqual([expect.objectContaining(grace)]);
			expect(parsed<Contact[]>(lastToolResult(agent.requests[3]))).toEqual([expect.objectContaining(grace)]);
			expect(nodeItems(agent.run, AGENT_NODE_NAME)).toEqual([{ output: 'Grace is in FluenzR.' }]);
		});
	});
});
