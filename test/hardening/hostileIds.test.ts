/**
 * IDs are opaque to the node and may come from anywhere (a CRM field, a
 * spreadsheet, a webhook). Whatever they hold, the request goes to the
 * intended endpoint with the ID percent-encoded into one path segment.
 */
import type { IDataObject, INodeParameters, NodeApiError } from 'n8n-workflow';

import { byId, useSandbox } from '../nodes/Fluenzr/support';
import { runFluenzrNode } from './support/runFluenzrNode';

interface IdOperation {
	name: string;
	/** The field as errors name it. */
	field: string;
	/** The ID comes from the input item, as `{{ $json.id }}`. */
	parameters: INodeParameters;
	/** The request the node must make, `{id}` standing for the encoded ID. */
	endpoint: string;
}

const fromExpression = '={{ $json.id }}';

const OPERATIONS: IdOperation[] = [
	{
		name: 'contact get',
		field: 'Contact',
		parameters: { resource: 'contact', operation: 'get', contactId: byId(fromExpression) },
		endpoint: 'GET /v1/contacts/{id}',
	},
	{
		name: 'contact update',
		field: 'Contact',
		parameters: {
			resource: 'contact',
			operation: 'update',
			contactId: byId(fromExpression),
			updateFields: { firstName: 'Ada' },
		},
		endpoint: 'PUT /v1/contacts/{id}',
	},
	{
		name: 'contact delete',
		field: 'Contact',
		parameters: { resource: 'contact', operation: 'delete', contactId: byId(fromExpression) },
		endpoint: 'DELETE /v1/contacts/{id}',
	},
	{
		name: 'group addContacts',
		field: 'Group',
		parameters: { resource: 'group', operation: 'addContacts', groupId: byId(fromExpression), contactIds: 'ct_1' },
		endpoint: 'POST /v1/groups/{id}/contacts',
	},
	{
		name: 'campaign start',
		field: 'Campaign',
		parameters: { resource: 'campaign', operation: 'start', campaignId: byId(fromExpression) },
		endpoint: 'POST /v1/campaigns/{id}/start',
	},
	{
		name: 'campaign getStats',
		field: 'Campaign',
		parameters: { resource: 'campaign', operation: 'getStats', campaignId: byId(fromExpression) },
		endpoint: 'GET /v1/campaigns/{id}/stats',
	},
	{
		name: 'webhook delete',
		field: 'Webhook ID',
		parameters: { resource: 'webhook', operation: 'delete', webhookId: fromExpression },
		endpoint: 'DELETE /v1/webhooks/{id}',
	},
];

/** Hostile IDs and the one path segment each must become, written out rather than computed. */
const HOSTILE_IDS: Array<[id: string, segment: string]> = [
	['a/b', 'a%2Fb'],
	['../contacts', '..%2Fcontacts'],
	['ct_1/../../webhooks', 'ct_1%2F..%2F..%2Fwebhooks'],
	['x?page=2&perPage=100', 'x%3Fpage%3D2%26perPage%3D100'],
	['x#fragment', 'x%23fragment'],
	['%2F', '%252F'],
	['%2e%2e', '%252e%252e'],
	['a\\b', 'a%5Cb'],
	['two words', 'two%20words'],
	[' ct_padded ', '%20ct_padded%20'],
	['line\nbreak', 'line%0Abreak'],
	['ct_é漢🙂', 'ct_%C3%A9%E6%BC%A2%F0%9F%99%82'],
];

/** Values that cannot be an ID: refused before any request. */
const NOT_IDS: Array<[what: string, id: unknown, message: (field: string) => string]> = [
	['empty', '', (field) => `The ${field} field is empty`],
	['only spaces', '   ', (field) => `The ${field} field is empty`],
	['null', null, (field) => `The ${field} field is empty`],
	['"."', '.', (field) => `The ${field} field holds ".", which is not an ID`],
	['".."', '..', (field) => `The ${field} field holds "..", which is not an ID`],
	['an object', { id: 'ct_1' }, (field) => `The ${field} field must be an ID, not an object`],
	['a list', ['ct_1', 'ct_2'], (field) => `The ${field} field must be an ID, not a list`],
	[
		'a lone UTF-16 surrogate (text cut in the middle of an emoji)',
		'ct_\uD83D',
		(field) => `The ${field} field holds a broken character at position 4 (half of a UTF-16 pair), which no URL can carry`,
	],
];

/** An ID of 200 KB, from an expression: no text quotes it whole. */
const HUGE_ID = `ct_${'a'.repeat(200_000)}`;

/** What a text may hold of it: the quoted start, an ellipsis and the length, far from the whole. */
const QUOTED_HUGE_ID = `/ct_${'a'.repeat(40)}`;

describe('hostile IDs', () => {
	const sandbox = useSandbox();

	async function runWithId(operation: IdOperation, id: unknown) {
		sandbox().clearRequests();
		return await runFluenzrNode(operation.parameters, {
			baseUrl: sandbox().baseUrl,
			input: [{ id } as IDataObject],
			continueOnFail: 'continueRegularOutput',
		});
	}

	describe.each(OPERATIONS)('$name', (operation) => {
		it.each(HOSTILE_IDS)('%j goes, encoded as %s, to the intended endpoint only, answered 404', async (id, segment) => {
			const result = await runWithId(operation, id);

			const [method, path] = operation.endpoint.replace('{id}', segment).split(' ');
			expect(sandbox().requests().map((request) => [request.method, request.path, request.status])).toEqual([
				[method, path, 404],
			]);
			const [item] = result.output;
			expect(item.pairedItem).toEqual({ item: 0 });
			expect((item.error as NodeApiError).httpCode).toBe('404');
			expect((item.error as NodeApiError).description).toContain(`(${method} ${path.replace('/v1', '')})`);
		});

		it.each(NOT_IDS)('an ID that is %s is refused before any request, naming the field', async (_what, id, message) => {
			const result = await runWithId(operation, id);

			expect(sandbox().requests()).toEqual([]);
			expect(result.output).toHaveLength(1);
			expect(result.output[0].pairedItem).toEqual({ item: 0 });
			expect(result.output[0].json.error).toBe(message(operation.field));
			expect((result.output[0].error as NodeApiError).description).toContain('enter its ID');
		});
	});

	it.each(OPERATIONS)('$name: a 200 KB ID is quoted shortened, with its length, in the error the execution keeps', async (operation) => {
		const result = await runWithId(operation, HUGE_ID);

		const [item] = result.output;
		const error = item.error as NodeApiError;
		const stored = JSON.stringify({ json: item.json, message: error.message, description: error.description });
		expect(stored.length).toBeLessThan(2000);
		expect(error.description).toMatch(/… \(200,0\d\d characters\)/);
		expect(error.description).toContain(QUOTED_HUGE_ID);
	});

	it('webhook delete: an empty ID is refused with advice for a field without a list', async () => {
		const result = await runWithId(OPERATIONS.find((operation) => operation.name === 'webhook delete')!, '');

		const { description } = result.output[0].error as NodeApiError;
		expect(description).toContain('"Webhook ID" takes the ID of a webhook, for example wh_123: in the editor, enter its ID (Webhook → Get Many lists them).');
		expect(description).not.toContain('pick one from the list');
	});
});
