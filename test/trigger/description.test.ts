import codex from '../../nodes/FluenzrTrigger/FluenzrTrigger.node.json';
import { Fluenzr } from '../../nodes/Fluenzr/Fluenzr.node';
import { FluenzrTrigger } from '../../nodes/FluenzrTrigger/FluenzrTrigger.node';

const { description } = new FluenzrTrigger();

describe('the trigger as n8n sees it', () => {
	it('is a webhook trigger without inputs, using the FluenzR API credential', () => {
		expect(description).toMatchObject({
			name: 'fluenzrTrigger',
			displayName: 'FluenzR Trigger',
			group: ['trigger'],
			version: 1,
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'fluenzrApi', required: true }],
			icon: { light: 'file:fluenzr.svg', dark: 'file:fluenzr.dark.svg' },
		});
	});

	it('receives deliveries with one POST webhook that answers at once', () => {
		expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }]);
	});

	it('describes the FluenzR entry of n8n’s node panel, which shows the trigger’s description for both nodes', () => {
		const actionNode = new Fluenzr().description;
		expect(description.description).toContain(actionNode.description);
		expect(description.description).toMatch(/FluenzR events/);
	});

	it('is not offered to AI agents as a tool', () => {
		expect(description.usableAsTool).toBeUndefined();
	});

	it('requires at least one event and offers a campaign filter and the output shape as options', () => {
		const events = description.properties.find((property) => property.name === 'events');
		const options = description.properties.find((property) => property.name === 'options');
		expect(events).toMatchObject({ type: 'multiOptions', required: true });
		expect(options?.options?.map((option) => option.name)).toEqual(['campaignId', 'outputData']);
	});

	it('ships a codex file that files it under Marketing and Communication and links its documentation', () => {
		expect(codex).toMatchObject({
			node: 'n8n-nodes-fluenzr.fluenzrTrigger',
			categories: ['Marketing', 'Communication'],
			resources: { primaryDocumentation: [{ url: 'https://github.com/fluenzr/n8n-nodes-fluenzr#trigger' }] },
		});
	});

	it("tells, in n8n 2.x's and 1.x's words, that FluenzR must reach the workflow's URL and which setting makes it public", () => {
		const notices = description.properties.filter((property) => property.type === 'notice').map((notice) => notice.displayName);
		expect(notices).toEqual([expect.stringMatching(/published \(n8n 1\.x: active\).*N8N_WEBHOOK_URL \(n8n 1\.x: WEBHOOK_URL\)/)]);
	});
});
