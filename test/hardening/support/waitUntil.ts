import { setTimeout as pause } from 'node:timers/promises';

/**
 * Waits for something that happens after the node has given up (a delayed
 * request FluenzR carries out anyway). Polls; fails with `what` if it never
 * happens.
 */
export async function waitUntil(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
	for (const started = Date.now(); !condition(); await pause(10)) {
		if (Date.now() - started > limitMs) throw new Error(`Still waiting for ${what} after ${limitMs} ms`);
	}
}
