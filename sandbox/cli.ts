/**
 * `npm run sandbox`: a FluenzR sandbox for the demo and for manual testing.
 *
 *   --port N            (env FLUENZR_SANDBOX_PORT, default 4010; 0 = any free port)
 *   --host H            (env FLUENZR_SANDBOX_HOST, default 127.0.0.1)
 *   --seed-contacts N   --seed-groups N   --seed-campaigns N   --seed N (PRNG seed)
 *                       (default: 120 contacts, 4 groups, 6 campaigns, seed 1)
 *   --rate-limit L/W    requests per window in ms (default 1000/60000)
 *   --retry-delays a,b  webhook retry delays in ms (default 1000,2000,4000,8000,16000)
 *
 * Prints `FLUENZR_SANDBOX_READY <baseUrl>` once listening; stops cleanly on SIGINT/SIGTERM.
 */
import { DEFAULT_CLI_PORT, DEFAULT_HOST, DEFAULT_KEYS, DEMO_SEED } from './constants';
import { startSandbox } from './index';
import type { SandboxOptions } from './types';

export const READY_MARKER = 'FLUENZR_SANDBOX_READY';

class UsageError extends Error {}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): SandboxOptions {
	const flags = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const [name, inline] = argv[i].split(/=(.*)/s, 2);
		if (!name.startsWith('--')) throw new UsageError(`unexpected argument ${argv[i]}`);
		const value = inline ?? argv[++i];
		if (value === undefined) throw new UsageError(`${name} needs a value`);
		flags.set(name.slice(2), value);
	}
	const known = ['port', 'host', 'seed-contacts', 'seed-groups', 'seed-campaigns', 'seed', 'rate-limit', 'retry-delays'];
	for (const name of flags.keys()) if (!known.includes(name)) throw new UsageError(`unknown flag --${name}`);

	const count = (name: string, fallback: number | string) => {
		const raw = flags.get(name) ?? String(fallback);
		if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number (got ${raw})`);
		return Number(raw);
	};
	const options: SandboxOptions = {
		port: count('port', env.FLUENZR_SANDBOX_PORT || DEFAULT_CLI_PORT),
		host: flags.get('host') ?? env.FLUENZR_SANDBOX_HOST ?? DEFAULT_HOST,
		seed: {
			contacts: count('seed-contacts', DEMO_SEED.contacts),
			groups: count('seed-groups', DEMO_SEED.groups),
			campaigns: count('seed-campaigns', DEMO_SEED.campaigns),
			seed: count('seed', DEMO_SEED.seed),
		},
	};
	const rateLimit = flags.get('rate-limit');
	if (rateLimit !== undefined) {
		const match = /^(\d+)\/(\d+)$/.exec(rateLimit);
		if (!match) throw new UsageError('--rate-limit must look like 1000/60000 (requests/window ms)');
		options.rateLimit = { limit: Number(match[1]), windowMs: Number(match[2]) };
	}
	const retryDelays = flags.get('retry-delays');
	if (retryDelays !== undefined) {
		const delays = retryDelays.split(',').map(Number);
		if (delays.some((ms) => !Number.isFinite(ms) || ms < 0)) throw new UsageError('--retry-delays must be comma-separated milliseconds');
		options.deliveryRetryDelaysMs = delays;
	}
	return options;
}

async function main(): Promise<void> {
	let options: SandboxOptions;
	try {
		options = parseArgs(process.argv.slice(2), process.env);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`fluenzr-sandbox: ${error.message}`);
		process.exit(2);
	}
	const sandbox = await startSandbox(options);
	const seed = options.seed ?? {};
	const limit = options.rateLimit ?? { limit: 1000, windowMs: 60000 };
	console.log(`FluenzR sandbox listening on ${sandbox.origin}`);
	console.log(`  Base URL (set it in the FluenzR credential): ${sandbox.baseUrl}`);
	console.log(`  Controls (no auth):                         ${sandbox.controlUrl}`);
	console.log(`  Seeded acct_demo with ${seed.contacts} contacts, ${seed.groups} groups, ${seed.campaigns} campaigns (seed ${seed.seed})`);
	console.log(`  Rate limit: ${limit.limit} requests per ${limit.windowMs} ms per key`);
	console.log('  API keys:');
	for (const { key, plan, account } of DEFAULT_KEYS) console.log(`    ${key}  ${plan.padEnd(4)}  ${account}`);
	console.log(`  Process ${process.pid}: SIGINT (Ctrl-C) or SIGTERM stops it`);
	console.log(`${READY_MARKER} ${sandbox.baseUrl}`);

	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		console.log(`Received ${signal}, stopping the sandbox`);
		sandbox.stop().then(
			() => {
				console.log('Sandbox stopped');
				process.exit(0);
			},
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
