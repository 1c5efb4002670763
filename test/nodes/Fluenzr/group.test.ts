import { api, byId, runFluenzr, runFluenzrOk, useSandbox } from './support';

describe('Fluenzr node, Group resource', () => {
	const sandbox = useSandbox();

	it('creates a group with a description', async () => {
		const [group] = await runFluenzrOk(sandbox(), {
			resource: 'group',
			operation: 'create',
			name: 'Q3 SaaS founders',
			additionalFields: { description: 'From the Berlin meetup' },
		});
		expect(group).toMatchObject({ name: 'Q3 SaaS founders', description: 'From the Berlin meetup', contactCount: 0 });
		expect(group.id).toMatch(/^grp_/);
	});

	it('gets a group by ID', async () => {
		const created = await api(sandbox()).post('/groups', { name: 'Readers' });
		const [group] = await runFluenzrOk(sandbox(), { resource: 'group', operation: 'get', groupId: byId(created.data.id) });
		expect(group).toEqual(created.data);
	});

	it('updates only the name, keeping the description', async () => {
		const created = await api(sandbox()).post('/groups', { name: 'Old name', description: 'Kept' });
		const [group] = await runFluenzrOk(sandbox(), {
			resource: 'group',
			operation: 'update',
			groupId: byId(created.data.id),
			updateFields: { name: 'New name' },
		});
		expect(group).toMatchObject({ id: created.data.id, name: 'New name', description: 'Kept' });
	});

	it('deletes a group and keeps its contacts', async () => {
		const group = await api(sandbox()).post('/groups', { name: 'Temporary' });
		const contact = await api(sandbox()).post('/contacts', { email: 'stays@here.io', groupIds: [group.data.id] });
		const [answer] = await runFluenzrOk(sandbox(), {
			resource: 'group',
			operation: 'delete',
			groupId: byId(group.data.id),
		});
		expect(answer).toEqual({ id: group.data.id, deleted: true });
		expect((await api(sandbox()).get(`/contacts/${contact.data.id}`)).status).toBe(200);
	});

	it('lists groups filtered by name and sorted by name', async () => {
		for (const name of ['Beta testers', 'alpha testers', 'Customers']) await api(sandbox()).post('/groups', { name });
		const groups = await runFluenzrOk(sandbox(), {
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'TESTERS' },
			sort: { field: 'name', order: 'asc' },
		});
		expect(groups.map((group) => group.name)).toEqual(['alpha testers', 'Beta testers']);
	});

	it('adds contacts given as comma-separated IDs and reports how many were new', async () => {
		const group = await api(sandbox()).post('/groups', { name: 'Warm leads' });
		const first = await api(sandbox()).post('/contacts', { email: 'one@lead.io' });
		const second = await api(sandbox()).post('/contacts', { email: 'two@lead.io' });
		const [answer] = await runFluenzrOk(sandbox(), {
			resource: 'group',
			operation: 'addContacts',
			groupId: byId(group.data.id),
			contactIds: `${first.data.id}, ${second.data.id}`,
		});
		expect(answer).toMatchObject({ id: group.data.id, name: 'Warm leads', contactCount: 2, added: 2 });
	});

	it('adds contacts given as an array from an expression', async () => {
		const group = await api(sandbox()).post('/groups', { name: 'From expression' });
		const contact = await api(sandbox()).post('/contacts', { email: 'expr@lead.io' });
		const [answer] = await runFluenzrOk(
			sandbox(),
			{ resource: 'group', operation: 'addContacts', groupId: byId(group.data.id), contactIds: '={{ $json.ids }}' },
			{ input: [{ ids: [contact.data.id] }] },
		);
		expect(answer).toMatchObject({ added: 1, contactCount: 1 });
	});

	it('refuses unknown contact IDs with FluenzR’s message naming them, adding nothing', async () => {
		const group = await api(sandbox()).post('/groups', { name: 'Strict' });
		const result = await runFluenzr(sandbox(), {
			resource: 'group',
			operation: 'addContacts',
			groupId: byId(group.data.id),
			contactIds: 'ct_does_not_exist',
		});
		expect(result.error?.message).toBeTruthy();
		expect((result.error as { description?: string }).description).toContain('contactIds: ct_does_not_exist');
		expect((await api(sandbox()).get(`/groups/${group.data.id}`)).data.contactCount).toBe(0);
	});
});
