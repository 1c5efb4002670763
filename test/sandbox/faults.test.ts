import http from 'node:http';

import { DEMO_KEYS, startSandbox } from '../../sandbox/index';
import { api } from './testing/http';
import { useSandbox } from './testing/lifecycle';

const sandbox = useSandbox();
const client = () => api(sandbox());

/** What a client sees at the socket level: an error, or a status with whatever body arrived. */
function rawOutcome(origin: string, path = '/v1/contacts'): Promise<{ status?: number; body: string; error?: string }> {
	return new Promise((resolve) => {
		let status: number | undefined;
		let body = '';
		const req = http.get(`${origin}${path}`, { headers: { authorization: `Bearer ${DEMO_KEYS.pro}` }, agent: false }, (res) => {
			status = res.statusCode;
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status, body }));
			res.on('error', (error) => resolve({ status, body, error: error.message }));
		});
		req.on('error', (error) => resolve({ status, body, error: error.message }));
	});
}

describe('answers a fault gives instead of the API', () => {
	it('status: the given status with the matching error envelope', async () => {
		sandbox().injectFault({ fault: { type: 'status', status: 503 } });
		const answer = await client().get('/contacts');
		expect(answer.status).toBe(503);
		expect(answer.body).toEqual({ success: false, error: { code: 'INTERNAL_ERROR', message: expect.any(String) } });
		expect(answer.headers['x-ratelimit-limit']).toBe('1000');
	});

	it('status: a custom body when one is given', async () => {
		sandbox().injectFault({ fault: { type: 'status', status: 400, body: { success: false, error: { code: 'VALIDATION_ERROR', message: 'Odd' } } } });
		expect((await client().get('/contacts')).body.error.message).toBe('Odd');
	});

	it('html: an HTML error page', async () => {
		sandbox().injectFault({ fault: { type: 'html', status: 502 } });
		const answer = await client().get('/contacts');
		expect(answer.status).toBe(502);
		expect(answer.headers['content-type']).toMatch(/^text\/html/);
		expect(answer.text).toMatch(/^<!DOCTYPE html>/);
	});

	it('notJson: a 200 with a text body', async () => {
		sandbox().injectFault({ fault: { type: 'notJson' } });
		const answer = await client().get('/contacts');
		expect(answer.status).toBe(200);
		expect(answer.body).toBeUndefined();
		expect(answer.text.length).toBeGreaterThan(0);
	});

	it('empty: a 200 with an empty body', async () => {
		sandbox().injectFault({ fault: { type: 'empty' } });
		const answer = await client().get('/contacts');
		expect([answer.status, answer.text]).toEqual([200, '']);
	});

	it('noData: a 200 envelope without data', async () => {
		sandbox().injectFault({ fault: { type: 'noData' } });
		expect((await client().get('/contacts')).body).toEqual({ success: true });
	});

	it('rateLimited: a 429 envelope with Retry-After and the rate-limit headers', async () => {
		sandbox().injectFault({ fault: { type: 'rateLimited', retryAfter: 7 } });
		const answer = await client().get('/contacts');
		expect(answer.status).toBe(429);
		expect(answer.body.error.code).toBe('RATE_LIMITED');
		expect(answer.headers).toEqual(expect.objectContaining({ 'retry-after': '7', 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '1000' }));
	});

	it('drop: the connection closes without an answer', async () => {
		sandbox().injectFault({ fault: { type: 'drop' } });
		const outcome = await rawOutcome(sandbox().origin);
		expect(outcome.status).toBeUndefined();
		expect(outcome.error).toMatch(/socket hang up|ECONNRESET/);
	});

	it('dropMidBody: the status and part of the body, then the connection closes', async () => {
		sandbox().injectFault({ fault: { type: 'dropMidBody' } });
		const outcome = await rawOutcome(sandbox().origin);
		expect(outcome.status).toBe(200);
		expect(outcome.error).toMatch(/aborted|ECONNRESET/);
		expect(() => JSON.parse(outcome.body)).toThrow();
	});

	it('delay: waits, then answers normally and executes the request', async () => {
		sandbox().injectFault({ fault: { type: 'delay', ms: 20 } });
		const answer = await client().post('/contacts', { email: 'late@example.com' });
		expect(answer.status).toBe(201);
		expect(sandbox().requests()[0]).toEqual(expect.objectContaining({ status: 201, fault: 'delay' }));
	});

	it('hang: no answer until the sandbox stops', async () => {
		const own = await startSandbox();
		own.injectFault({ fault: { type: 'hang' } });
		const pending = rawOutcome(own.origin);
		while (own.requests().length === 0) await new Promise((resolve) => setImmediate(resolve));
		expect(own.requests()[0]).toEqual(expect.objectContaining({ status: 0, fault: 'hang' }));
		await own.stop();
		expect((await pending).error).toMatch(/socket hang up|ECONNRESET/);
	});
});

describe('how faults are applied', () => {
	it('never executes the request they answer', async () => {
		sandbox().injectFault({ fault: { type: 'status', status: 500 } });
		await client().post('/contacts', { email: 'ghost@example.com' });
		expect(sandbox().store.account().contacts.size).toBe(0);
	});

	it('answers the next `count` matching requests, then the API answers again', async () => {
		sandbox().injectFault({ count: 2, fault: { type: 'status', status: 500 } });
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await client().get('/contacts')).status);
		expect(statuses).toEqual([500, 500, 200]);
	});

	it('matches on method, path prefix and account', async () => {
		sandbox().injectFault({ match: { method: 'post', path: '/contacts', account: 'acct_demo' }, fault: { type: 'status', status: 502 } });
		expect((await client().get('/contacts')).status).toBe(200);
		expect((await client().post('/groups', { name: 'g' })).status).toBe(201);
		expect((await api(sandbox(), DEMO_KEYS.other).post('/contacts', { email: 'o@example.com' })).status).toBe(201);
		expect((await client().post('/contacts', { email: 'd@example.com' })).status).toBe(502);
	});

	it('applies after authentication: a request without a valid key does not use one up', async () => {
		sandbox().injectFault({ fault: { type: 'status', status: 500 } });
		expect((await api(sandbox(), null).get('/contacts')).status).toBe(401);
		expect((await client().get('/contacts')).status).toBe(500);
	});

	it('is logged with the status sent and the fault type', async () => {
		sandbox().injectFault({ fault: { type: 'html', status: 504 } });
		await client().get('/contacts?page=2');
		expect(sandbox().requests()).toEqual([
			expect.objectContaining({ method: 'GET', url: '/v1/contacts?page=2', path: '/v1/contacts', query: { page: '2' }, status: 504, fault: 'html', account: 'acct_demo' }),
		]);
	});

	it.each([
		[{ fault: { type: 'explode' } }, 'fault.type'],
		[{ fault: { type: 'status' } }, 'fault.status'],
		[{ fault: { type: 'delay', ms: -1 } }, 'fault.ms'],
		[{ count: 0, fault: { type: 'drop' } }, 'count'],
	])('refuses the malformed spec %j', (spec, field) => {
		expect(() => sandbox().injectFault(spec as never)).toThrow(expect.objectContaining({ details: { [field]: expect.any(String) } }));
	});
});
