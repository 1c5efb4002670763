/**
 * The fault matrix: every way FluenzR (or the network in front of it) can
 * fail, against each kind of operation. Three input items, the fault meeting
 * one; with Continue On Fail the user must get one clear error paired to that
 * item, the two others done, no item lost and no record created twice.
 *
 * Each cell runs against its own sandbox. The trigger's cells start together
 * before the others and are checked last: two of them wait out the trigger's
 * 30 s activation timeout, which then costs no more wall time than the rest
 * of the matrix. The node's cells run one at a time, so that their short
 * timeout never meets a busy event loop.
 */
import type { IDataObject, INodeExecutionData, IPairedItemData, NodeApiError } from 'n8n-workflow';

import { DIRECT_REQUEST_TIMEOUT_MS as ACTIVATION_TIMEOUT_MS } from '../../client/request';
import { runWebhookMethod } from '../harness';
import { GENEROUS_RATE_LIMIT } from '../nodes/Fluenzr/support';
import { startSandbox, type Fault, type Sandbox } from '../../sandbox';
import { remoteWebhooks, triggerOptions } from '../trigger/support';
import { ITEM_OPERATIONS, type ItemOperation } from './support/itemOperations';
import { OutcomeMatrix, type CellOutcome } from './support/outcomeMatrix';
import { runFluenzrNode } from './support/runFluenzrNode';
import { duplicateRecords } from './support/storeCensus';
import { waitUntil } from './support/waitUntil';

/** The node's Request Options → Timeout in every cell, so that a hang costs little. */
// Long enough that a loaded CI machine (two jest workers, two cores) never trips it on a healthy answer.
const NODE_TIMEOUT_MS = 1500;

interface MatrixFault {
	name: string;
	/** The fault as the node meets it; the trigger meets `activationFault` when given. */
	fault: Fault;
	activationFault?: Fault;
	/** The HTTP status the error carries, when something answered. */
	status?: number;
	/** The error message the user reads: FluenzR's own when it sent one. */
	message: string | RegExp;
	/** The trigger's message, when it differs (it validates a registration's answer itself). */
	activationMessage?: string;
	/** What the node's error description says besides naming the operation. */
	says: string[];
	/** What it advises, for a read and for a write: whether the request may have been carried out. */
	advises?: { read: string; write: string };
	/** FluenzR carried the request out; only its answer was lost. */
	doneRemotely?: boolean;
}

const NO_ANSWER = 'The connection to FluenzR was closed before a complete answer';
const TIMED_OUT = 'FluenzR did not answer within the timeout';
const OUTCOME_UNKNOWN = ['could not be read, so the outcome is unknown'];
const NO_ANSWER_SAYS = ['got no answer'];
/** A read that failed is safe to run again; a write may have been carried out, and is checked for first. */
const OUTCOME_ADVICE = {
	read: 'The request only reads, so it is safe to run again.',
	write: 'The request may have been carried out all the same: check in FluenzR whether it took effect',
};
const UNREADABLE_REGISTRATION = 'FluenzR did not register the webhook as asked';

