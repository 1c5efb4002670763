import { api, manualClock } from './testing/http';
import { useSandbox } from './testing/lifecycle';

const clock = manualClock('2026-02-01T00:00:00.000Z');
const sandbox = useSandbox({ clock: clock.now });
const client = () => api(sandbox());

const STEP = { subject: 'Hello {{firstName}}', body: 'Quick question...' };

async function createCampaign(fields: Record<string, unknown> = {}) {
	const answer = await client().post('/campaigns', { name: 'Outreach', emailAccountId: 'acc_123', ...fields });
	expect(answer.status).toBe(201);
	return answer.body.data;
}

let contactNumber = 0;

async function createContacts(count: number, fields: Record<string, unknown> = {}): Promise<string[]> {
	const ids = [];
	for (let i = 0; i < count; i++) {
		ids.push((await client().post('/contacts', { email: `c${++contactNumber}@example.com`, ...fields })).body.data.id);
	}
	return ids;
}

/** A campaign with a step and a contact, ready to start. */
async function startableCampaign() {
	const campaign = await createCampaign({ steps: [STEP] });
	await client().post(`/campaigns/${campaign.id}/contacts`, { contactIds: await createContacts(1) });
	return campaign.id as string;
}

describe('creating and updating campaigns', () => {
	it('creates a draft with the documented defaults', async () => {
		expect(await createCampaign()).toEqual({
			id: expect.stringMatching(/^cmp_/),
			name: 'Outreach',
			emailAccountId: 'acc_123',
			status: 'draft',
			steps: [],
			dailyLimit: 50,
			timezone: 'UTC',
			stopOnReply: true,
			trackOpens: true,
			trackClicks: true,
			contactCount: 0,
			createdAt: '2026-02-01T00:00:00.000Z',
			updatedAt: '2026-02-01T00:00:00.000Z',
		});
	});

	it('stores steps with delayDays defaulting to 0', async () => {
		const campaign = await createCampaign({ steps: [STEP, { ...STEP, delayDays: 3 }], timezone: 'Europe/Paris', dailyLimit: 2000 });
		expect(campaign.steps).toEqual([{ ...STEP, delayDays: 0 }, { ...STEP, delayDays: 3 }]);
		expect(campaign.timezone).toBe('Europe/Paris');
	});

	it.each([
		[{ name: undefined }, 'name'],
		[{ emailAccountId: undefined }, 'emailAccountId'],
		[{ emailAccountId: 123 }, 'emailAccountId'],
		[{ steps: {} }, 'steps'],
		[{ steps: ['x'] }, 'steps[0]'],
		[{ steps: [{ body: 'b' }] }, 'steps[0].subject'],
		[{ steps: [STEP, { subject: 's', body: '' }] }, 'steps[1].body'],
		[{ steps: [{ ...STEP, delayDays: -1 }] }, 'steps[0].delayDays'],
		[{ steps: [{ ...STEP, delayDays: 1.5 }] }, 'steps[0].delayDays'],
		[{ dailyLimit: 0 }, 'dailyLimit'],
		[{ dailyLimit: 2001 }, 'dailyLimit'],
		[{ dailyLimit: '50' }, 'dailyLimit'],
		[{ timezone: 'Mars/Olympus' }, 'timezone'],
		[{ stopOnReply: 'yes' }, 'stopOnReply'],
		[{ status: 'active' }, 'status'],
	])('refuses %j naming %s', async (fields, field) => {
		const answer = await client().post('/campaigns', { name: 'Outreach', emailAccountId: 'acc_123', ...fields });
		expect(answer.status).toBe(400);
		expect(answer.body.error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(answer.body.error.details)).toEqual([field]);
	});

	it('updates only the fields sent, and null restores a default', async () => {
		const campaign = await createCampaign({ dailyLimit: 10, trackClicks: false });
		clock.advance(1000);
		const answer = await client().put(`/campaigns/${campaign.id}`, { name: 'Renamed', dailyLimit: null, steps: [STEP] });
		expect(answer.body.data).toEqual({
			...campaign,
			name: 'Renamed',
			dailyLimit: 50,
			steps: [{ ...STEP, delayDays: 0 }],
			updatedAt: '2026-02-01T00:00:01.000Z',
		});
	});

	it('refuses a status in an update (start and pause change it)', async () => {
		const campaign = await createCampaign();
		const answer = await client().put(`/campaigns/${campaign.id}`, { status: 'draft' });
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.body.error.details)).toEqual(['status']);
	});

	it('answers 404 for an unknown campaign on every campaign endpoint', async () => {
		for (const [method, path] of [
			['GET', ''],
			['PUT', ''],
			['POST', '/start'],
			['POST', '/pause'],
			['POST', '/contacts'],
			['GET', '/stats'],
		]) {
			const answer = await client().request(method, `/campaigns/cmp_missing${path}`, method === 'GET' ? undefined : { contactIds: ['x'] });
			expect([method, path, answer.status]).toEqual([method, path, 404]);
		}
	});
});

