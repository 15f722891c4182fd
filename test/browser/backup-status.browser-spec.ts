import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { createUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';
import { launchBrowser, openDashboard, signIn, startBrowserTestApp } from './browser-support.js';

describe('dashboard: age of the last verified backup (admins only)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let testApp: TestApp;
  let browser: Browser;
  let db: pg.Client;

  beforeAll(async () => {
    database = await createScratchDatabase();
    [testApp, browser] = await Promise.all([
      startBrowserTestApp({}, database.url),
      launchBrowser(),
    ]);
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await browser.close();
    await testApp.close();
    await database.drop();
  });

  const recordBackup = (hoursAgo: number, drill: 'passed' | 'failed', detail = 'ok') =>
    db.query(
      `INSERT INTO backup_runs (trigger, state, file_name, size_bytes, duration_ms, drill_state, drill_detail, started_at, finished_at)
       VALUES ('scheduled', 'done', 'x.pai.gz', 1000, 10, $1, $2, now() - $3 * interval '1 hour', now() - $3 * interval '1 hour')`,
      [drill, detail, hoursAgo],
    );

  const statusLine = async (key: string) => {
    const dashboard = await openDashboard(browser, testApp.baseUrl);
    try {
      await signIn(dashboard.page, key);
      const line = dashboard.page.locator('#backup-status');
      // data-state is set once the status call has answered, whatever it said.
      await dashboard.page.locator('#backup-status[data-state]').waitFor({ state: 'attached' });
      const visible = await line.isVisible();
      return {
        visible,
        text: visible ? await line.textContent() : null,
        warn: visible ? await line.evaluate((el) => el.classList.contains('warn')) : false,
        problems: dashboard.problems,
      };
    } finally {
      await dashboard.close();
    }
  };

  it('warns when the last verified backup is over two days old, then shows its age once a fresh one passes', async () => {
    await recordBackup(72, 'passed');
    const stale = await statusLine(TEST_ADMIN_KEY);
    expect(stale).toMatchObject({ visible: true, warn: true });
    expect(stale.text).toContain('Backup warning: the last verified backup is 3 days old');

    await recordBackup(1, 'passed');
    const fresh = await statusLine(TEST_ADMIN_KEY);
    expect(fresh).toMatchObject({
      visible: true,
      warn: false,
      text: 'Last verified backup 1 h ago.',
    });
  });

  it('warns when the last drill failed', async () => {
    await recordBackup(
      0.5,
      'failed',
      'restored data differs: "public"."thoughts": 3 rows, expected 4',
    );
    const failed = await statusLine(TEST_ADMIN_KEY);
    expect(failed.warn).toBe(true);
    expect(failed.text).toContain("the last backup's restore drill failed");
    expect(failed.text).toContain('Last verified backup 1 h ago');
  });

  it('stays hidden for a user key', async () => {
    const user = await createUser(testApp, 'Not an admin');
    const line = await statusLine(user.key);
    expect(line.visible).toBe(false);
    expect(line.problems).toEqual([]);
  });
});
