/**
 * A private Redis for one queue-mode run: Debian's `redis-server` in the
 * foreground on a free loopback port, keeping nothing on disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from '../freePort';
import { logTail } from '../n8nServer';
import { describeEnd, spawnManaged, type ProcessEnd } from '../processes';

export interface RedisInstance {
	port: number;
	stop(): Promise<void>;
}

function redisServerPath(): string {
	try {
		return execFileSync('bash', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error('redis-server is not installed: run `bash scripts/install-queue-services.sh` once');
	}
}

/** Whether Redis answers PING on this port. */
async function answersPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		const done = (answer: boolean) => {
			socket.destroy();
			resolve(answer);
		};
		socket.setTimeout(2_000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
	});
}

export async function startRedis(logFile: string): Promise<RedisInstance> {
	const server = redisServerPath();
	const folder = mkdtempSync(path.join(tmpdir(), 'fluenzr-queue-redis-'));
	const port = await freePort();
	const redis = spawnManaged(
		server,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', folder],
		{ env: process.env, logFile },
	);
	let ended: ProcessEnd | undefined;
	void redis.exited.then((end) => (ended = end));
	const stop = async () => {
		await redis.stop(5_000);
		rmSync(folder, { recursive: true, force: true });
	};
	const deadline = Date.now() + 60_000;
	while (!(await answersPing(port))) {
		if (ended || Date.now() > deadline) {
			await stop();
			throw new Error(`Redis did not answer PING on port ${port}${ended ? ` (${describeEnd(ended)})` : ''}:\n${logTail(logFile)}`);
		}
		await sleep(100);
	}
	return { port, stop };
}
