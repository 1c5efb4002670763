import { createHmac } from 'node:crypto';

import { DEMO_KEYS } from '../../sandbox/index';
import { api } from './testing/http';
import { useSandbox } from './testing/lifecycle';
import { type Receiver, startReceiver } from './testing/receiver';

const SECRET = 'whsec_0123456789abcdef';
const RETRY_DELAYS_MS = [10, 20];

// A generous timeout keeps a loaded machine from turning slow answers into failures;
// the tests about timeouts shorten it for themselves.
const sandbox = useSandbox({ deliveryRetryDelaysMs: RETRY_DELAYS_MS, deliveryTimeoutMs: 5000 });
const client = () => api(sandbox());

let receiver: Receiver;
beforeEach(async () => {
	receiver = await startReceiver();
});
afterEach(async () => {
	await sandbox().idle();
	await receiver.close();
});

async function subscribe(events: string[], secret: string | null = SECRET, url = receiver.url) {
	const answer = await client().post('/webhooks', { url, events, secret });
	expect(answer.status).toBe(201);
	return answer.body.data;
}

/** Waits for every delivery, then lists the events the receiver got. */
async function receivedEvents(): Promise<string[]> {
	await sandbox().idle();
	return receiver.received.map((delivery) => delivery.body.event);
}

describe('managing webhooks', () => {
	it('answers the webhook without its secret', async () => {
		const answer = await client().post('/webhooks', { url: 'https://hooks.example.com/in', events: ['contact.created'], secret: SECRET });
		expect(answer.body.data).toEqual({
			id: expect.stringMatching(/^wh_/),
			url: 'https://hooks.example.com/in',
			events: ['contact.created'],
			active: true,
			createdAt: expect.any(String),
		});
		expect(answer.text).not.toContain(SECRET);
		expect((await client().get('/webhooks')).text).not.toContain(SECRET);
	});

	it('keeps the secret out of the request log', async () => {
		await subscribe(['*']);
		const [logged] = sandbox().requests({ method: 'POST', pathPrefix: '/webhooks' });
		expect(logged.body).toEqual(expect.objectContaining({ secret: '[redacted]' }));
		expect(JSON.stringify(sandbox().requests())).not.toContain(SECRET);
	});

	it.each([
		[{ url: 'ftp://hooks.example.com', events: ['*'] }, 'url'],
		[{ url: 'not a url', events: ['*'] }, 'url'],
		[{ events: ['*'] }, 'url'],
		[{ url: 'https://h.example.com' }, 'events'],
		[{ url: 'https://h.example.com', events: [] }, 'events'],
		[{ url: 'https://h.example.com', events: ['contact.exploded'] }, 'events'],
		[{ url: 'https://h.example.com', events: ['*'], secret: 'short' }, 'secret'],
		[{ url: 'https://h.example.com', events: ['*'], secret: 'x'.repeat(257) }, 'secret'],
	])('refuses %j naming %s', async (body, field) => {
		const answer = await client().post('/webhooks', body);
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.body.error.details)).toEqual([field]);
	});

	it('deletes a webhook, answering { id, deleted: true }, and 404 for an unknown one', async () => {
		const webhook = await subscribe(['*']);
		expect((await client().delete(`/webhooks/${webhook.id}`)).body.data).toEqual({ id: webhook.id, deleted: true });
		expect((await client().get('/webhooks')).body.meta.total).toBe(0);
		expect((await client().delete(`/webhooks/${webhook.id}`)).status).toBe(404);
	});
});

