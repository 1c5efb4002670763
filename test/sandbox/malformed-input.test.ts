import { MAX_BODY_BYTES } from '../../sandbox/index';
import { api, send } from './testing/http';
import { useSandbox } from './testing/lifecycle';

const sandbox = useSandbox();
const client = () => api(sandbox());
const raw = (method: string, path: string, body?: string | Buffer) => send(sandbox().origin, method, path, { raw: body });

async function createContact(): Promise<string> {
	return (await client().post('/contacts', { email: 'known@example.com' })).body.data.id;
}

describe('malformed bodies', () => {
	it('answers 400 VALIDATION_ERROR naming body for JSON that does not parse', async () => {
		const answer = await raw('POST', '/v1/contacts', '{"email": "a@b.co",');
		expect(answer.status).toBe(400);
		expect(answer.body.error).toEqual({ code: 'VALIDATION_ERROR', message: expect.any(String), details: { body: 'must be valid JSON' } });
	});

	it.each(['[]', '"a@b.co"', '42', 'null'])('answers 400 naming body for the JSON %s where an object belongs', async (body) => {
		const answer = await raw('POST', '/v1/groups', body);
		expect(answer.status).toBe(400);
		expect(answer.body.error.details).toEqual({ body: 'must be a JSON object' });
	});

	it('treats an empty body as an empty object, so the missing fields are named', async () => {
		const answer = await raw('POST', '/v1/contacts');
		expect(answer.status).toBe(400);
		expect(answer.body.error.details).toEqual({ email: 'is required' });
	});

	it('answers 400 naming body (not 413) for a body over 1 MiB, and keeps serving', async () => {
		const huge = JSON.stringify({ email: 'big@example.com', note: 'x'.repeat(MAX_BODY_BYTES) });
		const answer = await raw('POST', '/v1/contacts', huge);
		expect(answer.status).toBe(400);
		expect(answer.body.error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(answer.body.error.details)).toEqual(['body']);
		expect(sandbox().store.account().contacts.size).toBe(0);
		expect((await client().get('/contacts')).status).toBe(200);
	});

	it('accepts a body of exactly 1 MiB', async () => {
		const padding = MAX_BODY_BYTES - JSON.stringify({ name: 'g', description: '' }).length;
		const answer = await raw('POST', '/v1/groups', JSON.stringify({ name: 'g', description: 'd'.repeat(padding) }));
		expect(answer.status).toBe(201);
	});
});

describe('ids and routes', () => {
	it.each([
		['an encoded slash', '/v1/contacts/x%2F..%2Fgroups'],
		['an encoded slash before a real endpoint name', '/v1/groups/a%2Fcontacts'],
		['an encoded dot-dot', '/v1/contacts/%2E%2E'],
		['a literal dot-dot', '/v1/contacts/..'],
		['a dot-dot step towards another endpoint', '/v1/contacts/../groups'],
		['an encoded dot-dot step', '/v1/campaigns/%2e%2e/%2e%2e/contacts'],
		['a malformed escape', '/v1/contacts/%E0%A4%A'],
	])('answers 404 NOT_FOUND for %s in an id, never another endpoint', async (_case, path) => {
		await client().post('/groups', { name: 'a group that must not be listed' });
		const answer = await raw('GET', path);
		expect(answer.status).toBe(404);
		expect(answer.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
	});

	it('decodes an encoded id before looking it up', async () => {
		const id = await createContact();
		const encoded = [...id].map((char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
		expect((await raw('GET', `/v1/contacts/${encoded}`)).body.data.id).toBe(id);
	});

	it('answers 404 for an unknown id on update even with an invalid body', async () => {
		expect((await client().put('/contacts/ct_nope', { email: 12 })).status).toBe(404);
	});

	it.each([
		['GET', '/v1/unknown'],
		['PATCH', '/v1/contacts/ct_1'],
		['DELETE', '/v1/campaigns/cmp_1'],
		['GET', '/v1/contacts/'],
		['GET', '/v1'],
		['GET', '/v2/contacts'],
		['GET', '/'],
	])('answers 404 NOT_FOUND to %s %s', async (method, path) => {
		const answer = await raw(method, path);
		expect(answer.status).toBe(404);
		expect(answer.body.error.code).toBe('NOT_FOUND');
	});
});

describe('unexpected failures', () => {
	it('answers 500 INTERNAL_ERROR when a handler throws, and keeps serving', async () => {
		const contacts = sandbox().store.account().contacts;
		const original = contacts.get.bind(contacts);
		contacts.get = () => {
			throw new Error('disk on fire');
		};
		try {
			const answer = await client().get('/contacts/ct_any');
			expect(answer.status).toBe(500);
			expect(answer.body).toEqual({ success: false, error: { code: 'INTERNAL_ERROR', message: expect.any(String) } });
			expect(answer.headers['x-ratelimit-limit']).toBe('1000');
		} finally {
			contacts.get = original;
		}
		expect((await client().get('/contacts')).status).toBe(200);
	});
});
