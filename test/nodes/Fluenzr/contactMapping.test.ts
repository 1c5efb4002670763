/**
 * Contact → Create / Create or Update with "Map Automatically": the contact
 * is the input item's fields of FluenzR's names, with no expression at all.
 */
import { api, requestLines, runFluenzr, runFluenzrOk, useSandbox } from './support';

const AUTO = { resource: 'contact', contactMapping: 'auto' };

describe('Fluenzr node, Contact fields mapped automatically', () => {
	const sandbox = useSandbox();

	it('creates each contact from its item: known fields sent (numbers as text), others ignored', async () => {
		const group = await api(sandbox()).post('/groups', { name: 'Imported' });
		const sent: Array<Record<string, unknown>> = [];
		const input = [
			{
				email: 'ada@auto.io',
				firstName: 'Ada',
				lastName: 'Lovelace',
				company: 'Analytical',
				phone: 5550101,
				unsubscribed: false,
				customFields: { crmId: 'hub-1', score: 7 },
				groupIds: `${group.data.id}`,
				hubspotId: 991,
				createdAt: '2026-01-01',
			},
			{ email: 'alan@auto.io', jobTitle: 'Codebreaker', website: 'https://bletchley.uk', linkedinUrl: null },
		];

		sandbox().clearRequests();
		const result = await runFluenzr(sandbox(), { ...AUTO, operation: 'create' }, { input });
		for (const request of sandbox().requests()) sent.push(request.body as Record<string, unknown>);

		expect(result.error).toBeUndefined();
		expect(sent).toEqual([
			{
				email: 'ada@auto.io',
				firstName: 'Ada',
				lastName: 'Lovelace',
				company: 'Analytical',
				phone: '5550101',
				unsubscribed: false,
				customFields: { crmId: 'hub-1', score: 7 },
				groupIds: [group.data.id],
			},
			{ email: 'alan@auto.io', jobTitle: 'Codebreaker', website: 'https://bletchley.uk' },
		]);
		expect(result.output.map((item) => [item.json.email, item.pairedItem])).toEqual([
			['ada@auto.io', { item: 0 }],
			['alan@auto.io', { item: 1 }],
		]);
	});

	it('Create or Update updates the contact that has the email, from the item', async () => {
		const existing = await api(sandbox()).post('/contacts', { email: 'known@auto.io', firstName: 'Before', company: 'Kept' });
		const [contact] = await runFluenzrOk(sandbox(), { ...AUTO, operation: 'upsert' }, { input: [{ email: 'KNOWN@auto.io', firstName: 'After' }] });
		expect(contact).toMatchObject({ id: existing.data.id, firstName: 'After', company: 'Kept' });
	});

	it('an item without an email, or with a field of the wrong type, fails alone, naming the field and the fix; nothing is sent for it', async () => {
		sandbox().clearRequests();
		const result = await runFluenzr(
			sandbox(),
			{ ...AUTO, operation: 'create' },
			{
				input: [{ mail: 'typo@auto.io', name: 'Typo' }, { email: 'fine@auto.io' }, { email: 'bad@auto.io', firstName: { first: 'x' } }],
				continueOnFail: 'continueErrorOutput',
			},
		);

		expect(result.output.map((item) => item.json.email)).toEqual(['fine@auto.io']);
		expect(result.errorOutput.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Map Automatically needs an "email" field in the input item (fields found: mail, name)', { item: 0 }],
			['The input item\'s "firstName" is an object, not text', { item: 2 }],
		]);
		expect(String(result.errorOutput[0].error?.description)).toContain('Edit Fields (Set)');
		expect(requestLines(sandbox())).toEqual(['POST /v1/contacts']);
	});

	it('refuses an item whose customFields has a key n8n would drop, naming the key', async () => {
		sandbox().clearRequests();
		const customFields = JSON.parse('{"__proto__": "lost", "crmId": "hub-2"}') as Record<string, unknown>;
		const result = await runFluenzr(
			sandbox(),
			{ ...AUTO, operation: 'create' },
			{ input: [{ email: 'proto@auto.io', customFields }], continueOnFail: 'continueErrorOutput' },
		);

		expect(result.errorOutput.map((item) => item.json.error)).toEqual([
			'The input item\'s "customFields" has a key named "__proto__", which cannot be sent',
		]);
		expect(requestLines(sandbox())).toEqual([]);
	});

	it('ignores the Email field and Additional Fields left from mapping each field', async () => {
		const [contact] = await runFluenzrOk(
			sandbox(),
			{ ...AUTO, operation: 'create', email: 'left@over.io', additionalFields: { firstName: 'Left' } },
			{ input: [{ email: 'item@auto.io', lastName: 'FromItem' }] },
		);
		expect(contact).toMatchObject({ email: 'item@auto.io', lastName: 'FromItem' });
		expect(contact.firstName ?? null).toBeNull();
	});
});
