/**
 * One queue-mode installation for a test file: the packed package in a fresh
 * n8n user folder, a seeded FluenzR sandbox (in this process, so the test
 * reads its request log and data directly), a private PostgreSQL and Redis,
 * the credential and the workflows imported into PostgreSQL, then n8n main,
 * the workers and the webhook processes behind a load balancer. `stop()`
 * takes it all down in reverse order; whatever is still running when the
 * test process ends, even on Ctrl-C, is killed (see e2e/support/processes.ts).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DEMO_KEYS, startSandbox, type Sandbox } from '../../../sandbox';
import { DEMO_SEED } from '../../../sandbox/constants';
import { fluenzrCredential } from '../../../scripts/lib/fluenzrCredential';
import { freePort } from '../../../scripts/lib/freePort';
import { createApiKey, logIn, publicApi, type N8nSession, type PublicApi } from '../../../scripts/lib/n8nApi';
import { importCredentials, importWorkflows, type WorkflowJson } from '../../../scripts/lib/n8nCli';
import { assertN8nInstalled, REPO_ROOT } from '../../../scripts/lib/n8nInstall';
import { DEMO_OWNER } from '../../../scripts/lib/owner';
import { installPackedPackage, packPackage } from '../../../scripts/lib/packedPackage';
import { timed } from '../../e2e/support/timings';
import { startLoadBalancer, type LoadBalancer } from './loadBalancer';
import { startPostgres } from './postgres';
import { newBullPrefix, newEncryptionKey, queueEnvironment, startQueueCluster, type QueueCluster } from './queueCluster';
import { startRedis } from './redis';

export const QUEUE_ARTEFACTS_FOLDER = path.join(REPO_ROOT, 'test-artifacts', 'queue');

export interface QueueRunOptions {
	workflows: WorkflowJson[];
	workers?: number;
	webhookProcesses?: number;
	workerConcurrency?: number;
}

export interface QueueRun {
	sandbox: Sandbox;
	cluster: QueueCluster;
	loadBalancer: LoadBalancer;
	/** The owner, signed in to main's REST API. */
	session: N8nSession;
	api: PublicApi;
	/** Restarts every n8n process, and signs in again (a restart ends the sessions). */
	restart(label: string): Promise<void>;
	stop(): Promise<void>;
}

export async function startQueueRun(options: QueueRunOptions): Promise<QueueRun> {
	assertN8nInstalled();
	rmSync(QUEUE_ARTEFACTS_FOLDER, { recursive: true, force: true });
	mkdirSync(QUEUE_ARTEFACTS_FOLDER, { recursive: true });
	const log = (name: string) => path.join(QUEUE_ARTEFACTS_FOLDER, name);
	// Undone in reverse order by stop(), or at once if the start fails half-way.
	const undo: Array<() => Promise<void> | void> = [];
	const stop = async () => {
		for (const step of undo.splice(0).reverse()) await step();
	};

	try {
		const userFolder = mkdtempSync(path.join(tmpdir(), 'fluenzr-queue-'));
		undo.push(() => {
			if (process.env.FLUENZR_E2E_KEEP === '1') process.stderr.write(`[queue] kept the n8n user folder: ${userFolder}\n`);
			else rmSync(userFolder, { recursive: true, force: true });
		});
		const packed = await timed('npm pack', () => packPackage(QUEUE_ARTEFACTS_FOLDER));
		await timed('install the packed package', () => installPackedPackage(packed, userFolder));

		const sandbox = await startSandbox({ port: 0, seed: DEMO_SEED });
		undo.push(() => sandbox.stop());
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
		const loadBalancer = await startLoadBalancer(() => webhookPorts.map((port) => `http://127.0.0.1:${port}`));
		undo.push(() => loadBalancer.stop());

		const environment = queueEnvironment({ postgres, redis, webhookBaseUrl: loadBalancer.baseUrl }, newEncryptionKey(), newBullPrefix());
		const cli = { userFolder, env: environment };
		await timed('import the credential (and migrate PostgreSQL)', () =>
			importCredentials([fluenzrCredential({ apiKey: DEMO_KEYS.pro, baseUrl: sandbox.baseUrl })], cli),
		);
		await timed('import the workflows', () => importWorkflows(options.workflows, cli));

		const cluster = await timed('start n8n main, workers and webhook processes', () =>
			startQueueCluster({
				userFolder,
				logFolder: QUEUE_ARTEFACTS_FOLDER,
				owner: DEMO_OWNER,
				environment,
				webhookPorts,
				workers: options.workers ?? 2,
				workerConcurrency: options.workerConcurrency ?? 1,
			}),
		);
		undo.push(() => cluster.stop());

		const session = await logIn(cluster.main.baseUrl, DEMO_OWNER);
		const api = publicApi(cluster.main.baseUrl, await createApiKey(session, 'queue-mode suite'));
		const queueRun: QueueRun = {
			sandbox,
			cluster,
			loadBalancer,
			session,
			api,
			async restart(label) {
				await cluster.restart(label);
				queueRun.session = await logIn(cluster.main.baseUrl, DEMO_OWNER);
			},
			stop,
		};
		return queueRun;
	} catch (error) {
		await stop();
		throw error;
	}
}
