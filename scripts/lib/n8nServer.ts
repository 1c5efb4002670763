/**
 * `n8n start` on 127.0.0.1 with the owner preset, its log in a file. Ready
 * once /healthz/readiness answers 200; stopping sends SIGTERM to its process
 * group and SIGKILL after a grace period.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from './freePort';
import { n8nEnvironment } from './n8nEnvironment';
import { assertN8nInstalled } from './n8nInstall';
import { ownerEnvironment, setUpOwnerIfNeeded, type N8nOwner } from './owner';
import { describeEnd, spawnManaged, type ProcessEnd } from './processes';

export interface N8nServerOptions {
	userFolder: string;
	owner: N8nOwner;
	/** n8n's log (stdout and stderr) is appended here. */
	logFile: string;
	/** Default: a free port. */
	port?: number;
	/** Extra environment, e.g. N8N_USE_WORKFLOW_PUBLICATION_SERVICE. */
	env?: NodeJS.ProcessEnv;
	/** Default 3 minutes (a first start also migrates the database). */
	readyTimeoutMs?: number;
}

export interface N8nServer {
	/** e.g. http://127.0.0.1:5678 (no trailing slash). */
	baseUrl: string;
	port: number;
	logFile: string;
	/** Resolves once n8n has ended (on its own, or stopped). */
	exited: Promise<ProcessEnd>;
	/** Whether n8n has logged this text so far. */
	hasLogged(text: string): boolean;
	stop(): Promise<void>;
}

const STOP_GRACE_MS = 15_000;
const READY_POLL_MS = 500;

export async function startN8n(options: N8nServerOptions): Promise<N8nServer> {
	const port = options.port ?? (await freePort());
	const baseUrl = `http://127.0.0.1:${port}`;
	const server = await startN8nProcess({
		userFolder: options.userFolder,
		args: ['start'],
		logFile: options.logFile,
		port,
		readyTimeoutMs: options.readyTimeoutMs,
		env: {
			...ownerEnvironment(options.owner),
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			// "localhost" may resolve to ::1, where n8n does not listen: webhooks go to the address it does.
			N8N_WEBHOOK_URL: `${baseUrl}/`,
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			...options.env,
		},
	});
	try {
		await setUpOwnerIfNeeded(baseUrl, options.owner);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return server;
}

export interface N8nProcessOptions {
	userFolder: string;
	/** The n8n command and its flags: `start` (the main process), `worker --concurrency=1`, `webhook`. */
	args: string[];
	/** n8n's log (stdout and stderr) is appended here. */
	logFile: string;
	/** The port its /healthz/readiness answers on (N8N_PORT, or a worker's QUEUE_HEALTH_CHECK_PORT, set in `env`). */
	port: number;
	env: NodeJS.ProcessEnv;
	/** Default 3 minutes (a first start also migrates the database). */
	readyTimeoutMs?: number;
}

/** Any n8n process with an HTTP server: started with a broker port of its own, ready once /healthz/readiness answers. */
export async function startN8nProcess(options: N8nProcessOptions): Promise<N8nServer> {
	const install = assertN8nInstalled();
	const env = n8nEnvironment({ userFolder: options.userFolder, runnersBrokerPort: await freePort(), extra: options.env });
	const child = spawnManaged(install.bin, options.args, { env, logFile: options.logFile });
	const server: N8nServer = {
		baseUrl: `http://127.0.0.1:${options.port}`,
		port: options.port,
		logFile: options.logFile,
		exited: child.exited,
		hasLogged: (text) => readLog(options.logFile).includes(text),
		stop: () => child.stop(STOP_GRACE_MS),
	};
	try {
		await waitUntilReady(server, options.readyTimeoutMs ?? 180_000);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return server;
}

async function waitUntilReady(server: N8nServer, timeoutMs: number): Promise<void> {
	let ended: ProcessEnd | undefined;
	void server.exited.then((end) => (ended = end));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (ended) {
			throw new Error(`n8n stopped (${describeEnd(ended)}) before it was ready:\n${logTail(server.logFile)}`);
		}
		if (await answersReady(server.baseUrl)) return;
		await sleep(READY_POLL_MS);
	}
	throw new Error(`n8n was not ready within ${timeoutMs} ms:\n${logTail(server.logFile)}`);
}

async function answersReady(baseUrl: string): Promise<boolean> {
	try {
		const response = await fetch(`${baseUrl}/healthz/readiness`);
		return response.status === 200;
	} catch {
		return false;
	}
}

export function logTail(logFile: string, lines = 40): string {
	return readLog(logFile).trimEnd().split('\n').slice(-lines).join('\n') || '(no log)';
}

function readLog(logFile: string): string {
	try {
		return readFileSync(logFile, 'utf8');
	} catch {
		return '';
	}
}
