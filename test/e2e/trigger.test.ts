/**
 * The Fluenzr Trigger in a running n8n, with examples/reply-handling.json:
 * publishing registers one FluenzR webhook, a reply in FluenzR runs the
 * workflow (also after its campaign completed), a captured or postdated
 * delivery starts nothing, a retry acts once, restarts leave exactly one
 * webhook, unpublishing removes it.
 * Both ways n8n 2.41 can activate workflows are covered: its publication
 * service (the default, which does not re-check webhooks on start) and the
 * older path (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false), which calls
 * checkExists on every start and creates a webhook when it answers false.
 */
import path from 'node:path';

import { e2eContext } from './support/e2eState';
import { WEBHOOK_HEADERS } from '../../client/contract';
import { eventually } from '../../scripts/lib/eventually';
import { loadExample } from '../../scripts/lib/examples';
import { freePort } from '../../scripts/lib/freePort';
import {
	createApiKey,
	logIn,
	publicApi,
	waitForPublicationToSettle,
	type ExecutionSummary,
	type N8nSession,
	type PublicApi,
} from '../../scripts/lib/n8nApi';
import { startN8n, type N8nServer } from '../../scripts/lib/n8nServer';
import { DEMO_OWNER } from '../../scripts/lib/owner';
import { nodeItems, type WorkflowRunData } from '../../scripts/lib/runJson';
import { timed } from './support/timings';
import { FLUENZR_TRIGGER_TYPE } from '../../scripts/lib/workflowBuilder';

const context = e2eContext();
const { sandbox } = context;

