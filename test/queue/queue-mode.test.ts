/**
 * The package in n8n's queue mode: main activates, workers run, webhook
 * processes behind a load balancer receive FluenzR's deliveries, all on one
 * PostgreSQL and one Redis (see support/queueRun.ts). What each process keeps
 * in memory is its own, so this checks what a user of several processes
 * relies on: one FluenzR webhook whatever restarts, executions on workers, a
 * retried delivery reaching another webhook process acting once (through
 * n8n's Remove Duplicates node in examples/reply-handling.json), and one API
 * key's rate limit shared by two workers without failures or waste.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';

import { checkRateLimitRun, windowIndexAt, windowOpenings, type RateLimitVerdict } from '../../scripts/lib/rateLimitCheck';
import { WEBHOOK_HEADERS } from '../../client/contract';
import type { LoggedRequest, RateLimitConfig } from '../../sandbox';
import { DEFAULT_RATE_LIMIT, DEMO_ACCOUNTS } from '../../sandbox/constants';
import { eventually } from '../../scripts/lib/eventually';
import { loadExample } from '../../scripts/lib/examples';
import { FLUENZR_CREDENTIAL_REFERENCE } from '../../scripts/lib/fluenzrCredential';
import { waitForPublicationToSettle, type ExecutionSummary } from '../../scripts/lib/n8nApi';
import type { WorkflowJson } from '../../scripts/lib/n8nCli';
import { timed } from '../e2e/support/timings';
import { FLUENZR_NODE_TYPE, FLUENZR_TRIGGER_TYPE } from '../../scripts/lib/workflowBuilder';
import { QUEUE_ARTEFACTS_FOLDER, startQueueRun, type QueueRun } from './support/queueRun';

const replyHandling = loadExample('reply-handling.json');
const REPLY_WORKFLOW_ID = replyHandling.id;
const REPLY_WEBHOOK_ID = replyHandling.nodes.find((node) => node.type === FLUENZR_TRIGGER_TYPE)?.webhookId as string;
const DEDUPLICATION_NODE = 'Skip events already handled';

/**
 * Two workflows, each creating contacts from one webhook call, on one API key,
 * in two cases. FluenzR's own limit (1,000 requests / 60 s, 16.7 a second):
 * what users meet, where the span shows the pacing. A tight one (100 / 2 s, 50
 * a second): a stress test of the windows' last requests, which the two
 * workers reach 30 times as often; a whole-second `X-RateLimit-Reset` is half
 * a window there, and one worker on 2 busy cores sends fewer than 100 in 2 s.
 */
interface SharedLimitCase {
	/** In the contacts' emails: each case creates its own contacts (the sandbox keeps them all). */
	tag: string;
	rateLimit: RateLimitConfig;
	contactsPerWorkflow: number;
}
const SHARED_LIMIT_CASES: SharedLimitCase[] = [
	{ tag: 'tight', rateLimit: { limit: 100, windowMs: 2000 }, contactsPerWorkflow: 300 },
	// 2,100 creates: three windows, so two openings after a full one.
	{ tag: 'fluenzr', rateLimit: DEFAULT_RATE_LIMIT, contactsPerWorkflow: 1050 },
];
const LOAD_WORKFLOWS = ['A', 'B'].map((letter) => ({ ...loadWorkflow(letter), webhookPath: `queue-load-${letter.toLowerCase()}` }));

