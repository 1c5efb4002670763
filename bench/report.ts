/** The benchmark's figures as tables, and each target with whether it was met. */
import type { Side } from './jobs';
import type { Measurement } from './measureSide';
import { RATE_LIMIT_SCENARIO_ID, TIGHT_RATE_LIMIT } from './scenarios';
import type { Table } from './table';

/** Targets from the brief: node time within 1.2× of the plain loop (scenarios 1–3), within 1.15× of the floor (5). */
export const MAX_NODE_TO_PLAIN = 1.2;
export const MAX_RATIO_TO_FLOOR = 1.15;
/** "Roughly proportional": memory per 1,000 records at 100,000 within this factor of the figure at 10,000. */
export const PROPORTIONALITY_FACTOR = 1.5;
const TIME_TARGET_SCENARIOS = ['1', '2', '3'];
const MEMORY_SCENARIOS = ['1', '4'];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (mb: number) => `${mb.toFixed(1)} MB`;
const ratio = (value: number) => `${value.toFixed(2)}×`;

function find(measurements: Measurement[], scenarioId: string, side: Side): Measurement | undefined {
	return measurements.find((m) => m.scenario.id === scenarioId && m.side === side);
}

function nodeToPlain(measurements: Measurement[], scenarioId: string): number | undefined {
	const node = find(measurements, scenarioId, 'node');
	const plain = find(measurements, scenarioId, 'plain');
	return node && plain ? node.report.wallMs / plain.report.wallMs : undefined;
}

/** Heap the job's output still holds after a full GC, per 1,000 records. */
function retainedPer1000(m: Measurement): number {
	return (m.report.memory.heapRetainedMb - m.report.memory.heapBeforeMb) / (m.scenario.records / 1000);
}

function wallTime(m: Measurement): string {
	if (!m.runsWallMs) return seconds(m.report.wallMs);
	const [fastest, slowest] = [m.runsWallMs[0], m.runsWallMs.at(-1) as number];
	return `${seconds(m.report.wallMs)} (median of ${m.runsWallMs.length}: ${(fastest / 1000).toFixed(2)}–${seconds(slowest)})`;
}

const sideName = (side: Side) => (side === 'node' ? 'node (n8n engine)' : 'plain axios loop');

export function resultsTable(measurements: Measurement[]): Table {
	return {
		headers: [
			'#',
			'Scenario',
			'Side',
			'Requests (min)',
			'Wall time',
			'Node/plain',
			'1st request after',
			'Client CPU',
			'Peak RSS',
			'Peak heap',
			'Heap held after',
			'Items (failed)',
		],
		rightAligned: [3, 4, 5, 6, 7, 8, 9, 10, 11],
		rows: measurements.map((m) => {
			const { report } = m;
			const timeRatio = m.side === 'node' ? nodeToPlain(measurements, m.scenario.id) : undefined;
			const held = report.memory.heapRetainedMb - report.memory.heapBeforeMb;
			return [
				m.scenario.id,
				m.scenario.title,
				sideName(m.side),
				`${m.requests} (${m.scenario.minimumRequests})`,
				wallTime(m),
				timeRatio === undefined ? '' : ratio(timeRatio),
				seconds(m.firstRequestAfterMs),
				seconds(report.cpuMs),
				megabytes(report.memory.peakRssMb),
				megabytes(report.memory.peakHeapMb),
				`${held >= 0 ? '+' : ''}${megabytes(held)}`,
				`${report.items} (${report.failedItems})${report.error ? ` error: ${report.error}` : ''}`,
			];
		}),
	};
}

export function rateLimitTable(measurements: Measurement[]): Table {
	const rows = measurements.filter((m) => m.rateLimit);
	return {
		headers: ['Side', 'Created once', 'Failed', 'Lost', 'Duplicated', '429s met', 'Wall time', 'Floor', 'Ratio to floor', 'Same, from 1st request'],
		rightAligned: [1, 2, 3, 4, 5, 6, 7, 8, 9],
		rows: rows.map(({ side, report, rateLimit: verdict }) => {
			const v = verdict as NonNullable<Measurement['rateLimit']>;
			return [
				sideName(side),
				String(v.created),
				String(report.failedItems),
				String(v.lost),
				String(v.duplicated),
				String(v.rateLimitedAnswers),
				seconds(report.wallMs),
				seconds(v.floorMs),
				ratio(v.ratioToFloor),
				ratio(v.pacingRatioToFloor),
			];
		}),
	};
}

