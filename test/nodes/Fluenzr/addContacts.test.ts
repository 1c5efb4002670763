/**
 * Group → Add Contacts and Campaign → Add Contacts with more contact IDs than
 * FluenzR takes in one request (1,000): the list goes in chunks, in order,
 * one request after the other, and each input item gets one answer with the
 * totals, or one error saying which chunks went through.
 */
import type { NodeApiError } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { api, byId, runFluenzr, runFluenzrOk, useSandbox } from './support';

describe('Fluenzr node, Add Contacts in chunks of 1,000', () => {
	const sandbox = useSandbox();

	async function newGroup(name = 'CRM import'): Promise<string> {
		return (await api(sandbox()).post('/groups', { name })).data.id as string;
	}

	async function newCampaign(name = 'CRM sequence'): Promise<string> {
		return (await api(sandbox()).post('/campaigns', { name, emailAccountId: 'acc_1' })).data.id as string;
	}

	/** Contacts that exist in FluenzR, in the order they were made. */
	function existingContacts(count: number): string[] {
		return sandbox().seed({ contacts: count }).contactIds;
	}

	const addToGroup = (groupId: string, contactIds: string) => ({
		resource: 'group',
		operation: 'addContacts',
		groupId: byId(groupId),
		contactIds,
	});

	const addToCampaign = (campaignId: string, contactIds: string) => ({
		resource: 'campaign',
		operation: 'addContacts',
		campaignId: byId(campaignId),
		source: 'contactIds',
		contactIds,
	});

	/** The contact IDs of each Add Contacts request FluenzR received, in order. */
	function sentChunks(path: string): string[][] {
		return sandbox()
			.requests({ method: 'POST', pathPrefix: path })
			.map((request) => (request.body as { contactIds: string[] }).contactIds);
	}

	const membersOf = (box: Sandbox, groupId: string) => [...(box.store.account().groups.get(groupId)?.memberIds ?? [])];

	it('adds 5,000 contacts given as one array in 5 requests of 1,000, in order, and answers one item with the totals', async () => {
		const groupId = await newGroup();
		const ids = existingContacts(5000);

		const result = await runFluenzr(sandbox(), addToGroup(groupId, '={{ $json.ids }}'), { input: [{ ids }] });

		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1);
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		expect(result.output[0].json).toMatchObject({ id: groupId, name: 'CRM import', added: 5000, contactCount: 5000, chunks: 5 });
		const chunks = sentChunks(`/groups/${groupId}/contacts`);
		expect(chunks.map((chunk) => chunk.length)).toEqual([1000, 1000, 1000, 1000, 1000]);
		expect(chunks.flat()).toEqual(ids);
		expect(new Set(membersOf(sandbox(), groupId))).toEqual(new Set(ids));
	});

	it('adds 2,500 contacts given as text separated by commas in 3 requests, the last of 500', async () => {
		const groupId = await newGroup();
		const ids = existingContacts(2500);

		const [answer] = await runFluenzrOk(sandbox(), addToGroup(groupId, ids.join(', ')));

		expect(answer).toMatchObject({ id: groupId, added: 2500, contactCount: 2500, chunks: 3 });
		const chunks = sentChunks(`/groups/${groupId}/contacts`);
		expect(chunks.map((chunk) => chunk.length)).toEqual([1000, 1000, 500]);
		expect(chunks.flat()).toEqual(ids);
		expect(membersOf(sandbox(), groupId)).toHaveLength(2500);
	});

	it('counts only the contacts new to the group as added, over every chunk', async () => {
		const groupId = await newGroup();
		const ids = existingContacts(2500);
		// Already members: 10 contacts of chunk 1 and 5 of chunk 3.
		await api(sandbox()).post(`/groups/${groupId}/contacts`, { contactIds: [...ids.slice(0, 10), ...ids.slice(2100, 2105)] });

		const [answer] = await runFluenzrOk(sandbox(), addToGroup(groupId, '={{ $json.ids }}'), { input: [{ ids }] });

		expect(answer).toMatchObject({ added: 2485, contactCount: 2500, chunks: 3 });
	});

	it('sends a repeated ID once, at its first place, so 1,200 IDs with 300 repeats take 1 request', async () => {
		const groupId = await newGroup();
		const ids = existingContacts(900);
		const withRepeats = [...ids, ...ids.slice(0, 300)];

		const [answer] = await runFluenzrOk(sandbox(), addToGroup(groupId, '={{ $json.ids }}'), { input: [{ ids: withRepeats }] });

		expect(answer).toMatchObject({ added: 900, contactCount: 900, chunks: 1 });
		expect(sentChunks(`/groups/${groupId}/contacts`)).toEqual([ids]);
	});

	it('adds 2,500 contacts to a campaign, summing added and skipped over the chunks, with the final contact count', async () => {
		const campaignId = await newCampaign();
		const ids = existingContacts(2500);
		const contacts = sandbox().store.account().contacts;
		const subscribed = ids.filter((id) => !contacts.get(id)?.unsubscribed);
		const unsubscribed = ids.length - subscribed.length;
		expect(unsubscribed).toBeGreaterThan(0);
		// Already in the campaign: 20 subscribed contacts from chunk 2.
		const inCampaign = subscribed.filter((id) => ids.indexOf(id) >= 1000).slice(0, 20);
		await api(sandbox()).post(`/campaigns/${campaignId}/contacts`, { contactIds: inCampaign });
		sandbox().clearRequests();

		const [answer] = await runFluenzrOk(sandbox(), addToCampaign(campaignId, '={{ $json.ids }}'), { input: [{ ids }] });

		const skipped = 20 + unsubscribed;
		expect(answer).toEqual({ added: 2500 - skipped, skipped, contactCount: subscribed.length, chunks: 3 });
		expect(sentChunks(`/campaigns/${campaignId}/contacts`).map((chunk) => chunk.length)).toEqual([1000, 1000, 500]);
	});

	it('a campaign’s contacts from a group are one request, answered as FluenzR answers it', async () => {
		const campaignId = await newCampaign();
		const groupId = await newGroup();
		const ids = existingContacts(1500);
		for (const part of [ids.slice(0, 1000), ids.slice(1000)]) await api(sandbox()).post(`/groups/${groupId}/contacts`, { contactIds: part });
		sandbox().clearRequests();

		const [answer] = await runFluenzrOk(sandbox(), {
			resource: 'campaign',
			operation: 'addContacts',
			campaignId: byId(campaignId),
			source: 'group',
			groupId: byId(groupId),
		});

		expect(answer).toEqual({ added: expect.any(Number), skipped: expect.any(Number), contactCount: expect.any(Number) });
		expect(Number(answer.added) + Number(answer.skipped)).toBe(1500);
		expect(sandbox().requests()).toHaveLength(1);
	});

	describe('a chunk that fails', () => {
		it('fails the item, naming the chunk, its contacts, FluenzR’s message and the chunks that went through; later chunks are not sent', async () => {
			const groupId = await newGroup();
			const ids = existingContacts(5000);
			sandbox().injectFault({ match: { method: 'POST', path: `/groups/${groupId}/contacts` }, after: 2, fault: { type: 'status', status: 500 } });

			const result = await runFluenzr(sandbox(), addToGroup(groupId, '={{ $json.ids }}'), { input: [{ ids }] });

			expect(result.error?.message).toBe(
				'Chunk 3 of 5 failed (contacts 2,001–3,000): Injected fault: HTTP 500; chunks 1–2 went through (FluenzR added 2,000), chunks 4–5 were not sent',
			);
			const { description } = result.error as NodeApiError;
			expect(description).toContain('Group → Add Contacts (POST /groups/');
			expect(description).toContain(`chunk 3 runs from ${ids[2000]} to ${ids[2999]}`);
			expect(description).toContain('Before it, chunks 1–2 went through (added 2,000); what they added stays in FluenzR.');
			expect(description).toContain('run the item again with the same list');
			expect(description).toContain('or with only the contacts from 2,001 on');
			expect(sentChunks(`/groups/${groupId}/contacts`)).toHaveLength(3);
			expect(new Set(membersOf(sandbox(), groupId))).toEqual(new Set(ids.slice(0, 2000)));
		});

		it('says what FluenzR answered it added, not how many IDs were sent, and puts the counts in the error’s context', async () => {
			const groupId = await newGroup();
			const ids = existingContacts(2500);
			await api(sandbox()).post(`/groups/${groupId}/contacts`, { contactIds: ids.slice(0, 300) });
			sandbox().injectFault({ match: { method: 'POST', path: `/groups/${groupId}/contacts` }, after: 2, fault: { type: 'status', status: 500 } });

			const result = await runFluenzr(sandbox(), addToGroup(groupId, '={{ $json.ids }}'), { input: [{ ids }] });

			expect(result.error?.message).toBe(
				'Chunk 3 of 3 failed (contacts 2,001–2,500): Injected fault: HTTP 500; chunks 1–2 went through (FluenzR added 1,700)',
			);
			expect((result.error as NodeApiError).context).toMatchObject({ added: 1700, chunks: { failed: 3, of: 3, wentThrough: 2 } });
		});

		it('an unknown contact ID in chunk 2 of 3: FluenzR’s message names it, chunk 1 stays added, nothing of chunk 2 is', async () => {
			const groupId = await newGroup();
			const ids = existingContacts(2500);
			ids[1234] = 'ct_not_in_fluenzr';

			const result = await runFluenzr(sandbox(), addToGroup(groupId, ids.join(',')));

			expect(result.error?.message).toBe(
				'Chunk 2 of 3 failed (contacts 1,001–2,000): Unknown contact ids: ct_not_in_fluenzr; chunk 1 went through (FluenzR added 1,000), chunk 3 was not sent',
			);
			expect((result.error as NodeApiError).description).toContain('contactIds: ct_not_in_fluenzr');
			expect(new Set(membersOf(sandbox(), groupId))).toEqual(new Set(ids.slice(0, 1000)));
		});

		it('the first chunk failing: nothing before it, the other chunks not sent', async () => {
			const campaignId = await newCampaign();
			const ids = existingContacts(2001);
			sandbox().injectFault({ match: { method: 'POST', path: `/campaigns/${campaignId}/contacts` }, fault: { type: 'status', status: 503 } });

			const result = await runFluenzr(sandbox(), addToCampaign(campaignId, '={{ $json.ids }}'), { input: [{ ids }] });

			expect(result.error?.message).toBe('Chunk 1 of 3 failed (contacts 1–1,000): Injected fault: HTTP 503; chunks 2–3 were not sent');
			const { description } = result.error as NodeApiError;
			expect(description).not.toContain('Before it');
			expect(description).not.toContain('or with only the contacts from');
			expect(sentChunks(`/campaigns/${campaignId}/contacts`)).toHaveLength(1);
		});

		it('the last chunk failing names every chunk before it as gone through', async () => {
			const campaignId = await newCampaign();
			const ids = existingContacts(2001);
			sandbox().injectFault({ match: { method: 'POST', path: `/campaigns/${campaignId}/contacts` }, after: 2, fault: { type: 'status', status: 500 } });

			const result = await runFluenzr(sandbox(), addToCampaign(campaignId, '={{ $json.ids }}'), { input: [{ ids }] });

			expect(result.error?.message).toMatch(/^Chunk 3 of 3 failed \(contacts 2,001–2,001\): Injected fault: HTTP 500; chunks 1–2 went through \(FluenzR added [\d,]+\)$/);
			expect((result.error as NodeApiError).description).toMatch(/Before it, chunks 1–2 went through \(added [\d,]+, skipped [\d,]+\)/);
		});

		it('with one chunk only, the error is FluenzR’s own, without chunk numbers', async () => {
			const groupId = await newGroup();
			const ids = existingContacts(10);
			sandbox().injectFault({ match: { method: 'POST', path: `/groups/${groupId}/contacts` }, fault: { type: 'status', status: 500 } });

			const result = await runFluenzr(sandbox(), addToGroup(groupId, ids.join(',')));

			expect(result.error?.message).toBe('Injected fault: HTTP 500');
		});

		it('with Continue On Fail, that item gets one error item paired to it, and the items before and after it their totals', async () => {
			const groupIds = [await newGroup('First'), await newGroup('Second'), await newGroup('Third')];
			const ids = existingContacts(1500);
			sandbox().injectFault({ match: { method: 'POST', path: `/groups/${groupIds[1]}/contacts` }, after: 1, fault: { type: 'status', status: 500 } });

			const result = await runFluenzr(sandbox(), addToGroup('={{ $json.groupId }}', '={{ $json.ids }}'), {
				input: groupIds.map((groupId) => ({ groupId, ids })),
				continueOnFail: 'continueRegularOutput',
			});

			expect(result.error).toBeUndefined();
			expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(result.output[0].json).toMatchObject({ id: groupIds[0], added: 1500, chunks: 2 });
			expect(result.output[1].json).toEqual({
				error: 'Chunk 2 of 2 failed (contacts 1,001–1,500): Injected fault: HTTP 500; chunk 1 went through (FluenzR added 1,000)',
			});
			expect(result.output[2].json).toMatchObject({ id: groupIds[2], added: 1500, chunks: 2 });
			expect(groupIds.map((groupId) => membersOf(sandbox(), groupId).length)).toEqual([1500, 1000, 1500]);
		});

		it('with Continue On Fail (error output), the error item goes to the error output, paired to its item', async () => {
			const groupIds = [await newGroup('First'), await newGroup('Second')];
			const ids = existingContacts(1001);
			sandbox().injectFault({ match: { method: 'POST', path: `/groups/${groupIds[0]}/contacts` }, after: 1, fault: { type: 'status', status: 500 } });

			const result = await runFluenzr(sandbox(), addToGroup('={{ $json.groupId }}', '={{ $json.ids }}'), {
				input: groupIds.map((groupId) => ({ groupId, ids })),
				continueOnFail: 'continueErrorOutput',
			});

			expect(result.output.map((item) => [item.pairedItem, item.json.added])).toEqual([[{ item: 1 }, 1001]]);
			expect(result.errorOutput.map((item) => [item.pairedItem, item.json.error])).toEqual([
				[{ item: 0 }, 'Chunk 2 of 2 failed (contacts 1,001–1,001): Injected fault: HTTP 500; chunk 1 went through (FluenzR added 1,000)'],
			]);
		});
	});

	it('a 429 on chunk 2 is waited out and that chunk sent again by the request path; the totals count it once', async () => {
		const groupId = await newGroup();
		const ids = existingContacts(2500);
		sandbox().injectFault({ match: { method: 'POST', path: `/groups/${groupId}/contacts` }, after: 1, fault: { type: 'rateLimited', retryAfter: 0 } });

		const [answer] = await runFluenzrOk(sandbox(), addToGroup(groupId, '={{ $json.ids }}'), { input: [{ ids }] });

		expect(answer).toMatchObject({ added: 2500, chunks: 3 });
		const requests = sandbox().requests({ method: 'POST', pathPrefix: `/groups/${groupId}/contacts` });
		expect(requests.map((request) => [request.status, (request.body as { contactIds: string[] }).contactIds[0]])).toEqual([
			[200, ids[0]],
			[429, ids[1000]],
			[200, ids[1000]],
			[200, ids[2000]],
		]);
	});

	it('refuses an empty list before sending anything, naming the field', async () => {
		const groupId = await newGroup();
		sandbox().clearRequests();

		const result = await runFluenzr(sandbox(), addToGroup(groupId, '={{ $json.ids }}'), { input: [{ ids: [] }] });

		expect(result.error?.message).toBe('The Contact IDs field is empty');
		expect(sandbox().requests()).toHaveLength(0);
	});
});