/** Webhook → Split Out (one item per email) → Fluenzr Contact → Create. */
function loadWorkflow(letter: string): WorkflowJson {
	const webhookPath = `queue-load-${letter.toLowerCase()}`;
	return {
		id: `queueLoad${letter}`,
		name: `Queue mode: create contacts (${letter})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `queue-load-${letter}-1`,
				name: 'Contacts to create',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `6a0c3f1e-4b2d-4e7f-9a0b-${letter === 'A' ? '1' : '2'}c2d3e4f5a6b`,
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
			},
			{
				id: `queue-load-${letter}-2`,
				name: 'One item per contact',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.contacts', options: {} },
			},
			{
				id: `queue-load-${letter}-3`,
				name: 'Create contact',
				type: FLUENZR_NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				credentials: FLUENZR_CREDENTIAL_REFERENCE,
				parameters: { resource: 'contact', operation: 'create', email: '={{ $json.email }}' },
			},
		],
		connections: {
			'Contacts to create': { main: [[{ node: 'One item per contact', type: 'main', index: 0 }]] },
			'One item per contact': { main: [[{ node: 'Create contact', type: 'main', index: 0 }]] },
		},
	};
}

/** What happened in each rate limit window, and when each workflow's requests came: where time went, for the figures. */
function perWindow(creates: LoggedRequest[], startedAt: number, windowMs: number) {
	const openings = windowOpenings(creates, windowMs);
	const arrivalOf = (request: LoggedRequest) => Date.parse(request.at);
	const windowOf = (request: LoggedRequest) => windowIndexAt(openings, arrivalOf(request));
	const workflowOf = (request: LoggedRequest) => /@\w+-(queue-load-\w)\.io$/.exec(String((request.body as { email?: string }).email))?.[1];
	const arrivals = (path: string) => creates.filter((request) => workflowOf(request) === path).map((request) => arrivalOf(request) - startedAt);
	/** Per workflow in one window: created, refused, and the first and last arrival after the window opened (ms). */
	const byWorkflow = (inWindow: LoggedRequest[], opening: number) =>
		Object.fromEntries(
			LOAD_WORKFLOWS.map(({ webhookPath }) => {
				const own = inWindow.filter((request) => workflowOf(request) === webhookPath);
				const times = own.map((request) => arrivalOf(request) - opening);
				return [
					webhookPath,
					{
						created: own.filter((request) => request.status !== 429).length,
						refusedAtMs: own.filter((request) => request.status === 429).map((request) => arrivalOf(request) - opening),
						firstLastMs: own.length ? [Math.min(...times), Math.max(...times)] : [],
					},
				];
			}),
		);
	const windowsDetail = openings.map((opening, index) => {
		const inWindow = creates.filter((request) => windowOf(request) === index);
		return {
			openedAfterStartMs: opening - startedAt,
			lateAfterPreviousEndMs: index === 0 ? 0 : opening - openings[index - 1] - windowMs,
			created: inWindow.filter((request) => request.status !== 429).length,
			refused: inWindow.filter((request) => request.status === 429).length,
			byWorkflow: byWorkflow(inWindow, opening),
		};
	});
	return {
		rateLimitedMostInOneWindow: Math.max(...windowsDetail.map((window) => window.refused)),
		windowsDetail,
		/** Every create's arrival after the start (ms) and its status, per workflow. */
		arrivals: Object.fromEntries(
			LOAD_WORKFLOWS.map(({ webhookPath }) => [
				webhookPath,
				creates
					.filter((request) => workflowOf(request) === webhookPath)
					.map((request) => [arrivalOf(request) - startedAt, request.status])
					.sort((x, y) => x[0] - y[0]),
			]),
		),
		workflowsFirstLastRequestMs: Object.fromEntries(
			LOAD_WORKFLOWS.map(({ webhookPath }) => [webhookPath, [Math.min(...arrivals(webhookPath)), Math.max(...arrivals(webhookPath))]]),
		),
	};
}

interface Webhook {
	id: string;
	url: string;
	events: string[];
	active: boolean;
}

let run: QueueRun;
const sandbox = () => run.sandbox;
const webhooksInFluenzr = () => [...sandbox().store.account(DEMO_ACCOUNTS.pro).webhooks.values()] as unknown as Webhook[];
const replyWebhookUrl = () => `${run.loadBalancer.baseUrl}/webhook/${REPLY_WEBHOOK_ID}/webhook`;

/** Waits until the workflow has `count` finished executions; answers them, newest first. */
async function finishedExecutions(workflowId: string, count: number, timeoutMs = 120_000): Promise<ExecutionSummary[]> {
	return await eventually(
		`${count} finished execution(s) of ${workflowId}`,
		async () => {
			const executions = (await run.api.listExecutions(workflowId)).filter(
				(execution) => execution.finished || ['error', 'crashed', 'success'].includes(execution.status),
			);
			return executions.length >= count ? executions : undefined;
		},
		{ timeoutMs, intervalMs: 500 },
	);
}

async function publish(workflowId: string): Promise<void> {
	await run.api.activateWorkflow(workflowId);
	const state = await waitForPublicationToSettle(run.session, workflowId, 180_000);
	expect(state?.status ?? 'published').toBe('published');
}

/** A reply to the seeded account's first active campaign, as FluenzR reports it. */
async function replyToActiveCampaign(contactIndex: number, replyText: string) {
	const account = sandbox().store.account(DEMO_ACCOUNTS.pro);
	const campaigns = [...account.campaigns.values()];
	const campaign = campaigns.find((candidate) => candidate.status === 'active');
	if (!campaign) throw new Error('the seeded account has no active campaign');
	const contact = [...account.contacts.values()].sort((a, b) => a.email.localeCompare(b.email))[contactIndex];
	const { eventId } = await sandbox().fireEmailEvent({ event: 'email.replied', campaignId: campaign.id, contactId: contact.id, replyText });
	return { campaignId: campaign.id, contactId: contact.id, eventId };
}

const ranNodes = (execution: ExecutionSummary) => Object.keys(execution.data?.resultData.runData ?? {});

function outputCount(execution: ExecutionSummary, nodeName: string): number {
	const runs = execution.data?.resultData.runData[nodeName] as Array<{ data?: { main?: unknown[][] } }> | undefined;
	return runs?.[0]?.data?.main?.[0]?.length ?? 0;
}

beforeAll(async () => {
	const loadWorkflows = LOAD_WORKFLOWS.map(({ webhookPath: _path, ...workflow }) => workflow);
	run = await timed('queue-mode installation', () => startQueueRun({ workflows: [replyHandling, ...loadWorkflows] }));
}, 30 * 60_000);

afterAll(async () => {
	await timed('queue-mode teardown', () => run?.stop());
}, 5 * 60_000);

describe('the Fluenzr Trigger with webhook processes behind a load balancer', () => {
	let registered: Webhook;
	let firstReply: { campaignId: string; contactId: string; eventId: string };

	it('publishing through main registers exactly one FluenzR webhook, at the webhook processes’ address', async () => {
		await publish(REPLY_WORKFLOW_ID);

		const webhooks = webhooksInFluenzr();
		expect(webhooks).toEqual([expect.objectContaining({ url: replyWebhookUrl(), events: ['email.replied'], active: true })]);
		registered = { ...webhooks[0] };
	});

	it('a reply is received by a webhook process and runs once, on a worker', async () => {
		firstReply = await replyToActiveCampaign(0, 'Sounds good - call me on Tuesday?');

		const [execution] = await timed('reply → execution on a worker', () => finishedExecutions(REPLY_WORKFLOW_ID, 1));
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		expect(ranNodes(execution)).toEqual(['On email reply', DEDUPLICATION_NODE, 'Mark the contact as replied', 'Notify the owner']);
		expect(run.cluster.workerThatRan(execution.id)).toBeDefined();
		expect(sandbox().store.account(DEMO_ACCOUNTS.pro).contacts.get(firstReply.contactId)?.customFields).toMatchObject({ status: 'replied' });
	});

	it('the same signed delivery retried to the other webhook process runs, but its actions get no item', async () => {
		const [delivery] = sandbox().deliveries().filter((record) => record.eventId === firstReply.eventId);
		const deliveredPath = new URL(replyWebhookUrl()).pathname;
		const firstBackend = run.loadBalancer.routed().find((route) => route.path === deliveredPath)?.backend;
		expect(firstBackend).toBeDefined();
		const other = run.cluster.webhooks[(firstBackend as number) === 0 ? 1 : 0];
		sandbox().clearRequests();

		const retried = await fetch(`${other.baseUrl}${deliveredPath}`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				[WEBHOOK_HEADERS.event]: delivery.event,
				[WEBHOOK_HEADERS.delivery]: delivery.eventId,
				[WEBHOOK_HEADERS.signature]: delivery.signature as string,
			},
			body: delivery.body,
		});
		expect(retried.status).toBe(200);

		const [second] = await finishedExecutions(REPLY_WORKFLOW_ID, 2);
		expect(second.status).toBe('success');
		expect(run.cluster.workerThatRan(second.id)).toBeDefined();
		// The trigger in the other process has not seen the event: it starts a run, and n8n's database-backed record stops it.
		expect(outputCount(second, 'On email reply')).toBe(1);
		expect(outputCount(second, DEDUPLICATION_NODE)).toBe(0);
		expect(ranNodes(second)).toEqual(['On email reply', DEDUPLICATION_NODE]);
		expect(sandbox().requests()).toEqual([]);
	});

	it('the same delivery again to the process that first received it is dropped by the trigger itself: no run', async () => {
		const [delivery] = sandbox().deliveries().filter((record) => record.eventId === firstReply.eventId);
		const deliveredPath = new URL(replyWebhookUrl()).pathname;
		const firstBackend = run.loadBalancer.routed().find((route) => route.path === deliveredPath)?.backend as number;

		const again = await fetch(`${run.cluster.webhooks[firstBackend].baseUrl}${deliveredPath}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', [WEBHOOK_HEADERS.signature]: delivery.signature as string },
			body: delivery.body,
		});
		expect(again.status).toBe(200);

		// A run would have been queued at once; give it the time a queued run takes to show up.
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		expect(await run.api.listExecutions(REPLY_WORKFLOW_ID)).toHaveLength(2);
	});

	describe('after every process restarts', () => {
		beforeAll(async () => {
			await run.restart('restarted');
		}, 20 * 60_000);

		it('FluenzR still holds exactly that one webhook', async () => {
			expect(webhooksInFluenzr()).toEqual([expect.objectContaining({ id: registered.id, url: registered.url })]);
		});

		it('a new reply still runs once, on a worker', async () => {
			const reply = await replyToActiveCampaign(1, 'Not interested, thanks.');

			const executions = await finishedExecutions(REPLY_WORKFLOW_ID, 3);
			const newest = executions[0];
			expect(newest.status).toBe('success');
			expect(ranNodes(newest)).toContain('Notify the owner');
			expect(run.cluster.workerThatRan(newest.id)).toBeDefined();
			expect(sandbox().store.account(DEMO_ACCOUNTS.pro).contacts.get(reply.contactId)?.customFields).toMatchObject({ status: 'replied' });
		});

		it('unpublishing through main deletes the webhook in FluenzR', async () => {
			await run.api.deactivateWorkflow(REPLY_WORKFLOW_ID);
			await waitForPublicationToSettle(run.session, REPLY_WORKFLOW_ID, 180_000);

			expect(webhooksInFluenzr()).toEqual([]);
		});
	});
});

