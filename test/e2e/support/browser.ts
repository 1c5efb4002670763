/**
 * Debian's Chromium, driven headless by playwright-core: the real browser a
 * user opens n8n's editor in. Playwright's own browser downloads are never
 * used (no internet here); scripts/install-browser.sh installs the apt
 * package, and this runs it when the browser is missing, so the editor test
 * is skipped only when Chromium truly cannot be installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { REPO_ROOT } from '../../../scripts/lib/n8nInstall';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Root in a container, offline: no sandbox, no GPU, nothing that phones home. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** The editor at a laptop's size: the node panel shows its three columns. */
const VIEWPORT = { width: 1440, height: 900 };

/** n8n's editor is slow to boot on 2 busy cores; a broken page still fails within this. */
const ACTION_TIMEOUT_MS = 90_000;

export type ChromiumAvailability = { available: true } | { available: false; reason: string };

/** Whether Chromium is there, after installing it if it was not (synchronous: jest decides skips while collecting). */
export function ensureChromium(): ChromiumAvailability {
	if (existsSync(CHROMIUM_PATH)) return { available: true };
	const install = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-browser.sh')], {
		encoding: 'utf8',
		timeout: 10 * 60_000,
	});
	if (existsSync(CHROMIUM_PATH)) return { available: true };
	const said = `${install.stdout ?? ''}${install.stderr ?? ''}`.trim() || String(install.error ?? 'no output');
	return { available: false, reason: `Chromium could not be installed at ${CHROMIUM_PATH}: ${said}` };
}

export interface BrowserSession {
	page: Page;
	/** Closes the browser and removes its profile. */
	close(): Promise<void>;
}

/** A headless Chromium with a fresh profile (no cookies, no cache from an earlier run). */
export async function launchChromium(): Promise<BrowserSession> {
	const profile = mkdtempSync(path.join(tmpdir(), 'fluenzr-chromium-'));
	let context: BrowserContext | undefined;
	const close = async () => {
		await context?.close().catch(() => undefined);
		rmSync(profile, { recursive: true, force: true });
	};
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: VIEWPORT,
		});
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(ACTION_TIMEOUT_MS);
		return { page, close };
	} catch (error) {
		await close();
		throw error;
	}
}
