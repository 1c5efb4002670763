import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { Fluenzr } from '../../../nodes/Fluenzr/Fluenzr.node';
import { HarnessCredentialsHelper, HarnessNodeTypes, nodeTypeName } from '../../harness';
import { createAdditionalData } from '../../harness/additional-data';
import { createHarnessWorkflow } from '../../harness/harness-workflow';
import { DEMO_KEYS, type Sandbox } from '../../../sandbox';
import { api, useSandbox } from './support';

/** What the editor hands a node's list search: n8n-core's LoadOptionsContext. */
function editorContext(sandbox: Sandbox, apiKey: string = DEMO_KEYS.pro): ILoadOptionsFunctions {
	const fluenzr = new Fluenzr();
	const node: INode = {
		id: 'node',
		name: 'Fluenzr',
		type: nodeTypeName(fluenzr),
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'contact', operation: 'get' },
		credentials: { fluenzrApi: { id: 'cred', name: 'FluenzR' } },
	};
	const { workflow, workflowData } = createHarnessWorkflow({
		nodes: [node],
		connections: {},
		nodeTypes: new HarnessNodeTypes({ [node.type]: fluenzr }),
	});
	const additionalData = createAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper({ apiKey, baseUrl: sandbox.baseUrl }),
		workflowData,
		mode: 'manual',
		executionId: 'list-search',
	});
	return new LoadOptionsContext(workflow, node, additionalData, 'contactId');
}

const { listSearch, loadOptions } = new Fluenzr().methods;

describe('Fluenzr node, lists in the editor', () => {
	const sandbox = useSandbox();

	it('lists contacts by name and email, and searches them by email', async () => {
		await api(sandbox()).post('/contacts', { email: 'ada@analytical.io', firstName: 'Ada', lastName: 'Lovelace' });
		await api(sandbox()).post('/contacts', { email: 'alan@bletchley.uk' });
		const all = await listSearch.searchContacts.call(editorContext(sandbox()));
		expect(all.results).toEqual([
			{ name: 'Ada Lovelace <ada@analytical.io>', value: expect.stringMatching(/^ct_/) },
			{ name: 'alan@bletchley.uk', value: expect.stringMatching(/^ct_/) },
		]);
		const found = await listSearch.searchContacts.call(editorContext(sandbox()), 'BLETCHLEY');
		expect(found.results.map((result) => result.name)).toEqual(['alan@bletchley.uk']);
	});

	it('pages through a long list with a pagination token', async () => {
		sandbox().seed({ contacts: 150 });
		const first = await listSearch.searchContacts.call(editorContext(sandbox()));
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		const second = await listSearch.searchContacts.call(editorContext(sandbox()), undefined, first.paginationToken);
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
		const ids = new Set([...first.results, ...second.results].map((result) => result.value));
		expect(ids.size).toBe(150);
	});

	it('lists groups and campaigns by name, campaigns with their status', async () => {
		await api(sandbox()).post('/groups', { name: 'Founders' });
		await api(sandbox()).post('/campaigns', { name: 'Q3 outreach', emailAccountId: 'acc_1' });
		const groups = await listSearch.searchGroups.call(editorContext(sandbox()), 'found');
		expect(groups.results.map((result) => result.name)).toEqual(['Founders']);
		const campaigns = await listSearch.searchCampaigns.call(editorContext(sandbox()));
		expect(campaigns.results.map((result) => result.name)).toEqual(['Q3 outreach (draft)']);
	});

	it('offers every group in the group pickers', async () => {
		sandbox().seed({ groups: 120 });
		const options = await loadOptions.getGroups.call(editorContext(sandbox()));
		expect(options).toHaveLength(120);
	});

	it('waits out a 429 and loads the list, as the trigger’s own requests do', async () => {
		await api(sandbox()).post('/groups', { name: 'Founders' });
		sandbox().injectFault({ match: { method: 'GET', path: '/groups' }, fault: { type: 'rateLimited', retryAfter: 0 } });
		const groups = await listSearch.searchGroups.call(editorContext(sandbox()));
		expect(groups.results.map((result) => result.name)).toEqual(['Founders']);
		expect(sandbox().requests({ method: 'GET', pathPrefix: '/groups' }).map((request) => request.status)).toEqual([429, 200]);
	});

	it('names the Base URL when FluenzR cannot be reached', async () => {
		const unreachable = { ...sandbox(), baseUrl: 'http://127.0.0.1:9/v1' } as Sandbox;
		await expect(listSearch.searchContacts.call(editorContext(unreachable))).rejects.toMatchObject({
			description: expect.stringMatching(/did not reach FluenzR at http:\/\/127\.0\.0\.1:9\/v1 \(ECONNREFUSED\), so nothing was done there\. .*, then open the list again\./),
		});
	});

	it('shows FluenzR’s reason when the list cannot be loaded', async () => {
		await expect(listSearch.searchContacts.call(editorContext(sandbox(), DEMO_KEYS.free))).rejects.toThrow(
			'The REST API is available on the Pro plan only',
		);
	});
});
