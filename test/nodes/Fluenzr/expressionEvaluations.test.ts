/**
 * How many expressions n8n's engine evaluates per item. Each evaluation costs
 * a fraction of a millisecond and the engine makes them all before sending
 * any request, so on a run of thousands of items they are most of the time
 * the node spends (see README, Performance). These tests hold the node to
 * what its description makes the engine do: a count, not a time.
 */
import { WorkflowExpression } from 'n8n-workflow';

import { byId, runFluenzrOk, useSandbox } from './support';

const ITEMS = 5;

/**
 * What the engine cannot avoid: it evaluates every parameter's raw value
 * twice per item (once to build the request, once to check which host the
 * base URL names). Neither the node's base URL nor the credential's
 * Authorization header is an expression: they would cost two more per item
 * and one more per request.
 */
const ENGINE_EVALUATIONS_PER_ITEM = (expressionsInParameters: number) => 2 * expressionsInParameters;

async function countEvaluations(run: () => Promise<unknown>): Promise<number> {
	const spy = jest.spyOn(WorkflowExpression.prototype, 'resolveSimpleParameterValue');
	try {
		await run();
		return spy.mock.calls.filter(([value]) => typeof value === 'string' && value.startsWith('=')).length;
	} finally {
		spy.mockRestore();
	}
}

describe('Fluenzr node, expressions evaluated per item', () => {
	const sandbox = useSandbox();

	it('an operation on a record by ID: the ID expression is read once more than the engine must, and the URL needs none', async () => {
		const { campaignIds } = sandbox().seed({ contacts: 10, groups: 1, campaigns: ITEMS });
		const input = campaignIds.map((campaignId) => ({ campaignId }));

		const evaluations = await countEvaluations(() =>
			runFluenzrOk(sandbox(), { resource: 'campaign', operation: 'getStats', campaignId: byId('={{ $json.campaignId }}') }, { input }),
		);

		expect(evaluations / ITEMS).toBe(ENGINE_EVALUATIONS_PER_ITEM(1) + 1);
	});

	it('a create with four mapped fields: each is read for the body once more than the engine must', async () => {
		const input = Array.from({ length: ITEMS }, (_, i) => ({ email: `lead${i}@eval.io`, first: `Lead${i}`, last: 'Count', company: 'Eval' }));

		const evaluations = await countEvaluations(() =>
			runFluenzrOk(
				sandbox(),
				{
					resource: 'contact',
					operation: 'create',
					email: '={{ $json.email }}',
					additionalFields: { firstName: '={{ $json.first }}', lastName: '={{ $json.last }}', company: '={{ $json.company }}' },
				},
				{ input },
			),
		);

		// Each field's routing makes the engine read it in both of its passes: two reads per field.
		expect(evaluations / ITEMS).toBe(ENGINE_EVALUATIONS_PER_ITEM(4) + 2 * 4);
	});

	it('the same create with its fields mapped automatically: no expression at all', async () => {
		const input = Array.from({ length: ITEMS }, (_, i) => ({ email: `auto${i}@eval.io`, firstName: `Lead${i}`, lastName: 'Count', company: 'Eval' }));

		const evaluations = await countEvaluations(() =>
			runFluenzrOk(sandbox(), { resource: 'contact', operation: 'create', contactMapping: 'auto' }, { input }),
		);

		expect(evaluations / ITEMS).toBe(ENGINE_EVALUATIONS_PER_ITEM(0));
	});

	it('a Get Many looking up each item’s email: the filter is read once per pass, as Create’s fields are', async () => {
		const input = Array.from({ length: ITEMS }, (_, i) => ({ email: `lookup${i}@eval.io` }));

		const evaluations = await countEvaluations(() =>
			runFluenzrOk(
				sandbox(),
				{ resource: 'contact', operation: 'getAll', returnAll: false, limit: 1, filters: { email: '={{ $json.email }}' } },
				{ input },
			),
		);

		expect(evaluations / ITEMS).toBe(ENGINE_EVALUATIONS_PER_ITEM(1) + 2);
	});
});
