import { api, manualClock } from './testing/http';
import { useSandbox } from './testing/lifecycle';

const clock = manualClock('2026-02-01T00:00:00.000Z');
const sandbox = useSandbox({ clock: clock.now });
const client = () => api(sandbox());

async function createGroup(fields: Record<string, unknown> = { name: 'Leads' }) {
	const answer = await client().post('/groups', fields);
	expect(answer.status).toBe(201);
	return answer.body.data;
}

async function createContacts(count: number): Promise<string[]> {
	const ids = [];
	for (let i = 0; i < count; i++) ids.push((await client().post('/contacts', { email: `c${i}@example.com` })).body.data.id);
	return ids;
}

describe('groups', () => {
	it('creates a group with a contact count of 0', async () => {
		expect(await createGroup({ name: 'Leads', description: 'From the website' })).toEqual({
			id: expect.stringMatching(/^grp_/),
			name: 'Leads',
			description: 'From the website',
			contactCount: 0,
			createdAt: '2026-02-01T00:00:00.000Z',
			updatedAt: '2026-02-01T00:00:00.000Z',
		});
	});

	it.each([[{}], [{ name: '' }], [{ name: '   ' }], [{ name: 7 }], [{ name: null }]])('refuses %j naming the name field', async (body) => {
		const answer = await client().post('/groups', body);
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.body.error.details)).toEqual(['name']);
	});

	it('gets a group by id, and answers 404 for an unknown one', async () => {
		const group = await createGroup();
		expect((await client().get(`/groups/${group.id}`)).body.data).toEqual(group);
		expect((await client().get('/groups/grp_missing')).status).toBe(404);
	});

	it('updates only the fields sent; null clears the description but not the name', async () => {
		const group = await createGroup({ name: 'Leads', description: 'd' });
		clock.advance(1000);
		const renamed = await client().put(`/groups/${group.id}`, { name: 'Hot leads' });
		expect(renamed.body.data).toEqual({ ...group, name: 'Hot leads', updatedAt: '2026-02-01T00:00:01.000Z' });
		expect((await client().put(`/groups/${group.id}`, { description: null })).body.data.description).toBeNull();
		expect((await client().put(`/groups/${group.id}`, { name: null })).status).toBe(400);
	});
});

describe('adding contacts to a group', () => {
	it('answers the group fields plus how many were added, in one flat object', async () => {
		const group = await createGroup();
		const contactIds = await createContacts(2);
		clock.advance(1000);
		const answer = await client().post(`/groups/${group.id}/contacts`, { contactIds });
		expect(answer.status).toBe(200);
		expect(answer.body.data).toEqual({ ...group, contactCount: 2, updatedAt: '2026-02-01T00:00:01.000Z', added: 2 });
	});

	it('counts only contacts new to the group, and a repeated id once', async () => {
		const group = await createGroup();
		const [a, b] = await createContacts(2);
		await client().post(`/groups/${group.id}/contacts`, { contactIds: [a] });
		const answer = await client().post(`/groups/${group.id}/contacts`, { contactIds: [a, b, b] });
		expect(answer.body.data).toEqual(expect.objectContaining({ added: 1, contactCount: 2 }));
	});

	it("shows the group in each contact's groupIds", async () => {
		const group = await createGroup();
		const [a] = await createContacts(1);
		await client().post(`/groups/${group.id}/contacts`, { contactIds: [a] });
		expect((await client().get(`/contacts/${a}`)).body.data.groupIds).toEqual([group.id]);
	});

	it('refuses unknown contact ids, listing them in details.contactIds, and adds nothing', async () => {
		const group = await createGroup();
		const [a] = await createContacts(1);
		const answer = await client().post(`/groups/${group.id}/contacts`, { contactIds: [a, 'ct_nope', 'ct_gone'] });
		expect(answer.status).toBe(400);
		expect(answer.body.error.details).toEqual({ contactIds: ['ct_nope', 'ct_gone'] });
		expect((await client().get(`/groups/${group.id}`)).body.data.contactCount).toBe(0);
	});

	it.each([
		['no contactIds', {}],
		['an empty list', { contactIds: [] }],
		['1001 ids', { contactIds: Array.from({ length: 1001 }, (_, i) => `ct_${i}`) }],
		['a string', { contactIds: 'ct_1' }],
		['numbers', { contactIds: [1, 2] }],
	])('refuses %s', async (_case, body) => {
		const group = await createGroup();
		const answer = await client().post(`/groups/${group.id}/contacts`, body);
		expect(answer.status).toBe(400);
		expect(typeof answer.body.error.details.contactIds).toBe('string');
	});

	it('accepts 1000 ids in one call', async () => {
		sandbox().seed({ contacts: 1000 });
		const contactIds = [...sandbox().store.account().contacts.keys()];
		const group = await createGroup();
		expect((await client().post(`/groups/${group.id}/contacts`, { contactIds })).body.data.added).toBe(1000);
	});

	it('answers 404 for an unknown group', async () => {
		const [a] = await createContacts(1);
		expect((await client().post('/groups/grp_missing/contacts', { contactIds: [a] })).status).toBe(404);
	});
});

describe('deleting a group', () => {
	it('answers { id, deleted: true } and leaves its contacts, without the group', async () => {
		const group = await createGroup();
		const [a] = await createContacts(1);
		await client().post(`/groups/${group.id}/contacts`, { contactIds: [a] });
		const answer = await client().delete(`/groups/${group.id}`);
		expect(answer.body.data).toEqual({ id: group.id, deleted: true });
		const contact = await client().get(`/contacts/${a}`);
		expect(contact.status).toBe(200);
		expect(contact.body.data.groupIds).toEqual([]);
		expect((await client().get(`/groups/${group.id}`)).status).toBe(404);
		expect((await client().delete(`/groups/${group.id}`)).status).toBe(404);
	});
});
