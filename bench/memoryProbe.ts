/**
 * Memory of this (client) process around one job. Needs `--expose-gc`
 * (run-side is started with it) so that "before" and "retained" are measured
 * after a full collection rather than at the GC's whim.
 */
import type { MemoryFigures } from './jobs';

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 10;

const round = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('Run the client with node --expose-gc: memory figures need a full GC');
	gc();
	gc();
}

export interface MemoryProbe {
	/** Call at the end of the job, while its result is still referenced. */
	finish(): MemoryFigures;
}

/** Starts sampling the heap; the peak RSS comes from the kernel (getrusage), which sees every spike. */
export function startMemoryProbe(): MemoryProbe {
	collectGarbage();
	const before = process.memoryUsage();
	let peakHeap = before.heapUsed;
	const sampler = setInterval(() => {
		peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
	}, SAMPLE_EVERY_MS);
	return {
		finish() {
			clearInterval(sampler);
			peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
			collectGarbage();
			return {
				heapBeforeMb: round(before.heapUsed),
				peakHeapMb: round(peakHeap),
				heapRetainedMb: round(process.memoryUsage().heapUsed),
				// maxRSS is in kilobytes.
				peakRssMb: round(process.resourceUsage().maxRSS * 1024),
				rssBeforeMb: round(before.rss),
			};
		},
	};
}
