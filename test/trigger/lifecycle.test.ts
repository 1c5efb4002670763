import axios from 'axios';
import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { runWebhookMethod } from '../harness';
import type { Sandbox } from '../../sandbox';
import { DEMO_ACCOUNTS, DEMO_KEYS, startSandbox } from '../../sandbox';
import {
	activate,
	deactivate,
	PRODUCTION_URL,
	remoteWebhooks,
	TEST_URL,
	triggerOptions,
	webhookCalls,
} from './support';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, deliveryRetryDelaysMs: [20, 40] });
});
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

/** Another FluenzR client's webhook on an account, registered straight through the API. */
async function foreignWebhook(apiKey: string, events: string[] = ['email.replied']): Promise<string> {
	const response = await axios.post(
		`${sandbox.baseUrl}/webhooks`,
		{ url: PRODUCTION_URL, events, secret: 'another-clients-secret' },
		{ headers: { Authorization: `Bearer ${apiKey}` } },
	);
	return response.data.data.id as string;
}

describe('activating the trigger', () => {
	it('registers exactly one webhook with the trigger URL, the chosen events and the secret kept in static data', async () => {
		const staticData = {};
		const trigger = triggerOptions(sandbox, { events: ['email.replied', 'contact.created'], staticData });

		expect(await activate(trigger)).toEqual({ existed: false });

		const [webhook, ...others] = remoteWebhooks(sandbox);
		expect(others).toHaveLength(0);
		expect(webhook).toMatchObject({ url: PRODUCTION_URL, active: true });
		expect([...webhook.events].sort()).toEqual(['contact.created', 'email.replied']);
		expect(webhook.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(staticData).toEqual({
			webhookId: webhook.id,
			secret: webhook.secret,
			url: PRODUCTION_URL,
			events: ['contact.created', 'email.replied'],
		});
	});

	it('asks FluenzR nothing when it has no webhook of its own yet', async () => {
		const trigger = triggerOptions(sandbox, { events: ['email.replied'] });
		expect(await runWebhookMethod({ ...trigger, method: 'checkExists' })).toBe(false);
		expect(webhookCalls(sandbox)).toEqual([]);
	});

	it('registers only the wildcard when "All Events" is chosen with other events', async () => {
		await activate(triggerOptions(sandbox, { events: ['email.opened', '*'] }));
		expect(remoteWebhooks(sandbox).map((webhook) => webhook.events)).toEqual([['*']]);
	});

	it('finds its webhook again after a restart and registers no second one', async () => {
		const trigger = triggerOptions(sandbox, { events: ['email.replied'] });
		await activate(trigger);
		const before = remoteWebhooks(sandbox);

		expect(await activate(trigger)).toEqual({ existed: true });

		expect(remoteWebhooks(sandbox)).toEqual(before);
		expect(webhookCalls(sandbox).filter((call) => call.startsWith('POST'))).toHaveLength(1);
	});

	it('replaces its webhook when the events change: the old one is deleted, one with the new events remains', async () => {
		const staticData: IDataObject = {};
		await activate(triggerOptions(sandbox, { events: ['email.replied'], staticData }));
		const oldId = staticData.webhookId;

		const changed = triggerOptions(sandbox, { events: ['email.bounced', 'email.replied'], staticData });
		expect(await activate(changed)).toEqual({ existed: false });

		const remaining = remoteWebhooks(sandbox);
		expect(remaining).toHaveLength(1);
		expect(remaining[0].id).not.toBe(oldId);
		expect([...remaining[0].events].sort()).toEqual(['email.bounced', 'email.replied']);
		expect(staticData).toMatchObject({ webhookId: remaining[0].id, secret: remaining[0].secret });
	});

	it('replaces its webhook when n8n gives the trigger another URL', async () => {
		const staticData = {};
		await activate(triggerOptions(sandbox, { events: ['email.replied'], staticData }));
		const movedUrl = 'http://127.0.0.1:5679/webhook/6f1c2a9e-trigger/webhook';

		await activate(triggerOptions(sandbox, { events: ['email.replied'], staticData, webhookUrl: movedUrl }));

		expect(remoteWebhooks(sandbox).map((webhook) => webhook.url)).toEqual([movedUrl]);
	});

	it('registers anew, without deleting anything, when its webhook was removed in FluenzR', async () => {
		const staticData = {};
		const trigger = triggerOptions(sandbox, { events: ['email.replied'], staticData });
		await activate(trigger);
		sandbox.store.account().webhooks.clear();

		expect(await activate(trigger)).toEqual({ existed: false });

		expect(remoteWebhooks(sandbox)).toHaveLength(1);
		expect(webhookCalls(sandbox).filter((call) => call.startsWith('DELETE'))).toEqual([]);
	});

	it('finds its webhook beyond the first page of the webhook list', async () => {
		for (let i = 0; i < 105; i++) await foreignWebhook(DEMO_KEYS.pro);
		const trigger = triggerOptions(sandbox, { events: ['email.replied'] });
		await activate(trigger);

		expect(await activate(trigger)).toEqual({ existed: true });

		expect(webhookCalls(sandbox).filter((call) => call.startsWith('GET'))).toHaveLength(2);
		expect(remoteWebhooks(sandbox)).toHaveLength(106);
	});

	it('never touches the webhooks of other clients, on its own account or another', async () => {
		const sameAccount = await foreignWebhook(DEMO_KEYS.pro);
		const otherAccount = await foreignWebhook(DEMO_KEYS.other);
		const staticData = {};

		await activate(triggerOptions(sandbox, { events: ['email.replied'], staticData }));
		await activate(triggerOptions(sandbox, { events: ['email.bounced'], staticData }));
		await deactivate(triggerOptions(sandbox, { events: ['email.bounced'], staticData }));

		expect(remoteWebhooks(sandbox).map((webhook) => webhook.id)).toEqual([sameAccount]);
		expect(remoteWebhooks(sandbox, DEMO_ACCOUNTS.other).map((webhook) => webhook.id)).toEqual([otherAccount]);
	});

	it('accepts a Base URL that ends with a slash', async () => {
		const trigger = triggerOptions(sandbox, { events: ['email.replied'] });
		await activate({ ...trigger, credentials: { ...trigger.credentials, baseUrl: `${sandbox.baseUrl}/` } });
		expect(webhookCalls(sandbox)).toEqual(['POST /webhooks']);
		expect(remoteWebhooks(sandbox)).toHaveLength(1);
	});

	it('listens for a test event on the /webhook-test/ URL and cleans up after it', async () => {
		const staticData = {};
		const listening = { ...triggerOptions(sandbox, { events: ['email.replied'], staticData, webhookUrl: TEST_URL }), mode: 'manual' as const };

		expect(await runWebhookMethod({ ...listening, method: 'checkExists' })).toBe(false);
		expect(await runWebhookMethod({ ...listening, method: 'create' })).toBe(true);
		expect(remoteWebhooks(sandbox).map((webhook) => webhook.url)).toEqual([TEST_URL]);

		expect(await runWebhookMethod({ ...listening, method: 'delete' })).toBe(true);
		expect(remoteWebhooks(sandbox)).toEqual([]);
		expect(staticData).toEqual({});
	});
});

describe('deactivating the trigger', () => {
	it('deletes its webhook and forgets it', async () => {
		const staticData = {};
		const trigger = triggerOptions(sandbox, { events: ['email.replied'], staticData });
		await activate(trigger);

		expect(await deactivate(trigger)).toBe(true);

		expect(remoteWebhooks(sandbox)).toEqual([]);
		expect(staticData).toEqual({});
	});

	it('succeeds and forgets the webhook when FluenzR no longer has it', async () => {
		const staticData = {};
		const trigger = triggerOptions(sandbox, { events: ['email.replied'], staticData });
		await activate(trigger);
		sandbox.store.account().webhooks.clear();

		expect(await deactivate(trigger)).toBe(true);
		expect(staticData).toEqual({});
	});

	it('succeeds without asking FluenzR when it never registered a webhook', async () => {
		expect(await deactivate(triggerOptions(sandbox, { events: ['email.replied'] }))).toBe(true);
		expect(webhookCalls(sandbox)).toEqual([]);
	});
});

describe('errors from FluenzR', () => {
	async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
		return (await promise.then(
			() => {
				throw new Error('expected the webhook method to fail');
			},
			(error: unknown) => error,
		)) as NodeApiError;
	}

	it("fail activation with FluenzR's message and the fix, never the API key", async () => {
		const apiKey = 'fz_unknown_key_123456';
		const trigger = triggerOptions(sandbox, { events: ['email.replied'], apiKey });

		const error = await failure(runWebhookMethod({ ...trigger, method: 'create' }));

		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('FluenzR refused the API key of the credential (UNAUTHORIZED)');
		expect(error.description).toContain('UNAUTHORIZED');
		expect(error.description).toContain('API key');
		expect(`${error.message} ${error.description}`).not.toContain(apiKey);
	});

	it('name the Pro plan when the key belongs to a free account', async () => {
		const trigger = triggerOptions(sandbox, { events: ['email.replied'], apiKey: DEMO_KEYS.free });
		const error = await failure(runWebhookMethod({ ...trigger, method: 'create' }));
		expect(error.message).toBe('The REST API is available on the Pro plan only');
		expect(error.description).toContain('PLAN_REQUIRED');
	});

	it('never contain the webhook secret', async () => {
		sandbox.injectFault({ match: { method: 'POST', path: '/webhooks' }, fault: { type: 'status', status: 500 } });
		const staticData = {};
		const error = await failure(runWebhookMethod({ ...triggerOptions(sandbox, { events: ['email.replied'], staticData }), method: 'create' }));
		const sentSecret = (sandbox.requests({ method: 'POST', pathPrefix: '/webhooks' })[0].body as { secret: string }).secret;
		expect(error.httpCode).toBe('500');
		expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain(sentSecret);
		expect(staticData).toEqual({});
	});

	it('stop checkExists instead of being mistaken for a missing webhook', async () => {
		const staticData = {};
		const trigger = triggerOptions(sandbox, { events: ['email.replied'], staticData });
		await activate(trigger);
		sandbox.injectFault({ match: { method: 'GET', path: '/webhooks' }, fault: { type: 'status', status: 503 } });

		const error = await failure(runWebhookMethod({ ...trigger, method: 'checkExists' }));

		expect(error.httpCode).toBe('503');
		expect(remoteWebhooks(sandbox)).toHaveLength(1);
		expect(staticData).toHaveProperty('webhookId');
	});

	it('stop checkExists on a webhook list whose webhook lacks its id, saying so', async () => {
		const staticData = {};
		const trigger = triggerOptions(sandbox, { events: ['email.replied'], staticData });
		await activate(trigger);
		const [webhook] = remoteWebhooks(sandbox);
		sandbox.injectFault({
			match: { method: 'GET', path: '/webhooks' },
			fault: { type: 'status', status: 200, body: { success: true, data: [{ url: webhook.url, events: [...webhook.events] }], meta: { total: 1 } } },
		});

		const error = await failure(runWebhookMethod({ ...trigger, method: 'checkExists' }));

		expect(error.message).toBe('FluenzR answered HTTP 200 with a webhook without an id, a url or events');
		expect(staticData).toHaveProperty('webhookId', webhook.id);
	});

	it('stop deactivation when the delete fails, keeping the webhook id to try again', async () => {
		const staticData = {};
		const trigger = triggerOptions(sandbox, { events: ['email.replied'], staticData });
		await activate(trigger);
		sandbox.injectFault({ match: { method: 'DELETE', path: '/webhooks' }, fault: { type: 'status', status: 500 } });

		const error = await failure(deactivate(trigger));

		expect(error.description).toContain('INTERNAL_ERROR');
		expect(staticData).toHaveProperty('webhookId');
		expect(await deactivate(trigger)).toBe(true);
		expect(remoteWebhooks(sandbox)).toEqual([]);
	});

	it('are waited out when FluenzR rate-limits the registration', async () => {
		sandbox.injectFault({ match: { method: 'POST', path: '/webhooks' }, fault: { type: 'rateLimited', retryAfter: 0 } });
		const staticData = {};

		expect(await runWebhookMethod({ ...triggerOptions(sandbox, { events: ['email.replied'], staticData }), method: 'create' })).toBe(true);

		expect(remoteWebhooks(sandbox)).toHaveLength(1);
		expect(staticData).toHaveProperty('webhookId', remoteWebhooks(sandbox)[0].id);
	});

	it('reject a registration answer that does not match the request, and delete the webhook it names', async () => {
		sandbox.injectFault({
			match: { method: 'POST', path: '/webhooks' },
			fault: {
				type: 'status',
				status: 201,
				body: { success: true, data: { id: 'wh_stray', url: 'http://elsewhere.example/hook', events: ['email.replied'], active: true } },
			},
		});
		const staticData = {};

		const error = await failure(runWebhookMethod({ ...triggerOptions(sandbox, { events: ['email.replied'], staticData }), method: 'create' }));

		expect(error.message).toBe('FluenzR did not register the webhook as asked');
		expect(error.description).toContain('http://elsewhere.example/hook');
		expect(webhookCalls(sandbox)).toContain('DELETE /webhooks/wh_stray');
		expect(staticData).toEqual({});
	});

	it('reject a registration answer without the webhook, storing nothing', async () => {
		sandbox.injectFault({ match: { method: 'POST', path: '/webhooks' }, fault: { type: 'noData' } });
		const staticData = {};

		const error = await failure(runWebhookMethod({ ...triggerOptions(sandbox, { events: ['email.replied'], staticData }), method: 'create' }));

		expect(error.description).toContain('no webhook');
		expect(staticData).toEqual({});
	});

	it('name the Base URL when FluenzR cannot be reached', async () => {
		const trigger = { ...triggerOptions(sandbox, { events: ['email.replied'] }), credentials: { apiKey: DEMO_KEYS.pro, baseUrl: 'http://127.0.0.1:9/v1' } };
		const error = await failure(runWebhookMethod({ ...trigger, method: 'create' }));
		expect(error.message).toMatch(/refused/i);
		expect(error.description).toContain('Base URL');
		expect(error.description).toContain('http://127.0.0.1:9/v1');
	});

	it('say, when a registration got no answer, that FluenzR may have registered it anyway and what to do, in n8n 2.x and 1.x words', async () => {
		sandbox.injectFault({ match: { method: 'POST', path: '/webhooks' }, fault: { type: 'drop' } });
		const staticData = {};

		const error = await failure(runWebhookMethod({ ...triggerOptions(sandbox, { events: ['email.replied'], staticData }), method: 'create' }));

		expect(error.description).toContain('FluenzR may have registered the webhook all the same');
		expect(error.description).toContain("delete in FluenzR any webhook with this workflow's URL");
		expect(error.description).toContain('publish the workflow again (n8n 1.x: activate it)');
		expect(error.description).not.toMatch(/then activate the workflow/);
		expect(staticData).toEqual({});
	});

	it('say, when a deletion got no answer, that deleting again is safe, for publishing and unpublishing alike', async () => {
		const staticData = {};
		const trigger = triggerOptions(sandbox, { events: ['email.replied'], staticData });
		await activate(trigger);
		sandbox.injectFault({ match: { method: 'DELETE', path: '/webhooks' }, fault: { type: 'drop' } });

		const error = await failure(deactivate(trigger));

		expect(error.description).toContain('deleting it again is safe');
		expect(error.description).toContain('publish or unpublish the workflow; n8n 1.x: activate or deactivate it');
		expect(await deactivate(trigger)).toBe(true);
	});

	it('name n8n 1.x\'s word too when FluenzR answers a registration wrongly', async () => {
		sandbox.injectFault({ match: { method: 'POST', path: '/webhooks' }, fault: { type: 'noData' } });
		const error = await failure(runWebhookMethod({ ...triggerOptions(sandbox, { events: ['email.replied'] }), method: 'create' }));
		expect(error.description).toContain('publish the workflow again (n8n 1.x: activate it)');
	});
});
