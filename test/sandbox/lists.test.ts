import { api, manualClock } from './testing/http';
import { useSandbox } from './testing/lifecycle';

const clock = manualClock('2026-02-01T00:00:00.000Z');
const sandbox = useSandbox({ clock: clock.now });
const client = () => api(sandbox());

/** Creates contacts one second apart; returns them in creation order. */
async function createContacts(count: number, fields: (i: number) => Record<string, unknown> = () => ({})) {
	const contacts = [];
	for (let i = 0; i < count; i++) {
		clock.advance(1000);
		const answer = await client().post('/contacts', { email: `person${i}@example.com`, ...fields(i) });
		contacts.push(answer.body.data);
	}
	return contacts;
}

const ids = (answer: { body: { data: Array<{ id: string }> } }) => answer.body.data.map((item) => item.id);
const byIdAsc = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('pagination', () => {
	it('answers an empty list with total 0', async () => {
		const answer = await client().get('/contacts');
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ success: true, data: [], meta: { page: 1, perPage: 20, total: 0 } });
	});

	it('defaults to page 1 of 20, oldest first', async () => {
		const contacts = await createContacts(21);
		const answer = await client().get('/contacts');
		expect(answer.body.meta).toEqual({ page: 1, perPage: 20, total: 21 });
		expect(ids(answer)).toEqual(contacts.slice(0, 20).map((c) => c.id));
		expect(ids(await client().get('/contacts?page=2'))).toEqual([contacts[20].id]);
	});

	it.each([
		[1, [1]],
		[99, [99]],
		[100, [100, 0]],
		[101, [100, 1]],
	])('splits %i records into pages of 100 as %j', async (count, pageSizes) => {
		sandbox().seed({ contacts: count });
		for (const [index, size] of pageSizes.entries()) {
			const answer = await client().get(`/contacts?perPage=100&page=${index + 1}`);
			expect(answer.body.data).toHaveLength(size);
			expect(answer.body.meta).toEqual({ page: index + 1, perPage: 100, total: count });
		}
	});

	it('answers a page past the end with no data and the true total', async () => {
		sandbox().seed({ contacts: 5 });
		const answer = await client().get('/contacts?page=7&perPage=2');
		expect(answer.body).toEqual({ success: true, data: [], meta: { page: 7, perPage: 2, total: 5 } });
	});

	it.each([
		['perPage=101', 'perPage'],
		['perPage=0', 'perPage'],
		['perPage=ten', 'perPage'],
		['page=0', 'page'],
		['page=-1', 'page'],
		['page=1.5', 'page'],
		['page=1&page=2', 'page'],
		['sort=firstName', 'sort'],
		['order=up', 'order'],
		['unsubscribed=maybe', 'unsubscribed'],
		['createdAfter=yesterday', 'createdAfter'],
	])('answers 400 naming the parameter for %s', async (query, field) => {
		const answer = await client().get(`/contacts?${query}`);
		expect(answer.status).toBe(400);
		expect(answer.body.error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(answer.body.error.details)).toEqual([field]);
	});
});

describe('contact filters', () => {
	it('matches email as a case-insensitive substring, so a domain filters a company', async () => {
		await client().post('/contacts', { email: 'ann@Acme.io' });
		await client().post('/contacts', { email: 'bob@globex.com' });
		const answer = await client().get('/contacts?email=ACME.IO');
		expect(answer.body.data.map((c: { email: string }) => c.email)).toEqual(['ann@Acme.io']);
	});

	it('filters by group, and an unknown group matches nothing', async () => {
		const group = (await client().post('/groups', { name: 'VIP' })).body.data.id;
		const [, member] = await createContacts(3, (i) => (i === 1 ? { groupIds: [group] } : {}));
		expect(ids(await client().get(`/contacts?group=${group}`))).toEqual([member.id]);
		const unknown = await client().get('/contacts?group=grp_unknown');
		expect(unknown.status).toBe(200);
		expect(unknown.body.meta.total).toBe(0);
	});

	it('filters by unsubscribed true and false', async () => {
		const contacts = await createContacts(3, (i) => ({ unsubscribed: i === 0 }));
		expect(ids(await client().get('/contacts?unsubscribed=true'))).toEqual([contacts[0].id]);
		expect(ids(await client().get('/contacts?unsubscribed=false'))).toEqual([contacts[1].id, contacts[2].id]);
	});

	it('filters by createdAfter and createdBefore, both exclusive', async () => {
		const contacts = await createContacts(4);
		const [, second, third] = contacts;
		const answer = await client().get(`/contacts?createdAfter=${encodeURIComponent(contacts[0].createdAt)}&createdBefore=${encodeURIComponent(contacts[3].createdAt)}`);
		expect(ids(answer)).toEqual([second.id, third.id]);
	});

	it('combines filters and paginates the result', async () => {
		await createContacts(6, (i) => ({ email: `p${i}@${i % 2 ? 'odd' : 'even'}.example`, unsubscribed: i >= 4 }));
		const answer = await client().get('/contacts?email=even&unsubscribed=false&perPage=1&page=2');
		expect(answer.body.data.map((c: { email: string }) => c.email)).toEqual(['p2@even.example']);
		expect(answer.body.meta.total).toBe(2);
	});
});

