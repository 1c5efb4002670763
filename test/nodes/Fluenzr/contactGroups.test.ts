/**
 * Create or Update adds a known contact to the groups given and keeps the
 * ones it is in (a nightly CRM sync must not empty the groups built in
 * FluenzR); replacing them is an explicit choice.
 */
import { api, requestLines, runFluenzr, runFluenzrOk, useSandbox } from './support';

describe('Fluenzr node, Create or Update and the contact’s groups', () => {
	const sandbox = useSandbox();

	const group = async (name: string) => (await api(sandbox()).post('/groups', { name })).data.id as string;
	const storedGroups = async (id: string) => (await api(sandbox()).get(`/contacts/${id}`)).data.groupIds as string[];

	it('adds a known contact to the groups given and keeps its other groups; the item shows the groups it ends in', async () => {
		const [built, synced] = [await group('Built in FluenzR'), await group('From the CRM')];
		const existing = (await api(sandbox()).post('/contacts', { email: 'member@groups.io', groupIds: [built] })).data;
		const [contact] = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'upsert',
			email: 'member@groups.io',
			additionalFields: { firstName: 'Synced', groupIds: [synced] },
		});
		expect(contact).toMatchObject({ id: existing.id, firstName: 'Synced' });
		expect([...(contact.groupIds as string[])].sort()).toEqual([built, synced].sort());
		expect((await storedGroups(existing.id)).sort()).toEqual([built, synced].sort());
	});

	it('adds from the item’s groupIds with Map Automatically, keeping the groups the contact is in', async () => {
		const [built, synced] = [await group('Built'), await group('Synced')];
		const existing = (await api(sandbox()).post('/contacts', { email: 'auto@groups.io', groupIds: [built] })).data;
		await runFluenzrOk(
			sandbox(),
			{ resource: 'contact', operation: 'upsert', contactMapping: 'auto' },
			{ input: [{ email: 'auto@groups.io', groupIds: [synced] }] },
		);
		expect((await storedGroups(existing.id)).sort()).toEqual([built, synced].sort());
	});

	it('replaces the groups of a known contact when Groups of an Existing Contact is Replace Current Groups', async () => {
		const [built, synced] = [await group('Old'), await group('New')];
		const existing = (await api(sandbox()).post('/contacts', { email: 'moved@groups.io', groupIds: [built] })).data;
		const [contact] = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'upsert',
			email: 'moved@groups.io',
			existingContactGroups: 'replace',
			additionalFields: { groupIds: [synced] },
		});
		expect(contact.groupIds).toEqual([synced]);
		expect(await storedGroups(existing.id)).toEqual([synced]);
	});

	it('costs one request for a new contact, two for a known one, plus one per group added', async () => {
		const [first, second] = [await group('First'), await group('Second')];
		const known = (await api(sandbox()).post('/contacts', { email: 'known@cost.io' })).data;
		const sync = (email: string, existingContactGroups = 'add') =>
			runFluenzrOk(sandbox(), {
				resource: 'contact',
				operation: 'upsert',
				email,
				existingContactGroups,
				additionalFields: { groupIds: [first, second] },
			});

		sandbox().clearRequests();
		await sync('new@cost.io');
		expect(requestLines(sandbox())).toEqual(['POST /v1/contacts']);

		sandbox().clearRequests();
		await sync('known@cost.io');
		expect(requestLines(sandbox())).toEqual([
			'POST /v1/contacts',
			`POST /v1/groups/${first}/contacts`,
			`POST /v1/groups/${second}/contacts`,
			`PUT /v1/contacts/${known.id}`,
		]);

		sandbox().clearRequests();
		await sync('known@cost.io', 'replace');
		expect(requestLines(sandbox())).toEqual(['POST /v1/contacts', `PUT /v1/contacts/${known.id}`]);
	});

	it('adds nothing twice: a contact already in the group stays in it once', async () => {
		const built = await group('Built');
		await api(sandbox()).post('/contacts', { email: 'twice@groups.io', groupIds: [built] });
		const [contact] = await runFluenzrOk(sandbox(), {
			resource: 'contact',
			operation: 'upsert',
			email: 'twice@groups.io',
			additionalFields: { groupIds: [built] },
		});
		expect(contact.groupIds).toEqual([built]);
		expect((await api(sandbox()).get(`/groups/${built}`)).data.contactCount).toBe(1);
	});

	it('an unknown group fails the item with FluenzR’s message, saying the contact exists and its fields were not updated', async () => {
		const existing = (await api(sandbox()).post('/contacts', { email: 'lost@groups.io', firstName: 'Kept' })).data;
		const result = await runFluenzr(
			sandbox(),
			{
				resource: 'contact',
				operation: 'upsert',
				email: 'lost@groups.io',
				additionalFields: { firstName: 'Changed', groupIds: ['grp_missing'] },
			},
			{ continueOnFail: 'continueRegularOutput' },
		);
		expect(result.output.map((item) => item.json.error)).toEqual(['Group grp_missing not found']);
		expect(String(result.output[0].error?.description)).toContain(`contact ${existing.id as string} exists`);
		expect((await api(sandbox()).get(`/contacts/${existing.id}`)).data).toMatchObject({ firstName: 'Kept', groupIds: [] });
	});

	it('refuses a group ID that is a path step (".."), naming the field, and sends nothing', async () => {
		await api(sandbox()).post('/contacts', { email: 'dots@groups.io' });
		sandbox().clearRequests();
		const result = await runFluenzr(
			sandbox(),
			{ resource: 'contact', operation: 'upsert', contactMapping: 'auto' },
			{ input: [{ email: 'dots@groups.io', groupIds: ['..'] }] },
		);
		expect(result.error?.message).toBe('Group Names or IDs holds "..", which is not a group ID');
		expect(requestLines(sandbox())).toEqual([]);
	});

	it('two items with one new email in one run make one contact in both groups, whatever runs first', async () => {
		const [first, second] = [await group('First'), await group('Second')];
		const result = await runFluenzrOk(
			sandbox(),
			{ resource: 'contact', operation: 'upsert', contactMapping: 'auto' },
			{ input: [{ email: 'race@groups.io', groupIds: [first] }, { email: 'race@groups.io', groupIds: [second] }] },
		);
		const list = await api(sandbox()).get('/contacts?email=race@groups.io');
		expect(list.meta.total).toBe(1);
		expect(new Set(result.map((contact) => contact.id))).toEqual(new Set([list.data[0].id]));
		expect([...(list.data[0].groupIds as string[])].sort()).toEqual([first, second].sort());
	});
});
