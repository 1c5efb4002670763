import { connectionOf } from '../../client/connection';
import { MAX_PACER_WAIT_MS, MAX_RATE_LIMITERS, RateLimiter, rateLimiterFor as limiterOf, retryDelayMs, type Ticket } from '../../client/rateLimiter';
import { simulate, type Scenario } from './support/simulate';
import { VirtualClock } from './support/virtualClock';

const LIMIT = 100;

/** FluenzR's headers on an answer counted in a window that ends at `endMs` (Reset rounds it up to a whole second). */
const counted = (remaining: number, endMs: number) => ({
	'x-ratelimit-limit': String(LIMIT),
	'x-ratelimit-remaining': String(remaining),
	'x-ratelimit-reset': String(Math.ceil(endMs / 1000)),
});

const refused = (endMs: number, retryAfterSeconds: number) => ({ ...counted(0, endMs), 'retry-after': String(retryAfterSeconds) });

/** Asks the limiter for `count` requests; `granted` fills as it lets them through. */
function ask(limiter: RateLimiter, count: number): { granted: Ticket[] } {
	const granted: Ticket[] = [];
	for (let i = 0; i < count; i++) void limiter.acquire().then((ticket) => granted.push(ticket));
	return { granted };
}

describe('retryDelayMs', () => {
	it('prefers Retry-After, in seconds', () => {
		expect(retryDelayMs({ 'retry-after': '3', 'x-ratelimit-reset': '99999999999' })).toBe(3000);
	});

	it('falls back to the window reset when there is no Retry-After', () => {
		expect(retryDelayMs({ 'x-ratelimit-reset': '1000' }, 998_500)).toBe(1500);
	});

	it('waits one second when the answer says nothing', () => {
		expect(retryDelayMs({})).toBe(1000);
	});

	it('treats Retry-After: 0 as no wait', () => {
		expect(retryDelayMs({ 'retry-after': '0' })).toBe(0);
	});
});

