import type { Sandbox } from '../../../sandbox';
import { api, runFluenzrOk, useSandbox } from './support';

/** Every contact id in FluenzR's own order for a query, read page by page directly. */
async function allIdsDirectly(sandbox: Sandbox, query = ''): Promise<string[]> {
	const ids: string[] = [];
	for (let page = 1; ; page++) {
		const answer = await api(sandbox).get(`/contacts?perPage=100&page=${page}${query}`);
		ids.push(...answer.data.map((contact: { id: string }) => contact.id));
		if (page * 100 >= answer.meta.total) return ids;
	}
}

function listRequests(sandbox: Sandbox) {
	return sandbox.requests().filter((request) => request.method === 'GET' && /\/contacts\?/.test(request.url));
}

describe('Fluenzr node, Get Many pagination', () => {
	const sandbox = useSandbox();

	describe.each([0, 1, 99, 100, 101, 250])('Return All over %i contacts', (count) => {
		beforeEach(() => {
			if (count) sandbox().seed({ contacts: count });
		});

		it(`returns each of them once, in order, in ${Math.max(1, Math.ceil(count / 100))} request(s) of 100`, async () => {
			const expected = await allIdsDirectly(sandbox());
			sandbox().clearRequests();
			const contacts = await runFluenzrOk(sandbox(), { resource: 'contact', operation: 'getAll', returnAll: true });
			expect(contacts.map((contact) => contact.id)).toEqual(expected);
			expect(new Set(contacts.map((contact) => contact.id)).size).toBe(count);
			const requests = listRequests(sandbox());
			expect(requests).toHaveLength(Math.max(1, Math.ceil(count / 100)));
			requests.forEach((request, index) => {
				expect(request.url).toContain(`page=${index + 1}`);
				expect(request.url).toContain('perPage=100');
			});
		});
	});

	describe.each([
		[1, 1],
		[50, 1],
		[100, 1],
		[150, 2],
	])('Limit %i over 250 contacts', (limit, pages) => {
		beforeEach(() => {
			sandbox().seed({ contacts: 250 });
		});

		it(`returns the first ${limit} in ${pages} request(s)`, async () => {
			const expected = (await allIdsDirectly(sandbox())).slice(0, limit);
			sandbox().clearRequests();
			const contacts = await runFluenzrOk(sandbox(), {
				resource: 'contact',
				operation: 'getAll',
				returnAll: false,
				limit,
			});
			expect(contacts.map((contact) => contact.id)).toEqual(expected);
			expect(listRequests(sandbox())).toHaveLength(pages);
		});
	});

	it('a Limit above the number of records returns them all in one request', async () => {
		sandbox().seed({ contacts: 99 });
		sandbox().clearRequests();
		const contacts = await runFluenzrOk(sandbox(), { resource: 'contact', operation: 'getAll', limit: 150 });
		expect(contacts).toHaveLength(99);
		expect(listRequests(sandbox())).toHaveLength(1);
	});

	it('applies filters and sort on every page, exactly as FluenzR orders them', async () => {
		sandbox().seed({ contacts: 250 });
		const domain = (await api(sandbox()).get('/contacts?perPage=1')).data[0].email.split('@')[1];
		const expected = await allIdsDirectly(sandbox(), `&email=${domain}&sort=lastName&order=desc`);
		expect(expected.length).toBeGreaterThan(0);
		sandbox().clearRequests();
		const contacts = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { email: domain },
			sort: { field: 'lastName', order: 'desc' },
		});
		expect(contacts.map((contact) => contact.id)).toEqual(expected);
		for (const request of listRequests(sandbox())) {
			expect(request.url).toContain(`email=${encodeURIComponent(domain)}`);
			expect(request.url).toContain('sort=lastName');
			expect(request.url).toContain('order=desc');
		}
		expect(listRequests(sandbox())).toHaveLength(Math.max(1, Math.ceil(expected.length / 100)));
	});

	it('filters contacts by group, subscription and creation date', async () => {
		const group = await api(sandbox()).post('/groups', { name: 'VIP' });
		const inGroup = await api(sandbox()).post('/contacts', { email: 'vip@club.io', groupIds: [group.data.id] });
		await api(sandbox()).post('/contacts', { email: 'out@club.io', unsubscribed: true });
		const byGroup = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { group: group.data.id },
		});
		expect(byGroup.map((contact) => contact.id)).toEqual([inGroup.data.id]);
		const unsubscribed = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { unsubscribed: true },
		});
		expect(unsubscribed.map((contact) => contact.email)).toEqual(['out@club.io']);
		const createdBefore = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { createdBefore: inGroup.data.createdAt },
		});
		expect(createdBefore).toEqual([]);
	});
});
