/**
 * The packed package, installed the way n8n installs community packages,
 * seen by a running n8n: both node types, the credential, the node icons,
 * and the node offered as an AI agent tool.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { e2eContext } from './support/e2eState';
import { logIn, type N8nSession } from '../../scripts/lib/n8nApi';
import { startN8n, type N8nServer } from '../../scripts/lib/n8nServer';
import { DEMO_OWNER } from '../../scripts/lib/owner';
import { isN8n1 } from '../../scripts/lib/n8nVersion';
import { communityNodesFolder } from '../../scripts/lib/packedPackage';
import { timed } from './support/timings';
import { FLUENZR_NODE_TYPE, FLUENZR_TRIGGER_TYPE } from '../../scripts/lib/workflowBuilder';

const context = e2eContext();
const PACKAGE_NAME = 'n8n-nodes-fluenzr';

interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	credentials?: Array<{ name: string }>;
	iconUrl?: string | { light: string; dark: string };
}

let server: N8nServer;
let session: N8nSession;
let nodeTypes: NodeTypeDescription[];

async function getJson<T>(urlPath: string): Promise<T> {
	const response = await fetch(`${server.baseUrl}${urlPath}`, { headers: { Cookie: session.cookie } });
	expect(response.status).toBe(200);
	return (await response.json()) as T;
}

const nodeType = (name: string) => nodeTypes.find((type) => type.name === name);

beforeAll(async () => {
	server = await timed('n8n start', () =>
		startN8n({ userFolder: context.userFolder, owner: DEMO_OWNER, logFile: path.join(context.artefactsFolder, 'n8n-package.log') }),
	);
	session = await logIn(server.baseUrl, DEMO_OWNER);
	nodeTypes = await getJson<NodeTypeDescription[]>('/types/nodes.json');
});

afterAll(async () => {
	await server?.stop();
});

it('n8n lists the Fluenzr node and the Fluenzr Trigger under the community package name', () => {
	expect(nodeType(FLUENZR_NODE_TYPE)).toMatchObject({ displayName: 'FluenzR', version: 1 });
	expect(nodeType(FLUENZR_TRIGGER_TYPE)).toMatchObject({ displayName: 'FluenzR Trigger', version: [1, 1.1], defaultVersion: 1.1 });
});

it('n8n offers the Fluenzr node as a tool for AI agents', () => {
	expect(nodeType(`${FLUENZR_NODE_TYPE}Tool`)).toBeDefined();
});

it('both nodes use the FluenzR API credential, which n8n knows', async () => {
	for (const name of [FLUENZR_NODE_TYPE, FLUENZR_TRIGGER_TYPE]) {
		expect(nodeType(name)?.credentials?.map((credential) => credential.name)).toEqual(['fluenzrApi']);
	}
	const credentialTypes = await getJson<Array<{ name: string; displayName: string }>>('/types/credentials.json');
	expect(credentialTypes).toContainEqual(expect.objectContaining({ name: 'fluenzrApi', displayName: 'FluenzR API' }));
});

it('n8n serves the node icons, so the canvas shows the FluenzR logo instead of a placeholder', async () => {
	for (const name of [FLUENZR_NODE_TYPE, FLUENZR_TRIGGER_TYPE]) {
		const iconUrl = nodeType(name)?.iconUrl;
		const urls = typeof iconUrl === 'string' ? [iconUrl] : [iconUrl?.light, iconUrl?.dark];
		for (const url of urls) {
			expect(url).toMatch(new RegExp(`^icons/${PACKAGE_NAME}/`));
			const response = await fetch(`${server.baseUrl}/${url}`);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toContain('svg');
		}
	}
});

it('what n8n loaded is exactly the packed tarball, installed without dev or peer dependencies', () => {
	const installed = path.join(communityNodesFolder(context.userFolder), 'node_modules', PACKAGE_NAME);
	const inTarball = execFileSync('tar', ['-tzf', context.tarball], { encoding: 'utf8' })
		.split('\n')
		.filter((entry) => entry && !entry.endsWith('/'))
		.map((entry) => entry.replace(/^package\//, ''))
		.sort();
	expect(filesUnder(installed)).toEqual(inTarball);
	const packageJson = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
	expect(packageJson).not.toHaveProperty('devDependencies');
	expect(packageJson).not.toHaveProperty('peerDependencies');
});

function filesUnder(folder: string, prefix = ''): string[] {
	return readdirSync(folder, { withFileTypes: true })
		.flatMap((entry) =>
			entry.isDirectory()
				? filesUnder(path.join(folder, entry.name), `${prefix}${entry.name}/`)
				: [`${prefix}${entry.name}`],
		)
		.sort();
}

// n8n 1.x answers 403 to testing credential data that is not stored yet (the dialog's "Test" before saving).
const describeOnN8n2 = isN8n1() ? describe.skip : describe;

describeOnN8n2("the credential's connection test, as n8n runs it from the credential dialog", () => {
	async function testCredential(apiKey: string): Promise<{ status: string; message: string }> {
		const response = await fetch(`${server.baseUrl}/rest/credentials/test`, {
			method: 'POST',
			headers: { Cookie: session.cookie, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				credentials: {
					id: '',
					name: 'FluenzR under test',
					type: 'fluenzrApi',
					data: { apiKey, baseUrl: context.sandboxBaseUrl },
				},
			}),
		});
		expect(response.status).toBe(200);
		return ((await response.json()) as { data: { status: string; message: string } }).data;
	}

	it('passes with a Pro key', async () => {
		expect(await testCredential(context.sandboxApiKey)).toMatchObject({ status: 'OK' });
	});

	it("fails with FluenzR's own Pro plan message for a key of an account without the Pro plan", async () => {
		const result = await testCredential('fz_demo_free_key_0001');
		expect(result.status).toBe('Error');
		expect(result.message).toContain('The REST API is available on the Pro plan only');
	});

	it('fails naming the API key for an unknown key', async () => {
		const result = await testCredential('fz_not_a_real_key_123');
		expect(result.status).toBe('Error');
		expect(result.message).toContain('FluenzR did not accept this API key');
		expect(result.message).not.toContain('fz_not_a_real_key_123');
	});
});
