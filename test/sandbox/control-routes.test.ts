import { startSandbox } from '../../sandbox/index';
import { api, control, send } from './testing/http';
import { useSandbox } from './testing/lifecycle';
import { startReceiver } from './testing/receiver';

const sandbox = useSandbox();
const controls = () => control(sandbox());

describe('control routes', () => {
	it('GET /health answers ok and the accounts', async () => {
		const answer = await controls().get('/health');
		expect(answer.body).toEqual({ success: true, data: { status: 'ok', accounts: ['acct_demo', 'acct_other', 'acct_free'] } });
	});

	it('POST /seed creates data and answers the ids created', async () => {
		const answer = await controls().post('/seed', { contacts: 5, groups: 2, campaigns: 1 });
		expect(answer.status).toBe(201);
		expect(answer.body.data).toEqual({
			account: 'acct_demo',
			contactIds: expect.arrayContaining([expect.stringMatching(/^ct_/)]),
			groupIds: [expect.stringMatching(/^grp_/), expect.stringMatching(/^grp_/)],
			campaignIds: [expect.stringMatching(/^cmp_/)],
		});
		expect((await api(sandbox()).get('/contacts')).body.meta.total).toBe(5);
	});

	it('POST /seed can seed another account and refuses bad options', async () => {
		await controls().post('/seed', { account: 'acct_other', contacts: 2 });
		expect(sandbox().store.account('acct_other').contacts.size).toBe(2);
		expect((await controls().post('/seed', { contacts: -1 })).status).toBe(400);
		expect((await controls().post('/seed', { account: 'acct_nobody' })).status).toBe(404);
	});

	it('POST /reset empties the data and the logs', async () => {
		await api(sandbox()).post('/contacts', { email: 'a@example.com' });
		expect((await controls().post('/reset')).body.data).toEqual({ reset: true });
		expect(sandbox().store.account().contacts.size).toBe(0);
		expect(sandbox().requests()).toEqual([]);
	});

	it('PUT /config changes the rate limit, and refuses nonsense', async () => {
		const answer = await controls().put('/config', { rateLimit: { limit: 5, windowMs: 1000 } });
		expect(answer.body.data.rateLimit).toEqual({ limit: 5, windowMs: 1000 });
		expect((await api(sandbox()).get('/contacts')).headers['x-ratelimit-limit']).toBe('5');
		expect((await controls().put('/config', { rateLimit: { limit: 0 } })).status).toBe(400);
		expect((await controls().put('/config', { deliveryRetryDelaysMs: 'soon' })).status).toBe(400);
	});

	it('POST, GET and DELETE /faults queue, show and clear faults', async () => {
		expect((await controls().post('/faults', [{ fault: { type: 'noData' } }, { count: 2, fault: { type: 'drop' } }])).body.data).toEqual({ queued: 2 });
		expect((await controls().get('/faults')).body.data).toHaveLength(2);
		await controls().delete('/faults');
		expect((await controls().get('/faults')).body.data).toEqual([]);
		expect((await controls().post('/faults', { fault: { type: 'nope' } })).status).toBe(400);
	});

	it('GET /requests lists API requests (filtered by method and pathPrefix) and DELETE clears them', async () => {
		await api(sandbox()).get('/contacts');
		await api(sandbox()).post('/groups', { name: 'g' });
		expect((await controls().get('/requests')).body.data.map((r: { method: string }) => r.method)).toEqual(['GET', 'POST']);
		expect((await controls().get('/requests?method=POST&pathPrefix=/groups')).body.data).toHaveLength(1);
		expect((await controls().get('/requests/count?pathPrefix=/v1/contacts')).body.data).toEqual({ count: 1 });
		await controls().delete('/requests');
		expect((await controls().get('/requests')).body.data).toEqual([]);
	});

	it('keeps counting requests when the request log is turned off', async () => {
		const quiet = await startSandbox({ logRequests: false });
		try {
			await api(quiet).get('/contacts');
			await api(quiet).get('/groups');
			expect(quiet.requests()).toEqual([]);
			expect(quiet.requestCount()).toBe(2);
			expect(quiet.requestCount({ method: 'GET', pathPrefix: '/contacts' })).toBe(1);
		} finally {
			await quiet.stop();
		}
	});

	it('does not log, count or rate-limit control requests', async () => {
		await controls().get('/health');
		expect(sandbox().requestCount()).toBe(0);
	});

	it('POST /events fires an email event, and GET /deliveries shows its delivery', async () => {
		const receiver = await startReceiver();
		try {
			await api(sandbox()).post('/webhooks', { url: receiver.url, events: ['email.opened'] });
			const { campaignIds, contactIds } = sandbox().seed({ contacts: 1, campaigns: 1 });
			const answer = await controls().post('/events', { event: 'email.opened', campaignId: campaignIds[0], contactId: contactIds[0], step: 2 });
			expect(answer.status).toBe(201);
			expect((await controls().get('/idle')).body.data).toEqual({ idle: true });
			const deliveries = (await controls().get('/deliveries')).body.data;
			expect(deliveries).toEqual([expect.objectContaining({ event: 'email.opened', eventId: answer.body.data.eventId, attempt: 1, status: 200 })]);
		} finally {
			await receiver.close();
		}
	});

	it('POST /events answers 400 for an unknown event and 404 for an unknown campaign', async () => {
		const { contactIds } = sandbox().seed({ contacts: 1 });
		expect((await controls().post('/events', { event: 'email.exploded', campaignId: 'cmp_x', contactId: contactIds[0] })).status).toBe(400);
		expect((await controls().post('/events', { event: 'email.sent', campaignId: 'cmp_x', contactId: contactIds[0] })).status).toBe(404);
	});

	it('POST /campaigns/:id/complete completes a campaign', async () => {
		const { campaignIds } = sandbox().seed({ contacts: 3, campaigns: 1 });
		const answer = await controls().post(`/campaigns/${campaignIds[0]}/complete`);
		expect(answer.body.data).toEqual(expect.objectContaining({ id: campaignIds[0], status: 'completed' }));
		expect((await controls().post('/campaigns/cmp_missing/complete')).status).toBe(404);
	});

	it('answers 404 to an unknown control route', async () => {
		expect((await controls().get('/nothing')).status).toBe(404);
	});
});

