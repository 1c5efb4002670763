/**
 * The memory of a running process and its descendants (n8n's task runner is
 * a child of `n8n execute`), from /proc: VmRSS sampled with a timestamp, so
 * that the peak can be read over the window a node ran in, and the kernel's
 * own peak (VmHWM) of the process.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface MemorySample {
	atMs: number;
	/** The process's resident set (MB). */
	rssMb: number;
	/** The process and all its descendants (MB). */
	treeRssMb: number;
}

export interface MemoryTrace {
	samples: MemorySample[];
	/** The process's own peak RSS over its whole life, as the kernel counts it (MB). */
	peakRssMb: number;
}

export interface MemorySampler {
	stop(): MemoryTrace;
}

const KB_PER_MB = 1024;

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / KB_PER_MB : undefined;
	} catch {
		return undefined; // gone
	}
}

/** Children of every thread of `pid` (a child is listed under the thread that started it). */
function childrenOf(pid: number): number[] {
	const children: number[] = [];
	try {
		for (const task of readdirSync(`/proc/${pid}/task`)) {
			const listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
			if (listed) children.push(...listed.split(/\s+/).map(Number));
		}
	} catch {
		// gone
	}
	return children;
}

function descendantsOf(pid: number): number[] {
	const found: number[] = [];
	const queue = childrenOf(pid);
	while (queue.length > 0) {
		const child = queue.shift() as number;
		found.push(child);
		queue.push(...childrenOf(child));
	}
	return found;
}

/** Samples every `intervalMs`; the process tree is looked up again every `treeEveryMs` (cheaper than each time). */
export function sampleMemory(pid: number, { intervalMs = 20, treeEveryMs = 500 } = {}): MemorySampler {
	const samples: MemorySample[] = [];
	let peakRssMb = 0;
	let descendants: number[] = [];
	let treeLookedUpAt = 0;
	const sample = () => {
		const atMs = Date.now();
		if (atMs - treeLookedUpAt >= treeEveryMs) {
			descendants = descendantsOf(pid);
			treeLookedUpAt = atMs;
		}
		const rssMb = statusField(pid, 'VmRSS');
		if (rssMb === undefined) return;
		peakRssMb = Math.max(peakRssMb, statusField(pid, 'VmHWM') ?? 0);
		const treeRssMb = descendants.reduce((sum, child) => sum + (statusField(child, 'VmRSS') ?? 0), rssMb);
		samples.push({ atMs, rssMb, treeRssMb });
	};
	sample();
	const timer = setInterval(sample, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			return { samples, peakRssMb };
		},
	};
}

/** The highest sampled RSS of the tree between two moments, and the last sample before the first. */
export function peakBetween(trace: MemoryTrace, fromMs: number, toMs: number): { beforeMb?: number; peakMb?: number } {
	const before = trace.samples.filter((sample) => sample.atMs <= fromMs).at(-1);
	const during = trace.samples.filter((sample) => sample.atMs >= fromMs && sample.atMs <= toMs);
	return {
		beforeMb: before?.treeRssMb,
		peakMb: during.length > 0 ? Math.max(...during.map((sample) => sample.treeRssMb)) : undefined,
	};
}