describe('the campaign state machine', () => {
	/** Brings a startable campaign to a status through the API (and the sandbox's completion for `completed`). */
	async function campaignIn(status: string): Promise<string> {
		const id = await startableCampaign();
		if (status !== 'draft') await client().post(`/campaigns/${id}/start`);
		if (status === 'paused') await client().post(`/campaigns/${id}/pause`);
		if (status === 'completed') sandbox().completeCampaign(id);
		return id;
	}

	it.each([
		['draft', 'start', 200, 'active'],
		['paused', 'start', 200, 'active'],
		['active', 'start', 200, 'active'],
		['completed', 'start', 400, 'completed'],
		['active', 'pause', 200, 'paused'],
		['paused', 'pause', 200, 'paused'],
		['draft', 'pause', 400, 'draft'],
		['completed', 'pause', 400, 'completed'],
	])('%s + %s answers %i and leaves it %s', async (from, action, status, to) => {
		const id = await campaignIn(from);
		const answer = await client().post(`/campaigns/${id}/${action}`);
		expect(answer.status).toBe(status);
		if (status === 200) expect(answer.body.data.status).toBe(to);
		else expect(answer.body.error.code).toBe('VALIDATION_ERROR');
		expect((await client().get(`/campaigns/${id}`)).body.data.status).toBe(to);
	});

	it('will not start without a step or without a contact, naming what is missing', async () => {
		const empty = await createCampaign();
		const answer = await client().post(`/campaigns/${empty.id}/start`);
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.body.error.details).sort()).toEqual(['contacts', 'steps']);
	});
});

describe('adding contacts to a campaign', () => {
	it('adds the contacts of a group and answers { added, skipped, contactCount }', async () => {
		const group = (await client().post('/groups', { name: 'G' })).body.data.id;
		await createContacts(3, { groupIds: [group] });
		const campaign = await createCampaign();
		const answer = await client().post(`/campaigns/${campaign.id}/contacts`, { groupId: group });
		expect(answer.status).toBe(200);
		expect(answer.body.data).toEqual({ added: 3, skipped: 0, contactCount: 3 });
	});

	it('skips contacts already in the campaign and unsubscribed ones; a repeated id counts once', async () => {
		const [a, b] = await createContacts(2);
		const [unsubscribed] = await createContacts(1, { unsubscribed: true });
		const campaign = await createCampaign();
		await client().post(`/campaigns/${campaign.id}/contacts`, { contactIds: [a] });
		const answer = await client().post(`/campaigns/${campaign.id}/contacts`, { contactIds: [a, b, b, unsubscribed] });
		expect(answer.body.data).toEqual({ added: 1, skipped: 2, contactCount: 2 });
	});

	it.each([
		['neither groupId nor contactIds', {}],
		['both groupId and contactIds', { groupId: 'grp_1', contactIds: ['ct_1'] }],
	])('refuses %s', async (_case, body) => {
		const campaign = await createCampaign();
		const answer = await client().post(`/campaigns/${campaign.id}/contacts`, body);
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.body.error.details).sort()).toEqual(['contactIds', 'groupId']);
	});

	it('answers 404 for an unknown group', async () => {
		const campaign = await createCampaign();
		const answer = await client().post(`/campaigns/${campaign.id}/contacts`, { groupId: 'grp_missing' });
		expect(answer.status).toBe(404);
	});

	it('refuses unknown contact ids, listing them, and adds nothing', async () => {
		const [a] = await createContacts(1);
		const campaign = await createCampaign();
		const answer = await client().post(`/campaigns/${campaign.id}/contacts`, { contactIds: [a, 'ct_nope'] });
		expect(answer.status).toBe(400);
		expect(answer.body.error.details).toEqual({ contactIds: ['ct_nope'] });
		expect((await client().get(`/campaigns/${campaign.id}`)).body.data.contactCount).toBe(0);
	});

	it('accepts contacts in any status, even completed', async () => {
		const id = await startableCampaign();
		sandbox().completeCampaign(id);
		const answer = await client().post(`/campaigns/${id}/contacts`, { contactIds: await createContacts(1) });
		expect(answer.body.data).toEqual({ added: 1, skipped: 0, contactCount: 2 });
	});
});

