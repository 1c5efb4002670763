/**
 * The API key and webhook secrets never show in what a user, a log or n8n's
 * execution store gets: output items, error messages and descriptions, the
 * serialized error, the error as logged, and n8n's run result. Checked on the
 * failures most likely to carry a request along: 401, 400, a refused
 * connection, a dropped one, a timeout, Continue On Fail items, and the
 * trigger's activation, its checks and its refusals.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WEBHOOK_HEADERS } from '../../client/contract';
import { deliverToWebhook, runWebhookMethod, type TriggerHarnessOptions } from '../harness';
import * as signature from '../../nodes/FluenzrTrigger/signature';
import { DEMO_KEYS, signatureOf, type Fault } from '../../sandbox';
import { useSandbox } from '../nodes/Fluenzr/support';
import { activate, deactivate, triggerOptions } from '../trigger/support';
import { runFluenzrNodeWithRun } from './support/runFluenzrNode';
import { errorViews, viewsShowing, withoutNodeDefinitions } from './support/secretExposure';

/** A key FluenzR does not know: what a user with a revoked or mistyped key sends. */
const UNKNOWN_KEY = 'fz_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
/** Nothing listens there: connections are refused. */
const UNREACHABLE_BASE_URL = 'http://127.0.0.1:9/v1';
const WEBHOOK_SECRET = 'whsec_4c1d9e2b7a6f5038b2e1d0c9f8a7b6e5';

const getContacts: INodeParameters = { resource: 'contact', operation: 'getAll', limit: 5 };
const createContact: INodeParameters = { resource: 'contact', operation: 'create', email: '={{ $json.email }}' };
const createWebhook = (url: string): INodeParameters => ({
	resource: 'webhook',
	operation: 'create',
	url,
	events: ['email.replied'],
	additionalFields: { secret: WEBHOOK_SECRET },
});

