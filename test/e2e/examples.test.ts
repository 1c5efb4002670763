/**
 * The example workflows in examples/, imported unchanged and run headless by
 * real n8n against the seeded sandbox: what each returns, and what FluenzR
 * holds afterwards. reply-handling.json starts from a live trigger and is
 * covered by trigger.test.ts; ai-agent-tools.json is an MCP server, driven by
 * an MCP client in aiTools.test.ts; ai-agent.json needs a chat model, and
 * aiAgent.test.ts runs it against a scripted one.
 */
import { e2eContext } from './support/e2eState';
import { loadExample, loadExamples } from '../../scripts/lib/examples';
import { FLUENZR_CREDENTIAL_REFERENCE } from '../../scripts/lib/fluenzrCredential';
import { executeWorkflowOrThrow } from '../../scripts/lib/n8nCli';
import { nodeItems, type WorkflowRunData } from '../../scripts/lib/runJson';
import { timed } from './support/timings';
import { FLUENZR_NODE_TYPE, FLUENZR_TOOL_TYPE, FLUENZR_TRIGGER_TYPE } from '../../scripts/lib/workflowBuilder';

const context = e2eContext();
const { sandbox } = context;

interface Contact {
	id: string;
	email: string;
	groupIds: string[];
	customFields: Record<string, unknown>;
}
interface Group {
	id: string;
	name: string;
	contactCount: number;
}
interface Campaign {
	id: string;
	name: string;
	status: string;
	contactCount: number;
	steps: unknown[];
}

async function runExample(fileName: string): Promise<WorkflowRunData> {
	const { id } = loadExample(fileName);
	return await timed(`n8n execute: ${fileName}`, () => executeWorkflowOrThrow(id, context.cli));
}

beforeAll(async () => {
	await sandbox.reset();
});

describe('the example files', () => {
	const examples = loadExamples();

	it.each(examples.map((workflow) => [workflow.name, workflow]))(
		'%s has a fixed ID n8n accepts and starts from a Manual Trigger, the Fluenzr Trigger or the MCP Server Trigger',
		(_name, workflow) => {
			// n8n 1.x keeps a workflow's static data (the trigger's webhook id and secret) only for ids of at most 16 characters.
			expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,16}$/);
			const starts = workflow.nodes.filter(
				(node) => /manualTrigger$|\.mcpTrigger$/.test(node.type) || node.type === FLUENZR_TRIGGER_TYPE,
			);
			expect(starts).toHaveLength(1);
		},
	);

	it('every FluenzR node uses the one shared credential, so a user sets it up once', () => {
		const fluenzrNodes = examples.flatMap((workflow) =>
			workflow.nodes.filter((node) => [FLUENZR_NODE_TYPE, FLUENZR_TRIGGER_TYPE, FLUENZR_TOOL_TYPE].includes(node.type)),
		);
		for (const node of fluenzrNodes) expect(node.credentials).toEqual(FLUENZR_CREDENTIAL_REFERENCE);
	});
});

