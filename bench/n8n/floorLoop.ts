/**
 * The floor: each job done by a plain Node.js loop over one keep-alive HTTP
 * agent, with at most FLOOR_CONCURRENCY requests in flight (the FluenzR
 * node's own limit). Under a rate limit it is the perfect client: it counts
 * what it sends in each window, learns the window's start from its first
 * answer, sends the next window's first request as soon as the window has
 * ended, and on a 429 waits as Retry-After says. Run in a fresh process by
 * the bench (sides.ts):
 *
 *   node --import tsx bench/n8n/floorLoop.ts <file holding a FloorJob as JSON>
 *
 * Prints one line of JSON (a FloorReport).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { MAX_PAGE_SIZE, RATE_LIMIT_HEADERS } from '../../client/contract';
import { runScript } from '../../scripts/lib/runScript';
import type { ContactInput } from '../contacts';

import { recordKey, type JobKind } from './jobs';

export const FLOOR_CONCURRENCY = 4;

export interface FloorJob {
	kind: JobKind;
	baseUrl: string;
	apiKey: string;
	/** The window's documented length: FluenzR's is 60 s. */
	windowMs: number;
	contacts?: ContactInput[];
	campaignIds?: string[];
}

export interface FloorReport {
	startedAtMs: number;
	finishedAtMs: number;
	/** Per successful record: the created contact's email, the campaign id of a stats answer, a listed contact's id. */
	keys: string[];
	failed: number;
	peakRssMb: number;
}

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: { data?: unknown; meta?: { total: number } };
}

/** The rate limit as the answers announce it; windows start at the first answer after the last one ended. */
class WindowGate {
	private limit = Infinity;

	private sentInWindow = 0;

	private windowEndsAt: number | undefined;

	/** Set while the current window's first answer is awaited (its end is not known yet). */
	private windowOpened: Promise<void> | undefined;

	private markOpened: (() => void) | undefined;

	constructor(private readonly windowMs: number) {}

	async acquire(): Promise<void> {
		for (;;) {
			if (this.windowEndsAt !== undefined && Date.now() >= this.windowEndsAt) this.startWindow();
			if (this.sentInWindow < this.limit) {
				if (this.sentInWindow === 0 && this.windowOpened === undefined) {
					this.windowOpened = new Promise((resolve) => (this.markOpened = resolve));
				}
				this.sentInWindow++;
				return;
			}
			if (this.windowEndsAt === undefined) await this.windowOpened;
			else await sleep(Math.max(0, this.windowEndsAt - Date.now()) + 1);
		}
	}

	answered(answer: Answer): void {
		const limit = Number(answer.headers[RATE_LIMIT_HEADERS.limit.toLowerCase()]);
		if (Number.isFinite(limit) && limit > 0) this.limit = limit;
		// The first answer of a window came after the request that opened it: its end is no earlier than this.
		if (this.windowEndsAt === undefined && this.windowOpened !== undefined) {
			this.windowEndsAt = Date.now() + this.windowMs;
			this.markOpened?.();
		}
		if (answer.headers[RATE_LIMIT_HEADERS.remaining.toLowerCase()] === '0') this.sentInWindow = Math.max(this.sentInWindow, this.limit);
	}

	private startWindow(): void {
		this.sentInWindow = 0;
		this.windowEndsAt = undefined;
		this.windowOpened = undefined;
	}
}

function client(job: FloorJob) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: FLOOR_CONCURRENCY });
	const base = new URL(job.baseUrl);
	const gate = new WindowGate(job.windowMs);

	const once = (method: string, path: string, body?: unknown) =>
		new Promise<Answer>((resolve, reject) => {
			const payload = body === undefined ? undefined : JSON.stringify(body);
			const request = http.request(
				{
					host: base.hostname,
					port: base.port,
					path: `${base.pathname}${path}`,
					method,
					agent,
					headers: {
						authorization: `Bearer ${job.apiKey}`,
						...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
					},
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
					);
					response.on('error', reject);
				},
			);
			request.on('error', reject);
			request.end(payload);
		});

	return {
		async send(method: string, path: string, body?: unknown): Promise<Answer> {
			for (;;) {
				await gate.acquire();
				const answer = await once(method, path, body);
				gate.answered(answer);
				if (answer.status !== 429) return answer;
				await sleep(Number(answer.headers[RATE_LIMIT_HEADERS.retryAfter.toLowerCase()] ?? 1) * 1000);
			}
		},
		close: () => agent.destroy(),
	};
}

/** Runs `work` over `inputs` with at most FLOOR_CONCURRENCY at once, starting them in input order. */
async function pool<T>(inputs: T[], work: (input: T) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) await work(inputs[next++]);
	};
	await Promise.all(Array.from({ length: FLOOR_CONCURRENCY }, worker));
}

const ok = (answer: Answer) => answer.status >= 200 && answer.status < 300;

async function runJob(job: FloorJob): Promise<Pick<FloorReport, 'keys' | 'failed'>> {
	const fluenzr = client(job);
	const keys: string[] = [];
	let failed = 0;
	const tally = (answer: Answer) => {
		const key = ok(answer) ? recordKey(job.kind, answer.body.data as Record<string, unknown>) : undefined;
		if (key === undefined) failed++;
		else keys.push(key);
	};
	try {
		switch (job.kind) {
			case 'create':
				await pool(job.contacts ?? [], async (contact) => {
					const answer = await fluenzr.send('POST', '/contacts', contact);
					tally(answer);
				});
				break;
			case 'stats':
				await pool(job.campaignIds ?? [], async (campaignId) => {
					const answer = await fluenzr.send('GET', `/campaigns/${encodeURIComponent(campaignId)}/stats`);
					tally(answer);
				});
				break;
			case 'list': {
				// Held until the end, as a client that returns every record would.
				const records: Array<Record<string, unknown>> = [];
				const page = async (number: number) => {
					const answer = await fluenzr.send('GET', `/contacts?page=${number}&perPage=${MAX_PAGE_SIZE}`);
					if (!ok(answer)) throw new Error(`GET /contacts page ${number} answered ${answer.status}`);
					records.push(...(answer.body.data as Array<Record<string, unknown>>));
					return answer.body.meta?.total ?? 0;
				};
				const total = await page(1);
				const rest = Array.from({ length: Math.max(0, Math.ceil(total / MAX_PAGE_SIZE) - 1) }, (_, index) => index + 2);
				await pool(rest, async (number) => void (await page(number)));
				for (const record of records) keys.push(recordKey(job.kind, record) as string);
				break;
			}
		}
	} finally {
		fluenzr.close();
	}
	return { keys, failed };
}

async function main(): Promise<void> {
	const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as FloorJob;
	const startedAtMs = Date.now();
	const result = await runJob(job);
	const finishedAtMs = Date.now();
	const report: FloorReport = { startedAtMs, finishedAtMs, ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 };
	// Exiting only once the line is written: a pipe would otherwise lose the end of a long one.
	await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(report)}\n`, () => resolve()));
}

if (require.main === module) runScript(main);
