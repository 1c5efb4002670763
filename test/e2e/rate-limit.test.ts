/**
 * A rate-limit answer that asks for an absurd wait, in real n8n: FluenzR (or
 * a proxy in front of it) answers a 429 with `Retry-After: 1000000000`. The
 * execution ends at once with RATE_LIMITED and the wait it was asked for;
 * with Continue On Fail that item is an error item and the others come
 * through. Before the pacer's bound, n8n waited for ever (its timer
 * overflowed and spun).
 */
import { executeWorkflow, importWorkflows } from '../../scripts/lib/n8nCli';
import { nodeItems } from '../../scripts/lib/runJson';
import { e2eContext } from './support/e2eState';
import { timed } from './support/timings';
import { byId, manualWorkflow } from '../../scripts/lib/workflowBuilder';

const context = e2eContext();
const { sandbox } = context;

const A_BILLION_SECONDS = 1_000_000_000;
const ASKED = 'asked to wait 1,000,000,000 s (about 31.7 years)';

const threeContacts = (ids: string[]) => ({
	name: 'Three contact IDs',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: `return ${JSON.stringify(ids.map((id) => ({ json: { id } })))};` },
});

const getContact = (name: string, continueOnFail: boolean) => ({
	name,
	continueOnFail,
	parameters: { resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') },
});

let ids: string[];
beforeAll(async () => {
	await sandbox.reset();
	ids = (await sandbox.listAll<{ id: string }>('/contacts')).slice(0, 3).map((contact) => contact.id);
});

/** The 429 of a billion seconds, on the second contact, once. */
const refuseTheSecondContact = async () =>
	await sandbox.injectFault({
		match: { method: 'GET', path: `/contacts/${ids[1]}` },
		fault: { type: 'rateLimited', retryAfter: A_BILLION_SECONDS },
	});

it('without Continue On Fail, the execution ends with RATE_LIMITED and the wait it was asked for', async () => {
	const workflow = manualWorkflow('e2eHugeRetry', 'E2E: a 429 asking for a billion seconds', [
		[threeContacts(ids), getContact('Get contacts', false)],
	]);
	await importWorkflows([workflow], context.cli);
	await refuseTheSecondContact();

	const result = await timed('n8n execute: a 429 asking for a billion seconds', () => executeWorkflow(workflow.id, context.cli));

	expect(result.succeeded).toBe(false);
	expect(result.run?.data.resultData.error?.node?.name).toBe('Get contacts');
	expect(result.errorMessage).toContain('(RATE_LIMITED)');
	expect(result.errorMessage).toContain(ASKED);
	expect(await sandbox.requests({ pathPrefix: `/contacts/${ids[1]}` })).toHaveLength(1);
});

it('with Continue On Fail, that item is an error item and the other contacts come through', async () => {
	const workflow = manualWorkflow('e2eHugeRetryCof', 'E2E: a 429 asking for a billion seconds, Continue On Fail', [
		[threeContacts(ids), getContact('Get contacts, continuing', true)],
	]);
	await importWorkflows([workflow], context.cli);
	await sandbox.clearRequests();
	await refuseTheSecondContact();

	const result = await timed('n8n execute: the same, Continue On Fail', () => executeWorkflow(workflow.id, context.cli));

	expect(result.succeeded).toBe(true);
	const items = nodeItems(result.run!, 'Get contacts, continuing');
	expect(items.map((item) => item.id ?? 'error')).toEqual([ids[0], 'error', ids[2]]);
	expect(String(items[1].error)).toMatch(/retry after 1000000000 s/i);
});