const FAULTS: MatrixFault[] = [
	{
		name: '500 with a JSON error',
		fault: {
			type: 'status',
			status: 500,
			body: { success: false, error: { code: 'INTERNAL_ERROR', message: 'Database unavailable' } },
		},
		status: 500,
		message: 'Database unavailable',
		says: ['failed with HTTP 500 (INTERNAL_ERROR)', 'try again later'],
		advises: OUTCOME_ADVICE,
	},
	{
		name: '502 with an HTML body',
		fault: { type: 'html', status: 502 },
		status: 502,
		message: 'FluenzR answered with a server error (HTTP 502)',
		says: ['failed with HTTP 502', 'The answer was not FluenzR JSON'],
	},
	{
		name: '503',
		fault: { type: 'status', status: 503 },
		status: 503,
		message: 'Injected fault: HTTP 503',
		says: ['failed with HTTP 503'],
	},
	{
		name: '200 whose body is not JSON',
		fault: { type: 'notJson' },
		status: 200,
		message: /^FluenzR answered HTTP 200 with a body that is not JSON/,
		activationMessage: UNREADABLE_REGISTRATION,
		says: OUTCOME_UNKNOWN,
		advises: OUTCOME_ADVICE,
	},
	{
		name: '200 without data',
		fault: { type: 'noData' },
		status: 200,
		message: 'FluenzR answered HTTP 200 with JSON without the documented "data" field',
		activationMessage: UNREADABLE_REGISTRATION,
		says: OUTCOME_UNKNOWN,
		advises: OUTCOME_ADVICE,
	},
	{
		name: 'empty 200',
		fault: { type: 'empty' },
		status: 200,
		message: 'FluenzR answered HTTP 200 with an empty body',
		activationMessage: UNREADABLE_REGISTRATION,
		says: OUTCOME_UNKNOWN,
		advises: OUTCOME_ADVICE,
	},
	{ name: 'connection dropped', fault: { type: 'drop' }, message: NO_ANSWER, says: NO_ANSWER_SAYS, advises: OUTCOME_ADVICE },
	{
		name: 'connection dropped mid-answer',
		fault: { type: 'dropMidBody' },
		message: NO_ANSWER,
		says: NO_ANSWER_SAYS,
		advises: OUTCOME_ADVICE,
	},
	{
		name: 'hangs past the timeout',
		fault: { type: 'hang' },
		message: TIMED_OUT,
		says: [...NO_ANSWER_SAYS, 'Request Options → Timeout'],
		advises: OUTCOME_ADVICE,
	},
	{
		name: 'answers after the timeout, having done it',
		fault: { type: 'delay', ms: NODE_TIMEOUT_MS + 500 },
		activationFault: { type: 'delay', ms: ACTIVATION_TIMEOUT_MS + 500 },
		message: TIMED_OUT,
		says: NO_ANSWER_SAYS,
		advises: OUTCOME_ADVICE,
		doneRemotely: true,
	},
];

const TRIGGER_ACTIVATION = 'trigger activation (webhook create)';
const matrix = new OutcomeMatrix(
	FAULTS.map((fault) => fault.name),
	[...ITEM_OPERATIONS.map((operation) => operation.name), TRIGGER_ACTIVATION],
);

/** Every cell owns a sandbox, stopped whatever happens. */
async function withSandbox<T>(work: (sandbox: Sandbox) => Promise<T>): Promise<T> {
	const sandbox = await startSandbox({ port: 0, rateLimit: GENEROUS_RATE_LIMIT });
	try {
		return await work(sandbox);
	} finally {
		await sandbox.stop();
	}
}

/** A request the sandbox delayed is carried out after the client gave up: wait for it before counting. */
async function delayedRequestsDone(sandbox: Sandbox): Promise<void> {
	await waitUntil(
		() => sandbox.requests().some((request) => request.fault === 'delay' && request.status > 0),
		'the sandbox to carry out the delayed request',
	);
}

const pairedIndex = (item: INodeExecutionData) => (item.pairedItem as IPairedItemData).item;

function expectClearError(error: NodeApiError, fault: MatrixFault, message: string | RegExp, operationLabel: string) {
	if (typeof message === 'string') expect(error.message).toBe(message);
	else expect(error.message).toMatch(message);
	expect(error.description).toContain(operationLabel);
	if (fault.status !== undefined) expect(error.httpCode).toBe(String(fault.status));
}

async function runItemCell(operation: ItemOperation, fault: MatrixFault): Promise<CellOutcome> {
	return await withSandbox(async (sandbox) => {
		const run = await operation.setUp(sandbox);
		const armed = await run.armFault(fault.fault);
		const result = await runFluenzrNode(
			{ ...run.parameters, requestOptions: { timeout: NODE_TIMEOUT_MS } },
			{ baseUrl: armed.baseUrl, input: run.input, continueOnFail: 'continueRegularOutput' },
		).finally(armed.release);
		if (fault.doneRemotely) await delayedRequestsDone(sandbox);
		expect(result.error).toBeUndefined();

		// One failed item, paired to the input item whose request met the fault.
		const failures = result.output.filter((item) => item.error);
		expect(failures).toHaveLength(1);
		const [failure] = failures;
		const failedItem = pairedIndex(failure);
		if (run.failingItem !== undefined) expect(failedItem).toBe(run.failingItem);
		const error = failure.error as NodeApiError;
		expectClearError(error, fault, fault.message, run.label(failedItem));
		for (const text of fault.says) expect(error.description).toContain(text);
		const write = run.applied(failedItem) !== undefined;
		if (fault.advises) expect(error.description).toContain(write ? fault.advises.write : fault.advises.read);
		expect(failure.json).toEqual({ error: error.message });
		// The error alone: no partial list, no half answer beside it.
		expect(result.output.filter((item) => pairedIndex(item) === failedItem)).toHaveLength(1);
		// Its change did not happen, unless FluenzR carried it out after the node gave up.
		const applied = run.applied(failedItem);
		if (applied !== undefined) expect(applied).toBe(Boolean(fault.doneRemotely));

		// The other items complete, each with all it should give.
		for (const item of run.input.keys()) {
			if (item === failedItem) continue;
			const records = result.output.filter((output) => pairedIndex(output) === item && !output.error);
			expect(records).toHaveLength(run.recordsPerItem);
			expect(new Set(records.map((record) => (record.json as IDataObject).id)).size).toBe(run.recordsPerItem);
			expect(run.applied(item)).not.toBe(false);
		}

		const answered = new Set(result.output.map(pairedIndex));
		return {
			outcome: `item ${failedItem} failed${applied ? ' (done remotely)' : ''}`,
			lost: [...run.input.keys()].filter((item) => !answered.has(item)).length,
			duplicates: duplicateRecords(sandbox),
		};
	});
}

