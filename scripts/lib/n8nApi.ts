/**
 * The HTTP side of a running n8n: the editor's REST API (signed in as the
 * owner, with the `n8n-auth` cookie) for what only it offers, and the public
 * API (with an API key) for what a user's scripts would do.
 */
import { eventually } from './eventually';
import { isN8n1 } from './n8nVersion';
import type { N8nOwner } from './owner';

export interface N8nSession {
	baseUrl: string;
	cookie: string;
}

export async function logIn(baseUrl: string, owner: N8nOwner): Promise<N8nSession> {
	const response = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	await expectOk(response, 'POST /rest/login');
	const authCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
	if (!authCookie) throw new Error('POST /rest/login answered without an n8n-auth cookie');
	return { baseUrl, cookie: authCookie.split(';')[0] };
}

/** GET on the editor's REST API; n8n wraps answers in `{ data }`. */
export async function restGet<T>(session: N8nSession, path: string): Promise<T> {
	const response = await fetch(`${session.baseUrl}/rest${path}`, { headers: { Cookie: session.cookie } });
	await expectOk(response, `GET /rest${path}`);
	return ((await response.json()) as { data: T }).data;
}

async function restPost<T>(session: N8nSession, path: string, body: unknown): Promise<T> {
	const response = await fetch(`${session.baseUrl}/rest${path}`, {
		method: 'POST',
		headers: { Cookie: session.cookie, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	await expectOk(response, `POST /rest${path}`);
	return ((await response.json()) as { data: T }).data;
}

/** A public-API key with every scope the owner may grant, never expiring. */
export async function createApiKey(session: N8nSession, label: string): Promise<string> {
	const scopes = await restGet<string[]>(session, '/api-keys/scopes');
	const created = await restPost<{ rawApiKey: string }>(session, '/api-keys', { label, scopes, expiresAt: null });
	return created.rawApiKey;
}

export type PublicationStatus = 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';

export interface PublicationState {
	status: PublicationStatus;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

/**
 * With n8n's workflow publication service (the 2.41 default), activation and
 * deactivation answer at once and do the webhook work in the background:
 * this waits until n8n reports it settled. Without the service
 * (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false) the work is done before the
 * API answers and n8n has no status to report: this answers undefined.
 * n8n 1.x has no publication service either, but its workflows carry an
 * `active` flag: this answers it in the publication vocabulary.
 */
export async function waitForPublicationToSettle(
	session: N8nSession,
	workflowId: string,
	timeoutMs = 60_000,
): Promise<PublicationState | undefined> {
	if (isN8n1()) return await activationAsPublication(session, workflowId);
	const statusUrl = `${session.baseUrl}/rest/workflows/${workflowId}/publication-status`;
	const settled = await eventually(
		`workflow ${workflowId} to finish publishing`,
		async () => {
			const response = await fetch(statusUrl, { headers: { Cookie: session.cookie } });
			if (response.status === 404) return { status: 'unavailable' as const };
			await expectOk(response, `GET ${statusUrl}`);
			const { data } = (await response.json()) as { data: PublicationState };
			return data.status === 'in_progress' ? undefined : data;
		},
		{ timeoutMs },
	);
	return settled.status === 'unavailable' ? undefined : settled;
}

/** n8n 1.x activates before the API answers; "published" there means the workflow is active. */
async function activationAsPublication(session: N8nSession, workflowId: string): Promise<PublicationState> {
	const workflow = await restGet<{ active: boolean }>(session, `/workflows/${workflowId}`);
	return { status: workflow.active ? 'published' : 'not_published', triggers: [] };
}

export interface PublicApi {
	activateWorkflow(workflowId: string): Promise<void>;
	deactivateWorkflow(workflowId: string): Promise<void>;
	listExecutions(workflowId: string): Promise<ExecutionSummary[]>;
	/** Every execution of the workflow with its data, all pages (the public API answers at most 250 a page). */
	listAllExecutions(workflowId: string): Promise<ExecutionSummary[]>;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	/** With includeData: the run, as `n8n execute` prints it. */
	data?: { resultData: { runData: Record<string, unknown>; error?: { message?: string } } };
}

export function publicApi(baseUrl: string, apiKey: string): PublicApi {
	async function call<T>(method: string, path: string): Promise<T> {
		const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers: { 'X-N8N-API-KEY': apiKey } });
		await expectOk(response, `${method} /api/v1${path}`);
		return (await response.json()) as T;
	}
	return {
		async activateWorkflow(workflowId) {
			await call('POST', `/workflows/${workflowId}/activate`);
		},
		async deactivateWorkflow(workflowId) {
			await call('POST', `/workflows/${workflowId}/deactivate`);
		},
		async listExecutions(workflowId) {
			const page = await call<{ data: ExecutionSummary[] }>(
				'GET',
				`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true`,
			);
			return page.data;
		},
		async listAllExecutions(workflowId) {
			const executions: ExecutionSummary[] = [];
			let cursor: string | undefined;
			do {
				const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '250', ...(cursor ? { cursor } : {}) });
				const page = await call<{ data: ExecutionSummary[]; nextCursor?: string | null }>('GET', `/executions?${query}`);
				executions.push(...page.data);
				cursor = page.nextCursor ?? undefined;
			} while (cursor);
			return executions;
		},
	};
}

async function expectOk(response: Response, what: string): Promise<void> {
	if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
}
