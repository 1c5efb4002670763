/**
 * The FluenzR sandbox: a local server implementing every rule of the API
 * contract (docs/fluenzr-api.md), with controls for tests, benchmarks and the demo.
 *
 *   const sandbox = await startSandbox();
 *   // point the credential's Base URL at sandbox.baseUrl, use DEMO_KEYS.pro
 *   await sandbox.stop();
 */
import { API_PREFIX, CONTROL_PREFIX, DEFAULT_HOST } from './constants';
import { checkConfig, checkSeedOptions } from './http/controlInput';
import type { RequestFilter } from './http/requestLog';
import { SandboxServer } from './http/server';
import { SandboxCore } from './sandboxCore';
import type { AccountData } from './state/accountData';
import type {
	DeliveryRecord,
	EmailEventInput,
	FaultSpec,
	LoggedRequest,
	RateLimitConfig,
	SandboxConfig,
	SandboxOptions,
	SeedOptions,
	SeedResult,
} from './types';

export { CUSTOM_FIELD_LIMITS, DEFAULT_KEYS, DEMO_ACCOUNTS, DEMO_KEYS, MAX_BODY_BYTES } from './constants';
export { EMAIL_EVENTS } from './types';
export type * from './types';
export type { AccountData } from './state/accountData';
export type { Campaign, Contact, Group, Webhook } from './state/records';
export { signatureOf } from './webhooks/signature';

/** Read access to the data, e.g. `store.account('acct_demo').contacts` (a Map by id). */
export interface SandboxStore {
	/** The account's data (acct_demo by default); throws for an unknown account. */
	account(id?: string): AccountData;
	accountIds(): string[];
}

export interface Sandbox {
	/** e.g. http://127.0.0.1:40123/v1: what the credential's Base URL is set to. */
	baseUrl: string;
	/** e.g. http://127.0.0.1:40123 */
	origin: string;
	/** e.g. http://127.0.0.1:40123/_sandbox */
	controlUrl: string;
	/** Closes the server and its connections, cancels pending deliveries and timers. */
	stop(): Promise<void>;
	/** Back to the state right after start (data, logs, faults, rate windows, config). */
	reset(): void;
	seed(options: SeedOptions): SeedResult;
	configure(config: { rateLimit?: RateLimitConfig; deliveryRetryDelaysMs?: number[]; deliveryTimeoutMs?: number }): void;
	injectFault(fault: FaultSpec): void;
	requests(filter?: RequestFilter): LoggedRequest[];
	/** Counted even when the request log is off. */
	requestCount(filter?: RequestFilter): number;
	clearRequests(): void;
	deliveries(): DeliveryRecord[];
	fireEmailEvent(event: EmailEventInput): Promise<{ eventId: string }>;
	/** Status completed and a campaign.completed event, as FluenzR does when every contact has finished. */
	completeCampaign(campaignId: string, account?: string): void;
	/** Resolves when no delivery attempt is pending or in flight. */
	idle(): Promise<void>;
	store: SandboxStore;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	if (options.rateLimit || options.deliveryRetryDelaysMs || options.deliveryTimeoutMs !== undefined) {
		checkConfig({ rateLimit: options.rateLimit, deliveryRetryDelaysMs: options.deliveryRetryDelaysMs, deliveryTimeoutMs: options.deliveryTimeoutMs });
	}
	if (options.seed) checkSeedOptions(options.seed);
	const core = new SandboxCore(options);
	const server = new SandboxServer(core);
	const address = await server.listen(options.port ?? 0, options.host ?? DEFAULT_HOST);
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	const origin = `http://${host}:${address.port}`;

	return {
		baseUrl: origin + API_PREFIX,
		origin,
		controlUrl: origin + CONTROL_PREFIX,
		stop: async () => {
			core.shutdown();
			await server.stop();
		},
		reset: () => core.reset(),
		seed: (seedOptions) => core.seed(checkSeedOptions(seedOptions)),
		configure: (config: SandboxConfig) => core.configure(checkConfig(config)),
		injectFault: (fault) => core.faults.add(fault),
		requests: (filter) => core.log.list(filter),
		requestCount: (filter) => core.log.count(filter),
		clearRequests: () => core.log.clear(),
		deliveries: () => core.dispatcher.deliveries(),
		fireEmailEvent: async (event) => core.fireEmailEvent(event),
		completeCampaign: (campaignId, account) => void core.completeCampaign(campaignId, account),
		idle: () => core.dispatcher.idle(),
		store: {
			account: (id) => core.account(id),
			accountIds: () => [...core.accounts.keys()],
		},
	};
}
