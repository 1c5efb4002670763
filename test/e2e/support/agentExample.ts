/**
 * examples/ai-agent.json run against a scripted chat model: the OpenAI
 * credential the example names, pointed at the model's URL, and one run of
 * the workflow per script, with what the model received.
 */
import { loadExample } from '../../../scripts/lib/examples';
import { executeWorkflow, importCredentials, importWorkflows, type CredentialToImport, type N8nCliOptions, type WorkflowJson } from '../../../scripts/lib/n8nCli';
import { isN8n1 } from '../../../scripts/lib/n8nVersion';
import { FLUENZR_TOOL_TYPE } from '../../../scripts/lib/workflowBuilder';
import type { WorkflowRunData } from '../../../scripts/lib/runJson';
import type { ChatRequest, ScriptedChatModel, ScriptStep, ToolCall } from './scriptedChatModel';

const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';

/** The newest AI Agent n8n 1.x has (the example's 3.1 is n8n 2.x's). */
const N8N1_AGENT_VERSION = 3;

/**
 * The example as this n8n runs it. On 1.x, as a user of 1.x sets it up: the
 * newest AI Agent 1.x has, and each tool set to continue on error (1.x's
 * agent runs its tools as workflow nodes, so a tool's error would end the
 * execution instead of reaching the model).
 */
function forThisN8n(workflow: WorkflowJson): WorkflowJson {
	if (!isN8n1()) return workflow;
	const nodes = workflow.nodes.map((node) => {
		if (node.type === AGENT_TYPE) return { ...node, typeVersion: N8N1_AGENT_VERSION };
		if (node.type === FLUENZR_TOOL_TYPE) return { ...node, onError: 'continueRegularOutput' };
		return node;
	});
	return { ...workflow, nodes };
}

export const AGENT_EXAMPLE = forThisN8n(loadExample('ai-agent.json'));
export const AGENT_NODE_NAME = 'AI Agent';
const CHAT_MODEL_TYPE = '@n8n/n8n-nodes-langchain.lmChatOpenAi';

/** The example's OpenAI credential, its Base URL on the scripted model. */
export async function pointAgentExampleAt(model: ScriptedChatModel, cli: N8nCliOptions): Promise<void> {
	const chatModel = AGENT_EXAMPLE.nodes.find((node) => node.type === CHAT_MODEL_TYPE) as
		| { credentials: { openAiApi: { id: string; name: string } } }
		| undefined;
	if (!chatModel) throw new Error('examples/ai-agent.json has no OpenAI Chat Model');
	const credential: CredentialToImport = {
		...chatModel.credentials.openAiApi,
		type: 'openAiApi',
		data: { apiKey: 'sk-scripted-model', url: model.baseUrl },
	};
	await importCredentials([credential], cli);
	if (isN8n1()) await importWorkflows([AGENT_EXAMPLE], cli);
}

export interface AgentRun {
	run: WorkflowRunData;
	/** What the model received, one request per answer it gave. */
	requests: ChatRequest[];
}

/** Runs the example once with this script; fails with n8n's output unless the run succeeded and used every step. */
export async function runAgentExample(model: ScriptedChatModel, steps: ScriptStep[], cli: N8nCliOptions): Promise<AgentRun> {
	model.script(steps);
	const result = await executeWorkflow(AGENT_EXAMPLE.id, cli);
	const requests = model.requests();
	if (!result.succeeded || !result.run) {
		throw new Error(
			`the agent's run failed (exit ${result.exitCode}) after ${requests.length} model requests: ${result.errorMessage ?? 'no run printed'}\n${result.output.slice(-4000)}`,
		);
	}
	if (model.remainingSteps() > 0) {
		throw new Error(`the agent stopped with ${model.remainingSteps()} scripted answers unused, after ${requests.length} requests`);
	}
	return { run: result.run, requests };
}

/** The model's answer: call these tools (by function name). */
export function callTools(...calls: ToolCall[]): { toolCalls: ToolCall[] } {
	return { toolCalls: calls };
}

export function call(name: string, args: Record<string, unknown> = {}): ToolCall {
	return { name, arguments: args };
}