describe('deliveries', () => {
	it('POSTs { id, event, createdAt, data } with the event headers and a verifiable signature', async () => {
		await subscribe(['contact.created']);
		const before = Date.now();
		const contact = (await client().post('/contacts', { email: 'hook@example.com' })).body.data;
		const after = Date.now();
		await sandbox().idle();

		const [delivery] = receiver.received;
		expect(delivery.body).toEqual({ id: expect.stringMatching(/^evt_/), event: 'contact.created', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), data: contact });
		// The event's time (a receiver bounds replays with it), not the attempt's: retries carry the same body.
		expect(Date.parse(delivery.body.createdAt)).toBeGreaterThanOrEqual(before);
		expect(Date.parse(delivery.body.createdAt)).toBeLessThanOrEqual(after);
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(delivery.headers['x-fluenzr-event']).toBe('contact.created');
		expect(delivery.headers['x-fluenzr-delivery']).toBe(delivery.body.id);
		const expected = `sha256=${createHmac('sha256', SECRET).update(delivery.rawBody).digest('hex')}`;
		expect(delivery.headers['x-fluenzr-signature']).toBe(expected);
	});

	it('sends no signature header when the webhook has no secret', async () => {
		await subscribe(['contact.created'], null);
		await client().post('/contacts', { email: 'nosig@example.com' });
		await sandbox().idle();
		expect(receiver.received[0].headers['x-fluenzr-signature']).toBeUndefined();
	});

	it('retries a failed delivery with the same body and event id until a 2xx', async () => {
		receiver.answerWith(500, 503);
		await subscribe(['contact.created']);
		await client().post('/contacts', { email: 'retry@example.com' });
		await sandbox().idle();

		expect(receiver.received).toHaveLength(3);
		expect(new Set(receiver.received.map((d) => d.rawBody)).size).toBe(1);
		expect(new Set(receiver.received.map((d) => d.headers['x-fluenzr-delivery'])).size).toBe(1);
		expect(sandbox().deliveries().map((d) => [d.attempt, d.status])).toEqual([
			[1, 500],
			[2, 503],
			[3, 200],
		]);
	});

	it('gives up after the last retry delay', async () => {
		receiver.answerWith(500, 500, 500, 500);
		await subscribe(['contact.created']);
		await client().post('/contacts', { email: 'never@example.com' });
		expect(await receivedEvents()).toHaveLength(1 + RETRY_DELAYS_MS.length);
	});

	it('treats no answer within the timeout as a failure, then retries', async () => {
		sandbox().configure({ deliveryTimeoutMs: 300 });
		receiver.answerWith(0);
		await subscribe(['contact.created']);
		await client().post('/contacts', { email: 'slow@example.com' });
		await sandbox().idle();
		const attempts = sandbox().deliveries();
		expect(attempts[0]).toEqual(expect.objectContaining({ attempt: 1, error: expect.stringMatching(/no answer within 300 ms/) }));
		expect(attempts[1]).toEqual(expect.objectContaining({ attempt: 2, status: 200 }));
	});

	it('records a connection failure as an error and retries it', async () => {
		const closed = await startReceiver();
		await closed.close();
		await subscribe(['contact.created'], SECRET, closed.url);
		await client().post('/contacts', { email: 'refused@example.com' });
		await sandbox().idle();
		expect(sandbox().deliveries().map((d) => d.error)).toEqual([expect.stringMatching(/ECONNREFUSED/), expect.anything(), expect.anything()]);
	});

	it('answers the API while a receiver hangs (deliveries run in the background)', async () => {
		sandbox().configure({ deliveryTimeoutMs: 100 });
		receiver.answerWith(0, 0, 0);
		await subscribe(['contact.created']);
		const answer = await client().post('/contacts', { email: 'fast@example.com' });
		expect(answer.status).toBe(201);
		expect(sandbox().deliveries()).toHaveLength(0);
	});

	it('stops retrying for a webhook deleted meanwhile', async () => {
		sandbox().configure({ deliveryRetryDelaysMs: [200] });
		receiver.answerWith(500);
		const webhook = await subscribe(['contact.created']);
		await client().post('/contacts', { email: 'deleted@example.com' });
		while (receiver.received.length === 0) await new Promise((resolve) => setImmediate(resolve));
		await client().delete(`/webhooks/${webhook.id}`);
		expect(await receivedEvents()).toHaveLength(1);
	});

	it("never delivers one account's events to another account's webhooks", async () => {
		await subscribe(['*']);
		await api(sandbox(), DEMO_KEYS.other).post('/contacts', { email: 'other@example.com' });
		expect(await receivedEvents()).toEqual([]);
	});
});

