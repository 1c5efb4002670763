import http from 'node:http';
import https from 'node:https';

import { WEBHOOK_HEADERS, WEBHOOK_WILDCARD, type WebhookEvent } from '../../client/contract';
import type { AccountData } from '../state/accountData';
import type { Webhook } from '../state/records';
import type { DeliveryRecord } from '../types';

import { signatureOf } from './signature';

export interface DispatcherSettings {
	retryDelaysMs(): readonly number[];
	timeoutMs(): number;
	now(): number;
}

interface DeliveryJob {
	account: AccountData;
	webhook: Webhook;
	event: string;
	eventId: string;
	body: string;
	signature?: string;
	attempt: number;
}

/**
 * Delivers events to the account's subscribed webhooks, in the background
 * (an API answer never waits for a delivery). A failed attempt (no 2xx
 * within the timeout) is retried after each of the configured delays with
 * the same body and event id. Every attempt is recorded.
 */
export class WebhookDispatcher {
	private readonly records: DeliveryRecord[] = [];

	/** Deliveries not yet finished (first attempt, waiting for a retry, or in flight). */
	private pending = 0;

	private idleWaiters: Array<() => void> = [];

	private readonly timers = new Set<NodeJS.Timeout>();

	private readonly inFlight = new Set<http.ClientRequest>();

	/** Bumped by cancelAll() so that callbacks of cancelled attempts do nothing. */
	private generation = 0;

	constructor(private readonly settings: DispatcherSettings) {}

	/** `createdAt` is the event's time, now unless given; the body (and so its signature) stays the same on every retry. */
	dispatch(account: AccountData, event: WebhookEvent, eventId: string, data: unknown, stampedAt?: string): void {
		const targets = [...account.webhooks.values()].filter(
			(w) => w.active && (w.events.includes(event) || w.events.includes(WEBHOOK_WILDCARD)),
		);
		if (targets.length === 0) return;
		const createdAt = stampedAt ?? new Date(this.settings.now()).toISOString();
		const body = JSON.stringify({ id: eventId, event, createdAt, data });
		for (const webhook of targets) {
			const signature = webhook.secret ? signatureOf(body, webhook.secret) : undefined;
			this.pending++;
			this.later(0, { account, webhook, event, eventId, body, signature, attempt: 1 });
		}
	}

	deliveries(): DeliveryRecord[] {
		return [...this.records];
	}

	clearRecords(): void {
		this.records.length = 0;
	}

	idle(): Promise<void> {
		if (this.pending === 0) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	/** Drops every pending and in-flight delivery (reset, stop). */
	cancelAll(): void {
		this.generation++;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const request of this.inFlight) request.destroy();
		this.inFlight.clear();
		this.pending = 0;
		this.wakeIdleWaiters();
	}

	private later(ms: number, job: DeliveryJob): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.attempt(job);
		}, ms);
		this.timers.add(timer);
	}

	private attempt(job: DeliveryJob): void {
		// A webhook deleted meanwhile gets nothing more.
		if (job.account.webhooks.get(job.webhook.id) !== job.webhook) return this.finish();
		const generation = this.generation;
		const record: DeliveryRecord = {
			webhookId: job.webhook.id,
			url: job.webhook.url,
			event: job.event,
			eventId: job.eventId,
			attempt: job.attempt,
			body: job.body,
			at: new Date(this.settings.now()).toISOString(),
		};
		if (job.signature) record.signature = job.signature;

		let settled = false;
		let request: http.ClientRequest | undefined;
		const timeoutMs = this.settings.timeoutMs();
		const settle = (outcome: { status?: number; error?: string }) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			this.timers.delete(timer);
			if (request) this.inFlight.delete(request);
			if (generation !== this.generation) return;
			this.records.push(Object.assign(record, outcome));
			if (outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300) this.finish();
			else this.retry(job);
		};
		const timer = setTimeout(() => {
			settle({ error: `no answer within ${timeoutMs} ms` });
			request?.destroy();
		}, timeoutMs);
		this.timers.add(timer);

		try {
			const url = new URL(job.webhook.url);
			request = (url.protocol === 'https:' ? https : http).request(url, {
				method: 'POST',
				agent: false,
				headers: this.headersFor(job),
			});
			this.inFlight.add(request);
			request.on('response', (response) => {
				response.resume();
				settle({ status: response.statusCode });
			});
			request.on('error', (error) => settle({ error: error.message }));
			request.end(job.body);
		} catch (error) {
			settle({ error: (error as Error).message });
		}
	}

	private headersFor(job: DeliveryJob): Record<string, string | number> {
		const headers: Record<string, string | number> = {
			'content-type': 'application/json',
			'content-length': Buffer.byteLength(job.body),
			'user-agent': 'FluenzR-Webhooks/1.0 (sandbox)',
			[WEBHOOK_HEADERS.event]: job.event,
			[WEBHOOK_HEADERS.delivery]: job.eventId,
		};
		if (job.signature) headers[WEBHOOK_HEADERS.signature] = job.signature;
		return headers;
	}

	private retry(job: DeliveryJob): void {
		const delays = this.settings.retryDelaysMs();
		if (job.attempt > delays.length) return this.finish();
		this.later(delays[job.attempt - 1], { ...job, attempt: job.attempt + 1 });
	}

	private finish(): void {
		this.pending = Math.max(0, this.pending - 1);
		if (this.pending === 0) this.wakeIdleWaiters();
	}

	private wakeIdleWaiters(): void {
		const waiters = this.idleWaiters;
		this.idleWaiters = [];
		for (const wake of waiters) wake();
	}
}
