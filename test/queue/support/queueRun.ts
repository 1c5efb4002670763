/**
 * One queue-mode installation for a test file: the packed package in a fresh
 * n8n user folder, a seeded FluenzR sandbox (in this process, so the test
 * reads its request log and data directly), a private PostgreSQL and Redis,
 * the credential and the workflows imported into PostgreSQL, then n8n main,
 * the workers and the webhook processes behind a load balancer
 * (scripts/lib/queue/queueInstallation.ts). `stop()`
 * takes it all down in reverse order; whatever is still running when the
 * test process ends, even on Ctrl-C, is killed (see e2e/support/processes.ts).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DEMO_KEYS, startSandbox, type Sandbox } from '../../../sandbox';
import { DEMO_SEED } from '../../../sandbox/constants';
import { fluenzrCredential } from '../../../scripts/lib/fluenzrCredential';
import { createApiKey, logIn, publicApi, type N8nSession, type PublicApi } from '../../../scripts/lib/n8nApi';
import type { WorkflowJson } from '../../../scripts/lib/n8nCli';
import { assertN8nInstalled, REPO_ROOT } from '../../../scripts/lib/n8nInstall';
import { DEMO_OWNER } from '../../../scripts/lib/owner';
import { installPackedPackage, packPackage } from '../../../scripts/lib/packedPackage';
import type { LoadBalancer } from '../../../scripts/lib/queue/loadBalancer';
import type { QueueCluster } from '../../../scripts/lib/queue/queueCluster';
import { startQueueInstallation } from '../../../scripts/lib/queue/queueInstallation';
import { timed } from '../../e2e/support/timings';

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
		const { cluster, loadBalancer, stop: stopInstallation } = await startQueueInstallation({
			userFolder,
			logFolder: QUEUE_ARTEFACTS_FOLDER,
			owner: DEMO_OWNER,
			credentials: [fluenzrCredential({ apiKey: DEMO_KEYS.pro, baseUrl: sandbox.baseUrl })],
			workflows: options.workflows,
			workers: options.workers,
			webhookProcesses: options.webhookProcesses,
			// One execution at a time per worker: each load workflow on a worker of its own.
			workerConcurrency: options.workerConcurrency ?? 1,
		});
		undo.push(stopInstallation);

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
