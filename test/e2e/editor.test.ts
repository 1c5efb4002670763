/**
 * The Fluenzr node in n8n's editor, in a real browser (Debian's Chromium,
 * headless): what a user sees after installing the package. Signed in
 * through the /signin form, the CRM sync example shows the FluenzR icon on
 * the canvas, its node panel shows the Resource and Operation chosen, runs
 * from "Execute step", and the credential shows its own icon. The tests
 * follow one user's path in one page, in order.
 *
 * Screenshots are kept in test-artifacts/e2e/editor-*.png; the node panel's
 * is copied to docs/images/ for the README when FLUENZR_UPDATE_README_SCREENSHOT=1.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';
import type { Locator, Page } from 'playwright-core';

import { additionalFieldsCollection } from '../../nodes/Fluenzr/resources/fieldCollections';

import { ensureChromium, launchChromium, type BrowserSession } from './support/browser';
import {
	canvasNode,
	canvasNodeNames,
	canvasReady,
	closeCredentialDialog,
	closeNodePanel,
	collectionOptionsOffered,
	credentialCard,
	credentialCardIcon,
	credentialDialogIcon,
	executeStep,
	imageIn,
	openCredentialDialog,
	openCredentialsList,
	nodePanelHeader,
	openNodePanel,
	recordResponses,
	shownCredentialName,
	shownParameterValue,
	signInTo,
} from './support/browserN8nEditor';
import { e2eContext } from './support/e2eState';
import { loadExample } from '../../scripts/lib/examples';
import { FLUENZR_CREDENTIAL } from '../../scripts/lib/fluenzrCredential';
import { REPO_ROOT } from '../../scripts/lib/n8nInstall';
import { startN8n, type N8nServer } from '../../scripts/lib/n8nServer';
import { DEMO_OWNER } from '../../scripts/lib/owner';
import { timed } from './support/timings';
import { FLUENZR_NODE_TYPE } from '../../scripts/lib/workflowBuilder';

const context = e2eContext();
const { sandbox } = context;

const ICONS_PREFIX = '/icons/n8n-nodes-fluenzr/dist/';
const NODE_ICON = `${ICONS_PREFIX}nodes/Fluenzr/fluenzr.svg`;
const CREDENTIAL_ICON = `${ICONS_PREFIX}credentials/fluenzr.svg`;
const CRM_SYNC = loadExample('crm-sync.json');
const UPSERT_NODE = 'Create or update contact';
const CRM_RECORDS = 5;

const README_SCREENSHOT = path.join(REPO_ROOT, 'docs', 'images', 'fluenzr-node-editor.png');
const README_SCREENSHOT_MAX_BYTES = 300 * 1024;
const screenshotPath = (name: string) => path.join(context.artefactsFolder, `editor-${name}.png`);

const browserAvailability = ensureChromium();
if (!browserAvailability.available) process.stderr.write(`[e2e] editor test skipped: ${browserAvailability.reason}\n`);
const describeInBrowser = browserAvailability.available ? describe : describe.skip;

describeInBrowser('the Fluenzr node in the n8n editor (Chromium, headless)', () => {
	let server: N8nServer;
	let browser: BrowserSession | undefined;
	let page: Page;
	let iconStatuses: Map<string, number>;
	let nodePanel: Locator;

	beforeAll(async () => {
		await sandbox.reset();
		server = await timed('n8n start (editor)', () =>
			startN8n({ userFolder: context.userFolder, owner: DEMO_OWNER, logFile: path.join(context.artefactsFolder, 'n8n-editor.log') }),
		);
		browser = await timed('Chromium start', () => launchChromium());
		page = browser.page;
		iconStatuses = recordResponses(page, ICONS_PREFIX);
	});

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('signing in through the /signin form opens the CRM sync example', async () => {
		await timed('sign in through /signin', () => signInTo(page, server.baseUrl, `/workflow/${CRM_SYNC.id}`, DEMO_OWNER));
		await timed('draw the canvas', () => canvasReady(page));
		expect((await canvasNodeNames(page)).sort()).toEqual(CRM_SYNC.nodes.map((node) => node.name).sort());
	});

	it('the canvas draws every Fluenzr node with the FluenzR icon, not the "?" placeholder', async () => {
		const fluenzrNodes = CRM_SYNC.nodes.filter((node) => node.type === FLUENZR_NODE_TYPE);
		expect(fluenzrNodes.length).toBeGreaterThan(0);
		for (const node of fluenzrNodes) {
			expect(await imageIn(canvasNode(page, node.name))).toMatchObject({ src: NODE_ICON, loaded: true });
		}
		expect(iconStatuses.get(NODE_ICON)).toBe(200);
		await page.screenshot({ path: screenshotPath('canvas') });
	});

	it('double-clicking the node opens its panel showing Resource "Contact", Operation "Create or Update" and the credential', async () => {
		nodePanel = await openNodePanel(page, UPSERT_NODE);
		expect(await shownParameterValue(nodePanel, 'resource')).toBe('Contact');
		expect(await shownParameterValue(nodePanel, 'operation')).toBe('Create or Update');
		expect(await shownCredentialName(nodePanel)).toBe(FLUENZR_CREDENTIAL.name);
		expect(await imageIn(nodePanelHeader(nodePanel))).toMatchObject({ src: NODE_ICON, loaded: true });
	});

	it('Additional Fields offers the contact’s fields, and none of those of groups, campaigns or webhooks', async () => {
		const offered = await collectionOptionsOffered(page, nodePanel, 'additionalFields');
		// The example sets every other contact field already, and a set field is not offered again.
		expect(offered).toEqual(expect.arrayContaining(['Group Names or IDs', 'Unsubscribed']));
		const otherResourcesOnly = (additionalFieldsCollection.options as INodeProperties[])
			.filter((option) => !(option.displayOptions?.show?.['/resource'] as string[]).includes('contact'))
			.map((option) => option.displayName);
		expect(otherResourcesOnly.length).toBeGreaterThan(0);
		expect(offered.filter((name) => otherResourcesOnly.includes(name))).toEqual([]);
		await page.screenshot({ path: screenshotPath('additional-fields') });
	});

	it('"Execute step" runs the node from the panel: the output lists the five CRM contacts, now stored in FluenzR', async () => {
		const output = await timed('Execute step in the node panel', () => executeStep(nodePanel, CRM_RECORDS));
		const shownEmails = [...new Set((await output.innerText()).match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [])];
		expect(shownEmails).toHaveLength(CRM_RECORDS);
		for (const email of shownEmails) {
			const stored = await sandbox.listAll<{ email: string }>(`/contacts?email=${encodeURIComponent(email)}`);
			expect(stored.map((contact) => contact.email)).toContain(email);
		}

		await page.screenshot({ path: screenshotPath('node-panel') });
		expect(statSync(screenshotPath('node-panel')).size).toBeLessThan(README_SCREENSHOT_MAX_BYTES);
		// The README's picture is refreshed only on request: IDs differ on every run.
		if (process.env.FLUENZR_UPDATE_README_SCREENSHOT === '1') {
			mkdirSync(path.dirname(README_SCREENSHOT), { recursive: true });
			copyFileSync(screenshotPath('node-panel'), README_SCREENSHOT);
		}
	});

	it("the credential opens from the panel with the FluenzR icon, and n8n's connection test passes", async () => {
		const dialog = await openCredentialDialog(page, nodePanel);
		expect(await imageIn(credentialDialogIcon(dialog))).toMatchObject({ src: CREDENTIAL_ICON, loaded: true });
		await dialog.getByText('Connection tested successfully').waitFor();
		expect(iconStatuses.get(CREDENTIAL_ICON)).toBe(200);
		await page.screenshot({ path: screenshotPath('credential') });
		await closeCredentialDialog(page, dialog);
	});

	it('the credentials list shows "FluenzR account" with the FluenzR icon', async () => {
		await closeNodePanel(page);
		await openCredentialsList(page);
		const card = credentialCard(page, FLUENZR_CREDENTIAL.name);
		await expect(card.innerText()).resolves.toContain('FluenzR API');
		expect(await imageIn(credentialCardIcon(card))).toMatchObject({ src: CREDENTIAL_ICON, loaded: true });
		await page.screenshot({ path: screenshotPath('credentials-list') });
	});
});
