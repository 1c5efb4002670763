import { RateLimiter, rateLimiterFor, retryDelayMs } from '../../client/rateLimiter';

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

	it('holds requests while the window is used up, then sends one probe from the earliest possible end', async () => {
		const limiter = new RateLimiter(4);
		const first = await limiter.acquire();
		const resetAt = Math.ceil((Date.now() + 1300) / 1000) * 1000;
		limiter.observe(headers(0, resetAt), first);
		limiter.release(first);
		const probe = await limiter.acquire();
		expect(probe.probe).toBe(true);
		expect(Date.now()).toBeGreaterThanOrEqual(resetAt - 1000);
		limiter.release(probe);
	});

	it('lets requests through while the window has room', async () => {
		const limiter = new RateLimiter(4);
		const first = await limiter.acquire();
		limiter.observe(headers(500, Date.now() + 60_000), first);
		limiter.release(first);
		const before = Date.now();
		const next = await limiter.acquire();
		expect(next.probe).toBe(false);
		expect(Date.now() - before).toBeLessThan(50);
		limiter.release(next);
	});

	it('after a 429 nobody sends before the wait it asked for, and the refusal counts', async () => {
		const limiter = new RateLimiter(4);
		const ticket = await limiter.acquire();
		const refusedAt = Date.now();
		expect(limiter.rateLimited({ 'retry-after': '1' }, ticket)).toBe(true);
		limiter.release(ticket);
		const retry = await limiter.acquire();
		expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(990);
		limiter.release(retry);
	});

	it('a probe that meets the old window is retried shortly and does not count as a refusal', async () => {
		const limiter = new RateLimiter(4);
		const first = await limiter.acquire();
		limiter.observe(headers(0, Math.ceil((Date.now() + 1000) / 1000) * 1000), first);
		limiter.release(first);
		const probe = await limiter.acquire();
		expect(limiter.rateLimited({ 'retry-after': '1' }, probe)).toBe(false);
		limiter.release(probe);
		const before = Date.now();
		const next = await limiter.acquire();
		expect(next.probe).toBe(true);
		expect(Date.now() - before).toBeLessThan(500);
		limiter.release(next);
	});

	it('while one probe is out, the other requests wait for its answer', async () => {
		const limiter = new RateLimiter(4);
		const first = await limiter.acquire();
		const resetAt = Math.ceil((Date.now() + 1000) / 1000) * 1000;
		limiter.observe(headers(0, resetAt), first);
		limiter.release(first);
		const probe = await limiter.acquire();
		let followerSent = false;
		const follower = limiter.acquire().then((ticket) => {
			followerSent = true;
			return ticket;
		});
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(followerSent).toBe(false);
		limiter.observe(headers(99, resetAt + 2000), probe);
		limiter.release(probe);
		const ticket = await follower;
		expect(ticket.probe).toBe(false);
		limiter.release(ticket);
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
