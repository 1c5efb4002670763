/**
 * Neither the FluenzR API key nor the trigger's webhook secret ever reaches
 * n8n's log or its stored executions, even at N8N_LOG_LEVEL=debug. One n8n,
 * logging at debug to its console and to a JSON log file, publishes a
 * workflow whose Fluenzr Trigger registers a webhook (sending the secret to
 * FluenzR), receives a signed delivery, and runs an operation that succeeds,
 * one FluenzR refuses with 400 (the item goes on with the error) and one
 * refused with 401 (the run fails); then it unpublishes the workflow.
 *
 * The key is a distinctive one, known only to a sandbox of this file's own;
 * n8n runs in a user folder of its own, so nothing else it holds can match.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startSandbox, type Sandbox } from '../../sandbox';
import { isN8n1 } from '../../scripts/lib/n8nVersion';
import { e2eContext } from './support/e2eState';
import { eventually } from '../../scripts/lib/eventually';
import { fluenzrCredential, FLUENZR_CREDENTIAL_REFERENCE } from '../../scripts/lib/fluenzrCredential';
import { createApiKey, logIn, publicApi, waitForPublicationToSettle, type ExecutionSummary } from '../../scripts/lib/n8nApi';
import { importCredentials, importWorkflows, type WorkflowJson } from '../../scripts/lib/n8nCli';
import { startN8n, type N8nServer } from '../../scripts/lib/n8nServer';
import { DEMO_OWNER } from '../../scripts/lib/owner';
import { installPackedPackage, type PackedPackage } from '../../scripts/lib/packedPackage';
import { timed } from './support/timings';
import { FLUENZR_NODE_TYPE, FLUENZR_TRIGGER_TYPE } from '../../scripts/lib/workflowBuilder';

const context = e2eContext();

const API_KEY = 'fz_e2e_secret_key_7f3a9c';
const ACCOUNT = 'acct_secrets';
const WORKFLOW_ID = 'e2eSecretsLog';
const TRIGGER_WEBHOOK_ID = '5d1c2b3a-7f3a-4c9e-8b1d-e2e5ec12e75a';
const NODES = {
	trigger: 'On email reply',
	succeeds: 'Get the contact',
	refused400: 'Create a contact with a bad email',
	refused401: 'Pause the campaign',
} as const;

const consoleLog = path.join(context.artefactsFolder, 'n8n-debug-secrets.log');
const fileLog = path.join(context.artefactsFolder, 'n8n-debug-secrets.file.log');
const executionsDump = path.join(context.artefactsFolder, 'n8n-debug-secrets.executions.json');
const DEBUG_LOGGING = {
	N8N_LOG_LEVEL: 'debug',
	N8N_LOG_OUTPUT: 'console,file',
	N8N_LOG_FILE_LOCATION: fileLog,
};

/** Trigger → a read that succeeds → a create FluenzR refuses (400, the item carries on) → a call refused with 401. */
function secretsWorkflow(): WorkflowJson {
	const fluenzrNode = (name: string, column: number, parameters: Record<string, unknown>, extra = {}) => ({
		id: `e2e-secrets-${column}`,
		name,
		type: FLUENZR_NODE_TYPE,
		typeVersion: 1,
		position: [column * 220, 0],
		credentials: FLUENZR_CREDENTIAL_REFERENCE,
		parameters,
		...extra,
	});
	const nodes = [
		{
			id: 'e2e-secrets-0',
			name: NODES.trigger,
			type: FLUENZR_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: TRIGGER_WEBHOOK_ID,
			credentials: FLUENZR_CREDENTIAL_REFERENCE,
			parameters: { events: ['email.replied'], options: {} },
		},
		fluenzrNode(NODES.succeeds, 1, {
			resource: 'contact',
			operation: 'get',
			contactId: { __rl: true, mode: 'id', value: '={{ $json.data.contactId }}' },
		}),
		fluenzrNode(
			NODES.refused400,
			2,
			{ resource: 'contact', operation: 'create', email: 'not-an-email', additionalFields: {} },
			{ onError: 'continueRegularOutput' },
		),
		fluenzrNode(NODES.refused401, 3, {
			resource: 'campaign',
			operation: 'pause',
			campaignId: { __rl: true, mode: 'id', value: `={{ $('${NODES.trigger}').item.json.data.campaignId }}` },
		}),
	];
	const chain = nodes.map((node) => node.name);
	const connections = Object.fromEntries(
		chain.slice(0, -1).map((from, index) => [from, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]),
	);
	return { id: WORKFLOW_ID, name: 'E2E: secrets in the debug log', active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** The tarball the global setup packed, described as installPackedPackage needs it. */
function packedFromTarball(tarball: string): PackedPackage {
	const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
	return { name: manifest.name, version: manifest.version, tarball, files: [] };
}

const readLog = (file: string) => readFileSync(file, 'utf8');

type NodeRun = { data?: { main: Array<Array<{ json: Record<string, unknown> }>> } };
const firstItem = (runs: NodeRun[] | undefined) => runs?.[0]?.data?.main[0]?.[0]?.json;

/**
 * The workflow's executions as the public API stores and returns them: with
 * their data, unredacted and whatever their size, as raw text to search.
 */
async function storedExecutionsText(baseUrl: string, apiKey: string): Promise<string> {
	const query = new URLSearchParams({
		workflowId: WORKFLOW_ID,
		includeData: 'true',
		// n8n 2.x may cut or redact execution data unless told not to; 1.x knows neither parameter (and refuses them).
		...(isN8n1() ? {} : { ignoreDataSizeLimit: 'true', redactExecutionData: 'false' }),
	});
	const response = await fetch(`${baseUrl}/api/v1/executions?${query}`, { headers: { 'X-N8N-API-KEY': apiKey } });
	const text = await response.text();
	if (!response.ok) throw new Error(`GET /api/v1/executions answered ${response.status}: ${text}`);
	return text;
}

let sandbox: Sandbox | undefined;
let server: N8nServer | undefined;
let userFolder: string | undefined;
let webhookSecret: string;
let execution: ExecutionSummary;
let storedExecutions: string;

beforeAll(async () => {
	sandbox = await startSandbox({
		port: 0,
		keys: [{ key: API_KEY, plan: 'pro', account: ACCOUNT }],
		seed: { account: ACCOUNT, contacts: 3, groups: 0, campaigns: 1 },
	});
	userFolder = mkdtempSync(path.join(tmpdir(), 'fluenzr-e2e-secrets-'));
	const cli = { userFolder };
	installPackedPackage(packedFromTarball(context.tarball), userFolder);
	await timed('import the credential with the distinctive key (and migrate)', () =>
		importCredentials([fluenzrCredential({ apiKey: API_KEY, baseUrl: sandbox!.baseUrl })], cli),
	);
	await timed('import the secrets workflow', () => importWorkflows([secretsWorkflow()], cli));
	server = await timed('n8n start (debug log)', () =>
		startN8n({ userFolder: userFolder!, owner: DEMO_OWNER, logFile: consoleLog, env: DEBUG_LOGGING }),
	);

	const session = await logIn(server.baseUrl, DEMO_OWNER);
	const n8nApiKey = await createApiKey(session, 'e2e secrets');
	const api = publicApi(server.baseUrl, n8nApiKey);
	await api.activateWorkflow(WORKFLOW_ID);
	await waitForPublicationToSettle(session, WORKFLOW_ID);
	const [webhook] = [...sandbox.store.account(ACCOUNT).webhooks.values()];
	webhookSecret = webhook?.secret ?? '';

	const account = sandbox.store.account(ACCOUNT);
	const [campaign] = [...account.campaigns.values()];
	const [contact] = [...account.contacts.values()];
	sandbox.injectFault({ match: { method: 'POST', path: '/campaigns' }, fault: { type: 'status', status: 401 } });
	await sandbox.fireEmailEvent({ event: 'email.replied', campaignId: campaign.id, contactId: contact.id, account: ACCOUNT });
	await sandbox.idle();
	await timed('signed delivery → execution', () =>
		eventually('the execution of the delivery', async () => {
			const finished = (await api.listExecutions(WORKFLOW_ID)).filter((run) => run.finished || run.status === 'error');
			return finished.length > 0 ? finished : undefined;
		}),
	);
	storedExecutions = await storedExecutionsText(server.baseUrl, n8nApiKey);
	writeFileSync(executionsDump, storedExecutions);
	[execution] = (JSON.parse(storedExecutions) as { data: ExecutionSummary[] }).data;

	await api.deactivateWorkflow(WORKFLOW_ID);
	await waitForPublicationToSettle(session, WORKFLOW_ID);
	// Stopping flushes the log files before they are read.
	await timed('n8n stop', () => server?.stop());
});

afterAll(async () => {
	await server?.stop();
	await sandbox?.stop();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
});

describe('what the run did (so that finding nothing means something)', () => {
	it('the trigger registered a webhook with a secret, and the signed delivery was accepted', async () => {
		expect(webhookSecret).toMatch(/^[0-9a-f]{32,}$/);
		const deliveries = sandbox!.deliveries();
		expect(deliveries).toEqual([expect.objectContaining({ status: 200, signature: expect.stringMatching(/^sha256=/) })]);
	});

	it('every FluenzR request carried the distinctive key, and unpublishing deleted the webhook', () => {
		const requests = sandbox!.requests();
		expect(requests.length).toBeGreaterThanOrEqual(5);
		for (const request of requests) expect(request.account).toBe(ACCOUNT);
		expect(requests.map((request) => `${request.method} ${request.status}`)).toEqual(
			expect.arrayContaining(['POST 201', 'GET 200', 'POST 400', 'POST 401', 'DELETE 200']),
		);
		expect([...sandbox!.store.account(ACCOUNT).webhooks.values()]).toEqual([]);
	});

	it("the stored execution holds the contact, FluenzR's 400 as the item's error, and the 401 that failed the run", () => {
		expect(execution.status).toBe('error');
		const runData = execution.data?.resultData.runData as Record<string, NodeRun[]>;
		expect(firstItem(runData[NODES.succeeds])).toMatchObject({ id: expect.stringMatching(/^ct_/) });
		expect(firstItem(runData[NODES.refused400])).toEqual({ error: expect.stringContaining('valid email address') });
		expect(Object.keys(runData)).toContain(NODES.refused401);
		const runError = execution.data?.resultData.error as { description?: string; node?: { name?: string } };
		expect(runError).toMatchObject({ node: { name: NODES.refused401 }, description: expect.stringContaining('HTTP 401') });
	});

	it('n8n logged at debug level, to its console and to its log file, including the run', () => {
		expect(readLog(fileLog)).toMatch(/"level":\s*"debug"/);
		expect(readLog(consoleLog)).toContain(WORKFLOW_ID);
		expect(readLog(fileLog)).toContain(WORKFLOW_ID);
	});
});

describe('secrets', () => {
	it.each([
		['console log', () => readLog(consoleLog)],
		['log file', () => readLog(fileLog)],
		['stored executions (public API, includeData=true)', () => storedExecutions],
	])("the API key is nowhere in n8n's %s", (_where, text) => {
		expect(text()).not.toContain(API_KEY);
	});

	it.each([
		['console log', () => readLog(consoleLog)],
		['log file', () => readLog(fileLog)],
	])("the webhook secret is nowhere in n8n's %s", (_where, text) => {
		expect(text()).not.toContain(webhookSecret);
	});

	// n8n 1.x stores the workflow's static data, where the trigger keeps its secret (as
	// n8n's own Stripe and Calendly triggers keep theirs), inside every stored execution;
	// 2.x does not. The README says so under "Compatibility with n8n 1.x".
	(isN8n1() ? it.skip : it)("the webhook secret is nowhere in n8n's stored executions (public API, includeData=true)", () => {
		expect(storedExecutions).not.toContain(webhookSecret);
	});
});
