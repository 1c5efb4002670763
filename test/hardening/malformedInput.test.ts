/**
 * Malformed input, as expressions produce it from real data: each case runs
 * three items, only the middle one malformed. That item gets an error naming
 * the field and the fix (FluenzR's details, or the node's own refusal before
 * anything is sent); with Continue On Fail the two others go through and no
 * item is lost.
 */
import type { IDataObject, INodeParameters, IPairedItemData, NodeApiError } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { api, byId, useSandbox } from '../nodes/Fluenzr/support';
import { runFluenzrNode } from './support/runFluenzrNode';

interface MalformedCase {
	name: string;
	parameters: INodeParameters;
	/** Three input items: valid, malformed, valid. */
	input(sandbox: Sandbox): Promise<IDataObject[]>;
	/** What the error must say: the field, and what is wrong with it. */
	names: string;
	/** What to do about it, from the description. */
	fix: string;
	/** Refused by the node itself: the malformed item sends nothing. */
	refusedBeforeSending?: boolean;
}

const RESOLVE_FIELDS = 'Correct the fields listed above and try again.';

const createContact = (additionalFields: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'create',
	email: '={{ $json.email }}',
	additionalFields,
});

async function contactIds(sandbox: Sandbox, count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let n = 0; n < count; n++) ids.push((await api(sandbox).post('/contacts', { email: `member${n}@ok.io` })).data.id);
	return ids;
}

/** A campaign that can start (a step and a contact), brought to `status` through the API. */
async function campaignIn(sandbox: Sandbox, status: 'draft' | 'active' | 'paused' | 'completed', name: string) {
	const campaign = await api(sandbox).post('/campaigns', {
		name,
		emailAccountId: 'acc_123',
		steps: [{ subject: 'Hello', body: 'A first email' }],
	});
	const recipient = await api(sandbox).post('/contacts', { email: `${name.toLowerCase()}@recipients.io` });
	const id = campaign.data.id as string;
	await api(sandbox).post(`/campaigns/${id}/contacts`, { contactIds: [recipient.data.id] });
	if (status !== 'draft') await api(sandbox).post(`/campaigns/${id}/start`);
	if (status === 'paused') await api(sandbox).post(`/campaigns/${id}/pause`);
	if (status === 'completed') sandbox.completeCampaign(id);
	return id;
}

