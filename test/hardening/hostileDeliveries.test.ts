/**
 * Hostile requests to the trigger's public URL, beyond those of
 * test/trigger/deliveries.test.ts (forged, unsigned, altered, non-JSON,
 * oversized, replayed, stale): each is refused or acknowledged as a duplicate,
 * never crashes the trigger, and never starts the workflow.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { WEBHOOK_HEADERS } from '../../client/contract';
import { MAX_DELIVERY_BYTES } from '../../nodes/FluenzrTrigger/delivery';
import { deliverToWebhook, startWebhookReceiver, type DeliveryResult, type TriggerHarnessOptions } from '../harness';
import { signatureOf as signDelivery, startSandbox, type Sandbox } from '../../sandbox';
import { activate, deactivate, triggerOptions } from '../trigger/support';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => await sandbox.stop());

/** An active trigger: its webhook registered, its secret in static data. */
async function activeTrigger(): Promise<{ trigger: TriggerHarnessOptions; secret: string }> {
	const staticData: IDataObject = {};
	const trigger = triggerOptions(sandbox, { events: ['*'], staticData, webhookUrl: `http://127.0.0.1:5678/webhook/${randomUUID()}/webhook` });
	await activate(trigger);
	return { trigger, secret: staticData.secret as string };
}

function aReply(data: IDataObject = { campaignId: 'cmp_1', contactId: 'ct_1', step: 1, replyText: 'Interested' }) {
	return { id: `evt_${randomUUID()}`, event: 'email.replied', createdAt: new Date().toISOString(), data };
}

function signed(body: unknown, secret: string, contentType = 'application/json') {
	const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	return { rawBody, headers: { 'content-type': contentType, [WEBHOOK_HEADERS.signature]: signDelivery(rawBody, secret) } };
}

async function deliver(trigger: TriggerHarnessOptions, request: { rawBody: Buffer; headers: Record<string, string> }) {
	return await deliverToWebhook({ ...trigger, request });
}

/** Refused (or acknowledged) with `statusCode`, without throwing and without starting the workflow. */
function expectNoRun(result: DeliveryResult, statusCode: number) {
	expect(result.error).toBeUndefined();
	expect(result.workflowData).toBeUndefined();
	expect(result.statusCode).toBe(statusCode);
}

describe('hostile deliveries to the trigger', () => {
	it('a genuine signature moved onto another delivery’s body is refused with 401', async () => {
		const { trigger, secret } = await activeTrigger();
		const genuine = signed(aReply(), secret);
		const other = signed(aReply({ campaignId: 'cmp_1', contactId: 'ct_2', step: 1, replyText: 'Unsubscribe me' }), secret);

		expectNoRun(await deliver(trigger, { rawBody: other.rawBody, headers: genuine.headers }), 401);
	});

	it('a delivery signed for another trigger (another secret) is refused with 401', async () => {
		const mine = await activeTrigger();
		const theirs = await activeTrigger();

		expectNoRun(await deliver(mine.trigger, signed(aReply(), theirs.secret)), 401);
	});

	it('a delivery captured before the trigger was re-activated (new secret) is refused with 401', async () => {
		const { trigger, secret: oldSecret } = await activeTrigger();
		const captured = signed(aReply(), oldSecret);
		await deactivate(trigger);
		await activate(trigger);

		expectNoRun(await deliver(trigger, captured), 401);
	});

	it('a delivery replayed after the workflow was deactivated is refused with 401', async () => {
		const { trigger, secret } = await activeTrigger();
		const captured = signed(aReply(), secret);
		await deactivate(trigger);

		expectNoRun(await deliver(trigger, captured), 401);
	});

	it('a genuine delivery captured two days ago, never seen by this process, is refused with 400', async () => {
		const { trigger, secret } = await activeTrigger();
		const captured = { ...aReply(), createdAt: new Date(Date.now() - 2 * 24 * 3600_000).toISOString() };

		expectNoRun(await deliver(trigger, signed(captured, secret)), 400);
	});

	it('a genuine delivery with a far-future createdAt (to outlive the memory of event ids) is refused with 400', async () => {
		const { trigger, secret } = await activeTrigger();
		const postdated = { ...aReply(), createdAt: '2099-01-01T00:00:00.000Z' };

		expectNoRun(await deliver(trigger, signed(postdated, secret)), 400);
	});

	it('a retry with the same event id but another (signed) body starts nothing more', async () => {
		const { trigger, secret } = await activeTrigger();
		const first = aReply();
		const retried = { ...first, data: { ...first.data, replyText: 'Changed on the way' } };

		expect((await deliver(trigger, signed(first, secret))).workflowData).toHaveLength(1);
		const again = await deliver(trigger, signed(retried, secret));

		expectNoRun(again, 200);
		expect(again.responseBody).toEqual({ received: true, duplicate: true });
	});

	it('an oversized body is refused with 413 before its signature is even checked', async () => {
		const { trigger } = await activeTrigger();
		const huge = Buffer.from(JSON.stringify({ ...aReply(), padding: 'x'.repeat(MAX_DELIVERY_BYTES) }));

		expectNoRun(await deliver(trigger, { rawBody: huge, headers: { 'content-type': 'application/json' } }), 413);
	});

	it('a body that is not JSON but claims to be is refused by n8n before the trigger runs', async () => {
		const { trigger, secret } = await activeTrigger();
		expectNoRun(await deliver(trigger, signed('{"id": "evt_1", "event": ', secret)), 422);
	});

	it.each([
		['an empty body', ''],
		['JSON null', 'null'],
		['a JSON array', '[{"id":"evt_1","event":"email.replied"}]'],
		['a number as the event id', '{"id":1,"event":"email.replied","data":{}}'],
		['data that is a string', '{"id":"evt_x","event":"email.replied","data":"ct_1"}'],
	])('%s, validly signed, is refused with 400', async (_what, body) => {
		const { trigger, secret } = await activeTrigger();
		expectNoRun(await deliver(trigger, signed(body, secret, 'text/plain')), 400);
	});

	it('a signed "__proto__" key in the data reaches the workflow as plain data and pollutes nothing', async () => {
		const { trigger, secret } = await activeTrigger();
		const rawBody = `{"id":"evt_${randomUUID()}","event":"email.replied","createdAt":"${new Date().toISOString()}","data":{"__proto__":{"polluted":true},"contactId":"ct_1"}}`;

		const result = await deliver(trigger, signed(rawBody, secret));

		expect(result.statusCode).toBe(200);
		expect(({} as IDataObject).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(result.workflowData![0][0].json.data)).toBe(Object.prototype);
	});

	it('a signature header sent twice is refused with 401 over real HTTP', async () => {
		const { trigger, secret } = await activeTrigger();
		const { webhookUrl: _registered, ...receiverOptions } = trigger;
		const receiver = await startWebhookReceiver(receiverOptions);
		try {
			const { rawBody, headers } = signed(aReply(), secret);
			const signature = headers[WEBHOOK_HEADERS.signature];
			const answer = await fetch(receiver.url, {
				method: 'POST',
				headers: [
					['content-type', 'application/json'],
					[WEBHOOK_HEADERS.signature, signature],
					[WEBHOOK_HEADERS.signature, signature],
				],
				body: rawBody,
			});

			expect(answer.status).toBe(401);
			expect(receiver.calls.map((call) => [call.statusCode, call.workflowData])).toEqual([[401, undefined]]);
		} finally {
			await receiver.stop();
		}
	});
});
