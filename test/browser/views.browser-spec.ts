import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Page, Route } from 'playwright-core';
import { AI_BACKENDS } from '../../src/ai/ai.tokens.js';
import type { AiBackend } from '../../src/ai/ai.types.js';
import type { MockBackend } from '../../src/ai/backends/mock.backend.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { testDatabaseUrl } from '../support/test-app.js';
import {
  browserSuite,
  DESKTOP,
  eventually,
  PHONE,
  screenshot,
  screenshotOf,
  signIn,
  unnamedControls,
} from './browser-support.js';

const DAY = 86_400_000;
const SUMMARY = 'A week about family paperwork and the garden; money worries show up <b>twice</b>.';

describe('dashboard views in Chromium (with screenshots)', () => {
  const suite = browserSuite({ expectNone: ['problems', 'dialogs'] });
  let db: pg.Client;

  beforeAll(async () => {
    db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    // The mock AI backend answers consciousness checks with a fixed contract-shaped result.
    const mock = suite.testApp.app
      .get<AiBackend[]>(AI_BACKENDS)
      .find((backend) => backend.name === 'mock') as MockBackend;
    mock.script((call) =>
      call.operation === 'consciousness_check'
        ? {
            summary: SUMMARY,
            patterns: [
              {
                kind: 'recurring_theme',
                title: 'Taxes keep coming back',
                description: 'Three thoughts about tax forms in four days.',
                thought_ids: call.input.recentThoughts.slice(0, 2).map((t) => t.id),
                confidence: 0.82,
              },
            ],
            insights: [
              {
                title: 'Paperwork clusters on Sundays',
                description:
                  'Most admin thoughts arrive on Sunday evenings; a Sunday slot might help.',
                thought_ids: call.input.recentThoughts
                  .filter((t) => /mom|pond|tax office/i.test(t.content))
                  .map((t) => t.id),
              },
              {
                title: 'The garden project lost momentum',
                description: 'No garden thoughts since last week.',
                thought_ids: [],
              },
            ],
            suggestions: [
              {
                title: 'Block an hour on Sunday for paperwork',
                priority: 'medium',
                thought_ids: [],
                confidence: 0.74,
              },
            ],
          }
        : null,
    );
  });

  afterAll(async () => {
    await db?.end();
  });

  /** A user with a few weeks of thoughts, some analyzed with AI tags, one suggestion and tasks. */
  async function seededUser(): Promise<{ user: CreatedUser; ids: string[] }> {
    const user = await createUser(suite.testApp);
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
      const thought = await captureThought(suite.testApp, user.key, {
        content,
        tags,
        thought_type: type,
      });
      ids.push(thought.id);
      if (daysAgo > 0)
        await db.query(
          `UPDATE thoughts SET created_at = created_at - make_interval(days => $2) WHERE id = $1`,
          [thought.id, daysAgo],
        );
    }
    for (let index = 0; index < 24; index++) {
      const thought = await captureThought(
        suite.testApp,
        user.key,
        `Earlier thought number ${index + 1}`,
      );
      await db.query(
        `UPDATE thoughts SET created_at = created_at - make_interval(days => $2) WHERE id = $1`,
        [thought.id, 6 + ((index * 5) % 21)],
      );
    }
    const aiTags: Record<number, string[]> = {
      0: ['taxes', 'phone-call'],
      1: ['diy', 'outdoors'],
      3: ['reading'],
      4: ['taxes', 'paperwork'],
    };
    for (const [index, tags] of Object.entries(aiTags)) {
      await db.query(
        `UPDATE thoughts SET ai_tags = $2::jsonb, analysis_status = 'done', analyzed_at = now() WHERE id = $1`,
        [ids[Number(index)], JSON.stringify(tags)],
      );
    }
    await suite.testApp.app.get(SuggestionsService).offer(
      user.userId,
      [
        {
          title: 'Call mom about the tax forms',
          priority: 'high',
          confidence: 0.9,
          evidence: 'call mom about the tax forms before friday',
          dueDate: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10),
        },
      ],
      {
        sourceThoughtId: ids[0]!,
        origin: 'analysis',
        backend: 'mock',
        model: 'mock',
        mode: 'suggest',
        threshold: 0.85,
      },
    );
    const today = new Date().toISOString().slice(0, 10);
    for (const [title, priority, due] of [
      ['Scan the 2025 receipts', 'high', today],
      ['Order pond pump', 'medium', null],
      ['Return library books', 'low', new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10)],
    ] as const) {
      await suite.testApp
        .http()
        .post('/api/v1/tasks')
        .set(bearer(user.key))
        .send({ title, priority, due_date: due })
        .expect(201);
    }
    // A real check, an earlier one without insights, and a month of AI usage in the ledger.
    await suite.testApp
      .http()
      .post('/api/v1/consciousness-check')
      .set(bearer(user.key))
      .expect(201);
    await db.query(
      `INSERT INTO scheduled_analyses (user_id, trigger, state, window_start, window_end, new_thought_count, summary, backend, model, duration_ms, created_at)
       SELECT user_id, 'scheduled', 'done', window_start - interval '1 day', window_end - interval '1 day', 1, 'A quiet day.', backend, model, duration_ms, created_at - interval '26 hours'
       FROM scheduled_analyses WHERE user_id = $1`,
      [user.userId],
    );
    await db.query(
      `INSERT INTO ai_analysis_results (user_id, operation, backend, model, prompt_version, input_tokens, output_tokens, cost_usd, outcome, created_at)
       SELECT $1, 'analyze_thought', 'claude', 'claude-sonnet-4-6', 'v1', 900 * (d % 11), 210 * (d % 11), 0.006 * (d % 11), 'success', now() - make_interval(days => d)
       FROM generate_series(0, 29) AS d`,
      [user.userId],
    );
    return { user, ids };
  }

  async function show(page: Page, route: string, ready: string) {
    await page.goto(`/dashboard/#/${route}`);
    await page.locator(ready).first().waitFor();
    // The view's loads have all answered: no region still marked busy.
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 5_000 });
  }

  it('shows a new user no checks yet, the real AI backend status and no AI usage', async () => {
    const user = await createUser(suite.testApp);
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    await show(page, 'insights', '#insights-current > *');
    await page
      .getByText('No checks yet. Run one now, or wait for the next scheduled check.')
      .waitFor();
    await show(page, 'ai', '#ai-status .backend-card');
    // What GET /ai/status says for this server (AI_BACKEND=mock): the mode and each backend's circuit.
    const status = (
      await suite.testApp.http().get('/api/v1/ai/status').set(bearer(user.key)).expect(200)
    ).body;
    expect(await page.locator('#ai-status dl.kv').first().textContent()).toBe(`mode${status.mode}`);
    expect(await page.locator('#ai-status .backend-card strong').allTextContents()).toEqual(
      status.backends.map((backend: { name: string }) => backend.name),
    );
    await page
      .locator('#ai-status .backend-card[data-backend="mock"]')
      .getByText('working')
      .waitFor();
    await page.locator('#ai-usage').getByText('No AI calls in the last 30 days.').waitFor();
  });

  it('says so when pinning an insight of a check that is gone, and never shows it pinned', async () => {
    const { user } = await seededUser();
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    await show(page, 'insights', '.check');
    // Retention (or another device) removes the checks while the page shows them.
    await db.query(`DELETE FROM scheduled_analyses WHERE user_id = $1`, [user.userId]);
    await page
      .locator('.insight')
      .filter({ hasText: 'Paperwork clusters on Sundays' })
      .getByRole('button', { name: 'Pin' })
      .click();
    await page.locator('#toasts').getByText('That check is no longer kept').waitFor();
    await page
      .getByText('No checks yet. Run one now, or wait for the next scheduled check.')
      .waitFor();
    expect(await page.locator('.insight.is-pinned').count()).toBe(0);
  });

  it('renders a real consciousness check: summary, patterns, evidence, pin and dismiss kept by the server', async () => {
    const { user } = await seededUser();
    const dashboard = await suite.open();
    const { page } = dashboard;
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
    await page
      .locator('.insight')
      .filter({ hasText: 'garden project' })
      .getByRole('button', { name: 'Dismiss' })
      .click();
    await page.getByText('1 dismissed').waitFor();
    const [check] = (
      await suite.testApp
        .http()
        .get('/api/v1/consciousness-checks')
        .set(bearer(user.key))
        .expect(200)
    ).body.items;
    expect(
      check.insights.map((insight: { pinned: boolean; dismissed: boolean }) => [
        insight.pinned,
        insight.dismissed,
      ]),
    ).toEqual([
      [true, false],
      [false, true],
    ]);
    await page
      .getByRole('button', { name: /new thoughts · 2 insights/ })
      .first()
      .waitFor();
  });

  it('writes screenshots of the main views at phone and desktop sizes', async () => {
    const { user } = await seededUser();
    const views: Array<[string, string]> = [
      ['feed', '#feed-list .thought'],
      ['inbox', '#inbox-list .suggestion'],
      ['tasks', '#task-panel .task'],
      ['insights', '.check'],
      ['activity', '#activity-days svg'],
      ['ai', '#ai-usage svg'],
      ['settings', '#settings-form'],
    ];
    for (const [size, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const opened = await suite.open({ viewport });
      const { page } = opened;
      await screenshot(page, `${size}-signin`);
      await signIn(page, user.key);
      for (const [route, ready] of views) {
        await show(page, route, ready);
        await screenshot(page, `${size}-${route}`);
        expect({ route, unnamed: await unnamedControls(page) }).toEqual({ route, unnamed: [] });
        if (size === 'phone' && route === 'ai')
          await screenshotOf(page.locator('#ai-usage'), 'phone-ai-usage');
        if (size === 'phone' && route === 'activity')
          await screenshotOf(page.locator('#view-activity'), 'phone-activity-charts');
      }
      await show(page, 'feed', '#feed-list .thought');
      await page.getByRole('button', { name: /Theme/ }).click(); // system → light
      await page.getByRole('button', { name: /Theme/ }).click(); // light → dark
      await eventually(
        async () => (await page.evaluate('document.documentElement.dataset.theme')) === 'dark',
        { message: 'dark theme' },
      );
      await screenshot(page, `${size}-feed-dark`);
      await show(page, 'tasks', '#task-panel .task');
      await screenshot(page, `${size}-tasks-dark`);
      if (size === 'phone') {
        await show(page, 'more', '.more-links');
        await screenshot(page, 'phone-more');
      }
      // The phone's is closed here; the suite closes the desktop's again (a no-op) after the test.
      await opened.close();
      expect(opened.problems).toEqual([]);
    }
  });

  it('falls back to polling every 10 s when the event stream is missing, and AI tags arrive on the card', async () => {
    const user = await createUser(suite.testApp);
    const thought = await captureThought(
      suite.testApp,
      user.key,
      'Book the car service for next month',
    );
    const dashboard = await suite.open();
    const { page } = dashboard;
    // As on a server without the stream (or behind a proxy that breaks it).
    await page.route('**/api/v1/events', (route: Route) =>
      route.fulfill({
        status: 404,
        json: { status_code: 404, error: 'Not Found', message: 'Cannot GET /api/v1/events' },
      }),
    );
    await signIn(page, user.key);
    const card = page.locator('#feed-list .thought').filter({ hasText: 'car service' });
    await card.getByText('Analyzing…').waitFor();
    await page.locator('#live-mode').getByText('Checking for updates every 10 s').waitFor();
    await db.query(
      `UPDATE thoughts SET ai_tags = '["car","errand"]'::jsonb, analysis_status = 'done', analyzed_at = now() WHERE id = $1`,
      [thought.id],
    );
    await card
      .getByRole('button', { name: 'Filter by AI tag errand' })
      .waitFor({ timeout: 15_000 });
    expect(await card.getByText('Analyzing…').count()).toBe(0);
    // The live region is written a tick after it is cleared (so repeats are announced): wait for it, bounded.
    await page.locator('#live').filter({ hasText: /./ }).waitFor({ timeout: 5_000 });
    expect(await page.locator('#live').textContent()).toBe('New AI tags: car, errand');
  });
});