const CASES: MalformedCase[] = [
	{
		name: 'an email without a domain',
		parameters: createContact(),
		input: async () => [{ email: 'ada@ok.io' }, { email: 'not-an-email' }, { email: 'bob@ok.io' }],
		names: 'email: must be a valid email address',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'an email with a space in it',
		parameters: createContact(),
		input: async () => [{ email: 'ada@ok.io' }, { email: 'ada lovelace@ok.io' }, { email: 'bob@ok.io' }],
		names: 'email: must be a valid email address',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'an object where a text field belongs',
		parameters: createContact({ firstName: '={{ $json.firstName }}' }),
		input: async () => [
			{ email: 'ada@ok.io', firstName: 'Ada' },
			{ email: 'obj@ok.io', firstName: { first: 'Grace' } },
			{ email: 'num@ok.io', firstName: 1815 },
		],
		names: 'firstName: must be a string',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'a text where a yes/no field belongs',
		parameters: createContact({ unsubscribed: '={{ $json.unsubscribed }}' }),
		input: async () => [
			{ email: 'ada@ok.io', unsubscribed: false },
			{ email: 'yes@ok.io', unsubscribed: 'yes' },
			{ email: 'bob@ok.io', unsubscribed: true },
		],
		names: 'unsubscribed: must be a boolean',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'an object where the list of group IDs belongs',
		parameters: createContact({ groupIds: '={{ $json.groupIds }}' }),
		input: async (sandbox) => {
			const group = await api(sandbox).post('/groups', { name: 'Leads' });
			return [
				{ email: 'ada@ok.io', groupIds: [group.data.id] },
				{ email: 'obj@ok.io', groupIds: { id: group.data.id } },
				{ email: 'bob@ok.io', groupIds: [] },
			];
		},
		names: 'Group Names or IDs must be a list of group IDs',
		fix: 'use an expression giving an array of group IDs',
	},
	{
		name: 'an object where the list of contact IDs belongs',
		parameters: { resource: 'group', operation: 'addContacts', groupId: byId('={{ $json.groupId }}'), contactIds: '={{ $json.ids }}' },
		input: async (sandbox) => {
			const groupId = (await api(sandbox).post('/groups', { name: 'Leads' })).data.id;
			const [first, second] = await contactIds(sandbox, 2);
			return [
				{ groupId, ids: [first] },
				{ groupId, ids: { a: 1 } },
				{ groupId, ids: `${first}, ${second}` },
			];
		},
		names: 'Contact IDs must be a list of contact IDs',
		fix: 'an expression giving an array of ID strings',
		refusedBeforeSending: true,
	},
	{
		name: 'a list of records where a list of contact IDs belongs',
		parameters: { resource: 'group', operation: 'addContacts', groupId: byId('={{ $json.groupId }}'), contactIds: '={{ $json.ids }}' },
		input: async (sandbox) => {
			const groupId = (await api(sandbox).post('/groups', { name: 'Leads' })).data.id;
			const [first] = await contactIds(sandbox, 1);
			return [{ groupId, ids: [first] }, { groupId, ids: [{ id: first }] }, { groupId, ids: [first] }];
		},
		names: 'Contact IDs must be a list of contact IDs',
		fix: 'an expression giving an array of ID strings',
		refusedBeforeSending: true,
	},
	{
		name: 'an empty list where contact IDs belong',
		parameters: { resource: 'group', operation: 'addContacts', groupId: byId('={{ $json.groupId }}'), contactIds: '={{ $json.ids }}' },
		input: async (sandbox) => {
			const groupId = (await api(sandbox).post('/groups', { name: 'Leads' })).data.id;
			const [first, second] = await contactIds(sandbox, 2);
			return [{ groupId, ids: [first] }, { groupId, ids: [] }, { groupId, ids: `${first}, ${second}` }];
		},
		names: 'The Contact IDs field is empty',
		fix: 'Enter at least one contact ID',
		refusedBeforeSending: true,
	},
	{
		name: 'a custom field value over FluenzR’s size limit',
		parameters: createContact({ customFields: { field: [{ key: 'notes', value: '={{ $json.notes }}' }] } }),
		input: async () => [
			{ email: 'ada@ok.io', notes: 'Met at the fair' },
			{ email: 'big@ok.io', notes: 'x'.repeat(5000) },
			{ email: 'bob@ok.io', notes: '' },
		],
		names: 'customFields.notes: must be at most 1024 characters',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'a custom field key over FluenzR’s size limit',
		parameters: createContact({ customFields: { field: [{ key: '={{ $json.key }}', value: 'v' }] } }),
		input: async () => [
			{ email: 'ada@ok.io', key: 'crmId' },
			{ email: 'big@ok.io', key: 'k'.repeat(100) },
			{ email: 'bob@ok.io', key: 'score' },
		],
		names: 'keys must be 1 to 64 characters',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'a custom field whose key an expression leaves empty',
		parameters: createContact({ customFields: { field: [{ key: '={{ $json.key }}', value: 'v' }] } }),
		input: async () => [
			{ email: 'ada@ok.io', key: 'crmId' },
			{ email: 'nokey@ok.io', key: '' },
			{ email: 'bob@ok.io', key: 'score' },
		],
		names: 'Custom field 1 has no key',
		fix: 'Give every custom field a key',
		refusedBeforeSending: true,
	},
	...['__proto__', 'constructor', 'prototype'].map((key) => ({
		name: `a custom field named ${key}, which n8n would drop on the way`,
		parameters: createContact({ customFields: { field: [{ key: '={{ $json.key }}', value: 'v' }] } }),
		input: async () => [
			{ email: 'ada@ok.io', key: 'crmId' },
			{ email: 'reserved@ok.io', key },
			{ email: 'bob@ok.io', key: 'score' },
		],
		names: `Custom field 1 is named "${key}", which cannot be sent`,
		fix: 'give the custom field another key',
		refusedBeforeSending: true,
	})),
	{
		name: 'a campaign step with a negative delay',
		parameters: {
			resource: 'campaign',
			operation: 'create',
			name: '={{ $json.name }}',
			emailAccountId: 'acc_123',
			steps: { step: [{ subject: 'Hello', body: 'A first email', delayDays: '={{ $json.delayDays }}' }] },
		},
		input: async () => [
			{ name: 'Now', delayDays: 0 },
			{ name: 'Yesterday', delayDays: -2 },
			{ name: 'Later', delayDays: 3 },
		],
		names: 'steps[0].delayDays: must be an integer of at least 0',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'a daily limit out of FluenzR’s range',
		parameters: {
			resource: 'campaign',
			operation: 'create',
			name: '={{ $json.name }}',
			emailAccountId: 'acc_123',
			additionalFields: { dailyLimit: '={{ $json.dailyLimit }}' },
		},
		input: async () => [
			{ name: 'Gentle', dailyLimit: 20 },
			{ name: 'Flood', dailyLimit: 5000 },
			{ name: 'Steady', dailyLimit: 2000 },
		],
		names: 'dailyLimit: must be an integer from 1 to 2000',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'starting a completed campaign',
		parameters: { resource: 'campaign', operation: 'start', campaignId: byId('={{ $json.id }}') },
		input: async (sandbox) => [
			{ id: await campaignIn(sandbox, 'draft', 'Draft') },
			{ id: await campaignIn(sandbox, 'completed', 'Done') },
			{ id: await campaignIn(sandbox, 'paused', 'Paused') },
		],
		names: 'status: is completed',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'starting a draft campaign that has no step and no contact',
		parameters: { resource: 'campaign', operation: 'start', campaignId: byId('={{ $json.id }}') },
		input: async (sandbox) => [
			{ id: await campaignIn(sandbox, 'draft', 'Ready') },
			{ id: (await api(sandbox).post('/campaigns', { name: 'Empty', emailAccountId: 'acc_123' })).data.id },
			{ id: await campaignIn(sandbox, 'active', 'Running') },
		],
		names: 'steps: must contain at least one step to start; contacts: at least one contact is needed to start',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'pausing a draft campaign',
		parameters: { resource: 'campaign', operation: 'pause', campaignId: byId('={{ $json.id }}') },
		input: async (sandbox) => [
			{ id: await campaignIn(sandbox, 'active', 'Running') },
			{ id: await campaignIn(sandbox, 'draft', 'Draft') },
			{ id: await campaignIn(sandbox, 'paused', 'Paused') },
		],
		names: 'status: is draft',
		fix: RESOLVE_FIELDS,
	},
	{
		name: 'a limit of 0 on Get Many',
		parameters: { resource: 'contact', operation: 'getAll', limit: '={{ $json.limit }}' },
		input: async (sandbox) => {
			await contactIds(sandbox, 3);
			return [{ limit: 2 }, { limit: 0 }, { limit: 1 }];
		},
		names: 'Limit must be a whole number of at least 1',
		fix: 'Set Limit to how many records you want, or turn on Return All',
		refusedBeforeSending: true,
	},
];