describe('RateLimiter, one process on the key', () => {
	let clock: VirtualClock;
	let limiter: RateLimiter;
	beforeEach(() => {
		clock = new VirtualClock();
		limiter = new RateLimiter(4, clock);
	});

	it('never has more requests in flight than its concurrency, and starts them in arrival order', async () => {
		const headerless = new RateLimiter(2, clock);
		const started: number[] = [];
		let inFlight = 0;
		let peak = 0;
		const done = Promise.all(
			[0, 1, 2, 3, 4, 5].map(async (n) => {
				const ticket = await headerless.acquire();
				started.push(n);
				peak = Math.max(peak, ++inFlight);
				await clock.sleep(10);
				inFlight--;
				// An API that sends no rate limit headers: nothing to pace by but the concurrency.
				headerless.observe({}, ticket);
				headerless.release(ticket);
			}),
		);
		await clock.run();
		await done;
		expect(peak).toBe(2);
		expect(started).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('asks about a window it knows nothing of with one request, and lets the others go after its answer', async () => {
		const { granted } = ask(limiter, 6);
		await clock.advance(0);
		expect(granted).toHaveLength(1);

		await clock.advance(20);
		expect(granted).toHaveLength(1);
		limiter.observe(counted(LIMIT - 1, clock.now() + 60_000), granted[0]);
		limiter.release(granted[0]);
		await clock.advance(0);
		expect(granted).toHaveLength(5);
	});

	it('lets requests through while the window has room', async () => {
		const { granted } = ask(limiter, 1);
		await clock.advance(0);
		limiter.observe(counted(500, clock.now() + 60_000), granted[0]);
		limiter.release(granted[0]);

		const next = ask(limiter, 4);
		await clock.advance(0);
		expect(next.granted).toHaveLength(4);
	});

	it('sends nothing while the window is used up; once it has ended, one request, and the others after its answer', async () => {
		const { granted } = ask(limiter, 1);
		await clock.advance(0);
		const endMs = Math.ceil((clock.now() + 1300) / 1000) * 1000;
		limiter.observe(counted(0, endMs), granted[0]);
		limiter.release(granted[0]);

		const next = ask(limiter, 5);
		await clock.run(endMs - 1);
		expect(next.granted).toHaveLength(0);
		await clock.run(endMs);
		// Another process may have filled the new window already: one refusal at most, not one per request in flight.
		expect(next.granted).toHaveLength(1);
		expect(next.granted[0].sentAtMs).toBe(endMs);
		await clock.advance(500);
		expect(next.granted).toHaveLength(1);
	});

	it('after a 429 with Retry-After 2, sends no request before 2 s, then one', async () => {
		const { granted } = ask(limiter, 1);
		await clock.advance(0);
		const endMs = clock.now() + 1500;
		limiter.observe(counted(40, endMs), granted[0]);
		limiter.release(granted[0]);
		// Another process used the window up meanwhile.
		const second = ask(limiter, 1);
		await clock.advance(0);
		const refusedAt = clock.now();
		limiter.rateLimited(refused(endMs, 2), second.granted[0]);
		limiter.release(second.granted[0]);

		const next = ask(limiter, 4);
		await clock.run(refusedAt + 1999);
		expect(next.granted).toHaveLength(0);
		await clock.run(refusedAt + 2000);
		expect(next.granted).toHaveLength(1);
	});

	it('obeys a 429 even when the window looked about to end: no request before its Retry-After', async () => {
		const { granted } = ask(limiter, 1);
		await clock.advance(0);
		limiter.observe(counted(0, clock.now() + 100), granted[0]);
		limiter.release(granted[0]);
		const asked = ask(limiter, 1);
		await clock.run();
		// The window had not ended after all (another process opened the next one and filled it, say).
		const refusedAt = clock.now();
		limiter.rateLimited(refused(clock.now() + 1800, 2), asked.granted[0]);
		limiter.release(asked.granted[0]);

		const next = ask(limiter, 1);
		await clock.run(refusedAt + 1999);
		expect(next.granted).toHaveLength(0);
		await clock.run(refusedAt + 2000);
		expect(next.granted).toHaveLength(1);
	});

	it('follows FluenzR when its windows start over (a new limit, say), although the new window resets before the old one', async () => {
		const { granted } = ask(limiter, 1);
		await clock.advance(0);
		limiter.observe(counted(990, clock.now() + 60_000), granted[0]);
		limiter.release(granted[0]);
		await clock.advance(5000);

		const second = ask(limiter, 1);
		await clock.advance(0);
		// Sent after the 60 s window was known, answered from a window that ends sooner: a new window, used up.
		const newEndMs = clock.now() + 1500;
		limiter.observe(counted(0, newEndMs), second.granted[0]);
		limiter.release(second.granted[0]);

		const next = ask(limiter, 4);
		await clock.run(newEndMs - 1);
		expect(next.granted).toHaveLength(0);
		await clock.run(Math.ceil(newEndMs / 1000) * 1000);
		expect(next.granted).toHaveLength(1);
	});

	const alone = (requests: number, startPhaseMs: number): Scenario => ({
		limit: LIMIT,
		windowMs: 2000,
		processes: [{ requests, startMs: 0, cpuMs: 1 }],
		latencyMs: [2, 6],
		startPhaseMs,
	});

	it('sends exactly what each window allows, never meets a 429, and opens each next window within a round trip of the end', async () => {
		// 100 ms into a second: each window ends there too, 900 ms before its rounded-up reset.
		const run = await simulate(alone(450, 100), 1);

		expect(run.refused).toBe(0);
		expect(run.createdPerWindow.map(([created]) => created)).toEqual([100, 100, 100, 100, 50]);
		for (const late of run.lateMs) expect(late).toBeLessThan(15);
	});

	it('learns a length the first window leaves in doubt: it asks at the shorter length’s end, and each window opens on time', async () => {
		// Windows that open just after a whole second end just after one too, nearly a second before their
		// rounded-up reset: the first one allows 2 s or 3 s. Waiting for the longer would open the next
		// window just after a whole second again, and keep every window in that doubt.
		const run = await simulate(alone(450, 998), 1);

		expect(run.refused).toBeLessThanOrEqual(1);
		expect(run.windows).toBe(5);
		expect(run.lateMs[0]).toBeLessThan(150);
		for (const late of run.lateMs.slice(1)) expect(late).toBeLessThan(15);
	});
});

describe('RateLimiter, two processes on one key (n8n queue mode: two workers, a pacer each)', () => {
	const twoWorkers = (secondStartsAfterMs: number, requests = [300, 300]): Scenario => ({
		limit: LIMIT,
		windowMs: 2000,
		processes: [
			{ requests: requests[0], startMs: 0, cpuMs: 2 },
			{ requests: requests[1], startMs: secondStartsAfterMs, cpuMs: 2 },
		],
		latencyMs: [1, 10],
	});

	it('fill every window between them, with at most one 429 in any window', async () => {
		for (const [seed, startsAfter] of [
			[1, 0],
			[2, 700],
			[3, 1300],
			[4, 1900],
		]) {
			const run = await simulate(twoWorkers(startsAfter), seed);

			expect(run.failed).toBe(0);
			expect(run.created).toBe(600);
			expect(run.windows).toBe(6);
			expect(Math.max(...run.refusedPerWindow)).toBeLessThanOrEqual(1);
		}
	});

	it('on a busy machine too (slow, uneven answers), at most two 429s in any window, and every contact created once', async () => {
		for (let seed = 1; seed <= 10; seed++) {
			const busy: Scenario = {
				...twoWorkers([0, 400, 900, 1500, 2200][seed % 5]),
				processes: twoWorkers([0, 400, 900, 1500, 2200][seed % 5]).processes.map((spec) => ({ ...spec, cpuMs: 8 })),
				latencyMs: [5, 40],
			};
			const run = await simulate(busy, seed);

			expect(run.failed).toBe(0);
			expect(run.created).toBe(600);
			expect(Math.max(...run.refusedPerWindow)).toBeLessThanOrEqual(2);
		}
	});

	it('a pacer that meets a window the other has filled meets one 429, not one per request it has waiting', async () => {
		const run = await simulate(twoWorkers(800, [200, 100]), 5);

		// The first fills the first window alone in a few hundred ms; the second arrives after that.
		expect(run.createdPerWindow[0]).toEqual([100, 0]);
		expect(run.refusedPerWindow[0]).toBe(1);
	});

	it('the pacer that stopped short of a window’s last requests takes them once the other stops sending', async () => {
		// The first has 130 to send: 30 in the second window, which the second pacer then fills alone.
		const run = await simulate(twoWorkers(500, [130, 170]), 6);

		expect(run.created).toBe(300);
		expect(run.windows).toBe(3);
		expect(run.createdPerWindow[1].reduce((sum, created) => sum + created, 0)).toBe(100);
	});
});

describe('RateLimiter, an answer asking for an absurd wait', () => {
	let clock: VirtualClock;
	let limiter: RateLimiter;
	beforeEach(() => {
		clock = new VirtualClock();
		limiter = new RateLimiter(4, clock);
	});

	const aBillionSeconds = { ...refused(1_700_000_000_000 + 1e12, 1_000_000_000) };

	it('answers the wait a 429 asked for, and does not keep the key waiting when it is longer than a window and a few seconds', async () => {
		const { granted } = ask(limiter, 1);
		await clock.advance(0);
		expect(limiter.rateLimited(aBillionSeconds, granted[0])).toBe(1_000_000_000_000);
		limiter.release(granted[0]);

		const next = ask(limiter, 1);
		await clock.advance(0);
		expect(next.granted).toHaveLength(1);
	});

	it('waits a 429 that asks for one window (60 s) before the next request, as before', async () => {
		const { granted } = ask(limiter, 1);
		await clock.advance(0);
		expect(limiter.rateLimited(refused(clock.now() + 60_000, 60), granted[0])).toBe(60_000);
		limiter.release(granted[0]);

		const next = ask(limiter, 1);
		await clock.advance(59_999);
		expect(next.granted).toHaveLength(0);
		await clock.advance(1);
		expect(next.granted).toHaveLength(1);
	});

	it('does not pace by counts whose reset lies further ahead than it ever waits (a reset in milliseconds, say)', async () => {
		const { granted } = ask(limiter, 1);
		await clock.advance(0);
		// A proxy that writes X-RateLimit-Reset in milliseconds: a window that would end in 54,000 years.
		limiter.observe({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(clock.now()) }, granted[0]);
		limiter.release(granted[0]);

		const next = ask(limiter, 4);
		await clock.advance(0);
		expect(next.granted).toHaveLength(4);
	});

	it('never sets a timer longer than a timer can hold, nor longer than its bound', async () => {
		const asked: number[] = [];
		const recording = new (class extends VirtualClock {
			async sleep(ms: number): Promise<void> {
				asked.push(ms);
				await super.sleep(ms);
			}
		})();
		const paced = new RateLimiter(4, recording);
		const { granted } = ask(paced, 1);
		await recording.advance(0);
		paced.rateLimited({ 'x-ratelimit-reset': String(Math.ceil(recording.now() / 1000) + 30 * 86_400) }, granted[0]);
		paced.observe({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(recording.now() + 1e9) }, granted[0]);
		paced.release(granted[0]);
		ask(paced, 3);
		await recording.advance(MAX_PACER_WAIT_MS);

		expect(Math.max(0, ...asked)).toBeLessThanOrEqual(MAX_PACER_WAIT_MS);
	});
});

/** The limiter of a credential (its Base URL normalised as every request's is). */
const rateLimiterFor = (baseUrl: string, apiKey: string) => limiterOf(connectionOf({ baseUrl, apiKey }));

describe('rateLimiterFor', () => {
	afterEach(() => jest.useRealTimers());

	it('gives one limiter to a Base URL with and without its trailing slash, for the same API key', () => {
		const key = 'fz_demo_pro_key_0001';
		expect(rateLimiterFor('https://api.fluenzr.co/v1/', key)).toBe(rateLimiterFor('https://api.fluenzr.co/v1', key));
		expect(rateLimiterFor('https://api.fluenzr.co/v1//', key)).toBe(rateLimiterFor('https://api.fluenzr.co/v1', key));
	});

	it('gives another API key, or another API, a limiter of its own', () => {
		const limiter = rateLimiterFor('https://api.fluenzr.co/v1', 'fz_demo_pro_key_0001');
		expect(rateLimiterFor('https://api.fluenzr.co/v1', 'fz_demo_pro_key_0002')).not.toBe(limiter);
		expect(rateLimiterFor('https://eu.fluenzr.example/v1', 'fz_demo_pro_key_0001')).not.toBe(limiter);
	});

	it('keeps a limiter while it is used, and drops it once unused for longer than it ever waits', () => {
		jest.useFakeTimers({ now: 1_800_000_000_000 });
		const limiter = rateLimiterFor('https://idle.fluenzr.example/v1', 'fz_idle');
		jest.setSystemTime(Date.now() + MAX_PACER_WAIT_MS - 1);
		rateLimiterFor('https://other.fluenzr.example/v1', 'fz_idle');
		expect(rateLimiterFor('https://idle.fluenzr.example/v1', 'fz_idle')).toBe(limiter);

		jest.setSystemTime(Date.now() + MAX_PACER_WAIT_MS);
		rateLimiterFor('https://another.fluenzr.example/v1', 'fz_idle');
		expect(rateLimiterFor('https://idle.fluenzr.example/v1', 'fz_idle')).not.toBe(limiter);
	});

	it('keeps at most MAX_RATE_LIMITERS idle limiters, whatever number of keys comes from expressions, and never drops one in use', async () => {
		const busy = rateLimiterFor('https://api.fluenzr.co/v1', 'fz_busy');
		const ticket = await busy.acquire();
		const first = rateLimiterFor('https://api.fluenzr.co/v1', 'fz_key_0');
		for (let i = 1; i <= 3 * MAX_RATE_LIMITERS; i++) rateLimiterFor('https://api.fluenzr.co/v1', `fz_key_${i}`);

		expect(rateLimiterFor('https://api.fluenzr.co/v1', 'fz_busy')).toBe(busy);
		expect(rateLimiterFor('https://api.fluenzr.co/v1', 'fz_key_0')).not.toBe(first);
		busy.release(ticket);
	});
});
