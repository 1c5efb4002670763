import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until it returns something other than undefined. For work
 * that n8n or the sandbox finish in the background (activation, webhook
 * deliveries, executions): the wait ends as soon as the result is there,
 * and the deadline only bounds how long a broken run takes to fail.
 */
export async function eventually<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	{ timeoutMs = 60_000, intervalMs = 250 } = {},
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const result = await probe();
		if (result !== undefined) return result;
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
		await sleep(intervalMs);
	}
}
