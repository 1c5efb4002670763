import type { INode, IWebhookDescription, Workflow } from 'n8n-workflow';

export interface WebhookPath {
	path: string;
	isFullPath: boolean;
}

/** The webhook's path as n8n resolves it: `webhooks[].path` may be an expression; slashes are trimmed. */
export function resolveWebhookPath(workflow: Workflow, node: INode, description: IWebhookDescription): WebhookPath {
	const { expression } = workflow;
	const path = expression.getSimpleParameterValue(node, description.path, 'internal', {}) ?? '';
	const isFullPath = expression.getSimpleParameterValue(node, description.isFullPath, 'internal', {}, undefined, false);
	return { path: String(path).replace(/^\/|\/$/g, ''), isFullPath: isFullPath === true };
}

/**
 * Splits a URL of n8n's shape, `<base>/<webhookId>/<path>`, into the base URL
 * and webhookId from which n8n's own `getNodeWebhookUrl` rebuilds it.
 */
export function splitWebhookUrl(url: string, path: string): { baseUrl: string; webhookId: string } | undefined {
	const suffix = `/${path}`;
	if (path === '' || !url.endsWith(suffix)) return undefined;
	const prefix = url.slice(0, -suffix.length);
	const cut = prefix.lastIndexOf('/');
	if (cut <= prefix.indexOf('//') + 1) return undefined;
	return { baseUrl: prefix.slice(0, cut), webhookId: prefix.slice(cut + 1) };
}

interface WebhookUrlContext {
	getNodeWebhookUrl(name: string): string | undefined;
}

/** Makes a context answer `url` for the 'default' webhook, for URLs n8n's own building cannot produce. */
export function overrideDefaultWebhookUrl<Context extends WebhookUrlContext>(context: Context, url: string | undefined): Context {
	if (url === undefined) return context;
	const ownUrl = context.getNodeWebhookUrl.bind(context);
	context.getNodeWebhookUrl = (name: string) => (name === 'default' ? url : ownUrl(name));
	return context;
}