describe('crm-sync.json', () => {
	let firstRun: WorkflowRunData;
	let secondRun: WorkflowRunData;
	const crmEmails = () => nodeItems(firstRun, 'New CRM contacts').map((record) => record.email as string);

	beforeAll(async () => {
		firstRun = await runExample('crm-sync.json');
		secondRun = await runExample('crm-sync.json');
	});

	it('creates a FluenzR contact for each of the five CRM records, with the mapped fields', async () => {
		const upserted = nodeItems(firstRun, 'Create or update contact');
		expect(upserted.map((contact) => contact.email)).toEqual(crmEmails());
		expect(upserted[0]).toMatchObject({
			firstName: 'María',
			company: 'Northwind Analytics',
			jobTitle: 'Head of Growth',
			customFields: { crmId: 'HS-10231', leadScore: 82, source: 'CRM sync' },
		});
		const stored = await sandbox.listAll<Contact>('/contacts?email=maria.gonzalez@northwind-analytics.com');
		expect(stored).toHaveLength(1);
	});

	it('creates the "CRM import" group on the first run and puts the five contacts in it', async () => {
		expect(nodeItems(firstRun, 'Create the CRM import group')).toHaveLength(1);
		expect(nodeItems(firstRun, 'Add contacts to group')).toEqual([expect.objectContaining({ name: 'CRM import', added: 5 })]);
		const [group] = await sandbox.listAll<Group>('/groups?name=CRM%20import');
		const members = await sandbox.listAll<Contact>(`/contacts?group=${group.id}`);
		expect(members.map((contact) => contact.email).sort()).toEqual([...crmEmails()].sort());
	});

	it('running it again updates the same contacts and reuses the group: no duplicates', async () => {
		const firstIds = nodeItems(firstRun, 'Create or update contact').map((contact) => contact.id);
		expect(nodeItems(secondRun, 'Create or update contact').map((contact) => contact.id)).toEqual(firstIds);
		expect(secondRun.data.resultData.runData['Create the CRM import group']).toBeUndefined();
		expect(nodeItems(secondRun, 'Add contacts to group')).toEqual([expect.objectContaining({ added: 0, contactCount: 5 })]);
		expect(await sandbox.listAll<Group>('/groups?name=CRM%20import')).toHaveLength(1);
	});
});

describe('campaign-automation.json', () => {
	let run: WorkflowRunData;

	beforeAll(async () => {
		run = await runExample('campaign-automation.json');
	});

	it('creates a two-step campaign for the acc_demo_001 email account', () => {
		const [campaign] = nodeItems(run, 'Create campaign');
		expect(campaign).toMatchObject({
			name: 'Founder outreach (n8n) – SaaS founders',
			emailAccountId: 'acc_demo_001',
			status: 'draft',
			timezone: 'Europe/Paris',
			dailyLimit: 40,
		});
		expect(campaign.steps).toEqual([
			expect.objectContaining({ delayDays: 0, subject: 'A faster way to follow up with every lead' }),
			expect.objectContaining({ delayDays: 3 }),
		]);
	});

	it("adds the group's subscribed contacts and starts the campaign", async () => {
		const [group] = nodeItems(run, 'Find the group');
		const [added] = nodeItems(run, "Add the group's contacts");
		expect(added.added).toBeGreaterThan(0);
		expect(Number(added.added) + Number(added.skipped)).toBe(group.contactCount);
		expect(nodeItems(run, 'Start campaign')).toEqual([expect.objectContaining({ status: 'active' })]);

		const [campaign] = nodeItems(run, 'Create campaign');
		expect(await sandbox.api<Campaign>('GET', `/campaigns/${campaign.id}`)).toMatchObject({
			status: 'active',
			contactCount: added.contactCount,
		});
	});
});

describe('statistics-export.json', () => {
	let run: WorkflowRunData;

	beforeAll(async () => {
		run = await runExample('statistics-export.json');
	});

	it('reads every campaign of the account, sorted by name', async () => {
		const campaigns = await sandbox.listAll<Campaign>('/campaigns?sort=name&order=asc');
		expect(nodeItems(run, 'Get all campaigns').map((campaign) => campaign.id)).toEqual(campaigns.map((c) => c.id));
	});

	it('makes one table row per campaign with its name, status, open rate and reply rate', async () => {
		const campaigns = await sandbox.listAll<Campaign>('/campaigns?sort=name&order=asc');
		const rows = nodeItems(run, 'Statistics table');
		expect(rows).toHaveLength(campaigns.length);
		for (const [index, campaign] of campaigns.entries()) {
			const stats = await sandbox.api<Record<string, number>>('GET', `/campaigns/${campaign.id}/stats`);
			expect(rows[index]).toEqual({
				campaign: campaign.name,
				status: campaign.status,
				sent: stats.sent,
				openRate: stats.openRate,
				replyRate: stats.replyRate,
			});
		}
	});
});
