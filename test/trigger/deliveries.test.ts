import { randomUUID } from 'node:crypto';

import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { WEBHOOK_HEADERS } from '../../client/contract';
import type { TriggerHarnessOptions, WebhookReceiver } from '../harness';
import { deliverToWebhook, startWebhookReceiver } from '../harness';
import type { Sandbox, SeedResult } from '../../sandbox';
import { DEMO_KEYS, signatureOf as signDelivery, startSandbox } from '../../sandbox';
import type { FailOnceFront } from './failOnceFront';
import { startFailOnceFront } from './failOnceFront';
import { activate, deactivate, triggerOptions } from './support';

let sandbox: Sandbox;
let seeded: SeedResult;
/** Everything a test started, stopped and deactivated after it. */
let cleanUps: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
	// Short retry delays keep the retry test fast. No reset() between tests:
	// the sandbox's ids restart after one, and event ids must stay unique here.
	sandbox = await startSandbox({ port: 0, deliveryRetryDelaysMs: [20, 40, 80] });
	seeded = sandbox.seed({ contacts: 3, campaigns: 2, groups: 1 });
});
afterEach(async () => {
	for (const cleanUp of cleanUps.reverse()) await cleanUp();
	cleanUps = [];
	await sandbox.idle();
});
afterAll(async () => await sandbox.stop());

/** An active trigger whose webhook points at a real receiver running it through n8n's webhook context. */
async function activeTrigger(settings: { events: string[]; options?: IDataObject; front?: boolean }) {
	const staticData: IDataObject = {};
	const { webhookUrl: _unused, ...receiverOptions } = triggerOptions(sandbox, { ...settings, staticData });
	const receiver: WebhookReceiver = await startWebhookReceiver(receiverOptions);
	cleanUps.push(() => receiver.stop());
	let front: FailOnceFront | undefined;
	if (settings.front) {
		front = await startFailOnceFront(receiver.url);
		cleanUps.push(() => front!.stop());
	}
	const trigger: TriggerHarnessOptions = { ...receiverOptions, webhookUrl: front?.url ?? receiver.url };
	await activate(trigger);
	cleanUps.push(() => deactivate(trigger));
	return { receiver, trigger, staticData, front };
}

/** The items of the runs the receiver started, one array per run. */
function runs(receiver: WebhookReceiver): IDataObject[][] {
	return receiver.calls.filter((call) => call.workflowData).map((call) => call.workflowData![0].map((item) => item.json));
}

function signedRequest(body: unknown, secret: string, headers: Record<string, string> = {}) {
	const rawBody = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	return {
		rawBody,
		headers: { 'content-type': 'application/json', [WEBHOOK_HEADERS.signature]: signDelivery(rawBody, secret), ...headers },
	};
}

/** A reply as FluenzR would send it now; `createdAt` another time to play a capture or a wrong clock. */
function aReply(eventId = `evt_${randomUUID()}`, createdAt = new Date().toISOString()) {
	return {
		id: eventId,
		event: 'email.replied',
		createdAt,
		data: { campaignId: 'cmp_1', contactId: 'ct_1', email: 'ada@example.com', step: 2, replyText: 'Interested!' },
	};
}

