import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import {
	deliverToWebhook,
	runWebhookMethod,
	startWebhookReceiver,
	type DeliveryRequest,
	type TriggerHarnessOptions,
} from './index';
import { startFixtureApiServer, type FixtureApiServer } from './fixtures/fixture-api-server';
import { HarnessEchoApi } from './fixtures/HarnessEchoApi.credentials';
import { HarnessHookTrigger } from './fixtures/HarnessHookTrigger.node';

const PRODUCTION_URL = 'http://127.0.0.1:5678/webhook/3f1c2d4e-hook/webhook';
const TEST_URL = 'http://127.0.0.1:5678/webhook-test/3f1c2d4e-hook/webhook';

/** The header the fixture trigger checks, with the secret its `create` stored. */
const SIGNED = { 'X-Hook-Secret': 'fixture-secret' };

function jsonDelivery(body: unknown, headers: Record<string, string> = SIGNED): DeliveryRequest {
	return { headers: { 'Content-Type': 'application/json', ...headers }, rawBody: Buffer.from(JSON.stringify(body)) };
}

describe('the trigger harness runs a webhook trigger through n8n-core', () => {
	let api: FixtureApiServer;
	let staticData: IDataObject;
	let trigger: TriggerHarnessOptions;

	beforeEach(async () => {
		api = await startFixtureApiServer();
		staticData = {};
		trigger = {
			node: new HarnessHookTrigger(),
			parameters: {},
			credentials: { apiKey: 'secret-key', baseUrl: api.baseUrl },
			credentialTypes: [new HarnessEchoApi()],
			staticData,
			webhookUrl: PRODUCTION_URL,
		};
	});

	afterEach(async () => {
		await api.stop();
	});

	describe('runWebhookMethod', () => {
		it('create registers the URL getNodeWebhookUrl returns, with the credential applied', async () => {
			await runWebhookMethod({ ...trigger, method: 'create' });

			expect([...api.hooks.values()]).toEqual([{ url: PRODUCTION_URL }]);
			expect(api.requests[0].headers.authorization).toBe('Bearer secret-key');
		});

		it('create stores what it registered in the static data the caller passed', async () => {
			await runWebhookMethod({ ...trigger, method: 'create' });

			expect(staticData).toEqual({ hookId: 'hook_1', secret: 'fixture-secret' });
		});

		it('checkExists sees what an earlier create stored in static data', async () => {
			expect(await runWebhookMethod({ ...trigger, method: 'checkExists' })).toBe(false);
			await runWebhookMethod({ ...trigger, method: 'create' });

			expect(await runWebhookMethod({ ...trigger, method: 'checkExists' })).toBe(true);
		});

		it('delete removes the registration and clears static data', async () => {
			await runWebhookMethod({ ...trigger, method: 'create' });

			expect(await runWebhookMethod({ ...trigger, method: 'delete' })).toBe(true);
			expect(api.hooks.size).toBe(0);
			expect(staticData).toEqual({});
		});

		it('in manual mode ("Listen for test event") gives the node the webhook-test URL', async () => {
			await runWebhookMethod({ ...trigger, webhookUrl: TEST_URL, mode: 'manual', method: 'create' });

			expect([...api.hooks.values()]).toEqual([{ url: TEST_URL }]);
		});

		it('gives the node any webhook URL, even one not shaped like n8n’s', async () => {
			await runWebhookMethod({ ...trigger, webhookUrl: 'http://127.0.0.1:9/receiver', method: 'create' });

			expect([...api.hooks.values()]).toEqual([{ url: 'http://127.0.0.1:9/receiver' }]);
		});
	});

	describe('deliverToWebhook', () => {
		beforeEach(async () => {
			await runWebhookMethod({ ...trigger, method: 'create' });
		});

		it('starts the workflow with the node’s items and answers 200 as n8n does', async () => {
			const result = await deliverToWebhook({ ...trigger, request: jsonDelivery({ event: 'ping' }) });

			expect(result.statusCode).toBe(200);
			expect(result.responseBody).toEqual({ message: 'Workflow was started' });
			expect(result.workflowData).toEqual([[{ json: { body: { event: 'ping' }, rawBodyBytes: 16 } }]]);
		});

		it('gives the node the raw body byte for byte beside the parsed body, as n8n keeps req.rawBody', async () => {
			const rawBody = Buffer.from('{ "event" :  "ping" }\n');
			const headers = { ...SIGNED, 'content-type': 'application/json; charset=utf-8' };

			const result = await deliverToWebhook({ ...trigger, request: { headers, rawBody } });

			expect(result.workflowData?.[0][0].json).toEqual({ body: { event: 'ping' }, rawBodyBytes: rawBody.length });
		});

		it('captures a 401 the node writes itself', async () => {
			const result = await deliverToWebhook({ ...trigger, request: jsonDelivery({ event: 'ping' }, { 'X-Hook-Secret': 'wrong' }) });

			expect(result).toMatchObject({ statusCode: 401, responseBody: 'Bad hook secret', noWebhookResponse: true });
			expect(result.workflowData).toBeUndefined();
		});

		it('answers 422 to a JSON body n8n cannot parse', async () => {
			const request = { ...jsonDelivery({}), rawBody: Buffer.from('{"event":') };

			const result = await deliverToWebhook({ ...trigger, request });

			expect(result.statusCode).toBe(422);
			expect(result.responseBody).toMatchObject({ code: 422, message: 'Failed to parse request body' });
		});

		it('answers 500 with n8n’s generic message when the node throws, and reports the error', async () => {
			const result = await deliverToWebhook({ ...trigger, request: jsonDelivery({ explode: true }) });

			expect(result.statusCode).toBe(500);
			expect(result.responseBody).toEqual({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			expect(result.error).toBeInstanceOf(NodeOperationError);
		});

		it('answers 404 to a method the webhook is not registered for', async () => {
			const result = await deliverToWebhook({ ...trigger, request: { ...jsonDelivery({}), method: 'GET' } });

			expect(result.statusCode).toBe(404);
		});
	});

	describe('startWebhookReceiver', () => {
		it('has the URL n8n would show for a production webhook', async () => {
			const receiver = await startWebhookReceiver(trigger);
			try {
				expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/[0-9a-f-]{36}\/webhook$/);
			} finally {
				await receiver.stop();
			}
		});

		it('passes a real HTTP delivery to the node and answers with n8n’s status and body', async () => {
			const receiver = await startWebhookReceiver(trigger);
			try {
				await runWebhookMethod({ ...trigger, webhookUrl: receiver.url, method: 'create' });

				const answer = await fetch(receiver.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-hook-secret': 'fixture-secret' },
					body: JSON.stringify({ event: 'ping' }),
				});

				expect(answer.status).toBe(200);
				expect(await answer.json()).toEqual({ message: 'Workflow was started' });
				expect(receiver.calls).toHaveLength(1);
				expect(receiver.calls[0].workflowData).toEqual([[{ json: { body: { event: 'ping' }, rawBodyBytes: 16 } }]]);
				expect(receiver.calls[0].headers['x-hook-secret']).toBe('fixture-secret');
			} finally {
				await receiver.stop();
			}
		});

		it('answers the sender with the 401 the node wrote itself', async () => {
			const receiver = await startWebhookReceiver(trigger);
			try {
				await runWebhookMethod({ ...trigger, webhookUrl: receiver.url, method: 'create' });

				const answer = await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

				expect(answer.status).toBe(401);
				expect(await answer.text()).toBe('Bad hook secret');
				expect(receiver.calls.map(({ statusCode }) => statusCode)).toEqual([401]);
			} finally {
				await receiver.stop();
			}
		});

		it('is the URL the node registers, so checkExists recognises it', async () => {
			const receiver = await startWebhookReceiver(trigger);
			try {
				const atReceiver = { ...trigger, webhookUrl: receiver.url };
				await runWebhookMethod({ ...atReceiver, method: 'create' });

				expect([...api.hooks.values()]).toEqual([{ url: receiver.url }]);
				expect(await runWebhookMethod({ ...atReceiver, method: 'checkExists' })).toBe(true);
			} finally {
				await receiver.stop();
			}
		});
	});
});