/** Executions of the load workflows so far, per workflow: each case waits for one more. */
const loadRuns = new Map<string, number>();

function describeSharedLimit({ tag, rateLimit, contactsPerWorkflow }: SharedLimitCase): void {
	const total = LOAD_WORKFLOWS.length * contactsPerWorkflow;
	describe(`one API key's rate limit (${rateLimit.limit} requests / ${rateLimit.windowMs / 1000} s) shared by two workers, ${LOAD_WORKFLOWS.length} × ${contactsPerWorkflow} creates`, () => {
		const inputs = LOAD_WORKFLOWS.map((workflow) =>
			Array.from({ length: contactsPerWorkflow }, (_, i) => ({ email: `lead${i + 1}@${tag}-${workflow.webhookPath}.io` })),
		);
		let executions: ExecutionSummary[];
		let verdict: RateLimitVerdict;
		let mostRefusedInOneWindow: number;

		beforeAll(async () => {
			for (const workflow of LOAD_WORKFLOWS) if (!loadRuns.has(workflow.id)) await publish(workflow.id);
			sandbox().configure({ rateLimit });
			sandbox().clearRequests();

			const loadAverageAtStart = loadavg()[0];
			const startedAt = Date.now();
			// At once, through the load balancer: one call to each webhook process, each run queued for a worker.
			await Promise.all(
				LOAD_WORKFLOWS.map(async (workflow, index) => {
					const response = await fetch(`${run.loadBalancer.baseUrl}/webhook/${workflow.webhookPath}`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify({ contacts: inputs[index] }),
					});
					expect(response.status).toBe(200);
				}),
			);
			executions = await timed(`${LOAD_WORKFLOWS.length} × ${contactsPerWorkflow} creates on two workers`, async () =>
				await Promise.all(
					LOAD_WORKFLOWS.map(async (workflow) => {
						const runs = (loadRuns.get(workflow.id) ?? 0) + 1;
						loadRuns.set(workflow.id, runs);
						// Newest first: this case's execution.
						return (await finishedExecutions(workflow.id, runs, 15 * 60_000))[0];
					}),
				),
			);

			const creates = sandbox().requests({ method: 'POST', pathPrefix: '/contacts' });
			const lastArrival = Math.max(...creates.map((request) => Date.parse(request.at)));
			verdict = checkRateLimitRun(sandbox(), DEMO_ACCOUNTS.pro, inputs.flat(), rateLimit, {
				wallMs: lastArrival - startedAt,
				finishedAtMs: lastArrival,
			});
			const figures = {
				...verdict,
				rateLimitedPerWindow: verdict.rateLimitedAnswers / verdict.windows,
				...perWindow(creates, startedAt, rateLimit.windowMs),
				workers: executions.map((execution) => run.cluster.workerThatRan(execution.id)),
				statuses: executions.map((execution) => execution.status),
				loadAverageAtStart,
				loadAverageAtEnd: loadavg(),
			};
			mostRefusedInOneWindow = figures.rateLimitedMostInOneWindow;
			writeFileSync(path.join(QUEUE_ARTEFACTS_FOLDER, `rate-limit-${tag}.json`), JSON.stringify(figures, null, 2));
			// The span is a timing: printed and kept for docs/queue-mode.md, never asserted (it measures the
			// machine's load as much as the pacer).
			process.stderr.write(
				`[queue] ${tag} limit, ${rateLimit.limit} / ${rateLimit.windowMs / 1000} s: span ${verdict.pacingRatioToFloor.toFixed(2)}× the floor, ${verdict.windows} windows, ${verdict.rateLimitedAnswers} responses of 429 (${figures.rateLimitedPerWindow.toFixed(1)} per window, at most ${figures.rateLimitedMostInOneWindow} in one), load average ${loadAverageAtStart.toFixed(1)} on ${availableParallelism()} cores\n`,
			);
			process.stderr.write(`[queue] ${tag} limit figures: ${JSON.stringify(figures)}\n`);
			sandbox().configure({ rateLimit: DEFAULT_RATE_LIMIT });
		}, 20 * 60_000);

		it('both executions succeed, each on its own worker', () => {
			expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
			const workers = executions.map((execution) => run.cluster.workerThatRan(execution.id));
			expect(workers.every((worker) => worker !== undefined)).toBe(true);
			expect(new Set(workers).size).toBe(2);
		});

		it('every contact is created exactly once: none lost, none duplicated', () => {
			expect(verdict).toMatchObject({ created: total, lost: 0, duplicated: 0 });
		});

		it('at most 4 responses of 429 in any window', () => {
			expect(mostRefusedInOneWindow).toBeLessThanOrEqual(4);
		});
	});
}

for (const limitCase of SHARED_LIMIT_CASES) describeSharedLimit(limitCase);
