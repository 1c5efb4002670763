import { createServer } from 'node:net';

import { NodeApiError } from 'n8n-workflow';

import { PLAN_REQUIRED_MESSAGE } from '../../../client/contract';
import { DEMO_KEYS } from '../../../sandbox';
import { runNode } from '../../harness';
import { Fluenzr } from '../../../nodes/Fluenzr/Fluenzr.node';
import { api, byId, runFluenzr, useSandbox } from './support';

/** A loopback port nothing listens on: a connection to it is refused. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	const { port } = server.address() as { port: number };
	await new Promise((closed) => server.close(closed));
	return port;
}

const description = (error: unknown) => String((error as { description?: string }).description ?? '');

const createContact = { resource: 'contact', operation: 'create', email: '={{ $json.email }}' };
const threeContacts = [{ email: 'first@ok.io' }, { email: 'not-an-email' }, { email: 'third@ok.io' }];

describe('Fluenzr node, errors', () => {
	const sandbox = useSandbox();

	it('400: FluenzR’s message, with the operation, code and failing field in the description', async () => {
		const result = await runFluenzr(sandbox(), { ...createContact, email: 'not-an-email' });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).httpCode).toBe('400');
		expect(description(result.error)).toMatch(
			/^Contact → Create \(POST \/contacts\) failed with HTTP 400 \(VALIDATION_ERROR\)\. Fields: email: .+\. Correct the fields/,
		);
	});

	it('400 on a duplicate email names the field', async () => {
		await api(sandbox()).post('/contacts', { email: 'twice@dup.io' });
		const result = await runFluenzr(sandbox(), { ...createContact, email: 'twice@dup.io' });
		expect(description(result.error)).toContain('Fields: email: already exists');
	});

	it('401: tells the user to check the API key, and never shows it', async () => {
		const result = await runFluenzr(
			sandbox(),
			{ resource: 'contact', operation: 'getAll', limit: 1 },
			{ apiKey: 'fz_wrong_key_123456' },
		);
		expect((result.error as NodeApiError).httpCode).toBe('401');
		expect((result.error as NodeApiError).message).toBe('FluenzR refused the API key of the credential (UNAUTHORIZED)');
		expect(description(result.error)).toContain('FluenzR said: "Missing or unknown API key');
		expect(description(result.error)).not.toMatch(/[<>]/);
		expect(description(result.error)).toContain('(UNAUTHORIZED)');
		expect(description(result.error)).toContain('Check the API key');
		expect(JSON.stringify(result)).not.toContain('fz_wrong_key_123456');
	});

	it('403: FluenzR’s Pro plan message', async () => {
		const result = await runFluenzr(
			sandbox(),
			{ resource: 'contact', operation: 'getAll', limit: 1 },
			{ apiKey: DEMO_KEYS.free },
		);
		expect(result.error?.message).toBe(PLAN_REQUIRED_MESSAGE);
		expect(description(result.error)).toContain('(PLAN_REQUIRED)');
		expect(description(result.error)).toContain('Pro plan');
	});

	it('404: names the operation and says to check the ID', async () => {
		const result = await runFluenzr(sandbox(), { resource: 'contact', operation: 'get', contactId: byId('ct_missing') });
		expect((result.error as NodeApiError).httpCode).toBe('404');
		expect(description(result.error)).toContain('Contact → Get (GET /contacts/ct_missing) failed with HTTP 404 (NOT_FOUND)');
		expect(description(result.error)).toContain('Check the ID');
	});

	it('429 that outlasts the retries: an error naming the rate limit', async () => {
		sandbox().injectFault({ match: { path: '/contacts' }, count: 50, fault: { type: 'rateLimited', retryAfter: 0 } });
		const result = await runFluenzr(sandbox(), { resource: 'contact', operation: 'getAll', limit: 5 });
		expect((result.error as NodeApiError).httpCode).toBe('429');
		expect(description(result.error)).toContain('(RATE_LIMITED)');
		expect(description(result.error)).toMatch(/1000 requests per 60 s/);
	});

	it('500 on a create: FluenzR’s message, and advice to check in FluenzR before running it again (it may have been written)', async () => {
		sandbox().injectFault({
			match: { path: '/contacts' },
			fault: {
				type: 'status',
				status: 500,
				body: { success: false, error: { code: 'INTERNAL_ERROR', message: 'Database unavailable' } },
			},
		});
		const result = await runFluenzr(sandbox(), { ...createContact, email: 'x@y.io' });
		expect(result.error?.message).toBe('Database unavailable');
		expect(description(result.error)).toContain('HTTP 500 (INTERNAL_ERROR)');
		expect(description(result.error)).toContain('may have been carried out all the same: check in FluenzR whether it took effect');
		expect(description(result.error)).not.toMatch(/nothing was changed/i);
	});

	it('500 on a read: says it is safe to run again', async () => {
		sandbox().injectFault({
			match: { path: '/contacts' },
			fault: { type: 'status', status: 500, body: { success: false, error: { code: 'INTERNAL_ERROR', message: 'Database unavailable' } } },
		});
		const result = await runFluenzr(sandbox(), { resource: 'contact', operation: 'getAll', limit: 5 });
		expect(description(result.error)).toContain('The request only reads, so it is safe to run again.');
	});

	it('200 with JSON that is not a page of a list: says what was wrong with it, not that it was not JSON', async () => {
		sandbox().injectFault({ match: { method: 'GET', path: '/contacts' }, fault: { type: 'status', status: 200, body: { success: true, data: { id: 'ct_1' } } } });
		const result = await runFluenzr(sandbox(), { resource: 'contact', operation: 'getAll', limit: 5 });
		expect(result.error?.message).toBe('FluenzR answered HTTP 200 with a list without data[] and meta.total');
		expect(description(result.error)).toContain('The request only reads, so it is safe to run again.');
	});

	it('502 with an HTML body: says the answer was not FluenzR JSON and quotes it briefly', async () => {
		sandbox().injectFault({ match: { path: '/contacts' }, fault: { type: 'html', status: 502 } });
		const result = await runFluenzr(sandbox(), { ...createContact, email: 'x@y.io' });
		expect((result.error as NodeApiError).httpCode).toBe('502');
		expect(result.error?.message).toBe('FluenzR answered with a server error (HTTP 502)');
		expect(description(result.error)).toContain('The answer was not FluenzR JSON');
		expect(await api(sandbox()).get('/contacts').then((answer) => answer.meta.total)).toBe(0);
	});

	it('an ID that an expression leaves empty is refused before any request, naming the field', async () => {
		sandbox().clearRequests();
		const result = await runFluenzr(
			sandbox(),
			{ resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') },
			{ input: [{ id: '  ' }] },
		);
		expect(result.error?.message).toBe('The Contact field is empty');
		expect(description(result.error)).toContain('enter its ID');
		expect(sandbox().requests()).toHaveLength(0);
	});

	it('an ID left empty in the editor stops the run before it starts, as n8n does for required fields', async () => {
		sandbox().clearRequests();
		const result = await runFluenzr(sandbox(), { resource: 'contact', operation: 'get', contactId: byId('') });
		expect(result.error).toBeDefined();
		expect(sandbox().requests()).toHaveLength(0);
	});

	describe('several items, one failing', () => {
		it('without Continue On Fail the run stops on the failing item, naming it', async () => {
			const result = await runFluenzr(sandbox(), createContact, { input: threeContacts });
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect((result.error as NodeApiError).context.itemIndex).toBe(1);
		});

		it('Continue (regular output): every item yields an item, the failed one paired to its input', async () => {
			const result = await runFluenzr(sandbox(), createContact, {
				input: threeContacts,
				continueOnFail: 'continueRegularOutput',
			});
			expect(result.error).toBeUndefined();
			expect(result.output).toHaveLength(3);
			expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(result.output[0].json.email).toBe('first@ok.io');
			expect(result.output[1].json.error).toEqual(expect.any(String));
			expect(description(result.output[1].error)).toContain('HTTP 400 (VALIDATION_ERROR)');
			expect(result.output[2].json.email).toBe('third@ok.io');
		});

		it('Continue (using error output): the failed item goes to the error output, paired', async () => {
			const result = await runFluenzr(sandbox(), createContact, {
				input: threeContacts,
				continueOnFail: 'continueErrorOutput',
			});
			expect(result.output.map((item) => item.json.email)).toEqual(['first@ok.io', 'third@ok.io']);
			expect(result.errorOutput).toHaveLength(1);
			expect(result.errorOutput[0].pairedItem).toEqual({ item: 1 });
		});

		it('Continue On Fail also pairs an empty ID refused before sending', async () => {
			const contact = await api(sandbox()).post('/contacts', { email: 'real@ok.io' });
			const result = await runFluenzr(
				sandbox(),
				{ resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') },
				{ input: [{ id: contact.data.id }, { id: '' }], continueOnFail: 'continueRegularOutput' },
			);
			expect(result.output.map((item) => [item.pairedItem, item.json.error ?? item.json.email])).toEqual([
				[{ item: 0 }, 'real@ok.io'],
				[{ item: 1 }, 'The Contact field is empty'],
			]);
		});
	});

	it('connection refused: says nothing reached FluenzR, to check the Base URL, and that running a create again is safe', async () => {
		const result = await runNode({
			node: new Fluenzr(),
			parameters: { ...createContact, email: 'x@y.io' },
			credentials: { apiKey: DEMO_KEYS.pro, baseUrl: `http://127.0.0.1:${await closedPort()}/v1` },
		});
		expect(result.error?.message).toBe('FluenzR could not be reached (connection refused)');
		expect(description(result.error)).toBe(
			'Contact → Create (POST /contacts) did not reach FluenzR (ECONNREFUSED), so nothing was done there. ' +
				'Check the Base URL of the FluenzR API credential and that FluenzR can be reached from n8n, then it is safe to run it again.',
		);
	});
});