describe('sorting', () => {
	it('sorts strings case-insensitively, missing values first as empty strings, ties by id in the same direction', async () => {
		const contacts = await createContacts(6, (i) => ({ lastName: ['beta', null, 'Alpha', 'alpha', 'Beta', 'ALPHA'][i] }));
		const [noName, ...named] = [contacts[1], ...contacts.filter((_, i) => i !== 1)];
		const alphas = [contacts[2], contacts[3], contacts[5]].map((c) => c.id).sort(byIdAsc);
		const betas = [contacts[0], contacts[4]].map((c) => c.id).sort(byIdAsc);
		expect(named).toHaveLength(5);

		const asc = await client().get('/contacts?sort=lastName&order=asc');
		expect(ids(asc)).toEqual([noName.id, ...alphas, ...betas]);
		const desc = await client().get('/contacts?sort=lastName&order=desc');
		expect(ids(desc)).toEqual([...betas.reverse(), ...alphas.reverse(), noName.id]);
	});

	it('breaks ties of equal timestamps by id', async () => {
		const first = (await client().post('/contacts', { email: 'same1@example.com' })).body.data;
		const second = (await client().post('/contacts', { email: 'same2@example.com' })).body.data;
		expect(first.createdAt).toBe(second.createdAt);
		const sorted = [first.id, second.id].sort(byIdAsc);
		expect(ids(await client().get('/contacts'))).toEqual(sorted);
		expect(ids(await client().get('/contacts?order=desc'))).toEqual([...sorted].reverse());
	});

	it.each(['email', 'company', 'createdAt', 'updatedAt'])('sorts by %s in both orders', async (field) => {
		const contacts = await createContacts(4, (i) => ({ email: `${'dbca'[i]}@example.com`, company: `Co ${'cadb'[i]}` }));
		clock.advance(1000);
		await client().put(`/contacts/${contacts[0].id}`, { firstName: 'touched' });
		const key = (c: Record<string, string>) => (field === 'updatedAt' && c.id === contacts[0].id ? 'z' : String(c[field]).toLowerCase());
		const expected = [...contacts].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((c) => c.id);
		expect(ids(await client().get(`/contacts?sort=${field}`))).toEqual(expected);
		expect(ids(await client().get(`/contacts?sort=${field}&order=desc`))).toEqual([...expected].reverse());
	});

	it('shows writes in the next list (no stale cached order)', async () => {
		const contacts = await createContacts(3, (i) => ({ lastName: ['A', 'B', 'C'][i] }));
		expect(ids(await client().get('/contacts?sort=lastName'))).toEqual(contacts.map((c) => c.id));
		await client().put(`/contacts/${contacts[0].id}`, { lastName: 'D' });
		expect(ids(await client().get('/contacts?sort=lastName'))).toEqual([contacts[1].id, contacts[2].id, contacts[0].id]);
		await client().delete(`/contacts/${contacts[1].id}`);
		expect((await client().get('/contacts?sort=lastName')).body.meta.total).toBe(2);
	});
});

describe('group, campaign and webhook lists', () => {
	it('filters groups by name (case-insensitive substring) and sorts them by name', async () => {
		for (const name of ['beta testers', 'Alpha customers', 'Gamma', 'alpha partners']) await client().post('/groups', { name });
		const answer = await client().get('/groups?name=ALPHA&sort=name');
		expect(answer.body.data.map((g: { name: string }) => g.name)).toEqual(['Alpha customers', 'alpha partners']);
		expect(answer.body.data[0]).toEqual(expect.objectContaining({ contactCount: 0 }));
		expect((await client().get('/groups?sort=email')).status).toBe(400);
	});

	it('filters campaigns by status and name, and refuses an unknown status', async () => {
		const make = async (name: string) => (await client().post('/campaigns', { name, emailAccountId: 'acc_1' })).body.data.id;
		const [q1] = [await make('Q1 outreach'), await make('Q2 outreach'), await make('Newsletter')];
		sandbox().completeCampaign(q1);
		expect((await client().get('/campaigns?status=completed')).body.data.map((c: { id: string }) => c.id)).toEqual([q1]);
		expect((await client().get('/campaigns?status=draft&name=OUTREACH')).body.data.map((c: { name: string }) => c.name)).toEqual(['Q2 outreach']);
		const invalid = await client().get('/campaigns?status=running');
		expect(invalid.status).toBe(400);
		expect(invalid.body.error.details.status).toMatch(/draft, active, paused, completed/);
	});

	it('sorts campaigns by name descending', async () => {
		for (const name of ['b', 'C', 'a']) await client().post('/campaigns', { name, emailAccountId: 'acc_1' });
		expect((await client().get('/campaigns?sort=name')).body.data.map((c: { name: string }) => c.name)).toEqual(['a', 'b', 'C']);
		expect((await client().get('/campaigns?sort=name&order=desc')).body.data.map((c: { name: string }) => c.name)).toEqual(['C', 'b', 'a']);
	});

	it('paginates webhooks with the same envelope', async () => {
		for (let i = 0; i < 3; i++) {
			clock.advance(1000);
			await client().post('/webhooks', { url: `https://hooks.example.com/${i}`, events: ['*'] });
		}
		const answer = await client().get('/webhooks?perPage=2&page=2');
		expect(answer.body.meta).toEqual({ page: 2, perPage: 2, total: 3 });
		expect(answer.body.data[0].url).toBe('https://hooks.example.com/2');
	});
});
