import { RATE_LIMIT_HEADERS } from '../../client/contract';
import type { RateLimitConfig } from '../types';

export interface RateLimitVerdict {
	limited: boolean;
	/** X-RateLimit-* (and Retry-After when limited): sent on every answer to a known key. */
	headers: Record<string, string>;
}

/**
 * A fixed window per API key, opened by the first request after the
 * previous window ended. Every request counts, whatever its answer.
 */
export class FixedWindowLimit {
	private readonly windows = new Map<string, { endsAt: number; count: number }>();

	constructor(
		private readonly config: () => RateLimitConfig,
		private readonly now: () => number,
	) {}

	hit(apiKey: string): RateLimitVerdict {
		const { limit, windowMs } = this.config();
		const now = this.now();
		let window = this.windows.get(apiKey);
		if (!window || now >= window.endsAt) {
			window = { endsAt: now + windowMs, count: 0 };
			this.windows.set(apiKey, window);
		}
		window.count++;
		const headers: Record<string, string> = {
			[RATE_LIMIT_HEADERS.limit]: String(limit),
			[RATE_LIMIT_HEADERS.remaining]: String(Math.max(0, limit - window.count)),
			[RATE_LIMIT_HEADERS.reset]: String(Math.ceil(window.endsAt / 1000)),
		};
		const limited = window.count > limit;
		if (limited) headers[RATE_LIMIT_HEADERS.retryAfter] = String(Math.max(1, Math.ceil((window.endsAt - now) / 1000)));
		return { limited, headers };
	}

	reset(): void {
		this.windows.clear();
	}
}
