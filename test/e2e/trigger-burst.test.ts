/**
 * A burst of FluenzR events at the Fluenzr Trigger in a running n8n: 100
 * events at once, delivered (signed, retried on failure) by the sandbox as
 * FluenzR does. Every event must be acknowledged with a 2xx within FluenzR's
 * attempts and start the workflow exactly once. How fast is for the bench
 * (bench/burst.ts); this checks that nothing is lost or run twice.
 */
import path from 'node:path';

import { e2eContext } from './support/e2eState';
import { createApiKey, logIn, publicApi, waitForPublicationToSettle, type ExecutionSummary, type N8nSession, type PublicApi } from '../../scripts/lib/n8nApi';
import { FLUENZR_TRIGGER_TYPE } from '../../scripts/lib/workflowBuilder';
import { timed } from './support/timings';
import { eventually } from '../../scripts/lib/eventually';
import { FLUENZR_CREDENTIAL_REFERENCE } from '../../scripts/lib/fluenzrCredential';
import { importWorkflows, type WorkflowJson } from '../../scripts/lib/n8nCli';
import { startN8n, type N8nServer } from '../../scripts/lib/n8nServer';
import { DEMO_OWNER } from '../../scripts/lib/owner';

const context = e2eContext();
const { sandbox } = context;

const BURST_SIZE = 100;
const WORKFLOW_ID = 'e2eTriggerBurst';
const TRIGGER_NAME = 'On email opened';

const burstWorkflow: WorkflowJson = {
	id: WORKFLOW_ID,
	name: 'E2E: a burst of email.opened',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'e2e-burst-trigger',
			name: TRIGGER_NAME,
			type: FLUENZR_TRIGGER_TYPE,
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: '3f0d5a8e-6c1b-4e2a-9d7f-b1e2c3d4e5f6',
			parameters: { events: ['email.opened'], options: {} },
			credentials: FLUENZR_CREDENTIAL_REFERENCE,
		},
		{ id: 'e2e-burst-noop', name: 'Do nothing', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
	],
	connections: { [TRIGGER_NAME]: { main: [[{ node: 'Do nothing', type: 'main', index: 0 }]] } },
};

let server: N8nServer | undefined;
let api: PublicApi;
let session: N8nSession;

const eventIdOf = (execution: ExecutionSummary) => {
	const runs = execution.data?.resultData.runData[TRIGGER_NAME] as Array<{ data: { main: Array<Array<{ json: { eventId?: string } }>> } }> | undefined;
	return runs?.[0]?.data.main[0]?.[0]?.json.eventId;
};

beforeAll(async () => {
	await sandbox.reset();
	await importWorkflows([burstWorkflow], context.cli);
	const logFile = path.join(context.artefactsFolder, 'n8n-trigger-burst.log');
	server = await timed('n8n start (burst)', () => startN8n({ userFolder: context.userFolder, owner: DEMO_OWNER, logFile }));
	session = await logIn(server.baseUrl, DEMO_OWNER);
	api = publicApi(server.baseUrl, await createApiKey(session, 'e2e burst'));
	await api.activateWorkflow(WORKFLOW_ID);
	expect((await waitForPublicationToSettle(session, WORKFLOW_ID))?.status).toBe('published');
});

afterAll(async () => {
	// Unpublished before n8n stops: n8n 1.x activates a workflow left active when the next test
	// file starts n8n on this user folder, and its trigger would register a webhook in that test's FluenzR.
	if (server) {
		await api.deactivateWorkflow(WORKFLOW_ID);
		await waitForPublicationToSettle(session, WORKFLOW_ID);
		await eventually('the burst trigger to delete its webhook', async () =>
			(await sandbox.listAll<{ events: string[] }>('/webhooks')).some((webhook) => webhook.events.includes('email.opened')) ? undefined : true,
		);
	}
	await server?.stop();
});

describe(`a burst of ${BURST_SIZE} events at once`, () => {
	let eventIds: string[];

	beforeAll(async () => {
		const [campaign] = await sandbox.listAll<{ id: string }>('/campaigns');
		const contacts = await sandbox.listAll<{ id: string }>('/contacts');
		eventIds = await timed(`fire ${BURST_SIZE} events`, async () =>
			(
				await Promise.all(
					Array.from({ length: BURST_SIZE }, (_, index) =>
						sandbox.fireEmailEvent({ event: 'email.opened', campaignId: campaign.id, contactId: contacts[index % contacts.length].id }),
					),
				)
			).map(({ eventId }) => eventId),
		);
		await timed('deliveries (with FluenzR retries)', () => sandbox.idle());
	});

	it('every event is acknowledged with a 2xx within FluenzR attempts: none is reported failed', async () => {
		const deliveries = await sandbox.deliveries();
		const acknowledged = new Set(deliveries.filter((delivery) => delivery.status !== undefined && delivery.status < 300).map((delivery) => delivery.eventId));
		expect(eventIds.filter((eventId) => !acknowledged.has(eventId))).toEqual([]);
	});

	it('every event starts the workflow exactly once', async () => {
		// n8n answers before the run ends: wait until every run it started has finished.
		const executions = await timed('executions to finish', () =>
			eventually(`${BURST_SIZE} finished executions`, async () => {
				const all = await api.listAllExecutions(WORKFLOW_ID);
				const unfinished = all.some((execution) => execution.status === 'new' || execution.status === 'running');
				return all.length >= BURST_SIZE && !unfinished ? all : undefined;
			}, { timeoutMs: 180_000, intervalMs: 2_000 }),
		);
		expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
		expect(executions.map(eventIdOf).sort()).toEqual([...eventIds].sort());
	});
});