export function memoryTable(measurements: Measurement[]): Table {
	const rows = measurements.filter((m) => MEMORY_SCENARIOS.includes(m.scenario.id));
	return {
		headers: ['#', 'Side', 'Records', 'Heap held per 1,000 records', 'Peak heap growth per 1,000', 'Peak RSS growth per 1,000'],
		rightAligned: [2, 3, 4, 5],
		rows: rows.map((m) => {
			const thousands = m.scenario.records / 1000;
			const { memory } = m.report;
			return [
				m.scenario.id,
				m.side,
				m.scenario.records.toLocaleString('en-US'),
				megabytes(retainedPer1000(m)),
				megabytes((memory.peakHeapMb - memory.heapBeforeMb) / thousands),
				megabytes((memory.peakRssMb - memory.rssBeforeMb) / thousands),
			];
		}),
	};
}

export interface TargetCheck {
	met: boolean;
	text: string;
}

export function targetChecks(measurements: Measurement[]): TargetCheck[] {
	const checks: TargetCheck[] = [];
	const atMinimum = measurements.filter((m) => m.scenario.id !== RATE_LIMIT_SCENARIO_ID);
	const extra = atMinimum.filter((m) => m.requests !== m.scenario.minimumRequests);
	checks.push({
		met: extra.length === 0,
		text: `Requests = the minimum in scenarios 1–4: ${
			extra.length === 0 ? 'every side' : extra.map((m) => `${m.scenario.id}/${m.side} made ${m.requests}, min ${m.scenario.minimumRequests}`).join('; ')
		}`,
	});
	for (const id of TIME_TARGET_SCENARIOS) {
		const value = nodeToPlain(measurements, id);
		if (value === undefined) continue;
		checks.push({ met: value <= MAX_NODE_TO_PLAIN, text: `Scenario ${id}: node time ${ratio(value)} the plain loop's (target ≤ ${MAX_NODE_TO_PLAIN}×)` });
	}
	const limited = find(measurements, RATE_LIMIT_SCENARIO_ID, 'node');
	if (limited?.rateLimit) {
		const v = limited.rateLimit;
		const failed = limited.report.failedItems;
		checks.push({
			met: failed === 0 && v.lost === 0 && v.duplicated === 0 && limited.report.pairedInOrder,
			text: `Scenario 5 (${TIGHT_RATE_LIMIT.limit} / ${TIGHT_RATE_LIMIT.windowMs / 1000} s): node ${failed} failed, ${v.lost} lost, ${v.duplicated} duplicated, items ${limited.report.pairedInOrder ? '' : 'NOT '}paired in input order (target 0 / 0 / 0, in order)`,
		});
		checks.push({
			met: v.ratioToFloor <= MAX_RATIO_TO_FLOOR,
			text: `Scenario 5: node ${seconds(limited.report.wallMs)} against a floor of ${seconds(v.floorMs)}: ${ratio(v.ratioToFloor)} (target ≤ ${MAX_RATIO_TO_FLOOR}×); from its first request: ${ratio(v.pacingRatioToFloor)}`,
		});
	}
	const small = find(measurements, '1', 'node');
	const large = find(measurements, '4', 'node');
	if (small && large) {
		const [a, b] = [retainedPer1000(small), retainedPer1000(large)];
		const factor = Math.max(a, b) / Math.max(Math.min(a, b), 0.001);
		checks.push({
			met: factor <= PROPORTIONALITY_FACTOR,
			text: `Scenario 4: node holds ${megabytes(b)} per 1,000 records at 100,000 against ${megabytes(a)} at 10,000 (proportional within ${PROPORTIONALITY_FACTOR}×: ${ratio(factor)})`,
		});
	}
	const unpaired = measurements.filter((m) => !m.report.pairedInOrder || m.report.distinctIds !== m.report.items);
	checks.push({
		met: unpaired.length === 0,
		text: `Every output record distinct and paired to its input item, in order: ${
			unpaired.length === 0 ? 'all sides' : unpaired.map((m) => `not in ${m.scenario.id}/${m.side}`).join('; ')
		}`,
	});
	return checks;
}