const replyHandling = loadExample('reply-handling.json');
const WORKFLOW_ID = replyHandling.id;
const WEBHOOK_ID = replyHandling.nodes.find((node) => node.type === FLUENZR_TRIGGER_TYPE)?.webhookId as string;
const LEGACY_ACTIVATION = { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' };

interface Webhook {
	id: string;
	url: string;
	events: string[];
	active: boolean;
}
interface Contact {
	id: string;
	customFields: Record<string, unknown>;
}

let port: number;
let server: N8nServer | undefined;
let session: N8nSession;
let api: PublicApi;
let apiKey: string | undefined;

/** n8n keeps its port across restarts: the URL registered in FluenzR must stay valid. */
async function startN8nOnOurPort(label: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
	const logFile = path.join(context.artefactsFolder, `n8n-trigger-${label}.log`);
	server = await timed(`n8n start (${label})`, () =>
		startN8n({ userFolder: context.userFolder, owner: DEMO_OWNER, port, logFile, env }),
	);
	session = await logIn(server.baseUrl, DEMO_OWNER);
	apiKey ??= await createApiKey(session, 'e2e trigger suite');
	api = publicApi(server.baseUrl, apiKey);
}

async function restartN8n(label: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
	await timed('n8n stop', () => server?.stop());
	await startN8nOnOurPort(label, env);
}

const productionUrl = () => `http://127.0.0.1:${port}/webhook/${WEBHOOK_ID}/webhook`;
const allWebhooks = () => sandbox.listAll<Webhook>('/webhooks');

async function publish(): Promise<void> {
	await api.activateWorkflow(WORKFLOW_ID);
	await waitForPublicationToSettle(session, WORKFLOW_ID);
}

async function unpublish(): Promise<void> {
	await api.deactivateWorkflow(WORKFLOW_ID);
	await waitForPublicationToSettle(session, WORKFLOW_ID);
}

/** Waits until the workflow has `count` finished executions; answers them, newest first. */
async function finishedExecutions(count: number): Promise<ExecutionSummary[]> {
	return await eventually(`${count} finished execution(s) of ${WORKFLOW_ID}`, async () => {
		const executions = (await api.listExecutions(WORKFLOW_ID)).filter((execution) => execution.finished || execution.status === 'error');
		return executions.length >= count ? executions : undefined;
	});
}

/** A reply to a campaign of the seeded account in that status, as FluenzR would report it (stamped now unless `createdAt` says otherwise). */
async function replyToCampaign(status: 'active' | 'completed', contactIndex: number, replyText: string, createdAt?: string) {
	const [campaign] = await sandbox.listAll<{ id: string }>(`/campaigns?status=${status}`);
	const contacts = await sandbox.listAll<Contact>('/contacts?sort=email');
	const contact = contacts[contactIndex];
	const { eventId } = await sandbox.fireEmailEvent({ event: 'email.replied', campaignId: campaign.id, contactId: contact.id, replyText, createdAt });
	return { campaignId: campaign.id, contactId: contact.id, eventId };
}

const replyToActiveCampaign = (contactIndex: number, replyText: string) => replyToCampaign('active', contactIndex, replyText);

/** The first attempt FluenzR made to deliver an event, once it has an answer. */
async function firstAttempt(eventId: string) {
	return await eventually(`the first delivery of ${eventId}`, async () =>
		(await sandbox.deliveries()).find((delivery) => delivery.eventId === eventId && delivery.attempt === 1),
	);
}

const itemsOf = (execution: ExecutionSummary, nodeName: string) => nodeItems(execution as unknown as WorkflowRunData, nodeName);

beforeAll(async () => {
	await sandbox.reset();
	port = await freePort();
	await startN8nOnOurPort('publication-service');
});

afterAll(async () => {
	await server?.stop();
});

describe("with n8n's workflow publication service (the 2.41 default)", () => {
	let registered: Webhook;

	it('publishing the workflow registers exactly one FluenzR webhook, at its production URL, for email.replied', async () => {
		await api.activateWorkflow(WORKFLOW_ID);
		const state = await waitForPublicationToSettle(session, WORKFLOW_ID);
		expect(state?.status).toBe('published');

		const webhooks = await allWebhooks();
		expect(webhooks).toEqual([expect.objectContaining({ url: productionUrl(), events: ['email.replied'], active: true })]);
		registered = webhooks[0];
	});

	it('a reply in FluenzR runs the workflow: the contact is marked as replied, a notification is prepared, the campaign goes on', async () => {
		const reply = await replyToActiveCampaign(0, 'Sounds good - can you call me on Tuesday?');

		const [execution] = await timed('reply → execution', () => finishedExecutions(1));
		expect(execution.status).toBe('success');
		expect(Object.keys(execution.data?.resultData.runData ?? {})).toEqual([
			'On email reply',
			'Skip events already handled',
			'Mark the contact as replied',
			'Notify the owner',
		]);

		const { createdAt } = JSON.parse((await firstAttempt(reply.eventId)).body) as { createdAt: string };
		const contact = await sandbox.api<Contact & { email: string }>('GET', `/contacts/${reply.contactId}`);
		expect(contact.customFields).toMatchObject({
			status: 'replied',
			repliedAt: createdAt,
			lastReply: 'Sounds good - can you call me on Tuesday?',
		});
		expect(itemsOf(execution, 'Notify the owner')).toEqual([
			expect.objectContaining({
				subject: `New reply from ${contact.email}`,
				contactEmail: contact.email,
				replyText: 'Sounds good - can you call me on Tuesday?',
				repliedAt: createdAt,
				campaignId: reply.campaignId,
			}),
		]);
		expect(await sandbox.api('GET', `/campaigns/${reply.campaignId}`)).toMatchObject({ status: 'active' });
		const deliveries = (await sandbox.deliveries()).filter((delivery) => delivery.eventId === reply.eventId);
		expect(deliveries).toEqual([expect.objectContaining({ attempt: 1, status: 200, webhookId: registered.id })]);
	});

	it('a reply that comes after its campaign completed runs the workflow cleanly too', async () => {
		const reply = await replyToCampaign('completed', 1, 'Sorry for the late answer - still interested.');

		const executions = await finishedExecutions(2);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		expect((await sandbox.api<Contact>('GET', `/contacts/${reply.contactId}`)).customFields).toMatchObject({ status: 'replied' });
		expect(await sandbox.api('GET', `/campaigns/${reply.campaignId}`)).toMatchObject({ status: 'completed' });
	});

	it('a genuine delivery captured two days ago is refused with 400 and starts no execution', async () => {
		const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
		const replayed = await replyToCampaign('active', 2, 'Captured long ago', twoDaysAgo);

		expect(await firstAttempt(replayed.eventId)).toMatchObject({ status: 400 });
		expect(await api.listExecutions(WORKFLOW_ID)).toHaveLength(2);
	});

	it('a genuine delivery stamped an hour ahead is refused with 400 and starts no execution', async () => {
		const inAnHour = new Date(Date.now() + 3600_000).toISOString();
		const postdated = await replyToCampaign('active', 2, 'From the future', inAnHour);

		expect(await firstAttempt(postdated.eventId)).toMatchObject({ status: 400 });
		expect(await api.listExecutions(WORKFLOW_ID)).toHaveLength(2);
	});

	it('a fresh delivery starts exactly one execution, and its retry is acknowledged as a duplicate', async () => {
		const reply = await replyToActiveCampaign(3, 'Yes, send me the deck.');
		await finishedExecutions(3);
		const delivery = await firstAttempt(reply.eventId);

		const retried = await fetch(productionUrl(), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', [WEBHOOK_HEADERS.signature]: delivery.signature as string },
			body: delivery.body,
		});

		expect(retried.status).toBe(200);
		expect(await retried.json()).toEqual({ received: true, duplicate: true });
		expect(await api.listExecutions(WORKFLOW_ID)).toHaveLength(3);
	});

	it('after a restart FluenzR still holds exactly that one webhook, and replies still run the workflow', async () => {
		await restartN8n('publication-service-restarted');
		expect(await allWebhooks()).toEqual([registered]);

		const reply = await replyToActiveCampaign(4, 'Not interested, thanks.');
		const executions = await finishedExecutions(4);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success', 'success', 'success']);
		expect((await sandbox.api<Contact>('GET', `/contacts/${reply.contactId}`)).customFields).toMatchObject({ status: 'replied' });
	});

	it('unpublishing through the public API deletes the webhook in FluenzR', async () => {
		await unpublish();
		expect(await allWebhooks()).toEqual([]);
	});
});

