/**
 * n8n 2.41's editor as a user works it in the browser: the sign-in form, a
 * workflow's canvas, a node's panel (NDV), the credential dialog and the
 * credentials list. Elements are found by n8n's own `data-test-id`s, values
 * read the way they show on screen. Nothing here calls n8n's REST API from
 * outside the page (that would sign the browser out).
 */
import type { Locator, Page } from 'playwright-core';

import type { N8nOwner } from '../../../scripts/lib/owner';

const byTestId = (testId: string) => `[data-test-id="${testId}"]`;

/**
 * Opens `path` (e.g. /workflow/<id>) signed out: n8n sends the browser to
 * its /signin form, and after signing in back to `path`. One page load of the
 * editor instead of two (each costs seconds on a busy machine).
 */
export async function signInTo(page: Page, baseUrl: string, path: string, owner: N8nOwner): Promise<void> {
	await page.goto(`${baseUrl}${path}`);
	await page.waitForURL((url) => url.pathname === '/signin');
	await page.locator('input[name="emailOrLdapLoginId"]').fill(owner.email);
	await page.locator('input[name="password"]').fill(owner.password);
	await page.locator(byTestId('form-submit-button')).click();
	await page.waitForURL((url) => url.pathname === path);
}

/** Waits until the open workflow's nodes are drawn on the canvas. */
export async function canvasReady(page: Page): Promise<void> {
	await page.locator(byTestId('canvas-node')).first().waitFor();
}

/** The names of the nodes drawn on the canvas. */
export async function canvasNodeNames(page: Page): Promise<string[]> {
	return await page
		.locator(byTestId('canvas-node'))
		.evaluateAll((nodes) => nodes.map((node) => (node as unknown as { dataset: { nodeName?: string } }).dataset.nodeName ?? ''));
}

export function canvasNode(page: Page, nodeName: string): Locator {
	return page.locator(`${byTestId('canvas-node')}[data-node-name="${nodeName}"]`);
}

/** What the browser made of an <img>: its `src` as written, and whether it decoded into a picture. */
export interface ImageState {
	src: string;
	loaded: boolean;
	naturalWidth: number;
}

/** The one <img> inside `container`; none there (n8n's "?" placeholder is text) fails the wait. */
export async function imageIn(container: Locator): Promise<ImageState> {
	const image = container.locator('img').first();
	await image.waitFor();
	// Waits for the decode, so a slow icon is not mistaken for a broken one.
	await image.evaluate(async (element) => {
		const img = element as unknown as { decode(): Promise<void> };
		await img.decode().catch(() => undefined);
	});
	return await image.evaluate((element) => {
		const img = element as unknown as { getAttribute(name: string): string | null; complete: boolean; naturalWidth: number };
		return { src: img.getAttribute('src') ?? '', loaded: img.complete && img.naturalWidth > 0, naturalWidth: img.naturalWidth };
	});
}

/** Remembers the status of every response whose path starts with `prefix` (register before navigating). */
export function recordResponses(page: Page, prefix: string): Map<string, number> {
	const statuses = new Map<string, number>();
	page.on('response', (response) => {
		const url = new URL(response.url());
		if (url.pathname.startsWith(prefix)) statuses.set(url.pathname, response.status());
	});
	return statuses;
}

/** The node panel, opened the way a user does: a double-click on the node. */
export async function openNodePanel(page: Page, nodeName: string): Promise<Locator> {
	await canvasNode(page, nodeName).dblclick();
	const panel = page.locator(byTestId('ndv'));
	await panel.locator(byTestId('node-parameters')).waitFor();
	return panel;
}

/** The panel's title bar: the node's icon and name. */
export function nodePanelHeader(panel: Locator): Locator {
	return panel.locator(byTestId('node-title-container')).locator('..');
}

/** The text a parameter's input shows, e.g. "Contact" for the resource selector. */
export async function shownParameterValue(panel: Locator, parameterName: string): Promise<string> {
	return await panel.locator(`${byTestId(`parameter-input-${parameterName}`)} input`).first().inputValue();
}

export async function shownCredentialName(panel: Locator): Promise<string> {
	return await panel.locator(`${byTestId('node-credentials-select')} input`).inputValue();
}

/** The options a collection's "Add Field" list offers (the list is opened, read and closed). */
export async function collectionOptionsOffered(page: Page, panel: Locator, collectionName: string): Promise<string[]> {
	const collection = panel.locator(`${byTestId('parameter-item')}:has(> .multi-parameter label[for="${collectionName}"])`);
	// n8n 2.x marks the "Add Field" list with a test id; 1.x only with a class.
	await collection.locator(`${byTestId('collection-parameter-add')}, .add-option`).first().click();
	const options = page.locator(`${byTestId('collection-parameter-option')}:visible`);
	await options.first().waitFor();
	const names = (await options.allInnerTexts()).map((name) => name.trim());
	await page.keyboard.press('Escape');
	await options.first().waitFor({ state: 'hidden' });
	return names;
}

/** "Execute step" in the panel; answers the output's data once its table shows `expectedItems` rows. */
export async function executeStep(panel: Locator, expectedItems: number): Promise<Locator> {
	await panel.locator(byTestId('node-execute-button')).first().click();
	const output = panel.locator(byTestId('output-panel'));
	const count = output.locator(byTestId('run-data-item-count'));
	await count.getByText(`${expectedItems} item${expectedItems === 1 ? '' : 's'}`, { exact: true }).waitFor();
	const data = output.locator(byTestId('ndv-data-container'));
	await data.locator('table tbody tr').nth(expectedItems - 1).waitFor();
	return data;
}

/** The node's credential dialog, from the pencil next to the credential select. */
export async function openCredentialDialog(page: Page, panel: Locator): Promise<Locator> {
	await panel.locator(byTestId('credential-edit-button')).click();
	const dialog = page.locator(byTestId('editCredential-modal'));
	await dialog.waitFor();
	return dialog;
}

/** The icon at the top of the credential dialog, next to the credential's name. */
export function credentialDialogIcon(dialog: Locator): Locator {
	return dialog.locator('header');
}

export async function closeCredentialDialog(page: Page, dialog: Locator): Promise<void> {
	await page.keyboard.press('Escape');
	await dialog.waitFor({ state: 'hidden' });
}

export async function closeNodePanel(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.locator(byTestId('ndv')).waitFor({ state: 'hidden' });
}

/** Overview → Credentials, through the sidebar and the tab, as a user clicks there. */
export async function openCredentialsList(page: Page): Promise<void> {
	await page.locator(byTestId('project-home-menu-item')).click();
	await page.locator(byTestId('tab-CredentialsView')).click();
	await page.locator(byTestId('resources-list-item')).first().waitFor();
}

export function credentialCard(page: Page, credentialName: string): Locator {
	return page.locator(byTestId('resources-list-item')).filter({ hasText: credentialName });
}

export function credentialCardIcon(card: Locator): Locator {
	return card.locator(byTestId('card-prepend'));
}
