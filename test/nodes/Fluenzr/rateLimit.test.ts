/**
 * The rate limit through n8n's engine: whatever 429s FluenzR answers, every
 * item is done exactly once, in order, or fails with an error that names the
 * rate limit. Correctness only: the one time assertion is a lower bound (a
 * retry must wait at least what Retry-After asked).
 */
import { NodeApiError } from 'n8n-workflow';

import { MAX_RATE_LIMIT_RETRIES } from '../../../client/request';
import type { LoggedRequest, Sandbox } from '../../../sandbox';
import { api, byId, runFluenzr, runFluenzrOk, useSandbox } from './support';

const createContact = { resource: 'contact', operation: 'create', email: '={{ $json.email }}' };
const getContact = { resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') };

const emails = (count: number, domain: string) => Array.from({ length: count }, (_, i) => ({ email: `lead${i + 1}@${domain}` }));

const description = (error: unknown) => String((error as { description?: string }).description ?? '');

/** Every contact in the sandbox, counted by email. */
function storedEmailCounts(sandbox: Sandbox): Map<string, number> {
	const counts = new Map<string, number>();
	for (const contact of sandbox.store.account().contacts.values()) {
		counts.set(contact.email, (counts.get(contact.email) ?? 0) + 1);
	}
	return counts;
}

const postedEmail = (request: LoggedRequest) => (request.body as { email: string }).email;

describe('Fluenzr node, rate limit', () => {
	const sandbox = useSandbox();
	const listRequests = () => sandbox().requests({ method: 'GET', pathPrefix: '/contacts' });
	const createRequests = () => sandbox().requests({ method: 'POST', pathPrefix: '/contacts' });

	it('a 429 on one page of a Return All: that page is asked again, and the list comes back complete, once, in order', async () => {
		// The seeder dates contacts in the order it makes them, so the default sort (createdAt, ascending) keeps that order.
		const { contactIds: expected } = sandbox().seed({ contacts: 500 });
		sandbox().injectFault({ match: { method: 'GET', path: '/contacts' }, after: 2, fault: { type: 'rateLimited', retryAfter: 0 } });

		const contacts = await runFluenzrOk(sandbox(), { resource: 'contact', operation: 'getAll', returnAll: true });

		expect(contacts.map((contact) => contact.id)).toEqual(expected);
		const refused = listRequests().filter((request) => request.status === 429);
		const answered = listRequests().filter((request) => request.status === 200);
		expect(refused).toHaveLength(1);
		expect(answered.filter((request) => request.query.page === refused[0].query.page)).toHaveLength(1);
		expect(answered.map((request) => Number(request.query.page)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
	});

	it('a 429 on one create of a batch: every contact is created once, and the items stay in input order, each paired', async () => {
		const input = emails(10, 'batch.io');
		sandbox().injectFault({ match: { method: 'POST', path: '/contacts' }, after: 4, fault: { type: 'rateLimited', retryAfter: 0 } });

		const result = await runFluenzr(sandbox(), createContact, { input });

		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => [item.json.email, item.pairedItem])).toEqual(input.map(({ email }, i) => [email, { item: i }]));
		expect(storedEmailCounts(sandbox())).toEqual(new Map(input.map(({ email }) => [email, 1])));
		const refused = createRequests().filter((request) => request.status === 429);
		expect(refused).toHaveLength(1);
		const attemptsOfRefused = createRequests().filter((request) => postedEmail(request) === postedEmail(refused[0]));
		expect(attemptsOfRefused.map((request) => request.status)).toEqual([429, 201]);
	});

	it('Retry-After: 0 is retried at once and succeeds', async () => {
		sandbox().injectFault({ match: { method: 'POST' }, fault: { type: 'rateLimited', retryAfter: 0 } });

		const [contact] = await runFluenzrOk(sandbox(), { ...createContact, email: 'now@retry.io' });

		expect(contact.email).toBe('now@retry.io');
		expect(createRequests().map((request) => request.status)).toEqual([429, 201]);
	});

	it('Retry-After of several seconds: the retry waits at least that long, even while the short windows it overlaps roll over', async () => {
		sandbox().configure({ rateLimit: { limit: 1000, windowMs: 1000 } });
		sandbox().injectFault({ match: { method: 'POST' }, fault: { type: 'rateLimited', retryAfter: 3 } });

		const result = await runFluenzr(sandbox(), createContact, { input: emails(2, 'later.io') });

		expect(result.error).toBeUndefined();
		expect(storedEmailCounts(sandbox())).toEqual(new Map([['lead1@later.io', 1], ['lead2@later.io', 1]]));
		const [refused] = createRequests().filter((request) => request.status === 429);
		const retry = createRequests().find((request) => request.status === 201 && postedEmail(request) === postedEmail(refused));
		expect(Date.parse(retry!.at) - Date.parse(refused.at)).toBeGreaterThanOrEqual(3000);
	});

	describe('a 429 asking for a wait of a billion seconds, on the second of three contacts', () => {
		let ids: string[];
		beforeEach(async () => {
			ids = [];
			for (const email of ['one@absurd.io', 'two@absurd.io', 'three@absurd.io']) ids.push((await api(sandbox()).post('/contacts', { email })).data.id);
			sandbox().injectFault({ match: { path: `/contacts/${ids[1]}` }, fault: { type: 'rateLimited', retryAfter: 1_000_000_000 } });
		});

		it('fails that item at once with RATE_LIMITED and the wait it was asked for, without a retry', async () => {
			const result = await runFluenzr(sandbox(), getContact, { input: ids.map((id) => ({ id })) });

			expect((result.error as NodeApiError).httpCode).toBe('429');
			expect((result.error as NodeApiError).context.itemIndex).toBe(1);
			expect(description(result.error)).toContain('(RATE_LIMITED)');
			expect(description(result.error)).toContain('asked to wait 1,000,000,000 s (about 31.7 years)');
			expect(sandbox().requests({ pathPrefix: `/contacts/${ids[1]}` })).toHaveLength(1);
		});

		it('with Continue On Fail, the other contacts come through, unheld, and the refused item is an error paired to it', async () => {
			const result = await runFluenzr(sandbox(), getContact, {
				input: ids.map((id) => ({ id })),
				continueOnFail: 'continueRegularOutput',
			});

			expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect([result.output[0].json.email, result.output[2].json.email]).toEqual(['one@absurd.io', 'three@absurd.io']);
			expect(description(result.output[1].error)).toContain('(RATE_LIMITED)');
			// The key is not held: the next run on it goes through.
			expect(await runFluenzrOk(sandbox(), getContact, { input: [{ id: ids[0] }] })).toMatchObject([{ email: 'one@absurd.io' }]);
		});
	});

	it('a proxy that writes X-RateLimit-Reset in milliseconds, with nothing remaining, holds no item: each is done', async () => {
		const ids: string[] = [];
		for (const email of ['one@ms.io', 'two@ms.io', 'three@ms.io']) ids.push((await api(sandbox()).post('/contacts', { email })).data.id);
		const proxyHeaders = { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.now() + 60_000) };
		sandbox().injectFault({
			match: { path: `/contacts/${ids[0]}` },
			fault: { type: 'status', status: 200, body: { success: true, data: { id: ids[0], email: 'one@ms.io' } }, headers: proxyHeaders },
		});

		const contacts = await runFluenzrOk(sandbox(), getContact, { input: ids.map((id) => ({ id })) });

		expect(contacts.map((contact) => contact.email)).toEqual(['one@ms.io', 'two@ms.io', 'three@ms.io']);
	});

	it('a 429 without Retry-After whose reset is in milliseconds fails its item at once with the wait it asked for', async () => {
		const { id } = (await api(sandbox()).post('/contacts', { email: 'ms@reset.io' })).data;
		const far = { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.now() + 60_000) };
		sandbox().injectFault({
			match: { path: `/contacts/${id}` },
			fault: { type: 'status', status: 429, body: { success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests' } }, headers: far },
		});

		const result = await runFluenzr(sandbox(), getContact, { input: [{ id }] });

		expect(description(result.error)).toContain('(RATE_LIMITED)');
		expect(description(result.error)).toMatch(/asked to wait [\d,]+ s \(about [\d.]+ years\)/);
	});

	describe('a 429 storm that outlasts the retries, on the second of three contacts', () => {
		let ids: string[];
		beforeEach(async () => {
			ids = [];
			for (const email of ['one@storm.io', 'two@storm.io', 'three@storm.io']) ids.push((await api(sandbox()).post('/contacts', { email })).data.id);
			sandbox().injectFault({ match: { path: `/contacts/${ids[1]}` }, count: 100, fault: { type: 'rateLimited', retryAfter: 0 } });
		});

		it('stops the run with an error that names the rate limit and the item, after the retries', async () => {
			const result = await runFluenzr(sandbox(), getContact, { input: ids.map((id) => ({ id })) });

			expect(result.error).toBeInstanceOf(NodeApiError);
			expect((result.error as NodeApiError).httpCode).toBe('429');
			expect((result.error as NodeApiError).context.itemIndex).toBe(1);
			expect(result.error?.message).toMatch(/rate limit/i);
			expect(description(result.error)).toContain('(RATE_LIMITED)');
			expect(description(result.error)).toContain('was still refusing after the node waited and retried');
			expect(sandbox().requests({ pathPrefix: `/contacts/${ids[1]}` })).toHaveLength(1 + MAX_RATE_LIMIT_RETRIES);
		});

		it('with Continue On Fail, the other contacts still come through and the refused item is an error paired to it', async () => {
			const result = await runFluenzr(sandbox(), getContact, {
				input: ids.map((id) => ({ id })),
				continueOnFail: 'continueRegularOutput',
			});

			expect(result.error).toBeUndefined();
			expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect([result.output[0].json.email, result.output[2].json.email]).toEqual(['one@storm.io', 'three@storm.io']);
			expect(result.output[1].json.error).toMatch(/rate limit/i);
			expect(description(result.output[1].error)).toContain('(RATE_LIMITED)');
		});
	});
});

describe('Fluenzr node, under a real rate limit of 5 requests per second', () => {
	// A sandbox of its own: a new base URL, so a rate limiter of its own in the node.
	const sandbox = useSandbox({ rateLimit: { limit: 5, windowMs: 1000 } });

	it('creates 20 contacts, each once, none failed, in input order', async () => {
		const input = emails(20, 'paced.io');

		const result = await runFluenzr(sandbox(), createContact, { input, continueOnFail: 'continueRegularOutput' });

		expect(result.output.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(result.output.map((item) => [item.json.email, item.pairedItem])).toEqual(input.map(({ email }, i) => [email, { item: i }]));
		expect(storedEmailCounts(sandbox())).toEqual(new Map(input.map(({ email }) => [email, 1])));
		const executed = sandbox()
			.requests({ method: 'POST' })
			.filter((request) => request.status !== 429);
		expect(executed).toHaveLength(20);
	});

	it('returns all of 1,000 contacts over 10 pages, each once, in FluenzR’s order', async () => {
		const { contactIds } = sandbox().seed({ contacts: 1000 });

		const contacts = await runFluenzrOk(sandbox(), { resource: 'contact', operation: 'getAll', returnAll: true });

		expect(contacts.map((contact) => contact.id)).toEqual(contactIds);
		const answeredPages = sandbox()
			.requests({ method: 'GET' })
			.filter((request) => request.status === 200)
			.map((request) => Number(request.query.page));
		expect(answeredPages.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});
});
