/**
 * What one burst at one target came to: how many deliveries were answered
 * with a 2xx in time at their first attempt, how fast, what the others got,
 * and (with retries) how many never got a 2xx; then how often n8n ran each
 * event.
 */
import type { DeliveryOutcome } from './burstClient';

export interface BurstSummary {
	size: number;
	/** First attempts answered 2xx within the timeout. */
	firstAttemptOk: number;
	/** Of those 2xx answers: the median and the slowest time to the status line (ms). */
	medianOkMs?: number;
	slowestOkMs?: number;
	/** Events that got a 2xx at some attempt (equals firstAttemptOk without retries). */
	delivered: number;
	attempts: number;
	/** What the failed attempts got: "503", "timeout", "ECONNRESET"... → count. */
	failures: Record<string, number>;
	/** Successful executions n8n ran, all events together. */
	executions: number;
	/** Events that ran more than once, and delivered events that never ran. */
	ranTwice: number;
	deliveredButNotRun: number;
	/** Executions of events the client never got a 2xx for (n8n ran them, FluenzR reports them failed). */
	ranButReportedFailed: number;
}

export function median(values: number[]): number | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function failureKind(attempt: { status?: number; error?: string }): string {
	if (attempt.status !== undefined) return String(attempt.status);
	if (attempt.error?.startsWith('no answer within')) return 'timeout';
	return attempt.error ?? 'unknown';
}

export function summariseBurst(outcomes: DeliveryOutcome[], executedEventIds: string[]): BurstSummary {
	const okFirst = outcomes
		.map((outcome) => outcome.attempts[0])
		.filter((attempt) => attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300)
		.map((attempt) => attempt.durationMs);
	const failures: Record<string, number> = {};
	for (const attempt of outcomes.flatMap((outcome) => outcome.attempts)) {
		if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) continue;
		const kind = failureKind(attempt);
		failures[kind] = (failures[kind] ?? 0) + 1;
	}
	const runs = new Map<string, number>();
	for (const eventId of executedEventIds) runs.set(eventId, (runs.get(eventId) ?? 0) + 1);
	const delivered = outcomes.filter((outcome) => outcome.delivered);
	return {
		size: outcomes.length,
		firstAttemptOk: okFirst.length,
		medianOkMs: median(okFirst),
		slowestOkMs: okFirst.length > 0 ? Math.max(...okFirst) : undefined,
		delivered: delivered.length,
		attempts: outcomes.reduce((sum, outcome) => sum + outcome.attempts.length, 0),
		failures,
		executions: executedEventIds.length,
		ranTwice: [...runs.values()].filter((count) => count > 1).length,
		deliveredButNotRun: delivered.filter((outcome) => !runs.has(outcome.eventId)).length,
		ranButReportedFailed: outcomes.filter((outcome) => !outcome.delivered && runs.has(outcome.eventId)).length,
	};
}

const seconds = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);

export function describeSummary(summary: BurstSummary): string {
	const failures = Object.entries(summary.failures)
		.map(([kind, count]) => `${count}× ${kind}`)
		.join(', ');
	return (
		`${summary.firstAttemptOk}/${summary.size} 2xx in time at the first attempt (median ${seconds(summary.medianOkMs)}, slowest ${seconds(summary.slowestOkMs)}); ` +
		`${summary.delivered}/${summary.size} delivered in ${summary.attempts} attempts${failures ? ` (failed attempts: ${failures})` : ''}; ` +
		`${summary.executions} executions, ${summary.ranTwice} events ran twice, ${summary.deliveredButNotRun} delivered but not run, ${summary.ranButReportedFailed} ran but reported failed`
	);
}
