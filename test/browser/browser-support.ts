import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { bearer, type CreatedUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Kept out of git (.test-tmp/ is ignored); CI may upload it as an artifact. */
export const SCREENSHOT_DIR = path.resolve('.test-tmp/screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

/**
 * The app for browser tests: a generous rate limit (a page makes many calls), the mock AI
 * backend, and by default no background analysis, so a thought stays "pending" unless a
 * test asks for the pipeline (`WORKERS_ENABLED: 'true'`).
 */
export function startBrowserTestApp(
  env: Record<string, string> = {},
  databaseUrl?: string,
): Promise<TestApp> {
  return startTestApp({
    databaseUrl,
    env: {
      RATE_LIMIT_PER_MINUTE: '100000',
      AI_BACKEND: 'mock',
      WORKERS_ENABLED: 'false',
      SCHEDULER_ENABLED: 'false',
      ...env,
    },
  });
}

export interface Dashboard {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors (CSP violations among them), network 4xx/5xx noise excluded. */
  problems: string[];
  /** Messages of any alert/confirm/prompt that fired (an XSS payload would fire one). */
  dialogs: string[];
  close: () => Promise<void>;
}

export async function openDashboard(
  browser: Browser,
  baseUrl: string,
  options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
): Promise<Dashboard> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? PHONE,
    colorScheme: options.colorScheme ?? 'light',
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  await page.goto('/dashboard/');
  return { page, context, problems, dialogs, close: () => context.close() };
}

export interface BrowserSuite {
  testApp: TestApp;
  browser: Browser;
  /** Opens the dashboard for this test; it is closed and checked after the test. */
  open: (options?: Parameters<typeof openDashboard>[2]) => Promise<Dashboard>;
}

/**
 * The hooks of a dashboard spec: the app (with `env`, on a scratch database of its own when
 * asked) and Chromium started once; after each test its dashboard closed and, for each of
 * `expectNone`, none seen (page errors, dialogs); both stopped at the end. Call it at the
 * top of a describe.
 */
export function browserSuite(options: {
  expectNone: ('problems' | 'dialogs')[];
  env?: Record<string, string>;
  scratchDatabase?: boolean;
}): BrowserSuite {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let dashboard: Dashboard | undefined;
  const suite: BrowserSuite = {
    // Set in beforeAll, before any test reads them.
    testApp: undefined as unknown as TestApp,
    browser: undefined as unknown as Browser,
    open: async (openOptions) => {
      dashboard = await openDashboard(suite.browser, suite.testApp.baseUrl, openOptions);
      return dashboard;
    },
  };

  beforeAll(async () => {
    if (options.scratchDatabase) scratch = await createScratchDatabase();
    [suite.testApp, suite.browser] = await Promise.all([
      startBrowserTestApp(options.env, scratch?.url),
      launchBrowser(),
    ]);
  });

  afterEach(async () => {
    const open = dashboard;
    dashboard = undefined;
    if (!open) return;
    await open.close();
    for (const what of options.expectNone) expect(open[what]).toEqual([]);
  });

  afterAll(async () => {
    // Optional: beforeAll may have failed before either started.
    await suite.browser?.close();
    await suite.testApp?.close();
    await scratch?.drop();
  });

  return suite;
}

export async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#app').waitFor({ state: 'visible' });
}

/** Capture through the dashboard's box (Enter saves) and wait for the server's card. */
export async function captureInUi(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('New thought');
  await box.fill(text);
  await box.press('Enter');
}

/** Visible form controls and buttons without an accessible name (should be none). */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('input, select, textarea, button, a[href]')]
    .filter((element) => element.getClientRects().length > 0)
    .filter((element) => {
      if (element.getAttribute('aria-label') || element.getAttribute('aria-labelledby')) return false;
      if (element.matches('button, a')) return element.textContent.trim() === '';
      return !(element.labels && element.labels.length > 0);
    })
    .map((element) => element.outerHTML.slice(0, 160))`);
}

/** Polls until the check passes (jest has no auto-waiting assertions). */
export async function eventually<T>(
  check: () => Promise<T> | T,
  { timeout = 10_000, interval = 100, message = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false && result !== undefined && result !== null) return result;
      lastError = new Error(`${message}: got ${String(result)}`);
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw lastError instanceof Error ? lastError : new Error(String(lastError));
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  return file;
}

/** One element, whole (e.g. a chart below the fold), without the fixed bars over it. */
export async function screenshotOf(locator: Locator, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await locator.screenshot({
    path: file,
    animations: 'disabled',
    caret: 'hide',
    style: '.capture, .tabbar, .topbar { visibility: hidden; }',
  });
  return file;
}

export interface ApiThought {
  id: string;
  content: string;
  tags: string[];
  ai_tags: string[];
  thought_type: string | null;
  status: string;
  source: string;
  analysis_status: string;
}

/** The user's thoughts as the API lists them (all statuses). */
export async function listThoughts(
  testApp: TestApp,
  user: CreatedUser,
  query: Record<string, string> = {},
): Promise<ApiThought[]> {
  const response = await testApp
    .http()
    .get('/api/v1/thoughts')
    .set(bearer(user.key))
    .query({ status: 'all', limit: '200', ...query });
  if (response.status !== 200) throw new Error(`list thoughts: ${response.status}`);
  return response.body.items;
}
