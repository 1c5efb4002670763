import { RateLimiter, retryDelayMs } from '../../../nodes/Fluenzr/shared/rateLimiter';

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
				await limiter.acquire();
				started.push(n);
				inFlight++;
				peak = Math.max(peak, inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				inFlight--;
				limiter.release();
			}),
		);
		expect(peak).toBe(2);
		expect(started).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('holds requests while the window is used up, until it resets', async () => {
		const limiter = new RateLimiter(4);
		await limiter.acquire();
		const resetAt = Math.ceil((Date.now() + 300) / 1000) * 1000;
		limiter.observe(headers(0, resetAt));
		limiter.release();
		await limiter.acquire();
		expect(Date.now()).toBeGreaterThanOrEqual(resetAt);
		limiter.release();
	});

	it('lets requests through while the window has room', async () => {
		const limiter = new RateLimiter(4);
		await limiter.acquire();
		limiter.observe(headers(500, Date.now() + 60_000));
		limiter.release();
		const before = Date.now();
		await limiter.acquire();
		expect(Date.now() - before).toBeLessThan(50);
		limiter.release();
	});

	it('after a 429 nobody sends before the wait it asked for', async () => {
		const limiter = new RateLimiter(4);
		const pausedAt = Date.now();
		limiter.pauseFor(200);
		await limiter.acquire();
		expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(195);
		limiter.release();
	});
});