describe('which events fire', () => {
	it('delivers only the subscribed events, and every event to a * subscription', async () => {
		const all = await startReceiver();
		try {
			await subscribe(['contact.deleted']);
			await subscribe(['*'], SECRET, all.url);
			const contact = (await client().post('/contacts', { email: 'e@example.com' })).body.data;
			await client().delete(`/contacts/${contact.id}`);
			expect(await receivedEvents()).toEqual(['contact.deleted']);
			expect(all.received.map((d) => d.body.event)).toEqual(['contact.created', 'contact.deleted']);
		} finally {
			await all.close();
		}
	});

	it('fires contact.updated on a change and contact.unsubscribed when unsubscribed becomes true', async () => {
		await subscribe(['contact.updated', 'contact.unsubscribed']);
		const contact = (await client().post('/contacts', { email: 'u@example.com' })).body.data;
		await client().put(`/contacts/${contact.id}`, { firstName: 'Ulla' });
		await client().put(`/contacts/${contact.id}`, { firstName: 'Ulla' });
		await client().put(`/contacts/${contact.id}`, { unsubscribed: true });
		await client().put(`/contacts/${contact.id}`, { unsubscribed: true });
		expect((await receivedEvents()).sort()).toEqual(['contact.unsubscribed', 'contact.updated', 'contact.updated']);
	});

	it('fires contact.updated for each contact added to a group', async () => {
		await subscribe(['contact.updated']);
		const group = (await client().post('/groups', { name: 'G' })).body.data.id;
		const contact = (await client().post('/contacts', { email: 'g@example.com' })).body.data.id;
		await client().post(`/groups/${group}/contacts`, { contactIds: [contact] });
		await sandbox().idle();
		expect(receiver.received.map((d) => d.body.data.groupIds)).toEqual([[group]]);
	});

	it('fires campaign.started, campaign.paused and campaign.completed, and nothing for no-op starts and pauses', async () => {
		await subscribe(['campaign.started', 'campaign.paused', 'campaign.completed']);
		const campaign = (await client().post('/campaigns', { name: 'C', emailAccountId: 'acc_1', steps: [{ subject: 's', body: 'b' }] })).body.data.id;
		const contact = (await client().post('/contacts', { email: 'c@example.com' })).body.data.id;
		await client().post(`/campaigns/${campaign}/contacts`, { contactIds: [contact] });
		for (const action of ['start', 'start', 'pause', 'pause', 'start']) await client().post(`/campaigns/${campaign}/${action}`);
		sandbox().completeCampaign(campaign);
		sandbox().completeCampaign(campaign);
		const events = await receivedEvents();
		expect(events.sort()).toEqual(['campaign.completed', 'campaign.paused', 'campaign.started', 'campaign.started']);
		expect(receiver.received.find((d) => d.body.event === 'campaign.completed')?.body.data).toEqual(expect.objectContaining({ id: campaign, status: 'completed' }));
	});

	it('stamps a fired event with the createdAt asked for, to play a capture replayed later, and signs that body', async () => {
		await subscribe(['email.replied']);
		const campaign = (await client().post('/campaigns', { name: 'C', emailAccountId: 'acc_1' })).body.data.id;
		const contact = (await client().post('/contacts', { email: 'old@example.com' })).body.data.id;

		await sandbox().fireEmailEvent({ event: 'email.replied', campaignId: campaign, contactId: contact, createdAt: '2026-01-31T09:15:00.000Z' });
		await sandbox().idle();

		const [delivery] = receiver.received;
		expect(delivery.body.createdAt).toBe('2026-01-31T09:15:00.000Z');
		expect(delivery.headers['x-fluenzr-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(delivery.rawBody).digest('hex')}`);
	});

	it('fires email events with campaignId, contactId, email and step, and replyText for replies', async () => {
		await subscribe(['email.replied', 'email.opened']);
		const campaign = (await client().post('/campaigns', { name: 'C', emailAccountId: 'acc_1' })).body.data.id;
		const contact = (await client().post('/contacts', { email: 'r@example.com' })).body.data.id;
		const { eventId } = await sandbox().fireEmailEvent({ event: 'email.replied', campaignId: campaign, contactId: contact, step: 2, replyText: 'Yes please' });
		await sandbox().fireEmailEvent({ event: 'email.opened', campaignId: campaign, contactId: contact });
		await sandbox().fireEmailEvent({ event: 'email.sent', campaignId: campaign, contactId: contact });
		await sandbox().idle();
		expect(receiver.received.map((d) => d.body)).toEqual([
			{ id: eventId, event: 'email.replied', createdAt: expect.any(String), data: { campaignId: campaign, contactId: contact, email: 'r@example.com', step: 2, replyText: 'Yes please' } },
			{ id: expect.any(String), event: 'email.opened', createdAt: expect.any(String), data: { campaignId: campaign, contactId: contact, email: 'r@example.com', step: 1 } },
		]);
	});
});