async function runActivationCell(fault: MatrixFault): Promise<CellOutcome> {
	return await withSandbox(async (sandbox) => {
		sandbox.injectFault({ match: { method: 'POST', path: '/webhooks' }, fault: fault.activationFault ?? fault.fault });
		const staticData: IDataObject = {};
		const trigger = triggerOptions(sandbox, { events: ['email.replied'], staticData });

		const error = await runWebhookMethod({ ...trigger, method: 'create' }).then(
			() => undefined,
			(thrown: NodeApiError) => thrown,
		);
		if (fault.doneRemotely) await delayedRequestsDone(sandbox);

		expect(error).toBeDefined();
		expectClearError(error!, fault, fault.activationMessage ?? fault.message, 'Registering the FluenzR webhook');
		// Nothing half-stored: no webhook id without a verified registration behind it.
		expect(staticData).toEqual({});
		const strays = remoteWebhooks(sandbox).length;
		expect(strays).toBe(fault.doneRemotely ? 1 : 0);
		return {
			outcome: `activation failed${strays ? `, ${strays} stray webhook` : ''}`,
			lost: error ? 0 : 1,
			duplicates: duplicateRecords(sandbox),
		};
	});
}

const CELL_TIMEOUT_MS = 20_000;

/** Starts every activation cell at once (each has its own sandbox); their tests await them. */
function startActivationCells(): Map<string, Promise<CellOutcome>> {
	const cells = new Map<string, Promise<CellOutcome>>();
	for (const fault of FAULTS) {
		const cell = runActivationCell(fault);
		// Checked in the cell's own test; until then a failure must not count as unhandled.
		cell.catch(() => {});
		cells.set(fault.name, cell);
	}
	return cells;
}

describe('fault matrix: each fault against each kind of operation', () => {
	let activationCells: Map<string, Promise<CellOutcome>>;
	beforeAll(() => {
		activationCells = startActivationCells();
	});
	afterAll(() => {
		console.log(`Fault matrix (Continue On Fail, 3 input items, the fault meeting one):\n\n${matrix.render()}`);
		expect(matrix.totals()).toEqual({ cells: FAULTS.length * (ITEM_OPERATIONS.length + 1), lost: 0, duplicates: 0 });
	});

	describe.each(FAULTS)('$name', (fault) => {
		it.each(ITEM_OPERATIONS.map((operation) => ({ operation, name: operation.name })))(
			'$name: one clear error paired to the item it met, the other items done, nothing lost or duplicated',
			async ({ operation }) => {
				const cell = await runItemCell(operation, fault);
				matrix.record(fault.name, operation.name, cell);
				expect(cell).toMatchObject({ lost: 0, duplicates: 0 });
			},
			CELL_TIMEOUT_MS,
		);
	});

	describe.each(FAULTS)('$name', (fault) => {
		it(
			`${TRIGGER_ACTIVATION}: fails with a clear error, storing nothing and registering nothing twice`,
			async () => {
				const cell = await activationCells.get(fault.name)!;
				matrix.record(fault.name, TRIGGER_ACTIVATION, cell);
				expect(cell).toMatchObject({ lost: 0, duplicates: 0 });
			},
			ACTIVATION_TIMEOUT_MS + CELL_TIMEOUT_MS,
		);
	});
});
