/**
 * A private, throwaway PostgreSQL cluster for one queue-mode run: `initdb`
 * into a temporary folder, the server in the foreground on a free loopback
 * port (so it stops with us, see processes.ts), the folder removed
 * afterwards. No system cluster or database is touched. As root, PostgreSQL
 * refuses to run, so it runs as the `postgres` user Debian's package creates.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from '../freePort';
import { logTail } from '../n8nServer';
import { describeEnd, runToCompletion, spawnManaged, type ProcessEnd } from '../processes';

export interface PostgresInstance {
	port: number;
	database: string;
	user: string;
	password: string;
	/** n8n's settings for this database. */
	n8nEnvironment: NodeJS.ProcessEnv;
	stop(): Promise<void>;
}

const POSTGRES_ROOT = '/usr/lib/postgresql';
const DATABASE = 'n8n';
const SUPERUSER = 'postgres';
/** Loopback only and trust authentication: n8n sends it, PostgreSQL does not check it. */
const PASSWORD = 'n8n-queue-test';

/** The newest installed PostgreSQL's bin folder (Debian keeps each major version apart). */
export function postgresBinFolder(): string {
	const versions = existsSync(POSTGRES_ROOT)
		? readdirSync(POSTGRES_ROOT)
				.filter((version) => existsSync(path.join(POSTGRES_ROOT, version, 'bin', 'postgres')))
				.sort((a, b) => Number(a) - Number(b))
		: [];
	const newest = versions.at(-1);
	if (!newest) {
		throw new Error(`no PostgreSQL server in ${POSTGRES_ROOT}: run \`bash scripts/install-queue-services.sh\` once`);
	}
	return path.join(POSTGRES_ROOT, newest, 'bin');
}

/** util-linux's runuser lives in /usr/sbin, which a plain shell's PATH often lacks. */
function runuser(): string {
	return ['/usr/sbin/runuser', '/sbin/runuser'].find((candidate) => existsSync(candidate)) ?? 'runuser';
}

/** As root, the command runs as the `postgres` user; otherwise as ourselves. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return userInfo().uid === 0 ? [runuser(), ['-u', SUPERUSER, '--', command, ...args]] : [command, args];
}

export async function startPostgres(logFile: string): Promise<PostgresInstance> {
	const bin = postgresBinFolder();
	const folder = mkdtempSync(path.join(tmpdir(), 'fluenzr-queue-pg-'));
	const dataFolder = path.join(folder, 'data');
	if (userInfo().uid === 0) {
		const uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).trim());
		chownSync(folder, uid, gid);
	}
	chmodSync(folder, 0o700);
	const remove = () => rmSync(folder, { recursive: true, force: true });

	try {
		const [initdb, initdbArgs] = asPostgresUser(path.join(bin, 'initdb'), [
			'-D',
			dataFolder,
			'-U',
			SUPERUSER,
			'-A',
			'trust',
			'-E',
			'UTF8',
			'--no-sync',
		]);
		const init = await runToCompletion(initdb, initdbArgs, { env: process.env, timeoutMs: 120_000 });
		if (init.code !== 0) throw new Error(`initdb stopped (${describeEnd(init)}):\n${init.stdout}${init.stderr}`);

		const port = await freePort();
		const [postgres, postgresArgs] = asPostgresUser(path.join(bin, 'postgres'), [
			'-D',
			dataFolder,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`unix_socket_directories=${folder}`,
			// A throwaway database: durability buys nothing here and costs the test time.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		]);
		const server = spawnManaged(postgres, postgresArgs, { env: process.env, logFile });
		let ended: ProcessEnd | undefined;
		void server.exited.then((end) => (ended = end));
		const stop = async () => {
			await server.stop(15_000);
			remove();
		};

		try {
			const psql = path.join(bin, 'psql');
			const deadline = Date.now() + 120_000;
			for (;;) {
				if (ended) throw new Error(`PostgreSQL stopped (${describeEnd(ended)}):\n${logTail(logFile)}`);
				const created = await runToCompletion(
					psql,
					['-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${DATABASE}`],
					{ env: { ...process.env, PGCONNECT_TIMEOUT: '5' }, timeoutMs: 30_000 },
				);
				if (created.code === 0) break;
				if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections:\n${created.stderr}\n${logTail(logFile)}`);
				await sleep(250);
			}
		} catch (error) {
			await stop();
			throw error;
		}

		return {
			port,
			database: DATABASE,
			user: SUPERUSER,
			password: PASSWORD,
			n8nEnvironment: {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(port),
				DB_POSTGRESDB_DATABASE: DATABASE,
				DB_POSTGRESDB_USER: SUPERUSER,
				DB_POSTGRESDB_PASSWORD: PASSWORD,
			},
			stop,
		};
	} catch (error) {
		remove();
		throw error;
	}
}
