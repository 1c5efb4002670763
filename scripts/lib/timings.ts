/** Wall-clock timings of the slow steps, printed as they happen so a slow suite shows where the time went. */
export async function timed<T>(label: string, step: () => Promise<T> | T): Promise<T> {
	const started = Date.now();
	try {
		return await step();
	} finally {
		process.stderr.write(`[e2e] ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
	}
}
