/**
 * An unsubscribe is never undone by a sync: no operation re-subscribes a
 * contact FluenzR holds as unsubscribed, except Contact → Update with
 * Resubscribe turned on. Unsubscribing stays possible everywhere.
 *
 * "Unsubscribed left off" is how n8n stores an Additional Fields option the
 * user added and did not switch on: `unsubscribed: false`, which the node
 * used to send in Create or Update's PUT (a partial update applies it).
 */
import { api, byId, requestLines, runFluenzr, runFluenzrOk, useSandbox } from './support';

describe('Fluenzr node, unsubscribed contacts', () => {
	const sandbox = useSandbox();

	const unsubscribedContact = async (email: string, fields: Record<string, unknown> = {}) =>
		(await api(sandbox()).post('/contacts', { email, unsubscribed: true, ...fields })).data as { id: string };
	const stored = async (id: string) => (await api(sandbox()).get(`/contacts/${id}`)).data;

	describe('Create or Update', () => {
		it('keeps a contact unsubscribed when Unsubscribed was added and left off, updates its other fields and says keptUnsubscribed: true', async () => {
			const existing = await unsubscribedContact('gone@crm.io', { firstName: 'Before' });
			const [contact] = await runFluenzrOk(sandbox(), {
				resource: 'contact',
				operation: 'upsert',
				email: 'gone@crm.io',
				additionalFields: { firstName: 'After', unsubscribed: false },
			});
			expect(contact).toMatchObject({ id: existing.id, firstName: 'After', unsubscribed: true, keptUnsubscribed: true });
			expect(await stored(existing.id)).toMatchObject({ firstName: 'After', unsubscribed: true });
		});

		it('keeps a contact unsubscribed when the item maps unsubscribed: false automatically, as CRM exports carry it', async () => {
			const existing = await unsubscribedContact('export@crm.io');
			const [contact] = await runFluenzrOk(
				sandbox(),
				{ resource: 'contact', operation: 'upsert', contactMapping: 'auto' },
				{ input: [{ email: 'export@crm.io', company: 'Acme', unsubscribed: false }] },
			);
			expect(contact).toMatchObject({ id: existing.id, company: 'Acme', unsubscribed: true, keptUnsubscribed: true });
			expect(await stored(existing.id)).toMatchObject({ unsubscribed: true });
		});

		it('says keptUnsubscribed: false when nothing was kept: a subscribed contact, or no Unsubscribed given', async () => {
			await api(sandbox()).post('/contacts', { email: 'subscribed@crm.io' });
			await unsubscribedContact('silent@crm.io');
			const contacts = await runFluenzrOk(
				sandbox(),
				{ resource: 'contact', operation: 'upsert', contactMapping: 'auto' },
				{ input: [{ email: 'subscribed@crm.io', unsubscribed: false }, { email: 'silent@crm.io' }] },
			);
			expect(contacts.map((contact) => [contact.email, contact.unsubscribed, contact.keptUnsubscribed])).toEqual([
				['subscribed@crm.io', false, false],
				['silent@crm.io', true, false],
			]);
		});

		it('creates a new contact subscribed when unsubscribed: false is given (one request)', async () => {
			sandbox().clearRequests();
			const [contact] = await runFluenzrOk(
				sandbox(),
				{ resource: 'contact', operation: 'upsert', contactMapping: 'auto' },
				{ input: [{ email: 'fresh@crm.io', unsubscribed: false }] },
			);
			expect(contact).toMatchObject({ email: 'fresh@crm.io', unsubscribed: false, keptUnsubscribed: false });
			expect(requestLines(sandbox())).toEqual(['POST /v1/contacts']);
		});

		it('unsubscribes an existing contact when Unsubscribed is on, mapped each field or automatically', async () => {
			const manual = (await api(sandbox()).post('/contacts', { email: 'stop@crm.io' })).data;
			const auto = (await api(sandbox()).post('/contacts', { email: 'stop-auto@crm.io' })).data;
			await runFluenzrOk(sandbox(), {
				resource: 'contact',
				operation: 'upsert',
				email: 'stop@crm.io',
				additionalFields: { unsubscribed: true },
			});
			await runFluenzrOk(
				sandbox(),
				{ resource: 'contact', operation: 'upsert', contactMapping: 'auto' },
				{ input: [{ email: 'stop-auto@crm.io', unsubscribed: true }] },
			);
			expect(await stored(manual.id)).toMatchObject({ unsubscribed: true });
			expect(await stored(auto.id)).toMatchObject({ unsubscribed: true });
		});
	});

	describe('Create', () => {
		it("fails on the email of an unsubscribed contact, naming the existing contact, and leaves it unsubscribed", async () => {
			const existing = await unsubscribedContact('known@create.io');
			const result = await runFluenzr(sandbox(), {
				resource: 'contact',
				operation: 'create',
				email: 'known@create.io',
				additionalFields: { unsubscribed: false },
			});
			expect(result.error?.message).toContain('already exists');
			expect(await stored(existing.id)).toMatchObject({ unsubscribed: true });
		});

		it('creates a contact unsubscribed when Unsubscribed is on', async () => {
			const [contact] = await runFluenzrOk(sandbox(), {
				resource: 'contact',
				operation: 'create',
				email: 'optout@create.io',
				additionalFields: { unsubscribed: true },
			});
			expect(contact).toMatchObject({ unsubscribed: true });
		});
	});

	describe('Update', () => {
		it('keeps a contact unsubscribed when Update Fields → Unsubscribed is off and Resubscribe is not chosen, and says so', async () => {
			const existing = await unsubscribedContact('kept@update.io');
			const [contact] = await runFluenzrOk(sandbox(), {
				resource: 'contact',
				operation: 'update',
				contactId: byId(existing.id),
				updateFields: { company: 'New Co', unsubscribed: false },
			});
			expect(contact).toMatchObject({ company: 'New Co', unsubscribed: true, keptUnsubscribed: true });
			expect(await stored(existing.id)).toMatchObject({ unsubscribed: true });
		});

		it('re-subscribes the contact only with Resubscribe (Needs the Person’s Consent) turned on', async () => {
			const existing = await unsubscribedContact('consented@update.io');
			const [contact] = await runFluenzrOk(sandbox(), {
				resource: 'contact',
				operation: 'update',
				contactId: byId(existing.id),
				resubscribe: true,
				updateFields: {},
			});
			expect(contact).toMatchObject({ unsubscribed: false, keptUnsubscribed: false });
			expect(await stored(existing.id)).toMatchObject({ unsubscribed: false });
		});

		it('unsubscribes the contact when Update Fields → Unsubscribed is on', async () => {
			const existing = (await api(sandbox()).post('/contacts', { email: 'leaving@update.io' })).data;
			const [contact] = await runFluenzrOk(sandbox(), {
				resource: 'contact',
				operation: 'update',
				contactId: byId(existing.id),
				updateFields: { unsubscribed: true },
			});
			expect(contact).toMatchObject({ unsubscribed: true, keptUnsubscribed: false });
		});

		it('refuses Resubscribe together with Unsubscribed on, naming both fields, and sends nothing', async () => {
			const existing = await unsubscribedContact('torn@update.io');
			sandbox().clearRequests();
			const result = await runFluenzr(sandbox(), {
				resource: 'contact',
				operation: 'update',
				contactId: byId(existing.id),
				resubscribe: true,
				updateFields: { unsubscribed: true },
			});
			expect(result.error?.message).toBe('Resubscribe and Unsubscribed are both on');
			expect(requestLines(sandbox())).toEqual([]);
		});
	});
});