describe('deliveries from FluenzR', () => {
	it('a contact created in FluenzR starts the workflow with the event, its id, its time and the contact', async () => {
		const { receiver } = await activeTrigger({ events: ['contact.created'] });

		const created = await axios.post(
			`${sandbox.baseUrl}/contacts`,
			{ email: `grace.${randomUUID()}@example.com`, firstName: 'Grace' },
			{ headers: { Authorization: `Bearer ${DEMO_KEYS.pro}` } },
		);
		await sandbox.idle();

		const [delivery] = sandbox.deliveries().filter((record) => record.url === receiver.url);
		expect(runs(receiver)).toEqual([
			[{ event: 'contact.created', eventId: delivery.eventId, createdAt: expect.any(String), data: created.data.data }],
		]);
		expect(delivery.status).toBe(200);
	});

	it('a reply to a campaign email starts the workflow with the reply', async () => {
		const { receiver } = await activeTrigger({ events: ['email.replied'] });
		const [campaignId] = seeded.campaignIds;
		const [contactId] = seeded.contactIds;

		const { eventId } = await sandbox.fireEmailEvent({ event: 'email.replied', campaignId, contactId, step: 2, replyText: 'Sounds good' });
		await sandbox.idle();

		expect(runs(receiver)).toEqual([
			[
				{
					event: 'email.replied',
					eventId,
					createdAt: expect.any(String),
					data: expect.objectContaining({ campaignId, contactId, step: 2, replyText: 'Sounds good' }),
				},
			],
		]);
	});

	it('"Only Data" starts the workflow with the data alone', async () => {
		const { receiver } = await activeTrigger({ events: ['email.bounced'], options: { outputData: 'data' } });
		const [campaignId] = seeded.campaignIds;
		const [contactId] = seeded.contactIds;

		await sandbox.fireEmailEvent({ event: 'email.bounced', campaignId, contactId });
		await sandbox.idle();

		expect(runs(receiver)).toEqual([[expect.objectContaining({ campaignId, contactId, step: 1 })]]);
		expect(runs(receiver)[0][0]).not.toHaveProperty('event');
	});

	it('events of another campaign are acknowledged with 200 and start nothing', async () => {
		const [watched, other] = seeded.campaignIds;
		const { receiver } = await activeTrigger({ events: ['email.opened'], options: { campaignId: watched } });
		const [contactId] = seeded.contactIds;

		await sandbox.fireEmailEvent({ event: 'email.opened', campaignId: other, contactId });
		await sandbox.fireEmailEvent({ event: 'email.opened', campaignId: watched, contactId });
		await sandbox.idle();

		expect(receiver.calls.map((call) => call.statusCode)).toEqual([200, 200]);
		expect(runs(receiver).map(([item]) => (item.data as IDataObject).campaignId)).toEqual([watched]);
	});

	it('a genuine delivery replayed byte for byte is acknowledged as a duplicate and starts nothing more', async () => {
		const { receiver } = await activeTrigger({ events: ['email.sent'] });
		const { eventId } = await sandbox.fireEmailEvent({
			event: 'email.sent',
			campaignId: seeded.campaignIds[0],
			contactId: seeded.contactIds[1],
		});
		await sandbox.idle();
		const [delivery] = sandbox.deliveries().filter((record) => record.eventId === eventId);

		const replay = await fetch(receiver.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [WEBHOOK_HEADERS.signature]: delivery.signature! },
			body: delivery.body,
		});

		expect(replay.status).toBe(200);
		expect(await replay.json()).toEqual({ received: true, duplicate: true });
		expect(runs(receiver)).toHaveLength(1);
	});

	it('a delivery answered 500 is retried with the same event id and starts the workflow once', async () => {
		const { receiver, front } = await activeTrigger({ events: ['email.clicked'], front: true });
		const [campaignId] = seeded.campaignIds;
		const [contactId] = seeded.contactIds;

		const { eventId } = await sandbox.fireEmailEvent({ event: 'email.clicked', campaignId, contactId });
		await sandbox.idle();

		const attempts = sandbox.deliveries().filter((record) => record.eventId === eventId);
		expect(attempts.map((record) => [record.attempt, record.status])).toEqual([
			[1, 500],
			[2, 200],
		]);
		expect(front!.failed).toBe(1);
		expect(runs(receiver).map(([item]) => item.eventId)).toEqual([eventId]);
	});
});

