import { DEMO_SEED } from '../../sandbox/constants';
import { type Sandbox, startSandbox } from '../../sandbox/index';
import { api } from './testing/http';
import { useSandbox } from './testing/lifecycle';

const sandbox = useSandbox({ seed: DEMO_SEED });
const client = () => api(sandbox());

async function withSandbox<T>(use: (other: Sandbox) => T | Promise<T>): Promise<T> {
	const other = await startSandbox();
	try {
		return await use(other);
	} finally {
		await other.stop();
	}
}

describe('the demo seed', () => {
	it('holds 120 contacts, 4 groups and 6 campaigns', async () => {
		expect((await client().get('/contacts')).body.meta.total).toBe(120);
		expect((await client().get('/groups')).body.meta.total).toBe(4);
		expect((await client().get('/campaigns')).body.meta.total).toBe(6);
	});

	it('has a campaign in every status, the active one with contacts and statistics', async () => {
		const campaigns = (await client().get('/campaigns')).body.data;
		expect(new Set(campaigns.map((c: { status: string }) => c.status))).toEqual(new Set(['draft', 'active', 'paused', 'completed']));
		const active = campaigns.find((c: { status: string }) => c.status === 'active');
		expect(active.contactCount).toBeGreaterThan(0);
		const stats = (await client().get(`/campaigns/${active.id}/stats`)).body.data;
		expect(stats.sent).toBeGreaterThan(0);
		expect(stats.openRate).toBeGreaterThan(0);
	});

	it('has realistic, valid, unique contacts', async () => {
		const contacts = [...sandbox().store.account().contacts.values()];
		expect(new Set(contacts.map((c) => c.email.toLowerCase())).size).toBe(120);
		for (const contact of contacts) {
			expect(contact.email).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$/);
			expect(contact.firstName).toEqual(expect.any(String));
		}
		expect(contacts.some((c) => c.unsubscribed)).toBe(true);
		expect(contacts.some((c) => c.company === null)).toBe(true);
	});

	it('comes back after a reset, identical', async () => {
		const before = (await client().get('/contacts?perPage=100')).text;
		await client().post('/contacts', { email: 'extra@example.com' });
		sandbox().reset();
		expect((await client().get('/contacts?perPage=100')).text).toBe(before);
	});
});

describe('seeding', () => {
	it('gives the same data for the same seed in another sandbox, and other data for another seed', async () => {
		const mine = (await client().get('/contacts?perPage=100')).text;
		const same = await withSandbox(async (other) => {
			other.seed(DEMO_SEED);
			return (await api(other).get('/contacts?perPage=100')).text;
		});
		const different = await withSandbox(async (other) => {
			other.seed({ ...DEMO_SEED, seed: 2 });
			return (await api(other).get('/contacts?perPage=100')).text;
		});
		expect(same).toBe(mine);
		expect(different).not.toBe(mine);
	});

	it('adds to what an account holds, keeping emails unique', async () => {
		sandbox().seed({ contacts: 120 });
		const emails = [...sandbox().store.account().contacts.values()].map((c) => c.email);
		expect(new Set(emails).size).toBe(240);
	});

	it('holds 100,000 contacts and serves any page of them, filtered and sorted', async () => {
		const big = await withSandbox(async (other) => {
			const { contactIds } = other.seed({ contacts: 100_000 });
			const deep = await api(other).get('/contacts?page=900&perPage=100');
			const sorted = await api(other).get('/contacts?email=example.com&sort=lastName&order=desc&page=10&perPage=100');
			return { contactIds, deep: deep.body, sorted: sorted.body };
		});
		expect(big.deep.meta.total).toBe(100_000);
		expect(big.deep.data.map((c: { id: string }) => c.id)).toEqual(big.contactIds.slice(89_900, 90_000));
		expect(big.sorted.data).toHaveLength(100);
		const lastNames = big.sorted.data.map((c: { lastName: string }) => c.lastName.toLowerCase());
		expect(lastNames).toEqual([...lastNames].sort().reverse());
	});
});
