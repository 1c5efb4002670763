/**
 * A CRM sync in real n8n, from the packed package, against contacts built
 * in FluenzR: whoever unsubscribed stays unsubscribed (the Unsubscribed
 * option added and left off, an `unsubscribed: false` column mapped
 * automatically, Update Fields → Unsubscribed off), and a contact keeps the
 * groups it is in while joining the ones the sync gives.
 */
import { e2eContext } from './support/e2eState';
import { executeWorkflowOrThrow, importWorkflows } from '../../scripts/lib/n8nCli';
import { nodeItems, type WorkflowRunData } from '../../scripts/lib/runJson';
import { timed } from './support/timings';
import { byId, manualWorkflow } from '../../scripts/lib/workflowBuilder';

const context = e2eContext();
const { sandbox } = context;

interface Contact {
	id: string;
	unsubscribed: boolean;
	groupIds: string[];
	firstName: string | null;
	company: string | null;
	jobTitle: string | null;
}

const MANUAL = 'opted-out.manual@crm-sync.example';
const AUTO = 'opted-out.auto@crm-sync.example';
const UPDATED = 'opted-out.update@crm-sync.example';

const syncWorkflow = (ids: { updated: string; syncGroup: string }) =>
	manualWorkflow('e2eContactSync', 'E2E: a CRM sync keeps unsubscribes and groups', [
		[
			{
				name: 'Sync each field',
				parameters: {
					resource: 'contact',
					operation: 'upsert',
					email: MANUAL,
					// What n8n stores when Unsubscribed is added to Additional Fields and left off.
					additionalFields: { firstName: 'Synced', unsubscribed: false, groupIds: [ids.syncGroup] },
				},
			},
		],
		[
			{
				name: 'CRM export',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return [{ json: { email: '${AUTO}', company: 'Acme', unsubscribed: false } }];` },
			},
			{ name: 'Sync automatically', parameters: { resource: 'contact', operation: 'upsert', contactMapping: 'auto' } },
		],
		[
			{
				name: 'Update fields',
				parameters: {
					resource: 'contact',
					operation: 'update',
					contactId: byId(ids.updated),
					updateFields: { jobTitle: 'CTO', unsubscribed: false },
				},
			},
		],
	]);

let run: WorkflowRunData;
let builtGroup: string;
let syncGroup: string;
const onlyItem = (node: string) => {
	const items = nodeItems(run, node);
	expect(items).toHaveLength(1);
	return items[0] as unknown as Contact & { keptUnsubscribed: boolean };
};
const stored = async (email: string) => (await sandbox.listAll<Contact>(`/contacts?email=${encodeURIComponent(email)}`))[0];

beforeAll(async () => {
	await sandbox.reset();
	builtGroup = (await sandbox.api<{ id: string }>('POST', '/groups', { name: 'Built in FluenzR' })).id;
	syncGroup = (await sandbox.api<{ id: string }>('POST', '/groups', { name: 'From the CRM' })).id;
	await sandbox.api('POST', '/contacts', { email: MANUAL, unsubscribed: true, groupIds: [builtGroup] });
	await sandbox.api('POST', '/contacts', { email: AUTO, unsubscribed: true });
	const updated = await sandbox.api<{ id: string }>('POST', '/contacts', { email: UPDATED, unsubscribed: true });
	const workflow = syncWorkflow({ updated: updated.id, syncGroup });
	await timed('import the CRM sync workflow', () => importWorkflows([workflow], context.cli));
	run = await timed('n8n execute: a CRM sync over unsubscribed contacts', () => executeWorkflowOrThrow(workflow.id, context.cli));
});

describe('a CRM sync over contacts who unsubscribed', () => {
	it('Create or Update with Unsubscribed added and left off updates the fields, keeps the unsubscribe and says keptUnsubscribed: true', async () => {
		expect(onlyItem('Sync each field')).toMatchObject({ firstName: 'Synced', unsubscribed: true, keptUnsubscribed: true });
		expect(await stored(MANUAL)).toMatchObject({ firstName: 'Synced', unsubscribed: true });
	});

	it('Create or Update mapping an unsubscribed: false column automatically keeps the unsubscribe', async () => {
		expect(onlyItem('Sync automatically')).toMatchObject({ company: 'Acme', unsubscribed: true, keptUnsubscribed: true });
		expect(await stored(AUTO)).toMatchObject({ company: 'Acme', unsubscribed: true });
	});

	it('Update with Unsubscribed off and no Resubscribe keeps the unsubscribe', async () => {
		expect(onlyItem('Update fields')).toMatchObject({ jobTitle: 'CTO', unsubscribed: true, keptUnsubscribed: true });
		expect(await stored(UPDATED)).toMatchObject({ jobTitle: 'CTO', unsubscribed: true });
	});

	it('Create or Update adds the contact to the group given and keeps the group built in FluenzR', async () => {
		expect([...onlyItem('Sync each field').groupIds].sort()).toEqual([builtGroup, syncGroup].sort());
		expect([...(await stored(MANUAL)).groupIds].sort()).toEqual([builtGroup, syncGroup].sort());
	});
});
