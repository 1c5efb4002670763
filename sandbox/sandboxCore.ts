import type { WebhookEvent } from '../client/contract';

import {
	DEFAULT_DELIVERY_TIMEOUT_MS,
	DEFAULT_KEYS,
	DEFAULT_RATE_LIMIT,
	DEFAULT_RETRY_DELAYS_MS,
	DEMO_ACCOUNTS,
} from './constants';
import { FaultQueue } from './faults/faultQueue';
import { notFound } from './http/apiError';
import { FixedWindowLimit } from './http/fixedWindowLimit';
import { RequestLog } from './http/requestLog';
import type { AccountActions } from './http/routeContext';
import { checkEmailEventInput, fireEmailEvent } from './resources/emailEvents';
import { completeCampaign } from './resources/campaignCompletion';
import { seedAccount } from './seed/seeder';
import { AccountData } from './state/accountData';
import { IdGenerator } from './state/ids';
import type { EmailEventInput, RateLimitConfig, SandboxConfig, SandboxKey, SandboxOptions, SeedOptions, SeedResult } from './types';
import { WebhookDispatcher } from './webhooks/dispatcher';

interface LiveConfig {
	rateLimit: RateLimitConfig;
	deliveryRetryDelaysMs: readonly number[];
	deliveryTimeoutMs: number;
}

/**
 * The sandbox without its HTTP server: keys, per-account data, rate limits,
 * faults, the request log and webhook deliveries. The server and the
 * in-process API both drive this one object.
 */
export class SandboxCore {
	readonly keys: ReadonlyMap<string, SandboxKey>;

	readonly accounts = new Map<string, AccountData>();

	readonly ids = new IdGenerator();

	readonly now: () => number;

	readonly faults = new FaultQueue();

	readonly log: RequestLog;

	readonly rateLimitWindows: FixedWindowLimit;

	readonly dispatcher: WebhookDispatcher;

	private config!: LiveConfig;

	constructor(private readonly options: SandboxOptions = {}) {
		this.now = options.clock ?? Date.now;
		this.keys = new Map((options.keys ?? DEFAULT_KEYS).map((k) => [k.key, { ...k }]));
		this.log = new RequestLog(options.logRequests ?? true);
		this.rateLimitWindows = new FixedWindowLimit(() => this.config.rateLimit, this.now);
		this.dispatcher = new WebhookDispatcher({
			retryDelaysMs: () => this.config.deliveryRetryDelaysMs,
			timeoutMs: () => this.config.deliveryTimeoutMs,
			now: this.now,
		});
		this.reset();
	}

	/** Back to the state right after start: start options, no data but the start seed, empty logs. */
	reset(): void {
		this.dispatcher.cancelAll();
		this.dispatcher.clearRecords();
		this.config = {
			rateLimit: { ...(this.options.rateLimit ?? DEFAULT_RATE_LIMIT) },
			deliveryRetryDelaysMs: [...(this.options.deliveryRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS)],
			deliveryTimeoutMs: this.options.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS,
		};
		this.accounts.clear();
		for (const { account } of this.keys.values()) {
			if (!this.accounts.has(account)) this.accounts.set(account, new AccountData(account));
		}
		this.ids.reset();
		this.rateLimitWindows.reset();
		this.faults.clear();
		this.log.clear();
		if (this.options.seed) this.seed(this.options.seed);
	}

	/** acct_demo when it exists, else the first key's account. */
	get defaultAccountId(): string {
		return this.accounts.has(DEMO_ACCOUNTS.pro) ? DEMO_ACCOUNTS.pro : (this.accounts.keys().next().value as string);
	}

	account(id: string = this.defaultAccountId): AccountData {
		const account = this.accounts.get(id);
		if (!account) throw notFound(`Account ${id} not found (known: ${[...this.accounts.keys()].join(', ')})`);
		return account;
	}

	seed(options: SeedOptions): SeedResult {
		return seedAccount(this.account(options.account), this.ids, options);
	}

	currentConfig(): LiveConfig {
		return { ...this.config, rateLimit: { ...this.config.rateLimit }, deliveryRetryDelaysMs: [...this.config.deliveryRetryDelaysMs] };
	}

	/** A new rate limit starts fresh windows; new delays apply to retries scheduled from now on. */
	configure(changes: SandboxConfig): void {
		if (changes.rateLimit) {
			this.config.rateLimit = { ...changes.rateLimit };
			this.rateLimitWindows.reset();
		}
		if (changes.deliveryRetryDelaysMs) this.config.deliveryRetryDelaysMs = [...changes.deliveryRetryDelaysMs];
		if (changes.deliveryTimeoutMs !== undefined) this.config.deliveryTimeoutMs = changes.deliveryTimeoutMs;
	}

	isoNow(): string {
		return new Date(this.now()).toISOString();
	}

	/** Fires an event for the account's webhooks, stamped now unless `createdAt` says otherwise; returns its id. */
	emit(account: AccountData, event: WebhookEvent, data: unknown, createdAt?: string): string {
		const eventId = this.ids.next('event');
		this.dispatcher.dispatch(account, event, eventId, data, createdAt);
		return eventId;
	}

	/** What FluenzR's own doings (an email event, a campaign completing) may change: one account. */
	private actionsIn(accountId?: string): AccountActions {
		const account = this.account(accountId);
		return { account, now: () => this.isoNow(), emit: (event, data, createdAt) => this.emit(account, event, data, createdAt) };
	}

	fireEmailEvent(input: EmailEventInput): { eventId: string } {
		checkEmailEventInput(input);
		return fireEmailEvent(this.actionsIn(input.account), input);
	}

	completeCampaign(campaignId: string, accountId?: string) {
		return completeCampaign(this.actionsIn(accountId), campaignId);
	}

	/** Unexpected exceptions behind 500 answers, newest last, for tests to inspect. */
	readonly internalErrors: unknown[] = [];

	recordInternalError(error: unknown): void {
		this.internalErrors.push(error);
		if (this.internalErrors.length > 100) this.internalErrors.shift();
	}

	shutdown(): void {
		this.dispatcher.cancelAll();
	}
}
