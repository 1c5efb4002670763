/**
 * n8n in queue mode, as a deployment that outgrew one machine runs it: one
 * main process (editor, API, activation), workers that run executions from a
 * Redis queue, and webhook processes behind a load balancer whose address is
 * the webhook URL n8n registers. All share one PostgreSQL database, one
 * encryption key and one user folder (where the community package is
 * installed). Every process keeps its ports across restarts, so the URL
 * registered in FluenzR stays valid.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { freePort } from '../freePort';
import { startN8n, startN8nProcess, type N8nServer } from '../n8nServer';
import type { N8nOwner } from '../owner';
import { timed } from '../timings';
import type { PostgresInstance } from './postgres';
import type { RedisInstance } from './redis';

export interface QueueSettings {
	postgres: PostgresInstance;
	redis: RedisInstance;
	/** Where the load balancer listens: the base of every production webhook URL. */
	webhookBaseUrl: string;
}

/**
 * The settings every process of one installation shares (and every CLI
 * command run against it, such as the imports). QUEUE_BULL_PREFIX keeps this
 * run's jobs apart from any other run on the same Redis.
 */
export function queueEnvironment(settings: QueueSettings, encryptionKey: string, bullPrefix: string): NodeJS.ProcessEnv {
	return {
		...settings.postgres.n8nEnvironment,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(settings.redis.port),
		QUEUE_BULL_PREFIX: bullPrefix,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_WEBHOOK_URL: `${settings.webhookBaseUrl}/`,
		WEBHOOK_URL: `${settings.webhookBaseUrl}/`,
	};
}

export function newEncryptionKey(): string {
	return randomBytes(24).toString('hex');
}

export function newBullPrefix(): string {
	return `fluenzr-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export interface QueueClusterOptions {
	userFolder: string;
	/** Each process's log goes here, named after the process and the start. */
	logFolder: string;
	owner: N8nOwner;
	/** From queueEnvironment. */
	environment: NodeJS.ProcessEnv;
	webhookPorts: number[];
	workers: number;
	/** Executions each worker runs at once (n8n's --concurrency); n8n's default (10) when not given. */
	workerConcurrency?: number;
	/** n8n starts slowly on two busy cores; five at once more slowly still. */
	readyTimeoutMs?: number;
}

export interface QueueCluster {
	main: N8nServer;
	workers: N8nServer[];
	webhooks: N8nServer[];
	/** Stops every process, then starts them all again (same ports, same database). */
	restart(label: string): Promise<void>;
	stop(): Promise<void>;
	/** The index of the worker that ran this execution, from the workers' own logs. */
	workerThatRan(executionId: string): number | undefined;
}

/** The processes a queue-mode installation runs, started together. */
export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const mainPort = await freePort();
	const workerPorts = await Promise.all(Array.from({ length: options.workers }, () => freePort()));
	const readyTimeoutMs = options.readyTimeoutMs ?? 8 * 60_000;
	const logFile = (name: string, label: string) => path.join(options.logFolder, `n8n-${name}-${label}.log`);
	const running: QueueCluster = { main: undefined as never, workers: [], webhooks: [], restart, stop, workerThatRan };

	async function startAll(label: string): Promise<void> {
		const starts = await Promise.allSettled([
			timed(`n8n main (${label})`, () =>
				startN8n({
					userFolder: options.userFolder,
					owner: options.owner,
					port: mainPort,
					logFile: logFile('main', label),
					readyTimeoutMs,
					env: {
						...options.environment,
						// Production webhooks are the webhook processes' job (n8n's recommended queue-mode setting).
						N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
					},
				}),
			),
			...workerPorts.map((port, index) =>
				timed(`n8n worker ${index + 1} (${label})`, () =>
					startN8nProcess({
						userFolder: options.userFolder,
						args: ['worker', ...(options.workerConcurrency === undefined ? [] : [`--concurrency=${options.workerConcurrency}`])],
						logFile: logFile(`worker${index + 1}`, label),
						port,
						readyTimeoutMs,
						env: {
							...options.environment,
							QUEUE_HEALTH_CHECK_ACTIVE: 'true',
							QUEUE_HEALTH_CHECK_PORT: String(port),
							N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
						},
					}),
				),
			),
			...options.webhookPorts.map((port, index) =>
				timed(`n8n webhook process ${index + 1} (${label})`, () =>
					startN8nProcess({
						userFolder: options.userFolder,
						args: ['webhook'],
						logFile: logFile(`webhook${index + 1}`, label),
						port,
						readyTimeoutMs,
						env: { ...options.environment, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1' },
					}),
				),
			),
		]);
		const started = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
		const failure = starts.find((start): start is PromiseRejectedResult => start.status === 'rejected');
		if (failure) {
			await Promise.all(started.map((server) => server.stop()));
			throw failure.reason;
		}
		running.main = started[0];
		running.workers = started.slice(1, 1 + options.workers);
		running.webhooks = started.slice(1 + options.workers);
	}

	async function stop(): Promise<void> {
		await Promise.all([running.main, ...running.workers, ...running.webhooks].filter(Boolean).map((server) => server.stop()));
	}

	async function restart(label: string): Promise<void> {
		await timed('stop every n8n process', stop);
		await startAll(label);
	}

	function workerThatRan(executionId: string): number | undefined {
		const index = running.workers.findIndex((worker) => worker.hasLogged(`Worker started execution ${executionId} `));
		return index === -1 ? undefined : index;
	}

	await startAll('first-start');
	return running;
}
