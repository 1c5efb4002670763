import { api, byId, runFluenzr, runFluenzrOk, useSandbox } from './support';
import type { Sandbox } from '../../../sandbox';

async function campaignWithContacts(sandbox: Sandbox, contacts = 2) {
	const campaign = await api(sandbox).post('/campaigns', {
		name: 'Ready',
		emailAccountId: 'acc_123',
		steps: [{ subject: 'Hi', body: 'Hello there', delayDays: 0 }],
	});
	const ids: string[] = [];
	for (let n = 0; n < contacts; n++) ids.push((await api(sandbox).post('/contacts', { email: `c${n}@ready.io` })).data.id);
	await api(sandbox).post(`/campaigns/${campaign.data.id}/contacts`, { contactIds: ids });
	return campaign.data;
}

describe('Fluenzr node, Campaign resource', () => {
	const sandbox = useSandbox();

	it('creates a draft campaign with its steps and settings', async () => {
		const [campaign] = await runFluenzrOk(sandbox(), {
			resource: 'campaign',
			operation: 'create',
			name: 'Q3 outreach',
			emailAccountId: 'acc_123',
			steps: {
				step: [
					{ subject: 'Quick question', body: 'Hi {{firstName}}', delayDays: 0 },
					{ subject: 'Following up', body: 'Any thoughts?', delayDays: 3 },
				],
			},
			additionalFields: { dailyLimit: 120, timezone: 'Europe/Paris', stopOnReply: false, trackClicks: false },
		});
		expect(campaign).toMatchObject({
			name: 'Q3 outreach',
			emailAccountId: 'acc_123',
			status: 'draft',
			dailyLimit: 120,
			timezone: 'Europe/Paris',
			stopOnReply: false,
			trackOpens: true,
			trackClicks: false,
			steps: [
				{ subject: 'Quick question', body: 'Hi {{firstName}}', delayDays: 0 },
				{ subject: 'Following up', body: 'Any thoughts?', delayDays: 3 },
			],
		});
	});

	it('gets a campaign by ID', async () => {
		const created = await api(sandbox()).post('/campaigns', { name: 'Get me', emailAccountId: 'acc_1' });
		const [campaign] = await runFluenzrOk(sandbox(), {
			resource: 'campaign',
			operation: 'get',
			campaignId: byId(created.data.id),
		});
		expect(campaign).toEqual(created.data);
	});

	it('updates settings and replaces the steps, leaving the rest', async () => {
		const created = await api(sandbox()).post('/campaigns', {
			name: 'Keep name',
			emailAccountId: 'acc_1',
			steps: [{ subject: 'Old', body: 'Old body' }],
		});
		const [campaign] = await runFluenzrOk(sandbox(), {
			resource: 'campaign',
			operation: 'update',
			campaignId: byId(created.data.id),
			updateFields: { dailyLimit: 10, steps: { step: [{ subject: 'New', body: 'New body', delayDays: 1 }] } },
		});
		expect(campaign).toMatchObject({
			name: 'Keep name',
			dailyLimit: 10,
			steps: [{ subject: 'New', body: 'New body', delayDays: 1 }],
		});
	});

	it('sends a number given to a step’s subject or body as text', async () => {
		const [campaign] = await runFluenzrOk(
			sandbox(),
			{
				resource: 'campaign',
				operation: 'create',
				name: 'Numbers',
				emailAccountId: 'acc_123',
				steps: { step: [{ subject: '={{ $json.year }}', body: '={{ $json.code }}', delayDays: 0 }] },
			},
			{ input: [{ year: 2026, code: 42 }] },
		);
		expect(campaign.steps).toEqual([{ subject: '2026', body: '42', delayDays: 0 }]);
		const [sent] = sandbox().requests({ method: 'POST', pathPrefix: '/campaigns' });
		expect(sent.body).toMatchObject({ steps: [{ subject: '2026', body: '42', delayDays: 0 }] });
	});

	it('adds a group’s contacts, skipping those already in the campaign', async () => {
		const campaign = await campaignWithContacts(sandbox(), 1);
		const group = await api(sandbox()).post('/groups', { name: 'Batch' });
		const inCampaign = (await api(sandbox()).get(`/contacts?email=c0@ready.io`)).data[0];
		const fresh = await api(sandbox()).post('/contacts', { email: 'fresh@ready.io' });
		await api(sandbox()).post(`/groups/${group.data.id}/contacts`, { contactIds: [inCampaign.id, fresh.data.id] });
		const [answer] = await runFluenzrOk(sandbox(), {
			resource: 'campaign',
			operation: 'addContacts',
			campaignId: byId(campaign.id),
			source: 'group',
			groupId: byId(group.data.id),
		});
		expect(answer).toEqual({ added: 1, skipped: 1, contactCount: 2 });
	});

	it('adds listed contacts, counting a repeated ID once', async () => {
		const campaign = await api(sandbox()).post('/campaigns', { name: 'Listed', emailAccountId: 'acc_1' });
		const contact = await api(sandbox()).post('/contacts', { email: 'listed@ready.io' });
		const [answer] = await runFluenzrOk(sandbox(), {
			resource: 'campaign',
			operation: 'addContacts',
			campaignId: byId(campaign.data.id),
			source: 'contactIds',
			contactIds: `${contact.data.id},${contact.data.id}`,
		});
		expect(answer).toEqual({ added: 1, skipped: 0, contactCount: 1, chunks: 1 });
	});

	it('starts a ready campaign, and pauses it', async () => {
		const campaign = await campaignWithContacts(sandbox());
		const [started] = await runFluenzrOk(sandbox(), {
			resource: 'campaign',
			operation: 'start',
			campaignId: byId(campaign.id),
		});
		expect(started).toMatchObject({ id: campaign.id, status: 'active' });
		const [paused] = await runFluenzrOk(sandbox(), {
			resource: 'campaign',
			operation: 'pause',
			campaignId: byId(campaign.id),
		});
		expect(paused).toMatchObject({ id: campaign.id, status: 'paused' });
	});

	it('explains why a campaign without contacts cannot start', async () => {
		const campaign = await api(sandbox()).post('/campaigns', {
			name: 'Empty',
			emailAccountId: 'acc_1',
			steps: [{ subject: 'Hi', body: 'Hello' }],
		});
		const result = await runFluenzr(sandbox(), {
			resource: 'campaign',
			operation: 'start',
			campaignId: byId(campaign.data.id),
		});
		expect(result.error).toBeDefined();
		expect((result.error as { description?: string }).description).toMatch(/Campaign → Start .*HTTP 400 \(VALIDATION_ERROR\)/);
	});

	it('refuses to pause a draft campaign with FluenzR’s reason', async () => {
		const campaign = await api(sandbox()).post('/campaigns', { name: 'Draft', emailAccountId: 'acc_1' });
		const result = await runFluenzr(sandbox(), {
			resource: 'campaign',
			operation: 'pause',
			campaignId: byId(campaign.data.id),
		});
		expect((result.error as { httpCode?: string }).httpCode).toBe('400');
	});

	it('gets the statistics of a campaign with its rates', async () => {
		const campaign = await campaignWithContacts(sandbox());
		await api(sandbox()).post(`/campaigns/${campaign.id}/start`);
		const [stats] = await runFluenzrOk(sandbox(), {
			resource: 'campaign',
			operation: 'getStats',
			campaignId: byId(campaign.id),
		});
		expect(stats).toEqual(
			expect.objectContaining({
				campaignId: campaign.id,
				sent: expect.any(Number),
				delivered: expect.any(Number),
				openRate: expect.any(Number),
				replyRate: expect.any(Number),
				bounceRate: expect.any(Number),
			}),
		);
	});

	it('lists campaigns by status', async () => {
		const active = await campaignWithContacts(sandbox());
		await api(sandbox()).post(`/campaigns/${active.id}/start`);
		await api(sandbox()).post('/campaigns', { name: 'Still a draft', emailAccountId: 'acc_1' });
		const campaigns = await runFluenzrOk(sandbox(), {
			resource: 'campaign',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'active' },
		});
		expect(campaigns.map((campaign) => campaign.id)).toEqual([active.id]);
	});
});
