/**
 * A whole queue-mode installation around a user folder that already holds
 * the packed package: a private PostgreSQL and Redis, the load balancer in
 * front of the webhook processes, the credentials and workflows imported
 * into PostgreSQL, then n8n main, the workers and the webhook processes.
 * Shared by the queue-mode tests and the burst bench. `stop()` takes it all
 * down in reverse order, as does a start that fails half-way.
 */
import path from 'node:path';

import { freePort } from '../freePort';
import { importCredentials, importWorkflows, type CredentialToImport, type WorkflowJson } from '../n8nCli';
import type { N8nOwner } from '../owner';
import { timed } from '../timings';
import { startLoadBalancer, type LoadBalancer } from './loadBalancer';
import { startPostgres } from './postgres';
import { newBullPrefix, newEncryptionKey, queueEnvironment, startQueueCluster, type QueueCluster } from './queueCluster';
import { startRedis } from './redis';

export interface QueueInstallationOptions {
	userFolder: string;
	/** PostgreSQL's, Redis's and each n8n process's log. */
	logFolder: string;
	owner: N8nOwner;
	credentials: CredentialToImport[];
	workflows: WorkflowJson[];
	/** n8n settings under test: given to every process (main, workers, webhook processes) and to the imports. */
	env?: NodeJS.ProcessEnv;
	workers?: number;
	webhookProcesses?: number;
	/** Executions each worker runs at once; n8n's default when not given. */
	workerConcurrency?: number;
	/** The load balancer routes by this request header (e.g. a FluenzR delivery's event id) instead of round robin. */
	routeBy?: string;
}

export interface QueueInstallation {
	cluster: QueueCluster;
	loadBalancer: LoadBalancer;
	stop(): Promise<void>;
}

export async function startQueueInstallation(options: QueueInstallationOptions): Promise<QueueInstallation> {
	const log = (name: string) => path.join(options.logFolder, name);
	// Undone in reverse order by stop(), or at once if the start fails half-way.
	const undo: Array<() => Promise<void> | void> = [];
	const stop = async () => {
		for (const step of undo.splice(0).reverse()) await step();
	};

	try {
		// Started together; whichever started is stopped again even when the other failed.
		const starting = [startPostgres(log('postgres.log')), startRedis(log('redis.log'))] as const;
		await timed('start PostgreSQL and Redis', async () => {
			const started = await Promise.allSettled(starting);
			for (const service of started) if (service.status === 'fulfilled') undo.push(() => service.value.stop());
			const failed = started.find((service) => service.status === 'rejected');
			if (failed) throw failed.reason;
		});
		const [postgres, redis] = await Promise.all(starting);

		const webhookPorts = await Promise.all(Array.from({ length: options.webhookProcesses ?? 2 }, () => freePort()));
		const loadBalancer = await startLoadBalancer(() => webhookPorts.map((port) => `http://127.0.0.1:${port}`), {
			routeBy: options.routeBy,
		});
		undo.push(() => loadBalancer.stop());

		const environment = {
			...options.env,
			...queueEnvironment({ postgres, redis, webhookBaseUrl: loadBalancer.baseUrl }, newEncryptionKey(), newBullPrefix()),
		};
		const cli = { userFolder: options.userFolder, env: environment };
		await timed('import the credentials (and migrate PostgreSQL)', () => importCredentials(options.credentials, cli));
		await timed('import the workflows', () => importWorkflows(options.workflows, cli));

		const cluster = await timed('start n8n main, workers and webhook processes', () =>
			startQueueCluster({
				userFolder: options.userFolder,
				logFolder: options.logFolder,
				owner: options.owner,
				environment,
				webhookPorts,
				workers: options.workers ?? 2,
				workerConcurrency: options.workerConcurrency,
			}),
		);
		undo.push(() => cluster.stop());
		return { cluster, loadBalancer, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
