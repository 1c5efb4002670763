/**
 * Every operation of the Fluenzr node, run by real n8n from the packed
 * package. One workflow holds four chains (contacts, groups, campaigns,
 * webhooks) so that n8n starts once; each test reads one operation's output
 * from that run and checks what FluenzR holds afterwards.
 */
import { e2eContext } from './support/e2eState';
import { executeWorkflow, executeWorkflowOrThrow, importWorkflows } from '../../scripts/lib/n8nCli';
import { nodeItems, type WorkflowRunData } from '../../scripts/lib/runJson';
import { timed } from './support/timings';
import { byId, manualWorkflow } from '../../scripts/lib/workflowBuilder';

const context = e2eContext();
const { sandbox } = context;

const EMAIL = 'grace.hopper@cobol-labs.example';
const HOOK_URL = 'https://hooks.example.com/fluenzr-e2e';
const first = (node: string) => `$('${node}').first().json`;

const contactChain = [
	{
		name: 'Create contact',
		parameters: {
			resource: 'contact',
			operation: 'create',
			email: EMAIL,
			additionalFields: { firstName: 'Grace', lastName: 'Hopper', company: 'Cobol Labs', jobTitle: 'Rear Admiral' },
		},
	},
	{ name: 'Get contact', parameters: { resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') } },
	{
		name: 'Update contact',
		parameters: {
			resource: 'contact',
			operation: 'update',
			contactId: byId('={{ $json.id }}'),
			updateFields: {
				phone: '+1 202 555 0101',
				customFields: { field: [{ key: 'tier', value: 'gold' }] },
			},
		},
	},
	{
		name: 'Upsert contact',
		parameters: {
			resource: 'contact',
			operation: 'upsert',
			email: EMAIL.toUpperCase(),
			additionalFields: { lastName: 'Hopper-Murray', customFields: { field: [{ key: 'score', value: '={{ 42 }}' }] } },
		},
	},
	{
		name: 'Find contacts by email',
		parameters: { resource: 'contact', operation: 'getAll', returnAll: true, filters: { email: 'cobol-labs.example' } },
	},
	{ name: 'Delete contact', parameters: { resource: 'contact', operation: 'delete', contactId: byId('={{ $json.id }}') } },
];

const groupChain = [
	{
		name: 'Create group',
		parameters: { resource: 'group', operation: 'create', name: 'E2E prospects', additionalFields: { description: 'From the e2e suite' } },
	},
	{
		name: 'Update group',
		parameters: { resource: 'group', operation: 'update', groupId: byId('={{ $json.id }}'), updateFields: { name: 'E2E prospects (renamed)' } },
	},
	{ name: 'Get group', parameters: { resource: 'group', operation: 'get', groupId: byId('={{ $json.id }}') } },
	{
		name: 'Three seeded contacts',
		parameters: { resource: 'contact', operation: 'getAll', limit: 3, sort: { field: 'email', order: 'asc' } },
	},
	{
		name: 'Add contacts to group',
		executeOnce: true,
		parameters: {
			resource: 'group',
			operation: 'addContacts',
			groupId: byId(`={{ ${first('Create group')}.id }}`),
			contactIds: "={{ $('Three seeded contacts').all().map(item => item.json.id) }}",
		},
	},
	{
		name: 'Find groups by name',
		parameters: { resource: 'group', operation: 'getAll', returnAll: true, filters: { name: 'renamed' } },
	},
	{ name: 'Delete group', parameters: { resource: 'group', operation: 'delete', groupId: byId('={{ $json.id }}') } },
];

const campaignChain = [
	{
		name: 'Create campaign',
		parameters: {
			resource: 'campaign',
			operation: 'create',
			name: 'E2E sequence',
			emailAccountId: 'acc_demo_001',
			steps: { step: [{ subject: 'Hello', body: 'First touch', delayDays: 0 }] },
			additionalFields: { dailyLimit: 25, trackClicks: false },
		},
	},
	{
		name: 'Update campaign',
		parameters: {
			resource: 'campaign',
			operation: 'update',
			campaignId: byId('={{ $json.id }}'),
			updateFields: { name: 'E2E sequence v2', timezone: 'Europe/Berlin' },
		},
	},
	{ name: 'Get campaign', parameters: { resource: 'campaign', operation: 'get', campaignId: byId('={{ $json.id }}') } },
	{
		name: 'Add contacts to campaign',
		parameters: {
			resource: 'campaign',
			operation: 'addContacts',
			campaignId: byId('={{ $json.id }}'),
			source: 'contactIds',
			contactIds: "={{ $('Three seeded contacts').all().map(item => item.json.id).join(', ') }}",
		},
	},
	{ name: 'Start campaign', parameters: { resource: 'campaign', operation: 'start', campaignId: byId(`={{ ${first('Create campaign')}.id }}`) } },
	{ name: 'Pause campaign', parameters: { resource: 'campaign', operation: 'pause', campaignId: byId('={{ $json.id }}') } },
	{ name: 'Campaign statistics', parameters: { resource: 'campaign', operation: 'getStats', campaignId: byId('={{ $json.id }}') } },
	{
		name: 'Find paused campaigns',
		parameters: { resource: 'campaign', operation: 'getAll', returnAll: true, filters: { status: 'paused', name: 'E2E' } },
	},
];

const webhookChain = [
	{
		name: 'Create webhook',
		parameters: {
			resource: 'webhook',
			operation: 'create',
			url: HOOK_URL,
			events: ['contact.created', 'email.replied'],
			additionalFields: { secret: 'e2e-secret-0123456789' },
		},
	},
	{ name: 'List webhooks', parameters: { resource: 'webhook', operation: 'getAll', returnAll: true } },
	{
		name: 'Delete webhook',
		executeOnce: true,
		parameters: { resource: 'webhook', operation: 'delete', webhookId: `={{ ${first('Create webhook')}.id }}` },
	},
];

// Rows as a CRM would hand them over, mapped to contacts by field name with no expression.
const mappedContactChain = [
	{
		name: 'CRM rows',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode:
				"return [{ json: { email: 'ada@mapped.example', firstName: 'Ada', phone: 5550101, hubspotId: 7 } }, { json: { email: 'alan@mapped.example', company: 'Bletchley' } }];",
		},
	},
	{ name: 'Create mapped contacts', parameters: { resource: 'contact', operation: 'create', contactMapping: 'auto' } },
];

// Runs last, when the contact chain has deleted its contact again: the seeded contacts, more than one page of them.
const readEveryPage = [{ name: 'All contacts', parameters: { resource: 'contact', operation: 'getAll', returnAll: true } }];

const EVERY_OPERATION = manualWorkflow('e2eEveryOperation', 'E2E: every operation', [
	contactChain,
	groupChain,
	campaignChain,
	webhookChain,
	mappedContactChain,
	readEveryPage,
]);

/**
 * A CRM import: thousands of contact IDs in one item, added to a group by one
 * Add Contacts (in chunks of 1,000, no Loop node). Built once the contacts
 * exist (2,500 more are seeded), with their IDs as text separated by commas.
 * Its run prints two small items: the printed run of a first version that
 * read all 2,620 contacts (Get Many, then n8n's Aggregate node) came back
 * cut off mid-JSON in one of two runs of the suite.
 */
const crmImport = (contactIds: string[]) =>
	manualWorkflow('e2eCrmImport', 'E2E: thousands of contacts into a group', [
		[
			{ name: 'Create import group', parameters: { resource: 'group', operation: 'create', name: 'E2E CRM import' } },
			{
				name: 'Add them to the group',
				parameters: {
					resource: 'group',
					operation: 'addContacts',
					groupId: byId('={{ $json.id }}'),
					contactIds: contactIds.join(', '),
				},
			},
		],
	]);

const MISSING_CONTACT = manualWorkflow('e2eMissingContact', 'E2E: a contact that does not exist', [
	[{ name: 'Get missing contact', parameters: { resource: 'contact', operation: 'get', contactId: byId('ct_doesnotexist') } }],
]);

let run: WorkflowRunData;
const items = (node: string) => nodeItems(run, node);
const only = (node: string) => {
	const output = items(node);
	expect(output).toHaveLength(1);
	return output[0];
};

beforeAll(async () => {
	await sandbox.reset();
	await timed('import the generated workflows', () => importWorkflows([EVERY_OPERATION, MISSING_CONTACT], context.cli));
	run = await timed('n8n execute: every operation', () => executeWorkflowOrThrow(EVERY_OPERATION.id, context.cli));
});

describe('contacts', () => {
	it('create returns the new contact with the fields it was given', () => {
		expect(only('Create contact')).toMatchObject({
			id: expect.stringMatching(/^ct_/),
			email: EMAIL,
			firstName: 'Grace',
			lastName: 'Hopper',
			company: 'Cobol Labs',
			jobTitle: 'Rear Admiral',
		});
	});

	it('get returns the contact by its ID', () => {
		expect(only('Get contact')).toMatchObject({ id: only('Create contact').id, email: EMAIL });
	});

	it('update changes only the fields given and merges custom fields', () => {
		expect(only('Update contact')).toMatchObject({
			id: only('Create contact').id,
			firstName: 'Grace',
			phone: '+1 202 555 0101',
			customFields: { tier: 'gold' },
		});
	});

	it('create or update finds the contact by its email, whatever its case, and updates it', () => {
		expect(only('Upsert contact')).toMatchObject({
			id: only('Create contact').id,
			lastName: 'Hopper-Murray',
			customFields: { tier: 'gold', score: 42 },
		});
	});

	it('get many filters by email', () => {
		expect(items('Find contacts by email').map((contact) => contact.id)).toEqual([only('Create contact').id]);
	});

	it('delete answers { id, deleted: true } and the contact is gone from FluenzR', async () => {
		const id = only('Create contact').id as string;
		expect(only('Delete contact')).toEqual({ id, deleted: true });
		await expect(sandbox.api('GET', `/contacts/${id}`)).rejects.toThrow('NOT_FOUND');
	});
});

describe('contacts mapped automatically', () => {
	it("create takes each contact from its item's fields of FluenzR's names, numbers as text, other fields ignored", async () => {
		const created = items('Create mapped contacts');
		expect(created.map((contact) => [contact.email, contact.firstName, contact.phone, contact.company])).toEqual([
			['ada@mapped.example', 'Ada', '5550101', null],
			['alan@mapped.example', null, null, 'Bletchley'],
		]);
		const stored = await sandbox.api<{ customFields: Record<string, unknown> }>('GET', `/contacts/${String(created[0].id)}`);
		expect(stored.customFields).toEqual({});
	});
});

describe('groups', () => {
	it('create returns the new group', () => {
		expect(only('Create group')).toMatchObject({ id: expect.stringMatching(/^grp_/), name: 'E2E prospects', description: 'From the e2e suite' });
	});

	it('update renames the group and get reads it back', () => {
		expect(only('Update group')).toMatchObject({ name: 'E2E prospects (renamed)' });
		expect(only('Get group')).toMatchObject({ id: only('Create group').id, name: 'E2E prospects (renamed)' });
	});

	it('add contacts takes an array of IDs from an expression and answers how many were added', () => {
		expect(items('Three seeded contacts')).toHaveLength(3);
		expect(only('Add contacts to group')).toMatchObject({ id: only('Create group').id, added: 3, contactCount: 3 });
	});

	it('get many filters by name', () => {
		expect(items('Find groups by name').map((group) => group.id)).toEqual([only('Create group').id]);
	});

	it('delete removes the group from FluenzR', async () => {
		const id = only('Create group').id as string;
		expect(only('Delete group')).toEqual({ id, deleted: true });
		await expect(sandbox.api('GET', `/groups/${id}`)).rejects.toThrow('NOT_FOUND');
	});
});

describe('campaigns', () => {
	it('create sends the steps and settings, and the campaign starts as a draft', () => {
		expect(only('Create campaign')).toMatchObject({
			id: expect.stringMatching(/^cmp_/),
			status: 'draft',
			emailAccountId: 'acc_demo_001',
			steps: [{ subject: 'Hello', body: 'First touch', delayDays: 0 }],
			dailyLimit: 25,
			trackClicks: false,
		});
	});

	it('update and get show the new name and time zone', () => {
		expect(only('Update campaign')).toMatchObject({ name: 'E2E sequence v2', timezone: 'Europe/Berlin' });
		expect(only('Get campaign')).toMatchObject({ id: only('Create campaign').id, name: 'E2E sequence v2' });
	});

	it('add contacts takes comma-separated IDs', () => {
		expect(only('Add contacts to campaign')).toMatchObject({ contactCount: 3 });
	});

	it('start and pause move the campaign from active to paused', () => {
		expect(only('Start campaign')).toMatchObject({ status: 'active' });
		expect(only('Pause campaign')).toMatchObject({ status: 'paused' });
	});

	it('get stats returns the counters and rates of the campaign', () => {
		expect(only('Campaign statistics')).toMatchObject({
			campaignId: only('Create campaign').id,
			sent: expect.any(Number),
			openRate: expect.any(Number),
			replyRate: expect.any(Number),
		});
	});

	it('get many filters by status and name, and FluenzR holds the paused campaign', async () => {
		const id = only('Create campaign').id as string;
		expect(items('Find paused campaigns').map((campaign) => campaign.id)).toContain(id);
		expect(await sandbox.api('GET', `/campaigns/${id}`)).toMatchObject({ status: 'paused', contactCount: 3 });
	});
});

describe('webhooks', () => {
	it('create registers the URL and events, and never echoes the secret', () => {
		const webhook = only('Create webhook');
		expect(webhook).toMatchObject({ id: expect.stringMatching(/^wh_/), url: HOOK_URL, events: ['contact.created', 'email.replied'] });
		expect(webhook).not.toHaveProperty('secret');
	});

	it('get many lists the new webhook', () => {
		expect(items('List webhooks').map((webhook) => webhook.id)).toContain(only('Create webhook').id);
	});

	it('delete removes it from FluenzR', async () => {
		const id = only('Create webhook').id as string;
		expect(only('Delete webhook')).toEqual({ id, deleted: true });
		const remaining = await sandbox.listAll<{ id: string }>('/webhooks');
		expect(remaining.map((webhook) => webhook.id)).not.toContain(id);
	});
});

describe('pagination', () => {
	it('get many with Return All reads every page', async () => {
		const stored = await sandbox.listAll<{ id: string }>('/contacts');
		expect(stored.length).toBeGreaterThan(100);
		expect(items('All contacts').map((contact) => contact.id)).toEqual(stored.map((contact) => contact.id));
	});
});

describe('errors', () => {
	it("a FluenzR error fails the run with FluenzR's own message, naming the node", async () => {
		const result = await timed('n8n execute: a missing contact', () => executeWorkflow(MISSING_CONTACT.id, context.cli));
		expect(result.succeeded).toBe(false);
		expect(result.exitCode).not.toBe(0);
		expect(result.run?.data.resultData.error?.node?.name).toBe('Get missing contact');
		expect(result.errorMessage).toContain('Contact ct_doesnotexist not found');
	});
});

// Last: it seeds 2,500 more contacts, which the tests above must not see.
describe('add contacts in chunks', () => {
	let seeded: string[];
	let importRun: WorkflowRunData;
	beforeAll(async () => {
		seeded = (await sandbox.seed({ contacts: 2500, seed: 2 })).contactIds;
		const workflow = crmImport(seeded);
		await timed('import the CRM import workflow', () => importWorkflows([workflow], context.cli));
		await sandbox.clearRequests();
		importRun = await timed('n8n execute: 2,500 contacts into a group', () => executeWorkflowOrThrow(workflow.id, context.cli));
	});

	it('adds 2,500 IDs of one item in 3 requests of at most 1,000, in order, answering one item with the totals', async () => {
		const [group] = nodeItems(importRun, 'Create import group');
		expect(nodeItems(importRun, 'Add them to the group')).toEqual([
			expect.objectContaining({ id: group.id, added: 2500, contactCount: 2500, chunks: 3 }),
		]);
		const sent = await sandbox.requests({ method: 'POST', pathPrefix: `/groups/${group.id as string}/contacts` });
		const chunks = sent.map((request) => (request.body as { contactIds: string[] }).contactIds);
		expect(chunks.map((chunk) => chunk.length)).toEqual([1000, 1000, 500]);
		expect(chunks.flat()).toEqual(seeded);
		expect(await sandbox.api('GET', `/groups/${group.id as string}`)).toMatchObject({ contactCount: 2500 });
	});
});