describe('secrets never shown', () => {
	const sandbox = useSandbox();

	/** Runs the node into a failure; answers what can be seen of the run. */
	async function failedRun(
		parameters: INodeParameters,
		options: { apiKey?: string; baseUrl?: string; input?: IDataObject[]; fault?: Fault; continueOnFail?: boolean } = {},
	) {
		if (options.fault) sandbox().injectFault({ fault: options.fault });
		const result = await runFluenzrNodeWithRun(
			{ ...parameters, requestOptions: { timeout: 300 } },
			{
				baseUrl: options.baseUrl ?? sandbox().baseUrl,
				apiKey: options.apiKey,
				input: options.input,
				continueOnFail: options.continueOnFail ? 'continueRegularOutput' : undefined,
			},
		);
		const failure = result.error ?? result.output.find((item) => item.error)?.error;
		expect(failure).toBeDefined();
		return { ...errorViews(failure), 'output items': result.output, 'n8n run result': result.run };
	}

	/** Where the credential's secrets show, if anywhere, after a failed run. */
	async function exposures(secrets: Record<string, string>, ...run: Parameters<typeof failedRun>) {
		return viewsShowing(secrets, await failedRun(...run));
	}

	/**
	 * Where a secret typed into a node parameter shows, outside the workflow's
	 * own definition (which n8n keeps, parameters and all, with the execution
	 * and on every node error, whatever the node does).
	 */
	async function exposuresOutsideTheWorkflow(secrets: Record<string, string>, ...run: Parameters<typeof failedRun>) {
		const { 'logged error': _carriesTheNode, ...views } = await failedRun(...run);
		return viewsShowing(secrets, { ...views, 'n8n run result': withoutNodeDefinitions(views['n8n run result']) });
	}

	describe('the API key, in the node', () => {
		it('is not shown when FluenzR refuses it (401)', async () => {
			expect(await exposures({ 'API key': UNKNOWN_KEY }, getContacts, { apiKey: UNKNOWN_KEY })).toEqual([]);
		});

		it('is not shown when FluenzR refuses the input (400)', async () => {
			const shown = await exposures({ 'API key': DEMO_KEYS.pro }, createContact, { input: [{ email: 'not-an-email' }] });
			expect(shown).toEqual([]);
		});

		it('is not shown when the connection is refused', async () => {
			const shown = await exposures({ 'API key': DEMO_KEYS.pro }, getContacts, { baseUrl: UNREACHABLE_BASE_URL });
			expect(shown).toEqual([]);
		});

		it('is not shown when the connection drops', async () => {
			expect(await exposures({ 'API key': DEMO_KEYS.pro }, getContacts, { fault: { type: 'drop' } })).toEqual([]);
		});

		it('is not shown when FluenzR does not answer in time', async () => {
			expect(await exposures({ 'API key': DEMO_KEYS.pro }, getContacts, { fault: { type: 'hang' } })).toEqual([]);
		});

		it('is not shown in Continue On Fail items, failed or not', async () => {
			const shown = await exposures({ 'API key': DEMO_KEYS.pro }, createContact, {
				input: [{ email: 'ada@ok.io' }, { email: 'not-an-email' }, { email: 'bob@ok.io' }],
				continueOnFail: true,
			});
			expect(shown).toEqual([]);
		});
	});

	describe('a webhook secret given to Webhook → Create, and the API key', () => {
		const apiKey = { 'API key': DEMO_KEYS.pro };
		const webhookSecret = { 'webhook secret': WEBHOOK_SECRET };

		it('are not shown when FluenzR refuses the webhook (400)', async () => {
			const refused = createWebhook('ftp://hooks.example.com/fluenzr');
			expect(await exposures(apiKey, refused)).toEqual([]);
			expect(await exposuresOutsideTheWorkflow(webhookSecret, refused)).toEqual([]);
		});

		it('are not shown when the connection drops', async () => {
			const dropped = createWebhook('https://hooks.example.com/fluenzr');
			expect(await exposures(apiKey, dropped, { fault: { type: 'drop' } })).toEqual([]);
			expect(await exposuresOutsideTheWorkflow(webhookSecret, dropped, { fault: { type: 'drop' } })).toEqual([]);
		});

		it('are not shown when FluenzR fails (500), with Continue On Fail', async () => {
			const failing = createWebhook('https://hooks.example.com/fluenzr');
			const options = { fault: { type: 'status', status: 500 } as Fault, continueOnFail: true };
			expect(await exposures(apiKey, failing, options)).toEqual([]);
			expect(await exposuresOutsideTheWorkflow(webhookSecret, failing, options)).toEqual([]);
		});
	});

	describe('the trigger’s API key and webhook secret', () => {
		let generatedSecrets: jest.SpyInstance<string, []>;
		beforeEach(() => {
			generatedSecrets = jest.spyOn(signature, 'generateWebhookSecret');
		});
		afterEach(() => generatedSecrets.mockRestore());

		/** Every secret the trigger generated so far, and the API key. */
		function triggerSecrets(apiKey: string = DEMO_KEYS.pro): Record<string, string> {
			const secrets: Record<string, string> = { 'API key': apiKey };
			generatedSecrets.mock.results.forEach(({ value }, n) => (secrets[`webhook secret ${n + 1}`] = value as string));
			return secrets;
		}

		async function failure(method: Promise<unknown>): Promise<unknown> {
			return await method.then(
				() => {
					throw new Error('expected the webhook method to fail');
				},
				(error: unknown) => error,
			);
		}

		it.each<[string, Fault]>([
			['FluenzR fails (500)', { type: 'status', status: 500 }],
			['the connection drops', { type: 'drop' }],
			['FluenzR answers without the webhook', { type: 'noData' }],
		])('are not shown when activation fails because %s', async (_what, fault) => {
			sandbox().injectFault({ match: { method: 'POST', path: '/webhooks' }, fault });
			const error = await failure(runWebhookMethod({ ...triggerOptions(sandbox(), { events: ['*'] }), method: 'create' }));

			expect(generatedSecrets).toHaveBeenCalledTimes(1);
			expect(viewsShowing(triggerSecrets(), errorViews(error))).toEqual([]);
		});

		it('are not shown when activation fails on an unknown key (401)', async () => {
			const trigger = triggerOptions(sandbox(), { events: ['*'], apiKey: UNKNOWN_KEY });
			const error = await failure(runWebhookMethod({ ...trigger, method: 'create' }));
			expect(viewsShowing(triggerSecrets(UNKNOWN_KEY), errorViews(error))).toEqual([]);
		});

		it.each<[string, Fault]>([
			['FluenzR fails (503)', { type: 'status', status: 503 }],
			['the connection drops', { type: 'drop' }],
		])('are not shown when checking the webhook fails because %s', async (_what, fault) => {
			const trigger = triggerOptions(sandbox(), { events: ['*'], staticData: {} });
			await activate(trigger);
			sandbox().injectFault({ match: { method: 'GET', path: '/webhooks' }, fault });

			const error = await failure(runWebhookMethod({ ...trigger, method: 'checkExists' }));

			expect(viewsShowing(triggerSecrets(), errorViews(error))).toEqual([]);
		});

		it('are not shown when deactivation fails', async () => {
			const trigger = triggerOptions(sandbox(), { events: ['*'], staticData: {} });
			await activate(trigger);
			sandbox().injectFault({ match: { method: 'DELETE', path: '/webhooks' }, fault: { type: 'status', status: 500 } });

			const error = await failure(deactivate(trigger));

			expect(viewsShowing(triggerSecrets(), errorViews(error))).toEqual([]);
		});

		it('are not shown, nor the expected signature, when a delivery is refused', async () => {
			const staticData: IDataObject = {};
			const trigger: TriggerHarnessOptions = triggerOptions(sandbox(), { events: ['*'], staticData });
			await activate(trigger);
			const rawBody = Buffer.from(JSON.stringify({ id: 'evt_1', event: 'email.replied', data: {} }));

			const refused = await deliverToWebhook({
				...trigger,
				request: { rawBody, headers: { 'content-type': 'application/json', [WEBHOOK_HEADERS.signature]: 'sha256=00' } },
			});

			expect(refused.statusCode).toBe(401);
			const expectedSignature = signatureOf(rawBody, staticData.secret as string);
			const secrets = { ...triggerSecrets(), 'expected signature': expectedSignature.slice('sha256='.length) };
			expect(viewsShowing(secrets, { 'answer to the sender': refused.responseBody })).toEqual([]);
		});
	});
});
