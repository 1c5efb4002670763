/**
 * How fast the FluenzR sandbox serves pages of a 100,000-contact account, so
 * that it is never the bottleneck of a benchmark. Run:
 *
 *   npx tsx bench/sandbox.bench.ts [pagesPerScenario=500] [contacts=100000]
 *
 * Seeds the contacts (timed), then for each scenario times one cold request
 * (which builds the cached filtered+sorted list) and N page requests of 100
 * items over loopback with a keep-alive client, and prints a table.
 */
import http from 'node:http';

import { DEMO_KEYS, startSandbox } from '../sandbox';

const PAGES = Number(process.argv[2] ?? 500);
const CONTACTS = Number(process.argv[3] ?? 100_000);
const PER_PAGE = 100;

interface Scenario {
	name: string;
	/** The query of the i-th timed request. */
	query: (i: number) => string;
}

const lastPage = Math.ceil(CONTACTS / PER_PAGE);
const SCENARIOS: Scenario[] = [
	{ name: 'default sort, pages 1..N', query: (i) => `page=${(i % lastPage) + 1}&perPage=${PER_PAGE}` },
	{
		name: 'filter email=example + sort lastName desc',
		query: (i) => `email=example&sort=lastName&order=desc&page=${(i % 40) + 1}&perPage=${PER_PAGE}`,
	},
	{ name: 'deep pages (last 100 pages)', query: (i) => `page=${lastPage - (i % 100)}&perPage=${PER_PAGE}` },
	{ name: 'sort company asc, random pages', query: (i) => `sort=company&page=${((i * 7919) % lastPage) + 1}&perPage=${PER_PAGE}` },
];

function get(agent: http.Agent, origin: URL, path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const req = http.get(
			{ host: origin.hostname, port: origin.port, path, agent, headers: { authorization: `Bearer ${DEMO_KEYS.pro}` } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					if (res.statusCode !== 200 || body.data.length === 0) reject(new Error(`GET ${path}: ${res.statusCode}`));
					else resolve(Number(process.hrtime.bigint() - started) / 1e6);
				});
			},
		);
		req.on('error', reject);
	});
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function printTable(headers: string[], rows: string[][]): void {
	const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
	const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
	console.log([line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({ logRequests: false, rateLimit: { limit: 100_000_000, windowMs: 60_000 } });
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	try {
		const seedStarted = performance.now();
		sandbox.seed({ contacts: CONTACTS });
		const seedMs = performance.now() - seedStarted;

		const origin = new URL(sandbox.origin);
		const rows: string[][] = [];
		for (const scenario of SCENARIOS) {
			const coldMs = await get(agent, origin, `/v1/contacts?${scenario.query(PAGES)}`);
			const times: number[] = [];
			const started = performance.now();
			for (let i = 0; i < PAGES; i++) times.push(await get(agent, origin, `/v1/contacts?${scenario.query(i)}`));
			const elapsedS = (performance.now() - started) / 1000;
			times.sort((a, b) => a - b);
			rows.push([
				scenario.name,
				coldMs.toFixed(1),
				percentile(times, 50).toFixed(2),
				percentile(times, 95).toFixed(2),
				(PAGES / elapsedS).toFixed(0),
			]);
		}

		console.log(`FluenzR sandbox benchmark: ${CONTACTS.toLocaleString('en-US')} contacts, ${PAGES} pages of ${PER_PAGE} per scenario, Node ${process.version}`);
		console.log(`Seeding: ${(seedMs / 1000).toFixed(2)} s   requests served: ${sandbox.requestCount()}\n`);
		printTable(['scenario', 'cold ms', 'median ms', 'p95 ms', 'pages/s'], rows);
		console.log(`\nRSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB   heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
		console.log('(cold = the first request of a scenario, which filters and sorts once; later pages slice the cached list)');
	} finally {
		agent.destroy();
		await sandbox.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
