import { CUSTOM_FIELD_LIMITS } from '../../sandbox/index';
import { api, manualClock } from './testing/http';
import { useSandbox } from './testing/lifecycle';

const clock = manualClock('2026-01-31T09:15:00.000Z');
const sandbox = useSandbox({ clock: clock.now });
const client = () => api(sandbox());

async function createContact(fields: Record<string, unknown>) {
	const answer = await client().post('/contacts', fields);
	expect(answer.status).toBe(201);
	return answer.body.data;
}

async function createGroup(name: string): Promise<string> {
	return (await client().post('/groups', { name })).body.data.id;
}

describe('creating a contact', () => {
	it('answers 201 with the full contact: an id, the trimmed email, nulls for unset fields, ISO timestamps', async () => {
		const answer = await client().post('/contacts', { email: '  Ada.Lovelace@Example.com ', firstName: 'Ada', company: 'Analytical' });
		expect(answer.status).toBe(201);
		expect(answer.body).toEqual({
			success: true,
			data: {
				id: expect.stringMatching(/^ct_/),
				email: 'Ada.Lovelace@Example.com',
				firstName: 'Ada',
				lastName: null,
				company: 'Analytical',
				phone: null,
				jobTitle: null,
				website: null,
				linkedinUrl: null,
				customFields: {},
				groupIds: [],
				unsubscribed: false,
				createdAt: '2026-01-31T09:15:00.000Z',
				updatedAt: '2026-01-31T09:15:00.000Z',
			},
		});
		expect(answer.body.meta).toBeUndefined();
	});

	it('gets the contact back by id', async () => {
		const contact = await createContact({ email: 'a@b.co', customFields: { plan: 'gold', seats: 3, vip: true } });
		const answer = await client().get(`/contacts/${contact.id}`);
		expect(answer.status).toBe(200);
		expect(answer.body.data).toEqual(contact);
	});

	it('answers 400 "Email is required" naming the field when the email is missing', async () => {
		const answer = await client().post('/contacts', { firstName: 'No email' });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toEqual({ code: 'VALIDATION_ERROR', message: 'Email is required', details: { email: 'is required' } });
	});

	it.each(['plainaddress', 'no-at.example.com', 'two@@example.com', 'nodot@example', 'spa ce@example.com', 'trailing@example.', '@example.com', ''])(
		'refuses the malformed email %j',
		async (email) => {
			const answer = await client().post('/contacts', { email });
			expect(answer.status).toBe(400);
			expect(answer.body.error.details.email).toEqual(expect.any(String));
		},
	);

	it.each([
		['email', 42],
		['firstName', { first: 'Ada' }],
		['company', ['Acme']],
		['unsubscribed', 'yes'],
		['customFields', ['a']],
		['groupIds', 'grp_1'],
	])('answers 400 naming %s when it has the wrong type', async (field, value) => {
		const answer = await client().post('/contacts', { email: 'typed@example.com', [field]: value });
		expect(answer.status).toBe(400);
		expect(answer.body.error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(answer.body.error.details)).toEqual([field]);
	});

	it('answers 400 with details.email "already exists" and the existing id for a duplicate email, case-insensitively', async () => {
		const first = await createContact({ email: 'dup@example.com' });
		const answer = await client().post('/contacts', { email: 'DUP@Example.COM ' });
		expect(answer.status).toBe(400);
		expect(answer.body.error.details).toEqual({ email: 'already exists', existingId: first.id });
	});

	it('ignores unknown body fields and read-only ones', async () => {
		const contact = await createContact({ email: 'x@example.com', favouriteColour: 'blue', id: 'ct_mine', createdAt: '2000-01-01T00:00:00.000Z' });
		expect(contact).not.toHaveProperty('favouriteColour');
		expect(contact.id).not.toBe('ct_mine');
		expect(contact.createdAt).toBe('2026-01-31T09:15:00.000Z');
	});

	it('puts the contact in the groups named by groupIds, and refuses unknown group ids', async () => {
		const group = await createGroup('Leads');
		const contact = await createContact({ email: 'g@example.com', groupIds: [group, group] });
		expect(contact.groupIds).toEqual([group]);
		expect((await client().get(`/groups/${group}`)).body.data.contactCount).toBe(1);

		const answer = await client().post('/contacts', { email: 'h@example.com', groupIds: [group, 'grp_nope'] });
		expect(answer.status).toBe(400);
		expect(answer.body.error.details.groupIds).toContain('grp_nope');
	});
});

describe('custom fields', () => {
	it('accepts string, number and boolean values and refuses nested ones, naming the key', async () => {
		const answer = await client().post('/contacts', { email: 'c@example.com', customFields: { ok: 'yes', nested: { a: 1 } } });
		expect(answer.status).toBe(400);
		expect(answer.body.error.details).toEqual({ 'customFields.nested': 'must be a string, a number or a boolean' });
	});

	it(`refuses more than ${CUSTOM_FIELD_LIMITS.maxKeys} keys`, async () => {
		const many = Object.fromEntries(Array.from({ length: CUSTOM_FIELD_LIMITS.maxKeys + 1 }, (_, i) => [`k${i}`, i]));
		const answer = await client().post('/contacts', { email: 'c@example.com', customFields: many });
		expect(answer.status).toBe(400);
		expect(answer.body.error.details.customFields).toMatch(/at most 50 keys/);
	});

	it(`refuses a key longer than ${CUSTOM_FIELD_LIMITS.maxKeyLength} characters and a value longer than ${CUSTOM_FIELD_LIMITS.maxValueLength}`, async () => {
		const longKey = 'k'.repeat(CUSTOM_FIELD_LIMITS.maxKeyLength + 1);
		const answer = await client().post('/contacts', {
			email: 'c@example.com',
			customFields: { [longKey]: 1, note: 'x'.repeat(CUSTOM_FIELD_LIMITS.maxValueLength + 1) },
		});
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.body.error.details).sort()).toEqual([`customFields.${longKey}`, 'customFields.note']);
	});

	it('merges customFields key by key on update, and a null value removes its key', async () => {
		const contact = await createContact({ email: 'm@example.com', customFields: { plan: 'gold', seats: 3 } });
		const answer = await client().put(`/contacts/${contact.id}`, { customFields: { seats: 5, plan: null, vip: true } });
		expect(answer.body.data.customFields).toEqual({ seats: 5, vip: true });
	});

	it('treats a key named __proto__ as an ordinary key', async () => {
		const answer = await client().post('/contacts', { email: 'p@example.com', customFields: JSON.parse('{"__proto__": "x"}') });
		expect(answer.status).toBe(201);
		expect(answer.text).toContain('"customFields":{"__proto__":"x"}');
	});
});

