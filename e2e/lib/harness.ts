import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalCloud, type LocalCloud } from '@daojia/local-cloud';
import { ROOT, serveApps } from '../../scripts/lib/apps';
import { seedDemo } from '../../scripts/seed';

export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

export interface Harness {
  cloud: LocalCloud;
  urls: Record<string, string>;
  browser: Browser;
  close(): Promise<void>;
}

/** A seeded local cloud on a temporary data folder serving the built apps, plus headless Debian Chromium. */
export async function startHarness(): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daojia-e2e-'));
  const cloud = await startLocalCloud({ rootDir: ROOT, dataDir, port: 0 });
  await seedDemo(cloud);
  const urls = serveApps(cloud);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    cloud,
    urls,
    browser,
    async close() {
      await browser.close();
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What went wrong on a page that no assertion looks for: uncaught errors, and requests to any host but this machine
 * (an app must not lean on a third party's CDN, and nothing else is reachable here).
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    const { protocol, hostname } = new URL(r.url());
    if ((protocol === 'http:' || protocol === 'https:' || protocol === 'ws:') && !['127.0.0.1', 'localhost'].includes(hostname)) problems.push(`off-site request: ${r.url()}`);
  });
  return problems;
}

/** A phone-sized page in a context of its own (so its own sign-in) at `url`, with what watchPage records. */
export async function openPhone(browser: Browser, url: string, opts: { deviceScaleFactor?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, ...opts });
  const page = await context.newPage();
  const errors = watchPage(page);
  await page.goto(url);
  return { page, errors };
}

/**
 * Signs a demo staff account into the admin panel (open on `page`) and waits for the overview. Until then the login
 * list is on screen, and its account descriptions name the menu's entries ("…订单和退款异常…"): a `text=` click
 * made too early lands on a description, not on the menu.
 */
export async function adminSignIn(page: Page, account: string): Promise<void> {
  await page.click(`#login-${account}`);
  await page.waitForSelector('#page-overview');
}

/** Types into a NutUI Input or TextArea by its id: NutUI puts the id on a wrapper or on the field itself. */
export const fillField = (page: Page, id: string, value: string) => page.locator(`#${id} input, input#${id}, #${id} textarea, textarea#${id}`).first().fill(value);

/** The real @cloudbase/js-sdk bundled the way the apps bundle it, exposed as `window.cloudbase` for a test page to drive. */
export async function browserSdkBundle(): Promise<string> {
  const out = await build({
    stdin: { contents: "import cloudbase from '@cloudbase/js-sdk'; window.cloudbase = cloudbase;", resolveDir: __dirname, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}
