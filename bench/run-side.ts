/**
 * One side of one scenario, in a fresh process so that its memory figures
 * are the client's alone:
 *
 *   BENCH_SIDE_REQUEST='<SideRequest JSON>' node --expose-gc --import tsx bench/run-side.ts <scenario> <node|plain>
 *
 * Prints one line of JSON (a SideReport) on stdout. The parent
 * (node-vs-plain.bench.ts) starts it; it is not meant to be run by hand.
 */
import 'reflect-metadata';

import { runScript } from '../scripts/lib/runScript';

import { contactInputs, SIDES, type Job, type Side, type SideReport, type SideRequest } from './jobs';
import { startMemoryProbe } from './memoryProbe';
import type { JobResult } from './sides/jobResult';

/** Whether every record answers its own input item, in input order (for a list: the one input item). */
function pairedInOrder(job: Job, result: JobResult): boolean {
	if (job.kind === 'listContacts') return result.pairedTo.every((index) => index === 0);
	const increasing = result.pairedTo.every((index, position) => position === 0 || index > result.pairedTo[position - 1]);
	const inputs = job.kind === 'createContacts' ? contactInputs(job.count, job.emailDomain) : job.campaignIds;
	const matchesInput = result.records.every((record, position) => {
		const input = inputs[result.pairedTo[position]];
		if (job.kind === 'createContacts') return String(record.email).toLowerCase() === (input as { email: string }).email;
		return record.campaignId === input;
	});
	return increasing && matchesInput;
}

async function main(): Promise<void> {
	const [scenario, side] = process.argv.slice(2) as [string, Side];
	if (!scenario || !SIDES.includes(side)) throw new Error('Usage: run-side.ts <scenario> <node|plain>');
	const request = JSON.parse(process.env.BENCH_SIDE_REQUEST ?? '') as SideRequest;

	// Each side loads only its own code: the plain loop never pays for n8n's modules.
	const { runSide, warmUp } =
		side === 'node'
			? await import('./sides/nodeSide').then((m) => ({ runSide: m.runNodeSide, warmUp: m.warmUpNodeSide }))
			: await import('./sides/plainSide').then((m) => ({ runSide: m.runPlainSide, warmUp: m.warmUpPlainSide }));
	await warmUp(request);

	const memory = startMemoryProbe();
	const cpuBefore = process.cpuUsage();
	const startedAtMs = Date.now();
	let result: JobResult | undefined;
	let error: string | undefined;
	try {
		result = await runSide(request.job, request);
	} catch (caught) {
		error = (caught as Error).message;
	}
	const finishedAtMs = Date.now();
	const cpu = process.cpuUsage(cpuBefore);
	// Measured while `result` is still referenced (it is read below): what holding the job's output costs.
	const memoryFigures = memory.finish();
	const report: SideReport = {
		side,
		wallMs: finishedAtMs - startedAtMs,
		cpuMs: Math.round((cpu.user + cpu.system) / 1000),
		startedAtMs,
		finishedAtMs,
		items: result?.records.length ?? 0,
		failedItems: result?.failedItems ?? 0,
		pairedInOrder: result ? pairedInOrder(request.job, result) : false,
		distinctIds: new Set(result?.records.map((record) => record.id ?? record.campaignId)).size,
		memory: memoryFigures,
		...(error !== undefined && { error }),
	};
	process.stdout.write(`${JSON.stringify(report)}\n`);
}

runScript(main);