describe('updating a contact', () => {
	it('changes only the fields sent', async () => {
		const contact = await createContact({ email: 'u@example.com', firstName: 'Una', lastName: 'Ulm', company: 'U Corp' });
		clock.advance(60_000);
		const answer = await client().put(`/contacts/${contact.id}`, { lastName: 'Umber' });
		expect(answer.status).toBe(200);
		expect(answer.body.data).toEqual({ ...contact, lastName: 'Umber', updatedAt: '2026-01-31T09:16:00.000Z' });
	});

	it('keeps unsubscribed as it is when a PUT leaves it out, and applies it as sent, false included', async () => {
		const contact = await createContact({ email: 'optout@example.com', unsubscribed: true });
		expect((await client().put(`/contacts/${contact.id}`, { company: 'Kept' })).body.data.unsubscribed).toBe(true);
		expect((await client().put(`/contacts/${contact.id}`, { unsubscribed: false })).body.data.unsubscribed).toBe(false);
	});

	it('clears an optional field sent as null', async () => {
		const contact = await createContact({ email: 'n@example.com', phone: '+1 555 0100', jobTitle: 'CTO' });
		const answer = await client().put(`/contacts/${contact.id}`, { phone: null });
		expect(answer.body.data.phone).toBeNull();
		expect(answer.body.data.jobTitle).toBe('CTO');
	});

	it('refuses to clear the email', async () => {
		const contact = await createContact({ email: 'keep@example.com' });
		const answer = await client().put(`/contacts/${contact.id}`, { email: null });
		expect(answer.status).toBe(400);
		expect(answer.body.error.details).toEqual({ email: 'cannot be cleared' });
	});

	it("refuses another contact's email but accepts its own in another case", async () => {
		const first = await createContact({ email: 'first@example.com' });
		const second = await createContact({ email: 'second@example.com' });
		const taken = await client().put(`/contacts/${second.id}`, { email: 'First@example.com' });
		expect(taken.status).toBe(400);
		expect(taken.body.error.details).toEqual({ email: 'already exists', existingId: first.id });
		const recased = await client().put(`/contacts/${second.id}`, { email: 'Second@Example.com' });
		expect(recased.body.data.email).toBe('Second@Example.com');
	});

	it('frees the old email when it changes', async () => {
		const contact = await createContact({ email: 'old@example.com' });
		await client().put(`/contacts/${contact.id}`, { email: 'new@example.com' });
		expect((await client().post('/contacts', { email: 'old@example.com' })).status).toBe(201);
	});

	it('keeps updatedAt when the update changes nothing', async () => {
		const contact = await createContact({ email: 'same@example.com', firstName: 'Sam' });
		clock.advance(5_000);
		const answer = await client().put(`/contacts/${contact.id}`, { firstName: 'Sam', unknownField: 1 });
		expect(answer.body.data.updatedAt).toBe(contact.updatedAt);
	});

	it('replaces group membership with groupIds, and null removes every group', async () => {
		const [a, b] = [await createGroup('A'), await createGroup('B')];
		const contact = await createContact({ email: 'member@example.com', groupIds: [a] });
		expect((await client().put(`/contacts/${contact.id}`, { groupIds: [b] })).body.data.groupIds).toEqual([b]);
		expect((await client().get(`/groups/${a}`)).body.data.contactCount).toBe(0);
		expect((await client().put(`/contacts/${contact.id}`, { groupIds: null })).body.data.groupIds).toEqual([]);
		expect((await client().get(`/groups/${b}`)).body.data.contactCount).toBe(0);
	});

	it('answers 404 for an unknown contact', async () => {
		const answer = await client().put('/contacts/ct_missing', { firstName: 'X' });
		expect(answer.status).toBe(404);
		expect(answer.body.error.code).toBe('NOT_FOUND');
	});
});

describe('deleting a contact', () => {
	it('answers { id, deleted: true }, after which the contact is gone', async () => {
		const contact = await createContact({ email: 'bye@example.com' });
		const answer = await client().delete(`/contacts/${contact.id}`);
		expect(answer.status).toBe(200);
		expect(answer.body.data).toEqual({ id: contact.id, deleted: true });
		expect((await client().get(`/contacts/${contact.id}`)).status).toBe(404);
		expect((await client().delete(`/contacts/${contact.id}`)).status).toBe(404);
	});

	it('takes the contact out of its groups and frees its email', async () => {
		const group = await createGroup('G');
		const contact = await createContact({ email: 'gone@example.com', groupIds: [group] });
		await client().delete(`/contacts/${contact.id}`);
		expect((await client().get(`/groups/${group}`)).body.data.contactCount).toBe(0);
		expect((await client().post('/contacts', { email: 'gone@example.com' })).status).toBe(201);
	});
});