describe('requests that are not genuine FluenzR deliveries', () => {
	async function deliver(trigger: TriggerHarnessOptions, request: { rawBody: Buffer; headers: Record<string, string> }, runStartFails = false) {
		return await deliverToWebhook({ ...trigger, request, runStartFails });
	}

	it('a forged signature is refused with 401 and starts nothing', async () => {
		const { trigger } = await activeTrigger({ events: ['*'] });
		const result = await deliver(trigger, signedRequest(aReply(), 'a-secret-guessed-by-an-attacker'));
		expect(result).toMatchObject({ statusCode: 401, workflowData: undefined });
	});

	it('a missing signature is refused with 401 and starts nothing', async () => {
		const { trigger } = await activeTrigger({ events: ['*'] });
		const rawBody = Buffer.from(JSON.stringify(aReply()));
		const result = await deliver(trigger, { rawBody, headers: { 'content-type': 'application/json' } });
		expect(result).toMatchObject({ statusCode: 401, workflowData: undefined });
	});

	it('a body altered after signing is refused with 401 and starts nothing', async () => {
		const { trigger, staticData } = await activeTrigger({ events: ['*'] });
		const genuine = signedRequest(aReply(), staticData.secret as string);
		const altered = Buffer.from(genuine.rawBody.toString().replace('Interested!', 'Send me a refund'));

		const result = await deliver(trigger, { ...genuine, rawBody: altered });

		expect(result).toMatchObject({ statusCode: 401, workflowData: undefined });
	});

	it('a signed body that is not JSON is refused with 400 and starts nothing', async () => {
		const { trigger, staticData } = await activeTrigger({ events: ['*'] });
		const request = signedRequest('event=email.replied', staticData.secret as string, { 'content-type': 'text/plain' });
		expect(await deliver(trigger, request)).toMatchObject({ statusCode: 400, workflowData: undefined });
	});

	it('a signed JSON body that is not an event is refused with 400 and starts nothing', async () => {
		const { trigger, staticData } = await activeTrigger({ events: ['*'] });
		const request = signedRequest({ hello: 'world' }, staticData.secret as string);
		expect(await deliver(trigger, request)).toMatchObject({ statusCode: 400, workflowData: undefined });
	});

	it('a body over 1 MiB is refused with 413 and starts nothing', async () => {
		const { trigger, staticData } = await activeTrigger({ events: ['*'] });
		const huge = { ...aReply(), data: { replyText: 'x'.repeat(1024 * 1024) } };
		expect(await deliver(trigger, signedRequest(huge, staticData.secret as string))).toMatchObject({
			statusCode: 413,
			workflowData: undefined,
		});
	});

	it('any delivery is refused with 401 by a trigger that holds no secret', async () => {
		const trigger = triggerOptions(sandbox, { events: ['*'] });
		const result = await deliver(trigger, signedRequest(aReply(), ''));
		expect(result).toMatchObject({ statusCode: 401, workflowData: undefined });
	});

	it('a replayed event id starts the workflow once and is acknowledged as a duplicate', async () => {
		const { trigger, staticData } = await activeTrigger({ events: ['email.replied'] });
		const request = signedRequest(aReply(), staticData.secret as string);

		const first = await deliver(trigger, request);
		const replay = await deliver(trigger, request);

		expect(first.statusCode).toBe(200);
		expect(first.workflowData).toHaveLength(1);
		expect(replay).toMatchObject({ statusCode: 200, responseBody: { received: true, duplicate: true }, workflowData: undefined });
	});

	it("a retry after n8n failed to start the event's run starts it, instead of being acknowledged as a duplicate", async () => {
		const { trigger, staticData } = await activeTrigger({ events: ['email.replied'] });
		const request = signedRequest(aReply(), staticData.secret as string);

		const failed = await deliver(trigger, request, true);
		const retry = await deliver(trigger, request);
		const replay = await deliver(trigger, request);

		expect(failed.statusCode).toBe(500);
		expect(failed.workflowData).toBeUndefined();
		expect(retry.statusCode).toBe(200);
		expect(retry.workflowData).toHaveLength(1);
		expect(replay).toMatchObject({ statusCode: 200, responseBody: { received: true, duplicate: true }, workflowData: undefined });
	});

	it('a genuine delivery captured two days ago is refused with 400, saying why, and starts nothing', async () => {
		const { trigger, staticData } = await activeTrigger({ events: ['email.replied'] });
		const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();

		const result = await deliver(trigger, signedRequest(aReply(undefined, twoDaysAgo), staticData.secret as string));

		expect(result).toMatchObject({ statusCode: 400, workflowData: undefined });
		expect(result.responseBody).toEqual({ received: false, error: expect.stringMatching(/^createdAt .* is 172800 s old/) });
	});

	it('a genuine delivery stamped an hour ahead is refused with 400 and starts nothing', async () => {
		const { trigger, staticData } = await activeTrigger({ events: ['email.replied'] });
		const inAnHour = new Date(Date.now() + 3600_000).toISOString();

		const result = await deliver(trigger, signedRequest(aReply(undefined, inAnHour), staticData.secret as string));

		expect(result).toMatchObject({ statusCode: 400, workflowData: undefined });
		expect(result.responseBody).toEqual({ received: false, error: expect.stringContaining('ahead of this n8n') });
	});

	it('a genuine delivery without createdAt is refused with 400 and starts nothing', async () => {
		const { trigger, staticData } = await activeTrigger({ events: ['email.replied'] });
		const { createdAt: _left, ...withoutTime } = aReply();

		const result = await deliver(trigger, signedRequest(withoutTime, staticData.secret as string));

		expect(result).toMatchObject({ statusCode: 400, workflowData: undefined });
		expect(result.responseBody).toEqual({ received: false, error: expect.stringContaining('no createdAt') });
	});

	it('a burst of deliveries to one workflow does not make another forget the events it took', async () => {
		const quiet = await activeTrigger({ events: ['email.replied'] });
		const busy = await activeTrigger({ events: ['email.replied'] });
		const taken = signedRequest(aReply(), quiet.staticData.secret as string);
		expect((await deliver(quiet.trigger, taken)).workflowData).toHaveLength(1);

		for (let i = 0; i < 10_050; i++) await deliver(busy.trigger, signedRequest(aReply(), busy.staticData.secret as string));

		expect(await deliver(quiet.trigger, taken)).toMatchObject({ statusCode: 200, responseBody: { duplicate: true }, workflowData: undefined });
	});

	it('an event the trigger does not listen to is acknowledged with 200 and starts nothing', async () => {
		const { trigger, staticData } = await activeTrigger({ events: ['email.bounced'] });
		const result = await deliver(trigger, signedRequest(aReply(), staticData.secret as string));
		expect(result).toMatchObject({ statusCode: 200, workflowData: undefined });
	});
});
