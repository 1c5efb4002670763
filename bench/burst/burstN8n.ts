/**
 * One n8n (`n8n start`, regular mode, SQLite, its defaults unless `env` says
 * otherwise), or with `queue` a queue-mode installation (PostgreSQL, Redis,
 * main, 2 workers at n8n's default concurrency, 2 webhook processes behind a
 * load balancer), with the packed package installed and the two burst
 * workflows published; the sandbox in this process holds the webhook the trigger
 * registered, so the burst can sign its deliveries with that secret.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DEMO_ACCOUNTS, DEMO_KEYS, signatureOf, startSandbox, type Sandbox } from '../../sandbox';
import { WEBHOOK_HEADERS } from '../../client/contract';
import { fluenzrCredential } from '../../scripts/lib/fluenzrCredential';
import { importCredentials, importWorkflows, type CredentialToImport, type WorkflowJson } from '../../scripts/lib/n8nCli';
import { REPO_ROOT } from '../../scripts/lib/n8nInstall';
import { startN8n } from '../../scripts/lib/n8nServer';
import { DEMO_OWNER } from '../../scripts/lib/owner';
import { installPackedPackage, packPackage } from '../../scripts/lib/packedPackage';
import { startQueueInstallation } from '../../scripts/lib/queue/queueInstallation';
import { createApiKey, logIn, publicApi, waitForPublicationToSettle, type N8nSession, type PublicApi } from '../../scripts/lib/n8nApi';

import type { OutgoingDelivery } from './burstClient';
import { BURST_EVENT, BURST_TARGETS, BURST_WORKFLOW_IDS, burstWorkflows, eventIdOfStartItem, START_NODE_NAMES, targetUrl, type BurstTarget, type BurstWorkflowOptions } from './burstWorkflows';

export const BURST_ARTEFACTS = path.join(REPO_ROOT, 'test-artifacts', 'burst');

export interface BurstN8n {
	url(target: BurstTarget): string;
	/** `count` deliveries for the target, each with a fresh event id, signed for the trigger. */
	deliveries(target: BurstTarget, count: number, label: string): OutgoingDelivery[];
	/** The event id of each finished execution of the target's workflow (one entry per execution). */
	executedEventIds(target: BurstTarget): Promise<string[]>;
	stop(): Promise<void>;
}

export interface BurstN8nOptions {
	/** Extra n8n environment (a setting under test); in queue mode, of every process. */
	env?: NodeJS.ProcessEnv;
	/** Label of n8n's log files. */
	label: string;
	/** Extra NODE_OPTIONS for n8n (e.g. --cpu-prof). */
	nodeOptions?: string;
	workflows?: BurstWorkflowOptions;
	/**
	 * Queue mode (PostgreSQL, Redis, main, 2 workers, 2 webhook processes
	 * behind a load balancer) instead of one n8n on SQLite; the load balancer
	 * hands requests round robin, or by event id (X-Fluenzr-Delivery), so that
	 * every retry of an event reaches the webhook process that took it.
	 */
	queue?: QueueRouting;
}

export type QueueRouting = 'round robin' | 'by event id';

/** Where the bench talks to n8n: the public API on `apiBaseUrl`, the deliveries to `webhookBaseUrl`. */
interface RunningN8n {
	apiBaseUrl: string;
	webhookBaseUrl: string;
	stop(): Promise<void>;
}

interface N8nStart {
	userFolder: string;
	routing?: QueueRouting;
	label: string;
	env: NodeJS.ProcessEnv;
	credentials: CredentialToImport[];
	workflows: WorkflowJson[];
}

/** One `n8n start` on SQLite: it answers the webhooks itself. */
async function startRegularN8n(start: N8nStart): Promise<RunningN8n> {
	await importCredentials(start.credentials, { userFolder: start.userFolder });
	await importWorkflows(start.workflows, { userFolder: start.userFolder });
	const logFile = path.join(BURST_ARTEFACTS, `n8n-${start.label}.log`);
	rmSync(logFile, { force: true });
	const n8n = await startN8n({ userFolder: start.userFolder, owner: DEMO_OWNER, logFile, env: start.env });
	return { apiBaseUrl: n8n.baseUrl, webhookBaseUrl: n8n.baseUrl, stop: () => n8n.stop() };
}

/** Queue mode: FluenzR posts to the load balancer's one URL, as to a real deployment's. */
async function startQueueN8n(start: N8nStart): Promise<RunningN8n> {
	const logFolder = path.join(BURST_ARTEFACTS, `queue-${start.label}`);
	rmSync(logFolder, { recursive: true, force: true });
	mkdirSync(logFolder, { recursive: true });
	const installation = await startQueueInstallation({
		userFolder: start.userFolder,
		logFolder,
		owner: DEMO_OWNER,
		credentials: start.credentials,
		workflows: start.workflows,
		env: start.env,
		routeBy: start.routing === 'by event id' ? WEBHOOK_HEADERS.delivery : undefined,
	});
	return { apiBaseUrl: installation.cluster.main.baseUrl, webhookBaseUrl: installation.loadBalancer.baseUrl, stop: installation.stop };
}

