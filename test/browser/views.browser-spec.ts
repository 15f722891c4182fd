import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser, Page, Route } from 'playwright-core';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { type Dashboard, DESKTOP, eventually, launchBrowser, openDashboard, PHONE, screenshot, screenshotOf, signIn, startBrowserTestApp, unnamedControls } from './browser-support.js';

const DAY = 86_400_000;

/** A consciousness check in the shape of the wire contract (the endpoint is being built). */
function contractCheck(thoughtIds: string[]) {
  return {
    id: '7b0c1d52-8f7e-4c5e-9a43-1f2d3c4b5a60',
    created_at: new Date(Date.now() - 20 * 60_000).toISOString(),
    window_start: new Date(Date.now() - 80 * 60_000).toISOString(),
    window_end: new Date(Date.now() - 20 * 60_000).toISOString(),
    new_thought_count: 6,
    summary: 'A week about family paperwork and the garden; money worries show up <b>twice</b>.',
    patterns: [
      { kind: 'recurring_theme', title: 'Taxes keep coming back', description: 'Three thoughts about tax forms in four days.', thought_ids: thoughtIds.slice(0, 2), confidence: 0.82 },
    ],
    insights: [
      { title: 'Paperwork clusters on Sundays', description: 'Most admin thoughts arrive on Sunday evenings; a Sunday slot might help.', thought_ids: thoughtIds.slice(0, 3) },
      { title: 'The garden project lost momentum', description: 'No garden thoughts since last week.', thought_ids: thoughtIds.slice(3, 4) },
    ],
    suggestions: [{ title: 'Block an hour on Sunday for paperwork', confidence: 0.74 }],
    backend: 'mock',
    model: 'mock-1',
    duration_ms: 1840,
  };
}

const USAGE = Array.from({ length: 30 }, (_, index) => {
  const day = new Date(Date.now() - (29 - index) * DAY).toISOString().slice(0, 10);
  const requests = (index * 7) % 11;
  return [
    { date: day, backend: 'claude', requests, input_tokens: requests * 900, output_tokens: requests * 210, cost_usd: requests * 0.006 },
    { date: day, backend: 'local', requests: index % 3, input_tokens: 0, output_tokens: 0, cost_usd: 0 },
  ];
}).flat();

