/** The sandbox's public types: what tests, benchmarks and the demo code against. */

export interface SandboxKey {
	key: string;
	plan: 'pro' | 'free';
	account: string;
}

export interface RateLimitConfig {
	limit: number;
	windowMs: number;
}

export interface SandboxOptions {
	/** Default 127.0.0.1. */
	host?: string;
	/** Default 0 (any free port). */
	port?: number;
	/** Default: the three DEMO_KEYS (accounts acct_demo, acct_other, acct_free). */
	keys?: SandboxKey[];
	/** Default 1000 requests / 60000 ms. */
	rateLimit?: RateLimitConfig;
	/** Waits before each retry of a failed delivery. Default [1000, 2000, 4000, 8000, 16000]. */
	deliveryRetryDelaysMs?: number[];
	/** A delivery attempt that has no answer within this is a failure. Default 10000. */
	deliveryTimeoutMs?: number;
	/** Initial data (for acct_demo unless `account` says otherwise), applied again by reset(). */
	seed?: SeedOptions;
	/** Keep the request log (default true). Requests are counted either way. */
	logRequests?: boolean;
	/** Milliseconds since the epoch; tests pass a fake clock to move rate-limit windows without waiting. */
	clock?: () => number;
}

export interface SeedOptions {
	account?: string;
	contacts?: number;
	groups?: number;
	campaigns?: number;
	/** PRNG seed; the same seed gives the same data. Default 1. */
	seed?: number;
}

export interface SeedResult {
	account: string;
	contactIds: string[];
	groupIds: string[];
	campaignIds: string[];
}

export interface SandboxConfig {
	rateLimit?: RateLimitConfig;
	deliveryRetryDelaysMs?: number[];
	deliveryTimeoutMs?: number;
}

export type Fault =
	/** `headers` replace the answer's own (a proxy's rate limit headers, say). */
	| { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
	| { type: 'html'; status: number }
	| { type: 'delay'; ms: number }
	| { type: 'hang' }
	| { type: 'drop' }
	| { type: 'dropMidBody' }
	| { type: 'notJson'; status?: number }
	| { type: 'empty'; status?: number }
	| { type: 'noData' }
	| { type: 'rateLimited'; retryAfter?: number };

export type FaultType = Fault['type'];

export interface FaultSpec {
	/** All given conditions must hold; `path` is a prefix of the /v1-relative raw path, e.g. '/contacts'. */
	match?: { method?: string; path?: string; account?: string };
	/** The next N matching requests (default 1). */
	count?: number;
	/** Skip this many matching requests first (default 0): `after: 2` answers the 3rd matching request on. */
	after?: number;
	fault: Fault;
}

export interface LoggedRequest {
	method: string;
	/** As received, still encoded. */
	url: string;
	/** The raw path without the query. */
	path: string;
	query: Record<string, string | string[]>;
	/** The status sent; 0 when no answer was sent (drop, hang). */
	status: number;
	/** The account of the key, when the key is known. */
	account?: string;
	/** ISO timestamp of arrival. */
	at: string;
	/** Request headers, lower-case, with `authorization` redacted. */
	headers: Record<string, string>;
	/** The JSON body (webhook secrets redacted), the raw text when it is not JSON, or undefined when empty. */
	body?: unknown;
	/** Set when an injected fault answered instead of the API. */
	fault?: FaultType;
}

export interface DeliveryRecord {
	webhookId: string;
	url: string;
	event: string;
	eventId: string;
	/** 1 for the first attempt, 2 for the first retry, ... */
	attempt: number;
	/** The receiver's status, when it answered in time. */
	status?: number;
	/** Why there was no usable answer (connection refused, timeout...). */
	error?: string;
	/** The X-Fluenzr-Signature header sent, when the webhook has a secret. */
	signature?: string;
	/** The exact body sent; identical across the attempts of one event. */
	body: string;
	at: string;
}

export const EMAIL_EVENTS = ['email.sent', 'email.opened', 'email.clicked', 'email.replied', 'email.bounced'] as const;
export type EmailEventName = (typeof EMAIL_EVENTS)[number];

export interface EmailEventInput {
	account?: string;
	event: EmailEventName;
	campaignId: string;
	contactId: string;
	/** Counts from 1 (default 1). */
	step?: number;
	replyText?: string;
	/** The event's time in its delivery, instead of now: a capture replayed later, or FluenzR's clock off. */
	createdAt?: string;
}
