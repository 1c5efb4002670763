import { api, byId, requestLines, runFluenzr, runFluenzrOk, useSandbox } from './support';

describe('Fluenzr node, Contact resource', () => {
	const sandbox = useSandbox();

	it('creates a contact with every field and answers the stored record', async () => {
		const [contact] = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'create',
			email: '  ada@analytical.io ',
			additionalFields: {
				firstName: 'Ada',
				lastName: 'Lovelace',
				company: 'Analytical Engines',
				phone: '+44 20 7946 0000',
				jobTitle: 'Founder',
				website: 'https://analytical.io',
				linkedinUrl: 'https://www.linkedin.com/in/ada',
				unsubscribed: false,
				customFields: { field: [{ key: 'crmId', value: 'hub-42' }] },
			},
		});
		expect(contact).toMatchObject({
			email: 'ada@analytical.io',
			firstName: 'Ada',
			lastName: 'Lovelace',
			company: 'Analytical Engines',
			phone: '+44 20 7946 0000',
			jobTitle: 'Founder',
			website: 'https://analytical.io',
			linkedinUrl: 'https://www.linkedin.com/in/ada',
			unsubscribed: false,
			customFields: { crmId: 'hub-42' },
		});
		expect(contact.id).toMatch(/^ct_/);
		const stored = await api(sandbox()).get(`/contacts/${contact.id}`);
		expect(stored.data).toEqual(contact);
	});

	it('creates one contact per input item, with fields from expressions, each paired to its item', async () => {
		const result = await runFluenzr(
			sandbox(),
			{
				resource: 'contact',
				operation: 'create',
				email: '={{ $json.mail }}',
				additionalFields: { firstName: '={{ $json.name }}', phone: '={{ $json.phone }}' },
			},
			{
				input: [
					{ mail: 'grace@navy.mil', name: 'Grace', phone: 5550101 },
					{ mail: 'alan@bletchley.uk', name: 'Alan', phone: 5550102 },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => [item.json.email, item.json.firstName, item.json.phone])).toEqual([
			['grace@navy.mil', 'Grace', '5550101'],
			['alan@bletchley.uk', 'Alan', '5550102'],
		]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('puts a new contact into the chosen groups', async () => {
		const group = await api(sandbox()).post('/groups', { name: 'Founders' });
		const [contact] = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'create',
			email: 'linus@kernel.org',
			additionalFields: { groupIds: [group.data.id] },
		});
		expect(contact.groupIds).toEqual([group.data.id]);
	});

	it('gets a contact by ID', async () => {
		const created = await api(sandbox()).post('/contacts', { email: 'get@me.io', firstName: 'Get' });
		const [contact] = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'get',
			contactId: byId(created.data.id),
		});
		expect(contact).toEqual(created.data);
	});

	it('updates only the fields given, merging custom fields key by key', async () => {
		const created = await api(sandbox()).post('/contacts', {
			email: 'partial@update.io',
			firstName: 'Old',
			company: 'Keep Inc',
			customFields: { score: 10, source: 'crm' },
		});
		const [contact] = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'update',
			contactId: byId(created.data.id),
			updateFields: {
				firstName: 'New',
				customFields: { field: [{ key: 'score', value: '={{ 11 }}' }, { key: 'stage', value: 'mql' }] },
			},
		});
		expect(contact).toMatchObject({
			email: 'partial@update.io',
			firstName: 'New',
			company: 'Keep Inc',
			customFields: { score: 11, source: 'crm', stage: 'mql' },
		});
	});

	it('changes the email of a contact', async () => {
		const created = await api(sandbox()).post('/contacts', { email: 'before@move.io' });
		const [contact] = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'update',
			contactId: byId(created.data.id),
			updateFields: { email: 'after@move.io' },
		});
		expect(contact.email).toBe('after@move.io');
	});

	it('deletes a contact and answers { id, deleted: true }', async () => {
		const created = await api(sandbox()).post('/contacts', { email: 'bye@gone.io' });
		const [answer] = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'delete',
			contactId: byId(created.data.id),
		});
		expect(answer).toEqual({ id: created.data.id, deleted: true });
		expect((await api(sandbox()).get(`/contacts/${created.data.id}`)).status).toBe(404);
	});

	describe('Create or Update', () => {
		it('creates the contact when no contact has the email (one request)', async () => {
			sandbox().clearRequests();
			const [contact] = await runFluenzrOk(sandbox(), {
				resource: 'contact',
				operation: 'upsert',
				email: 'new@upsert.io',
				additionalFields: { firstName: 'Newcomer' },
			});
			expect(contact).toMatchObject({ email: 'new@upsert.io', firstName: 'Newcomer' });
			expect(requestLines(sandbox())).toEqual(['POST /v1/contacts']);
		});

		it('updates the contact that has the email, whatever its case, and creates no duplicate', async () => {
			const existing = await api(sandbox()).post('/contacts', {
				email: 'Known@Upsert.io',
				firstName: 'Before',
				company: 'Kept',
			});
			const [contact] = await runFluenzrOk(sandbox(), {
				resource: 'contact',
				operation: 'upsert',
				email: 'known@upsert.io',
				additionalFields: { firstName: 'After' },
			});
			expect(contact).toMatchObject({ id: existing.data.id, firstName: 'After', company: 'Kept' });
			const list = await api(sandbox()).get('/contacts?email=known@upsert.io');
			expect(list.meta.total).toBe(1);
		});
	});
});
