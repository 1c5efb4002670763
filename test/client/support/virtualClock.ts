import type { PacerClock } from '../../../client/rateLimiter';

/**
 * A clock whose time moves only when told, from one timer to the next, with
 * the promises those timers release settled in between: a pacer's seconds
 * of waiting run in milliseconds, and every moment is exact.
 */
export class VirtualClock implements PacerClock {
	private readonly timers: Array<{ at: number; seq: number; resolve: () => void }> = [];

	private seq = 0;

	constructor(private time = 1_700_000_000_000) {}

	now(): number {
		return this.time;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((resolve) => this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve }));
	}

	/** Runs every timer due by `untilMs` (all of them, by default), in time order. */
	async run(untilMs = Infinity): Promise<void> {
		for (;;) {
			await settle();
			const next = this.nextTimer();
			if (next === undefined || this.timers[next].at > untilMs) break;
			const [timer] = this.timers.splice(next, 1);
			this.time = Math.max(this.time, timer.at);
			timer.resolve();
		}
		if (untilMs !== Infinity) this.time = Math.max(this.time, untilMs);
		await settle();
	}

	/** Moves time on by `ms`, running the timers due meanwhile. */
	async advance(ms: number): Promise<void> {
		await this.run(this.time + ms);
	}

	private nextTimer(): number | undefined {
		let next: number | undefined;
		for (let i = 0; i < this.timers.length; i++) {
			const timer = this.timers[i];
			const best = next === undefined ? undefined : this.timers[next];
			if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) next = i;
		}
		return next;
	}
}

/** Lets every promise chain that can move on do so. */
async function settle(): Promise<void> {
	await new Promise((resolve) => setImmediate(resolve));
}