export async function startBurstN8n(options: BurstN8nOptions): Promise<BurstN8n> {
	mkdirSync(BURST_ARTEFACTS, { recursive: true });
	const sandbox = await startSandbox({ port: 0 });
	const userFolder = mkdtempSync(path.join(tmpdir(), 'fluenzr-burst-'));
	let n8n: RunningN8n | undefined;
	try {
		installPackedPackage(packPackage(BURST_ARTEFACTS), userFolder);
		const start: N8nStart = {
			userFolder,
			label: options.label,
			routing: options.queue,
			env: { ...options.env, ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}) },
			credentials: [fluenzrCredential({ apiKey: DEMO_KEYS.pro, baseUrl: sandbox.baseUrl })],
			workflows: burstWorkflows(options.workflows),
		};
		n8n = await (options.queue ? startQueueN8n(start) : startRegularN8n(start));
		const session = await logIn(n8n.apiBaseUrl, DEMO_OWNER);
		const apiKey = await createApiKey(session, 'burst bench');
		const api = publicApi(n8n.apiBaseUrl, apiKey);
		for (const target of BURST_TARGETS) await publish(api, session, BURST_WORKFLOW_IDS[target]);
		const secret = registeredSecret(sandbox);
		const server = n8n;
		return {
			url: (target) => targetUrl(target, server.webhookBaseUrl),
			deliveries: (target, count, label) => makeDeliveries(target, count, label, secret),
			executedEventIds: (target) => executedEventIds(api, target),
			async stop() {
				await server.stop();
				await sandbox.stop();
				rmSync(userFolder, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await n8n?.stop();
		await sandbox.stop();
		rmSync(userFolder, { recursive: true, force: true });
		throw error;
	}
}

async function publish(api: PublicApi, session: N8nSession, workflowId: string): Promise<void> {
	await api.activateWorkflow(workflowId);
	// Queue mode publishes to every process through Redis: slower on two busy cores.
	const state = await waitForPublicationToSettle(session, workflowId, 180_000);
	if (state && state.status !== 'published') throw new Error(`${workflowId} did not publish: ${JSON.stringify(state)}`);
}

function registeredSecret(sandbox: Sandbox): string {
	const webhooks = [...sandbox.store.account(DEMO_ACCOUNTS.pro).webhooks.values()];
	const secret = webhooks.length === 1 ? webhooks[0].secret : undefined;
	if (!secret) throw new Error(`expected the trigger to have registered one webhook with a secret, found ${webhooks.length}`);
	return secret;
}

/** The same body for both targets; only the trigger checks the signature, the Webhook node takes anything. */
function makeDeliveries(target: BurstTarget, count: number, label: string, secret: string): OutgoingDelivery[] {
	const createdAt = new Date().toISOString();
	return Array.from({ length: count }, (_, index) => {
		const eventId = `evt_burst_${label}_${target}_${index + 1}`;
		const body = JSON.stringify({
			id: eventId,
			event: BURST_EVENT,
			createdAt,
			data: { id: `ct_burst_${index + 1}`, email: `burst-${index + 1}@crm-import.example`, firstName: 'Burst' },
		});
		return {
			eventId,
			body,
			headers: {
				'content-type': 'application/json',
				'user-agent': 'FluenzR-Webhooks/1.0 (burst bench)',
				[WEBHOOK_HEADERS.event]: BURST_EVENT,
				[WEBHOOK_HEADERS.delivery]: eventId,
				[WEBHOOK_HEADERS.signature]: signatureOf(body, secret),
			},
		};
	});
}

/** The event id of every successful execution of the target's workflow. */
async function executedEventIds(api: PublicApi, target: BurstTarget): Promise<string[]> {
	const executions = await api.listAllExecutions(BURST_WORKFLOW_IDS[target]);
	return executions
		.filter((execution) => execution.status === 'success')
		.map((execution) => {
			const runs = execution.data?.resultData.runData[START_NODE_NAMES[target]] as StartNodeRun[] | undefined;
			const json = runs?.[0]?.data?.main?.[0]?.[0]?.json ?? {};
			return eventIdOfStartItem(target, json) ?? `(execution ${execution.id} without an event id)`;
		});
}

interface StartNodeRun {
	data?: { main?: Array<Array<{ json: Record<string, unknown> }>> };
}
