import { api, control } from './testing/http';
import { useSandbox } from './testing/lifecycle';

const sandbox = useSandbox();
const client = () => api(sandbox());

async function statusesOf(count: number, request: () => Promise<{ status: number }>): Promise<number[]> {
	const statuses: number[] = [];
	for (let i = 0; i < count; i++) statuses.push((await request()).status);
	return statuses;
}

describe('a fault with `after`: the k-th matching request', () => {
	it('lets `after` matching requests through, then answers the next `count`', async () => {
		sandbox().injectFault({ after: 2, count: 2, fault: { type: 'status', status: 503 } });
		expect(await statusesOf(5, () => client().get('/contacts'))).toEqual([200, 200, 503, 503, 200]);
	});

	it('counts only matching requests', async () => {
		sandbox().injectFault({ match: { method: 'POST', path: '/contacts' }, after: 1, fault: { type: 'rateLimited', retryAfter: 0 } });
		expect((await client().get('/contacts')).status).toBe(200);
		expect((await client().post('/groups', { name: 'Not a contact' })).status).toBe(201);
		expect((await client().post('/contacts', { email: 'first@example.com' })).status).toBe(201);
		expect((await client().post('/contacts', { email: 'second@example.com' })).status).toBe(429);
		expect((await client().post('/contacts', { email: 'second@example.com' })).status).toBe(201);
	});

	it('counts a matching request even when an earlier fault answered it', async () => {
		sandbox().injectFault({ fault: { type: 'status', status: 500 } });
		sandbox().injectFault({ after: 1, fault: { type: 'status', status: 502 } });
		expect(await statusesOf(3, () => client().get('/contacts'))).toEqual([500, 502, 200]);
	});

	it('after: 0 is the same as no `after`', async () => {
		sandbox().injectFault({ after: 0, fault: { type: 'status', status: 500 } });
		expect(await statusesOf(2, () => client().get('/contacts'))).toEqual([500, 200]);
	});

	it('GET /faults shows how many matching requests a fault still lets through', async () => {
		sandbox().injectFault({ after: 3, count: 2, fault: { type: 'noData' } });
		await client().get('/contacts');
		expect((await control(sandbox()).get('/faults')).body.data).toEqual([{ after: 2, count: 2, fault: { type: 'noData' } }]);
	});

	it.each([-1, 1.5, '2'])('refuses after: %p, naming the field', async (after) => {
		const answer = await control(sandbox()).post('/faults', { after, fault: { type: 'noData' } });
		expect(answer.status).toBe(400);
		expect(answer.body.error.details).toEqual({ after: 'must be an integer of at least 0' });
	});
});
