import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runNode, type RunNodeOptions } from './index';
import { startFixtureApiServer, type FixtureApiServer } from './fixtures/fixture-api-server';
import { HarnessEcho } from './fixtures/HarnessEcho.node';
import { HarnessEchoApi } from './fixtures/HarnessEchoApi.credentials';

/** Two items, the second of which the API answers 404. */
const ONE_MISSING = [{ id: 'a' }, { id: 'missing' }];

describe('runNode runs a declarative node through n8n-core', () => {
	let api: FixtureApiServer;

	beforeEach(async () => {
		api = await startFixtureApiServer();
	});

	afterEach(async () => {
		await api.stop();
	});

	function runEcho(options: Partial<RunNodeOptions>) {
		return runNode({
			node: new HarnessEcho(),
			parameters: { thingId: '={{ $json.id }}' },
			credentials: { apiKey: 'secret-key', baseUrl: api.baseUrl },
			credentialTypes: [new HarnessEchoApi()],
			...options,
		});
	}

	it('sends the Authorization header that the credential type’s generic authenticate defines', async () => {
		await runEcho({ input: [{ id: 'a' }] });

		expect(api.requests[0].headers.authorization).toBe('Bearer secret-key');
	});

	it('knows our FluenzR API credential type without being told', async () => {
		const node = new HarnessEcho();
		node.description = { ...node.description, credentials: [{ name: 'fluenzrApi', required: true }] };

		await runEcho({ node, input: [{ id: 'a' }], credentialTypes: [] });

		expect(api.requests[0].headers.authorization).toBe('Bearer secret-key');
	});

	it('resolves parameter expressions against each input item', async () => {
		await runEcho({ input: [{ id: 'a' }, { id: 'b' }] });

		expect(api.requests.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(['GET /things/a', 'GET /things/b']);
	});

	it('returns one output item per input item, each paired with its input item', async () => {
		const { output, executionStatus } = await runEcho({ input: [{ id: 'a' }, { id: 'b' }] });

		expect(executionStatus).toBe('success');
		expect(output).toEqual([
			{ json: { id: 'a', name: 'Thing a' }, pairedItem: { item: 0 } },
			{ json: { id: 'b', name: 'Thing b' }, pairedItem: { item: 1 } },
		]);
	});

	it('runs the highest version of the node unless told otherwise', async () => {
		await runEcho({ input: [{ id: 'a' }] });
		await runEcho({ input: [{ id: 'a' }], typeVersion: 1 });

		expect(api.requests.map(({ headers }) => headers['x-node-version'])).toEqual(['2', '1']);
	});

	it('fails the run with n8n’s NodeApiError when the API answers 404', async () => {
		const { error, executionStatus, output } = await runEcho({ input: ONE_MISSING });

		expect(executionStatus).toBe('error');
		expect(output).toEqual([]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ httpCode: '404', message: 'The resource you are requesting could not be found' });
	});

	it('with "continue", puts the failed item in the main output with its error message', async () => {
		const { output, executionStatus } = await runEcho({ input: ONE_MISSING, continueOnFail: 'continueRegularOutput' });

		expect(executionStatus).toBe('success');
		expect(output.map(({ json }) => json)).toEqual([
			{ id: 'a', name: 'Thing a' },
			{ error: 'The resource you are requesting could not be found' },
		]);
		expect(output[1].error).toBeInstanceOf(NodeApiError);
	});

	it('with "continue (using error output)", routes the failed item to the error output', async () => {
		const { output, errorOutput } = await runEcho({ input: ONE_MISSING, continueOnFail: 'continueErrorOutput' });

		expect(output.map(({ json }) => json)).toEqual([{ id: 'a', name: 'Thing a' }]);
		expect(errorOutput.map(({ json }) => json)).toEqual([{ error: 'The resource you are requesting could not be found' }]);
	});

	it('runs the node without credentials when none are given, as n8n does with none selected', async () => {
		const { error, executionStatus } = await runEcho({ input: [{ id: 'a' }], credentials: undefined });

		expect(executionStatus).toBe('error');
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Node does not have any credentials set');
		expect(api.requests).toEqual([]);
	});

	it('retries a request answered 401 once, as n8n does after refreshing the credential', async () => {
		const { error } = await runEcho({ input: [{ id: 'forbidden' }] });

		expect(error).toBeInstanceOf(NodeApiError);
		expect(api.requests.map(({ path }) => path)).toEqual(['/things/forbidden', '/things/forbidden']);
	});

	it('refuses to run a node whose required parameter is empty, as n8n does', async () => {
		const { error, executionStatus } = await runEcho({ parameters: {} });

		expect(executionStatus).toBe('error');
		expect(error?.message).toContain('Parameter "Thing ID" is required');
		expect(api.requests).toEqual([]);
	});
});
