import { setTimeout as sleep } from 'node:timers/promises';

import { RateLimiter, rateLimiterFor, retryDelayMs } from '../../client/rateLimiter';
import { RateLimiter as SandboxRateLimiter } from '../../sandbox/http/rateLimiter';

const headers = (remaining: number, resetAtMs: number) => ({
	'x-ratelimit-limit': '1000',
	'x-ratelimit-remaining': String(remaining),
	'x-ratelimit-reset': String(resetAtMs / 1000),
});

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

describe('RateLimiter', () => {
	it('never has more requests in flight than its concurrency, and starts them in arrival order', async () => {
		const limiter = new RateLimiter(2);
		const started: number[] = [];
		let inFlight = 0;
		let peak = 0;
		await Promise.all(
			[0, 1, 2, 3, 4, 5].map(async (n) => {
				const ticket = await limiter.acquire();
				started.push(n);
				inFlight++;
				peak = Math.max(peak, inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				inFlight--;
				limiter.release(ticket);
			}),
		);
		expect(peak).toBe(2);
		expect(started).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('holds requests while the window is used up, and sends the next one only once the window has reset', async () => {
		const limiter = new RateLimiter(4);
		const first = await limiter.acquire();
		const resetAt = Math.ceil((Date.now() + 1300) / 1000) * 1000;
		limiter.observe(headers(0, resetAt), first);
		limiter.release(first);
		const next = await limiter.acquire();
		// Nothing known of the window's length yet: the announced reset is the only safe moment.
		expect(Date.now()).toBeGreaterThanOrEqual(resetAt);
		limiter.release(next);
	});

	it('lets requests through while the window has room', async () => {
		const limiter = new RateLimiter(4);
		const first = await limiter.acquire();
		limiter.observe(headers(500, Date.now() + 60_000), first);
		limiter.release(first);
		const before = Date.now();
		const next = await limiter.acquire();
		expect(Date.now() - before).toBeLessThan(50);
		limiter.release(next);
	});

	it('after a 429 nobody sends before the wait it asked for', async () => {
		const limiter = new RateLimiter(4);
		const ticket = await limiter.acquire();
		const refusedAt = Date.now();
		limiter.rateLimited({ 'retry-after': '1' }, ticket);
		limiter.release(ticket);
		const retry = await limiter.acquire();
		expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(990);
		limiter.release(retry);
	});

	it('a 429 is obeyed even when the window looked about to end: no request before its Retry-After', async () => {
		const limiter = new RateLimiter(4);
		const first = await limiter.acquire();
		const resetAt = Math.ceil((Date.now() + 100) / 1000) * 1000;
		limiter.observe(headers(0, resetAt), first);
		limiter.release(first);
		const refused = await limiter.acquire();
		const refusedAt = Date.now();
		limiter.rateLimited({ ...headers(0, resetAt), 'retry-after': '2' }, refused);
		limiter.release(refused);
		const retry = await limiter.acquire();
		expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(1990);
		limiter.release(retry);
	});
});

/** Sends `count` requests through `limiter` to a FluenzR-like fixed window (the sandbox's own rule), `latencyMs` each way. */
async function sendThrough(
	limiter: RateLimiter,
	server: SandboxRateLimiter,
	count: number,
	latencyMs = 0,
): Promise<{ arrivals: number[]; refused: number }> {
	const arrivals: number[] = [];
	let refused = 0;
	const pause = () => (latencyMs > 0 ? sleep(latencyMs) : Promise.resolve());
	await Promise.all(
		Array.from({ length: count }, async () => {
			for (;;) {
				const ticket = await limiter.acquire();
				await pause();
				const verdict = server.hit('key');
				await pause();
				if (verdict.limited) {
					refused++;
					limiter.rateLimited(verdict.headers, ticket);
					limiter.release(ticket);
					continue;
				}
				arrivals.push(Date.now());
				limiter.observe(verdict.headers, ticket);
				limiter.release(ticket);
				return;
			}
		}),
	);
	return { arrivals: arrivals.sort((a, b) => a - b), refused };
}

/** When each fixed window opened: the first arrival after the previous one's end. */
function windowOpenings(arrivals: number[], windowMs: number): number[] {
	const openings: number[] = [];
	for (const at of arrivals) if (openings.length === 0 || at >= (openings.at(-1) as number) + windowMs) openings.push(at);
	return openings;
}

describe('RateLimiter against a fixed window of whole seconds', () => {
	const windowMs = 1000;

	it('learns when the window ends: the next window starts within 50 ms of it, where the rounded-up reset is 900 ms later', async () => {
		// Start 100 ms into a second: the window then ends 100 ms into a second too, and X-RateLimit-Reset rounds that up by 900 ms.
		await sleep((1100 - (Date.now() % 1000)) % 1000);
		const server = new SandboxRateLimiter(() => ({ limit: 3, windowMs }), Date.now);
		const limiter = new RateLimiter(1);

		const { arrivals, refused } = await sendThrough(limiter, server, 9);

		expect(refused).toBe(0);
		const openings = windowOpenings(arrivals, windowMs);
		expect(openings).toHaveLength(3);
		for (let i = 1; i < openings.length; i++) expect(openings[i] - (openings[i - 1] + windowMs)).toBeLessThan(50);
	});

	it('two clients of one key (two n8n workers): each leaves the window’s last requests to the other, so few are refused and no time is lost', async () => {
		const server = new SandboxRateLimiter(() => ({ limit: 20, windowMs }), Date.now);
		const first = new RateLimiter(4);
		const second = new RateLimiter(4);
		const started = Date.now();

		const [a, b] = await Promise.all([sendThrough(first, server, 30, 2), sendThrough(second, server, 30, 2)]);

		const arrivals = [...a.arrivals, ...b.arrivals].sort((x, y) => x - y);
		expect(arrivals).toHaveLength(60);
		const openings = windowOpenings(arrivals, windowMs);
		// 60 requests at 20 per window need 3 windows; one more at most if the reserve left a window short.
		expect(openings.length).toBeLessThanOrEqual(4);
		expect((a.refused + b.refused) / openings.length).toBeLessThanOrEqual(4);
		expect(arrivals.at(-1)! - started).toBeLessThan((openings.length - 1) * windowMs + 1000);
	});
});

describe('rateLimiterFor', () => {
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
});
