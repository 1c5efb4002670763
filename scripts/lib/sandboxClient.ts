/**
 * The FluenzR sandbox seen from a test: its public API with the Pro key
 * (what a FluenzR user would see after a workflow ran) and its /_sandbox
 * controls (reset, events, the request and delivery logs). Over HTTP, so
 * the same client works whether the sandbox runs in jest's global setup or
 * as the demo's separate process.
 */
import { MAX_PAGE_SIZE } from '../../client/contract';
import type { DeliveryRecord, EmailEventInput, FaultSpec, LoggedRequest, SeedOptions, SeedResult } from '../../sandbox';

export interface SandboxClient {
	/** The API's base URL, e.g. http://127.0.0.1:40123/v1 (what the credential holds). */
	baseUrl: string;
	apiKey: string;
	/** One API call; answers the envelope's `data`, throws on an error envelope. */
	api<T>(method: string, path: string, body?: unknown): Promise<T>;
	/** Every record of a list endpoint, all pages. */
	listAll<T>(path: string): Promise<T[]>;
	/** Back to the seeded start state (data, logs, webhooks). */
	reset(): Promise<void>;
	/** Adds generated records (no webhook events), as the sandbox's own seed does; answers their IDs. */
	seed(options: SeedOptions): Promise<SeedResult>;
	fireEmailEvent(event: EmailEventInput): Promise<{ eventId: string }>;
	/** Queues a fault that answers the next matching requests instead of the API (see sandbox/faults). */
	injectFault(fault: FaultSpec): Promise<void>;
	requests(filter?: { method?: string; pathPrefix?: string }): Promise<LoggedRequest[]>;
	clearRequests(): Promise<void>;
	deliveries(): Promise<DeliveryRecord[]>;
	/** Resolves when no webhook delivery is pending or in flight. */
	idle(): Promise<void>;
}

interface Envelope<T> {
	success: boolean;
	data: T;
	meta?: { page: number; perPage: number; total: number };
	error?: { code: string; message: string };
}

export function sandboxClient(baseUrl: string, apiKey: string): SandboxClient {
	const controlUrl = `${new URL(baseUrl).origin}/_sandbox`;

	async function send<T>(url: string, method: string, body: unknown, headers: Record<string, string>): Promise<Envelope<T>> {
		const response = await fetch(url, {
			method,
			headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const envelope = (await response.json()) as Envelope<T>;
		if (!envelope.success) {
			throw new Error(`${method} ${url} answered ${response.status}: ${envelope.error?.code} ${envelope.error?.message}`);
		}
		return envelope;
	}
	const callApi = <T>(method: string, path: string, body?: unknown) =>
		send<T>(`${baseUrl}${path}`, method, body, { Authorization: `Bearer ${apiKey}` });
	const control = async <T>(method: string, path: string, body?: unknown) =>
		(await send<T>(`${controlUrl}${path}`, method, body, {})).data;

	return {
		baseUrl,
		apiKey,
		api: async (method, path, body) => (await callApi<never>(method, path, body)).data,
		async listAll<T>(path: string) {
			const records: T[] = [];
			const separator = path.includes('?') ? '&' : '?';
			for (let page = 1; ; page++) {
				const { data, meta } = await callApi<T[]>('GET', `${path}${separator}page=${page}&perPage=${MAX_PAGE_SIZE}`);
				records.push(...data);
				if (data.length === 0 || records.length >= (meta?.total ?? 0)) return records;
			}
		},
		reset: async () => void (await control('POST', '/reset')),
		seed: (options) => control('POST', '/seed', options),
		fireEmailEvent: (event) => control('POST', '/events', event),
		injectFault: async (fault) => void (await control('POST', '/faults', fault)),
		requests: (filter = {}) => control('GET', `/requests?${new URLSearchParams(filter as Record<string, string>)}`),
		clearRequests: async () => void (await control('DELETE', '/requests')),
		deliveries: () => control('GET', '/deliveries'),
		idle: async () => void (await control('GET', '/idle')),
	};
}