describe('with N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false (the older activation, which checks the webhook on every start)', () => {
	let registered: Webhook;

	beforeAll(async () => {
		await restartN8n('legacy-activation', LEGACY_ACTIVATION);
	});

	it('publishing registers exactly one webhook before the public API answers', async () => {
		await publish();
		const webhooks = await allWebhooks();
		expect(webhooks).toEqual([expect.objectContaining({ url: productionUrl(), events: ['email.replied'] })]);
		registered = webhooks[0];
	});

	it('a restart asks FluenzR whether the webhook still exists and, as it does, creates none', async () => {
		await sandbox.clearRequests();
		await restartN8n('legacy-activation-restarted', LEGACY_ACTIVATION);

		// n8n may answer /healthz/readiness before it has activated the workflows: wait for its word.
		const activated = `Activated workflow "${replyHandling.name}" (ID: ${WORKFLOW_ID})`;
		await eventually('n8n to activate the workflow', async () => server?.hasLogged(activated) || undefined);
		expect(await sandbox.requests({ method: 'GET', pathPrefix: '/webhooks' })).not.toEqual([]);
		expect(await sandbox.requests({ method: 'POST', pathPrefix: '/webhooks' })).toEqual([]);
		expect(await allWebhooks()).toEqual([registered]);
	});

	it('unpublishing deletes the webhook in FluenzR', async () => {
		await unpublish();
		expect(await allWebhooks()).toEqual([]);
	});
});