describe('dashboard views in Chromium (with screenshots)', () => {
  let testApp: TestApp;
  let browser: Browser;
  let db: pg.Client;
  let dashboard: Dashboard | undefined;

  beforeAll(async () => {
    [testApp, browser] = await Promise.all([startBrowserTestApp(), launchBrowser()]);
    db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });

  afterEach(async () => {
    const open = dashboard;
    dashboard = undefined;
    if (!open) return;
    await open.close();
    expect(open.problems).toEqual([]);
    expect(open.dialogs).toEqual([]);
  });

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await testApp?.close();
  });

  /** A user with a few weeks of thoughts, some analyzed with AI tags, one suggestion and tasks. */
  async function seededUser(): Promise<{ user: CreatedUser; ids: string[] }> {
    const user = await createUser(testApp);
    const samples: Array<[string, string[], string | undefined, number]> = [
      ['Call mom about the tax forms before Friday', ['family'], 'task', 0],
      ['Idea: a small pond next to the garden bench, with a solar pump', ['garden'], 'idea', 0],
      ['Why do I always get the best ideas in the shower?', [], 'question', 1],
      ['Read “The Overstory” — Jana recommended it twice now', ['books'], 'note', 2],
      ['Tax office letter: need the 2025 receipts scanned', ['family'], 'reminder', 3],
      ['Felt calm after the long walk; do it more often', [], 'reflection', 5],
    ];
    const ids: string[] = [];
    for (const [content, tags, type, daysAgo] of samples) {
      const thought = await captureThought(testApp, user.key, { content, tags, thought_type: type });
      ids.push(thought.id);
      if (daysAgo > 0) await db.query(`UPDATE thoughts SET created_at = created_at - make_interval(days => $2) WHERE id = $1`, [thought.id, daysAgo]);
    }
    for (let index = 0; index < 24; index++) {
      const thought = await captureThought(testApp, user.key, `Earlier thought number ${index + 1}`);
      await db.query(`UPDATE thoughts SET created_at = created_at - make_interval(days => $2) WHERE id = $1`, [thought.id, 6 + ((index * 5) % 21)]);
    }
    const aiTags: Record<number, string[]> = { 0: ['taxes', 'phone-call'], 1: ['diy', 'outdoors'], 3: ['reading'], 4: ['taxes', 'paperwork'] };
    for (const [index, tags] of Object.entries(aiTags)) {
      await db.query(`UPDATE thoughts SET ai_tags = $2::jsonb, analysis_status = 'done', analyzed_at = now() WHERE id = $1`, [ids[Number(index)], JSON.stringify(tags)]);
    }
    await testApp.app.get(SuggestionsService).offer(
      user.userId,
      [{ title: 'Call mom about the tax forms', priority: 'high', confidence: 0.9, evidence: 'call mom about the tax forms before friday', dueDate: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10) }],
      { sourceThoughtId: ids[0]!, origin: 'analysis', backend: 'mock', model: 'mock', mode: 'suggest', threshold: 0.85 },
    );
    const today = new Date().toISOString().slice(0, 10);
    for (const [title, priority, due] of [
      ['Scan the 2025 receipts', 'high', today],
      ['Order pond pump', 'medium', null],
      ['Return library books', 'low', new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10)],
    ] as const) {
      await testApp.http().post('/api/v1/tasks').set(bearer(user.key)).send({ title, priority, due_date: due }).expect(201);
    }
    return { user, ids };
  }

  /** Serve the not-yet-built endpoints from their contract, so the views can be seen and checked. */
  async function mockComingSoon(page: Page, ids: string[]) {
    const check = contractCheck(ids);
    await page.route('**/api/v1/consciousness-checks?*', (route: Route) => route.fulfill({ json: { items: [check, { ...check, id: 'a1b2c3d4-0000-4000-8000-000000000001', created_at: new Date(Date.now() - 26 * 3_600_000).toISOString(), insights: [] }], next_cursor: null } }));
    await page.route('**/api/v1/ai/usage?*', (route: Route) => route.fulfill({ json: { items: USAGE } }));
    await page.route('**/api/v1/ai/status', (route: Route) => route.fulfill({ json: { backends: [
      { name: 'claude', status: 'available', model: 'claude-sonnet-4-5', circuit: 'closed' },
      { name: 'ollama', status: 'unavailable', model: 'llama3', circuit: 'open' },
      { name: 'local', status: 'available', model: 'wink-nlp' },
    ] } }));
  }

  async function show(page: Page, route: string, ready: string) {
    await page.goto(`/dashboard/#/${route}`);
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(150);
  }

  it('shows friendly "not available yet" notices where the server lacks an endpoint', async () => {
    const user = await createUser(testApp);
    dashboard = await openDashboard(browser, testApp.baseUrl);
    const { page } = dashboard;
    await signIn(page, user.key);
    const missing = async (path: string) => (await testApp.http().get(path).set(bearer(user.key))).status === 404;
    await show(page, 'insights', '#insights-current > *');
    if (await missing('/api/v1/consciousness-checks')) {
      await page.getByText('Consciousness checks are not available on this server yet.').waitFor();
    }
    await show(page, 'ai', '#ai-usage > *');
    if (await missing('/api/v1/ai/usage?days=30')) await page.getByText('AI usage is not available on this server yet.').waitFor();
    if (await missing('/api/v1/ai/status')) await page.getByText('AI backend status is not available on this server yet.').waitFor();
  });

  it('renders a consciousness check from the contract: summary, patterns, evidence, pin and dismiss', async () => {
    const { user, ids } = await seededUser();
    dashboard = await openDashboard(browser, testApp.baseUrl);
    const { page } = dashboard;
    await mockComingSoon(page, ids);
    await signIn(page, user.key);
    await show(page, 'insights', '.check');
    // AI text is text: the <b> in the summary stays literal.
    await page.getByText('money worries show up <b>twice</b>.').waitFor();
    expect(await page.locator('.check b').count()).toBe(0);
    const first = page.locator('.insight').filter({ hasText: 'Paperwork clusters on Sundays' });
    await first.getByText('Based on 3 thoughts').click();
    await first.getByText('Call mom about the tax forms before Friday').waitFor();
    await first.getByRole('button', { name: 'Pin' }).click();
    await page.locator('.insight.is-pinned').filter({ hasText: 'Paperwork clusters' }).waitFor();
    await page.locator('.insight').filter({ hasText: 'garden project' }).getByRole('button', { name: 'Dismiss' }).click();
    await page.getByText('1 dismissed').waitFor();
    await page.getByRole('button', { name: /1 new thoughts|6 new thoughts/ }).first().waitFor();
  });

  it('writes screenshots of the main views at phone and desktop sizes', async () => {
    const { user, ids } = await seededUser();
    const views: Array<[string, string]> = [
      ['feed', '#feed-list .thought'],
      ['inbox', '#inbox-list .suggestion'],
      ['tasks', '#task-panel .task'],
      ['insights', '.check'],
      ['activity', '#activity-days svg'],
      ['ai', '#ai-usage svg'],
      ['settings', '#settings-form'],
    ];
    for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      const opened = await openDashboard(browser, testApp.baseUrl, { viewport });
      dashboard = opened;
      const { page } = opened;
      await mockComingSoon(page, ids);
      await screenshot(page, `${size}-signin`);
      await signIn(page, user.key);
      for (const [route, ready] of views) {
        await show(page, route, ready);
        await screenshot(page, `${size}-${route}`);
        expect({ route, unnamed: await unnamedControls(page) }).toEqual({ route, unnamed: [] });
        if (size === 'phone' && route === 'ai') await screenshotOf(page.locator('#ai-usage'), 'phone-ai-usage');
        if (size === 'phone' && route === 'activity') await screenshotOf(page.locator('#view-activity'), 'phone-activity-charts');
      }
      await show(page, 'feed', '#feed-list .thought');
      await page.getByRole('button', { name: /Theme/ }).click(); // system → light
      await page.getByRole('button', { name: /Theme/ }).click(); // light → dark
      await eventually(async () => (await page.evaluate('document.documentElement.dataset.theme')) === 'dark', { message: 'dark theme' });
      await screenshot(page, `${size}-feed-dark`);
      await show(page, 'tasks', '#task-panel .task');
      await screenshot(page, `${size}-tasks-dark`);
      if (size === 'phone') {
        await show(page, 'more', '.more-links');
        await screenshot(page, 'phone-more');
      }
      await opened.close();
      dashboard = undefined;
      expect(opened.problems).toEqual([]);
    }
  });

  it('falls back to polling every 10 s when the event stream is missing, and AI tags arrive on the card', async () => {
    const user = await createUser(testApp);
    const thought = await captureThought(testApp, user.key, 'Book the car service for next month');
    dashboard = await openDashboard(browser, testApp.baseUrl);
    const { page } = dashboard;
    // As on a server without the stream (or behind a proxy that breaks it).
    await page.route('**/api/v1/events', (route: Route) => route.fulfill({ status: 404, json: { status_code: 404, error: 'Not Found', message: 'Cannot GET /api/v1/events' } }));
    await signIn(page, user.key);
    const card = page.locator('#feed-list .thought').filter({ hasText: 'car service' });
    await card.getByText('Analyzing…').waitFor();
    await page.locator('#live-mode').getByText('Checking for updates every 10 s').waitFor();
    await db.query(`UPDATE thoughts SET ai_tags = '["car","errand"]'::jsonb, analysis_status = 'done', analyzed_at = now() WHERE id = $1`, [thought.id]);
    await card.getByRole('button', { name: 'Filter by AI tag errand' }).waitFor({ timeout: 15_000 });
    expect(await card.getByText('Analyzing…').count()).toBe(0);
    // The live region is written a tick after it is cleared (so repeats are announced): wait for it, bounded.
    await page.locator('#live').filter({ hasText: /./ }).waitFor({ timeout: 5_000 });
    expect(await page.locator('#live').textContent()).toBe('New AI tags: car, errand');
  });
});