describe('control routes and web pages open in the same browser', () => {
	const port = () => new URL(sandbox().origin).port;
	const controlRequest = (method: string, path: string, options: Parameters<typeof send>[3] = {}) =>
		send(sandbox().origin, method, `/_sandbox${path}`, { key: null, ...options });
	const aReplyEvent = () => {
		const { campaignIds, contactIds } = sandbox().seed({ contacts: 1, campaigns: 1 });
		return JSON.stringify({ event: 'email.replied', campaignId: campaignIds[0], contactId: contactIds[0] });
	};

	it('refuses with 415 a text/plain POST /events (what any page may send without asking) and fires nothing', async () => {
		const receiver = await startReceiver();
		try {
			await api(sandbox()).post('/webhooks', { url: receiver.url, events: ['email.replied'] });

			const answer = await controlRequest('POST', '/events', { raw: aReplyEvent(), headers: { 'content-type': 'text/plain' } });

			expect(answer.status).toBe(415);
			expect(answer.body.error.message).toMatch(/JSON only.*Content-Type: application\/json/);
			await sandbox().idle();
			expect(sandbox().deliveries()).toEqual([]);
		} finally {
			await receiver.close();
		}
	});

	it('refuses with 415 a body whose Content-Type is empty', async () => {
		const answer = await controlRequest('POST', '/seed', { raw: '{"contacts":1}', headers: { 'content-type': '' } });
		expect(answer.status).toBe(415);
	});

	it('refuses with 403 a POST /reset from a page of another site, and keeps the data', async () => {
		sandbox().seed({ contacts: 2 });

		const answer = await controlRequest('POST', '/reset', { headers: { origin: 'https://attacker.example' } });

		expect(answer.status).toBe(403);
		expect(answer.body.error.message).toContain('Origin "https://attacker.example"');
		expect(sandbox().store.account().contacts.size).toBe(2);
	});

	it('refuses with 403 a sandboxed page (Origin null)', async () => {
		expect((await controlRequest('GET', '/health', { headers: { origin: 'null' } })).status).toBe(403);
	});

	it('refuses with 403 a GET /deliveries to a rebound DNS name (Host not loopback)', async () => {
		const answer = await controlRequest('GET', '/deliveries', { headers: { host: `rebound.attacker.example:${port()}` } });

		expect(answer.status).toBe(403);
		expect(answer.body).toEqual({ success: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('rebound.attacker.example') } });
	});

	it.each(['127.0.0.1', 'localhost', '[::1]'])('answers requests to %s with its port, from a page on loopback', async (hostname) => {
		const host = `${hostname}:${port()}`;
		const answer = await controlRequest('POST', '/seed', { json: { contacts: 1 }, headers: { host, origin: `http://${host}` } });
		expect(answer.status).toBe(201);
	});
});
