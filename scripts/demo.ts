/**
 * `npm start` (after scripts/demo.sh has built the package and installed n8n):
 * a real n8n on 127.0.0.1 with this package installed from its packed
 * tarball, the FluenzR credential and the example workflows imported, and a
 * seeded FluenzR sandbox behind them. Ctrl-C stops everything.
 *
 * Environment: N8N_PORT (default 5678), FLUENZR_SANDBOX_PORT (default 4010);
 * FLUENZR_API_KEY (+ FLUENZR_BASE_URL) to use a real FluenzR account instead
 * of the sandbox; N8N_WEBHOOK_URL when FluenzR must reach n8n from outside.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { DEFAULT_BASE_URL } from '../client/contract';
import { DEMO_KEYS } from '../sandbox/constants';
import { loadExample, loadExamples } from './lib/examples';
import { loadMcpExample, mcpTokenCredential } from './lib/mcpExample';
import { fluenzrCredential, FLUENZR_CREDENTIAL } from './lib/fluenzrCredential';
import { isPortFree } from './lib/freePort';
import { importCredentials, importWorkflows } from './lib/n8nCli';
import { assertN8nInstalled, REPO_ROOT } from './lib/n8nInstall';
import { startN8n, type N8nServer } from './lib/n8nServer';
import { DEMO_OWNER } from './lib/owner';
import { installPackedPackage, packPackage } from './lib/packedPackage';
import { describeEnd } from './lib/processes';
import { sandboxClient } from './lib/sandboxClient';
import { startSandboxProcess, type SandboxProcess } from './lib/sandboxProcess';

const DEMO_FOLDER = path.join(REPO_ROOT, '.n8n-demo');
/** The Bearer token of the example MCP server: a local demo value, like the demo password. */
const DEMO_MCP_TOKEN = 'fluenzr-demo-mcp-token';
const n8nPort = Number(process.env.N8N_PORT ?? 5678);
const sandboxPort = Number(process.env.FLUENZR_SANDBOX_PORT ?? 4010);
const realAccount = process.env.FLUENZR_API_KEY
	? { apiKey: process.env.FLUENZR_API_KEY, baseUrl: process.env.FLUENZR_BASE_URL ?? DEFAULT_BASE_URL }
	: undefined;

let sandbox: SandboxProcess | undefined;
let n8n: N8nServer | undefined;
let stopping = false;

const say = (text: string) => console.log(`[demo] ${text}`);

async function main(): Promise<void> {
	// `on`, not `once`: a terminal's Ctrl-C reaches us twice (directly and relayed by tsx),
	// and a second, unhandled SIGINT would kill us before the sandbox is stopped.
	process.on('SIGINT', () => void stopAll('Ctrl-C', 0));
	process.on('SIGTERM', () => void stopAll('SIGTERM', 0));

	const install = assertN8nInstalled();
	await assertPortFree(n8nPort, 'N8N_PORT');

	let connection: { apiKey: string; baseUrl: string };
	if (realAccount) {
		connection = realAccount;
		say(`1/5 using the real FluenzR at ${realAccount.baseUrl} (FLUENZR_API_KEY is set): no sandbox`);
		say('    Careful: running the examples changes data in that account, and "campaign automation" starts a campaign that sends email.');
	} else {
		await assertPortFree(sandboxPort, 'FLUENZR_SANDBOX_PORT');
		say(`1/5 starting the FluenzR sandbox with seeded demo data on port ${sandboxPort}`);
		sandbox = await startSandboxProcess(sandboxPort);
		connection = { apiKey: DEMO_KEYS.pro, baseUrl: sandbox.baseUrl };
	}

	mkdirSync(DEMO_FOLDER, { recursive: true });
	const cli = { userFolder: DEMO_FOLDER };
	say('2/5 packing the package (npm pack) and installing the tarball the way n8n installs community nodes');
	const packed = packPackage(path.join(DEMO_FOLDER, 'pack'));
	installPackedPackage(packed, DEMO_FOLDER);

	say(`3/5 importing the credential "${FLUENZR_CREDENTIAL.name}" (→ ${connection.baseUrl}) and the example MCP server's token into n8n ${install.version}`);
	await importCredentials([fluenzrCredential(connection), mcpTokenCredential(DEMO_MCP_TOKEN)], cli);
	const examples = loadExamples();
	say(`4/5 importing ${examples.length} example workflows: ${examples.map((workflow) => workflow.name).join(', ')}`);
	await importWorkflows(examples, cli);

	const logFile = path.join(DEMO_FOLDER, 'n8n.log');
	say(`5/5 starting n8n on 127.0.0.1:${n8nPort} (the first start sets up its database: up to a minute); log: ${path.relative(REPO_ROOT, logFile)}`);
	const webhookUrl = process.env.N8N_WEBHOOK_URL;
	n8n = await startN8n({
		userFolder: DEMO_FOLDER,
		owner: DEMO_OWNER,
		port: n8nPort,
		logFile,
		env: webhookUrl ? { N8N_WEBHOOK_URL: webhookUrl } : {},
	});
	void n8n.exited.then((end) => void stopAll(`n8n stopped (${describeEnd(end)}); see ${logFile}`, 1));

	const mcp = loadMcpExample();
	console.log(`
  n8n is ready:   ${n8n.baseUrl}
  Sign in with:   ${DEMO_OWNER.email}  /  ${DEMO_OWNER.password}
  FluenzR:        ${connection.baseUrl}${realAccount ? '' : `  (sandbox, API key ${DEMO_KEYS.pro})`}

  Open a "FluenzR: …" workflow and click "Execute workflow".
  MCP server:     publish "${mcp.workflow.name}", then connect an MCP client to
                  ${n8n.baseUrl}/mcp/${mcp.trigger.parameters.path}  with  Authorization: Bearer ${DEMO_MCP_TOKEN}
  AI Agent:       "${loadExample('ai-agent.json').name}" needs a chat model: create its
                  OpenAI credential, with a Base URL for any OpenAI-compatible server`);
	if (!realAccount) console.log(await triggerHint(connection));
	console.log('\n  Ctrl-C stops n8n and the sandbox.\n');
}

/** How to see the trigger work: publish the workflow, then make the sandbox report a reply. */
async function triggerHint(connection: { apiKey: string; baseUrl: string }): Promise<string> {
	const client = sandboxClient(connection.baseUrl, connection.apiKey);
	const [campaign] = await client.listAll<{ id: string }>('/campaigns?status=active');
	const [contact] = await client.listAll<{ id: string }>('/contacts?sort=email');
	const event = JSON.stringify({ event: 'email.replied', campaignId: campaign?.id, contactId: contact?.id });
	const controls = `${new URL(connection.baseUrl).origin}/_sandbox`;
	return `  Trigger: publish "FluenzR: reply handling", then report a reply in the sandbox:
    curl -X POST ${controls}/events -H 'Content-Type: application/json' -d '${event}'`;
}

async function stopAll(reason: string, exitCode: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	say(`${reason}: stopping n8n and the sandbox`);
	await n8n?.stop();
	await sandbox?.stop();
	process.exit(exitCode);
}

async function assertPortFree(port: number, variable: string): Promise<void> {
	if (!(await isPortFree(port))) {
		throw new Error(`port ${port} is in use: choose another with ${variable}, e.g. \`${variable}=${port + 1} npm start\``);
	}
}

main().catch(async (error: unknown) => {
	console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
	await stopAll('setup failed', 1);
});