describe('campaign statistics', () => {
	const fire = async (campaignId: string, contactId: string, event: string, times: number) => {
		for (let i = 0; i < times; i++) await sandbox().fireEmailEvent({ event: event as 'email.sent', campaignId, contactId });
	};

	it('are all zero for a campaign never started', async () => {
		const campaign = await createCampaign();
		const answer = await client().get(`/campaigns/${campaign.id}/stats`);
		expect(answer.body.data).toEqual({
			campaignId: campaign.id,
			sent: 0,
			delivered: 0,
			opened: 0,
			clicked: 0,
			replied: 0,
			bounced: 0,
			unsubscribed: 0,
			openRate: 0,
			clickRate: 0,
			replyRate: 0,
			bounceRate: 0,
		});
	});

	it('count fired email events; rates are percent of delivered (bounces: of sent), rounded half up to one decimal', async () => {
		const campaign = await createCampaign();
		const [contact] = await createContacts(1);
		await fire(campaign.id, contact, 'email.sent', 17);
		await fire(campaign.id, contact, 'email.bounced', 1);
		await fire(campaign.id, contact, 'email.opened', 1);
		await fire(campaign.id, contact, 'email.clicked', 2);
		await fire(campaign.id, contact, 'email.replied', 3);
		const stats = (await client().get(`/campaigns/${campaign.id}/stats`)).body.data;
		expect(stats).toEqual(expect.objectContaining({ sent: 17, delivered: 16, bounced: 1, opened: 1, clicked: 2, replied: 3 }));
		// 1/16 = 6.25 → 6.3 (half up), 2/16 = 12.5, 3/16 = 18.75 → 18.8, 1/17 = 5.88 → 5.9
		expect(stats).toEqual(expect.objectContaining({ openRate: 6.3, clickRate: 12.5, replyRate: 18.8, bounceRate: 5.9 }));
	});

	it('round thirds to one decimal', async () => {
		const campaign = await createCampaign();
		const [contact] = await createContacts(1);
		await fire(campaign.id, contact, 'email.sent', 3);
		await fire(campaign.id, contact, 'email.opened', 2);
		await fire(campaign.id, contact, 'email.replied', 1);
		const stats = (await client().get(`/campaigns/${campaign.id}/stats`)).body.data;
		expect([stats.openRate, stats.replyRate]).toEqual([66.7, 33.3]);
	});

	it('are plausible and repeatable once a campaign has started', async () => {
		const campaign = await createCampaign({ steps: [STEP, STEP] });
		await client().post(`/campaigns/${campaign.id}/contacts`, { contactIds: await createContacts(40) });
		await client().post(`/campaigns/${campaign.id}/start`);
		const stats = (await client().get(`/campaigns/${campaign.id}/stats`)).body.data;
		expect(stats.sent).toBeGreaterThan(0);
		expect(stats.sent).toBeLessThanOrEqual(80);
		expect(stats.delivered).toBe(stats.sent - stats.bounced);
		expect(stats.opened).toBeLessThanOrEqual(stats.delivered);
		expect(stats.clicked).toBeLessThanOrEqual(stats.opened);
		expect(stats.openRate).toBe(Math.round((stats.opened / stats.delivered) * 1000) / 10);
		expect((await client().get(`/campaigns/${campaign.id}/stats`)).body.data).toEqual(stats);
	});

	it('count a contact unsubscribing in the campaigns it is in', async () => {
		const campaign = await createCampaign();
		const [contact] = await createContacts(1);
		await client().post(`/campaigns/${campaign.id}/contacts`, { contactIds: [contact] });
		await client().put(`/contacts/${contact}`, { unsubscribed: true });
		expect((await client().get(`/campaigns/${campaign.id}/stats`)).body.data.unsubscribed).toBe(1);
	});
});
