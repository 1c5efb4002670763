/**
 * examples/ai-agent.json run against a scripted chat model: the OpenAI
 * credential the example names, pointed at the model's URL, and one run of
 * the workflow per script, with what the model received.
 */
import { loadExample } from '../../../scripts/lib/examples';
import { executeWorkflow, importCredentials, type CredentialToImport, type N8nCliOptions } from '../../../scripts/lib/n8nCli';
import type { WorkflowRunData } from '../../../scripts/lib/runJson';
import type { ChatRequest, ScriptedChatModel, ScriptStep, ToolCall } from './scriptedChatModel';

export const AGENT_EXAMPLE = loadExample('ai-agent.json');
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