describe('malformed input', () => {
	const sandbox = useSandbox();

	it.each(CASES)('$name: the item fails naming the field and the fix, the others go through', async (malformed) => {
		const input = await malformed.input(sandbox());
		sandbox().clearRequests();

		const result = await runFluenzrNode(malformed.parameters, {
			baseUrl: sandbox().baseUrl,
			input,
			continueOnFail: 'continueRegularOutput',
		});

		expect(result.error).toBeUndefined();
		const failures = result.output.filter((item) => item.error);
		expect(failures.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		const error = failures[0].error as NodeApiError;
		expect(`${error.message} ${error.description}`).toContain(malformed.names);
		expect(error.description).toContain(malformed.fix);

		const answered = result.output.filter((item) => !item.error).map((item) => (item.pairedItem as IPairedItemData).item);
		expect(new Set(answered)).toEqual(new Set([0, 2]));
		if (malformed.refusedBeforeSending) expect(sandbox().requests()).toHaveLength(2);
	});

	it('sends a number given to a text field as text, as a phone number from a CRM would be', async () => {
		const result = await runFluenzrNode(createContact({ firstName: '={{ $json.firstName }}', phone: '={{ $json.phone }}' }), {
			baseUrl: sandbox().baseUrl,
			input: [{ email: 'num@ok.io', firstName: 1815, phone: 33612345678 }],
		});
		expect(result.output.map((item) => item.json)).toEqual([
			expect.objectContaining({ email: 'num@ok.io', firstName: '1815', phone: '33612345678' }),
		]);
	});
});
