import { PLAN_REQUIRED_MESSAGE } from '../../client/contract';

import { DEMO_KEYS } from '../../sandbox/index';
import { api, manualClock, send } from './testing/http';
import { useSandbox } from './testing/lifecycle';

const clock = manualClock('2026-03-01T10:00:00.250Z');
const sandbox = useSandbox({ rateLimit: { limit: 3, windowMs: 60_000 }, clock: clock.now });

describe('authentication and plan', () => {
	it('answers 401 UNAUTHORIZED without an Authorization header, with no rate-limit headers', async () => {
		const answer = await api(sandbox(), null).get('/contacts');
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ success: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
		expect(answer.headers['x-ratelimit-limit']).toBeUndefined();
	});

	it('answers 401 to an unknown key and to a key sent without the Bearer scheme', async () => {
		expect((await api(sandbox(), 'fz_not_a_key').get('/contacts')).status).toBe(401);
		const noScheme = await send(sandbox().origin, 'GET', '/v1/contacts', { key: null, headers: { authorization: DEMO_KEYS.pro } });
		expect(noScheme.status).toBe(401);
	});

	it('checks authentication before the route: an unknown endpoint without a key is 401', async () => {
		expect((await api(sandbox(), null).get('/no-such-thing')).status).toBe(401);
	});

	it('answers 403 PLAN_REQUIRED with the documented message to a free-plan key, with rate-limit headers', async () => {
		const answer = await api(sandbox(), DEMO_KEYS.free).get('/contacts');
		expect(answer.status).toBe(403);
		expect(answer.body.error).toEqual({ code: 'PLAN_REQUIRED', message: PLAN_REQUIRED_MESSAGE });
		expect(answer.headers['x-ratelimit-remaining']).toBe('2');
	});

	it('counts a free-plan request before refusing it, so past the limit it is 429 rather than 403', async () => {
		const free = api(sandbox(), DEMO_KEYS.free);
		for (let i = 0; i < 3; i++) expect((await free.get('/contacts')).status).toBe(403);
		expect((await free.get('/contacts')).status).toBe(429);
	});
});

describe('rate limit', () => {
	it('sends Limit, Remaining and Reset (Unix seconds, rounded up) on every authenticated answer', async () => {
		const answer = await api(sandbox()).get('/contacts');
		expect(answer.headers['x-ratelimit-limit']).toBe('3');
		expect(answer.headers['x-ratelimit-remaining']).toBe('2');
		// The window opened at 10:00:00.250 and ends 60 s later: 10:01:00.250, rounded up to 10:01:01.
		expect(answer.headers['x-ratelimit-reset']).toBe(String(Date.parse('2026-03-01T10:01:01Z') / 1000));
	});

	it('counts requests whatever their answer (404, 400) and keeps the window end fixed', async () => {
		const client = api(sandbox());
		await client.get('/contacts/ct_missing');
		clock.advance(10_000);
		const invalid = await client.post('/contacts', {});
		expect(invalid.status).toBe(400);
		expect(invalid.headers['x-ratelimit-remaining']).toBe('1');
		expect(invalid.headers['x-ratelimit-reset']).toBe(String(Date.parse('2026-03-01T10:01:01Z') / 1000));
	});

	it('answers 429 RATE_LIMITED past the limit, with the headers and Retry-After in whole seconds rounded up', async () => {
		const client = api(sandbox());
		for (let i = 0; i < 3; i++) await client.get('/contacts');
		clock.advance(20_500);
		const answer = await client.get('/contacts');
		expect(answer.status).toBe(429);
		expect(answer.body).toEqual({ success: false, error: { code: 'RATE_LIMITED', message: expect.any(String) } });
		expect(answer.headers['x-ratelimit-remaining']).toBe('0');
		expect(answer.headers['x-ratelimit-limit']).toBe('3');
		// 60.25 s window - 20.5 s elapsed = 39.75 s left, rounded up.
		expect(answer.headers['retry-after']).toBe('40');
	});

	it('opens a new window with the first request after the previous one ended', async () => {
		const client = api(sandbox());
		for (let i = 0; i < 4; i++) await client.get('/contacts');
		clock.advance(60_000);
		const answer = await client.get('/contacts');
		expect(answer.status).toBe(200);
		expect(answer.headers['x-ratelimit-remaining']).toBe('2');
		expect(answer.headers['x-ratelimit-reset']).toBe(String(Date.parse('2026-03-01T10:02:01Z') / 1000));
	});

	it('keeps one window per key: another key is not limited by the first', async () => {
		for (let i = 0; i < 4; i++) await api(sandbox()).get('/contacts');
		const other = await api(sandbox(), DEMO_KEYS.other).get('/contacts');
		expect(other.status).toBe(200);
		expect(other.headers['x-ratelimit-remaining']).toBe('2');
	});

	it('does not count unauthenticated requests against any key', async () => {
		for (let i = 0; i < 5; i++) await api(sandbox(), 'fz_wrong').get('/contacts');
		expect((await api(sandbox()).get('/contacts')).headers['x-ratelimit-remaining']).toBe('2');
	});
});

describe('per-account data', () => {
	it("answers 404 to another account's contact on get, update and delete", async () => {
		const created = await api(sandbox(), DEMO_KEYS.other).post('/contacts', { email: 'only.mine@other.example' });
		const id = created.body.data.id;
		const mine = api(sandbox());
		expect((await mine.get(`/contacts/${id}`)).status).toBe(404);
		clock.advance(60_000);
		expect((await mine.put(`/contacts/${id}`, { firstName: 'X' })).status).toBe(404);
		expect((await mine.delete(`/contacts/${id}`)).status).toBe(404);
	});

	it("never lists another account's records and lets each account use the same email", async () => {
		await api(sandbox(), DEMO_KEYS.other).post('/contacts', { email: 'shared@example.com' });
		const mine = api(sandbox());
		expect((await mine.get('/contacts')).body.meta.total).toBe(0);
		expect((await mine.post('/contacts', { email: 'shared@example.com' })).status).toBe(201);
	});

	it("treats another account's contact ids as unknown when adding them to a group", async () => {
		const theirs = (await api(sandbox(), DEMO_KEYS.other).post('/contacts', { email: 'a@other.example' })).body.data.id;
		const group = (await api(sandbox()).post('/groups', { name: 'Mine' })).body.data.id;
		const answer = await api(sandbox()).post(`/groups/${group}/contacts`, { contactIds: [theirs] });
		expect(answer.status).toBe(400);
		expect(answer.body.error.details.contactIds).toEqual([theirs]);
	});
});
