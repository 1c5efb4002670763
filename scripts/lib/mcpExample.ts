/**
 * examples/ai-agent-tools.json: an MCP Server Trigger guarded by a Bearer
 * token credential, which the workflow names but cannot carry. The demo and
 * the end-to-end test both make that credential from here.
 */
import { loadExample } from './examples';
import type { CredentialToImport, WorkflowJson } from './n8nCli';

export const MCP_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.mcpTrigger';

type McpTriggerNode = WorkflowJson['nodes'][number] & {
	parameters: { path: string };
	credentials: { httpBearerAuth: { id: string; name: string } };
};

export function loadMcpExample(): { workflow: WorkflowJson; trigger: McpTriggerNode } {
	const workflow = loadExample('ai-agent-tools.json');
	const trigger = workflow.nodes.find((node) => node.type === MCP_TRIGGER_TYPE) as McpTriggerNode | undefined;
	if (!trigger) throw new Error('examples/ai-agent-tools.json has no MCP Server Trigger');
	return { workflow, trigger };
}

/** The Bearer token credential the example's trigger asks for, holding `token`. */
export function mcpTokenCredential(token: string): CredentialToImport {
	const { trigger } = loadMcpExample();
	return { ...trigger.credentials.httpBearerAuth, type: 'httpBearerAuth', data: { token } };
}
