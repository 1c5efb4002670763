/** The machine the figures were taken on, printed above them. */
import os from 'node:os';

export function describeMachine(): string {
	const cpus = os.cpus();
	const model = cpus[0]?.model.trim() ?? 'unknown CPU';
	const memoryGb = (os.totalmem() / 1024 ** 3).toFixed(1);
	return `${cpus.length} cores (${model}), ${memoryGb} GB memory, Node.js ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Other work on the machine skews wall times (both sides alike, but not evenly): shown beside them. */
export function loadAverage(): string {
	return os.loadavg()[0].toFixed(2);
}
