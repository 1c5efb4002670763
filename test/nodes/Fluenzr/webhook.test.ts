import { api, runFluenzrOk, useSandbox } from './support';

describe('Fluenzr node, Webhook resource', () => {
	const sandbox = useSandbox();

	it('creates a webhook and never shows its secret back', async () => {
		const [webhook] = await runFluenzrOk(sandbox(), {
			resource: 'webhook',
			operation: 'create',
			url: 'https://hooks.example.com/fluenzr',
			events: ['email.replied', 'email.bounced'],
			additionalFields: { secret: 'a-very-secret-signing-key' },
		});
		expect(webhook).toMatchObject({
			url: 'https://hooks.example.com/fluenzr',
			events: ['email.replied', 'email.bounced'],
			active: true,
		});
		expect(JSON.stringify(webhook)).not.toContain('a-very-secret-signing-key');
	});

	it('lists the webhooks of the account', async () => {
		await api(sandbox()).post('/webhooks', { url: 'https://a.example.com/h', events: ['*'] });
		await api(sandbox()).post('/webhooks', { url: 'https://b.example.com/h', events: ['contact.created'] });
		const webhooks = await runFluenzrOk(sandbox(), { resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(webhooks.map((webhook) => webhook.url)).toEqual(['https://a.example.com/h', 'https://b.example.com/h']);
	});

	it('deletes a webhook', async () => {
		const created = await api(sandbox()).post('/webhooks', { url: 'https://c.example.com/h', events: ['*'] });
		const [answer] = await runFluenzrOk(sandbox(), {
			resource: 'webhook',
			operation: 'delete',
			webhookId: created.data.id,
		});
		expect(answer).toEqual({ id: created.data.id, deleted: true });
		expect((await api(sandbox()).get('/webhooks')).meta.total).toBe(0);
	});
});
