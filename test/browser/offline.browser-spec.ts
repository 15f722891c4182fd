import { describe, expect, it } from '@jest/globals';
import type { Route } from 'playwright-core';
import { createUser } from '../support/factories.js';
import { browserSuite, captureInUi, eventually, listThoughts, signIn } from './browser-support.js';

/** Only the capture call: the feed's GET carries a query string and is not matched. */
const CAPTURE_URL = '**/api/v1/thoughts';

describe('offline capture queue in Chromium', () => {
  const suite = browserSuite({ expectNone: ['problems'] });

  it('keeps a thought captured while the server is unreachable (across a reload) and sends it exactly once', async () => {
    const user = await createUser(suite.testApp);
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    const keys: string[] = [];
    await page.route(CAPTURE_URL, (route: Route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      return route.abort('connectionrefused');
    });

    await captureInUi(page, 'Written on the train without signal');
    const queued = page.locator('#feed-pending .thought[data-state="queued"]');
    await queued.getByText('Written on the train without signal').waitFor();
    await queued.getByText('Waiting to send').waitFor();
    await page.locator('#conn').getByText('1 waiting to send').waitFor();
    expect(await listThoughts(suite.testApp, user)).toHaveLength(0);

    // Still there after a reload: it lives in IndexedDB, not in memory.
    await page.reload();
    await page
      .locator('#feed-pending .thought')
      .getByText('Written on the train without signal')
      .waitFor();
    await eventually(() => keys.length >= 2, { message: 'a retry after the reload' });

    await page.unroute(CAPTURE_URL);
    await page.evaluate("dispatchEvent(new Event('online'))");
    await page
      .locator('#feed-list .thought')
      .getByText('Written on the train without signal')
      .waitFor();
    await page.locator('#feed-pending .thought').waitFor({ state: 'detached' });
    await page.locator('#conn').waitFor({ state: 'hidden' });
    // Every attempt carried the same Idempotency-Key, and the server holds one thought.
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await listThoughts(suite.testApp, user);
    expect(stored.map((thought) => thought.content)).toEqual([
      'Written on the train without signal',
    ]);
  });

  it('keeps a thought typed while the server is really stopped and sends it exactly once after the restart', async () => {
    const user = await createUser(suite.testApp);
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    const server = suite.testApp.app.getHttpServer();
    const port = Number(new URL(suite.testApp.baseUrl).port);
    // Stop listening and drop open connections (the live-events stream included).
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

    await captureInUi(page, 'Typed while the server was down');
    await page
      .locator('#feed-pending .thought[data-state="queued"]')
      .getByText('Typed while the server was down')
      .waitFor();

    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    await page.evaluate("dispatchEvent(new Event('online'))");
    await page
      .locator('#feed-list .thought')
      .getByText('Typed while the server was down')
      .waitFor({ timeout: 20_000 });
    // Nothing is left to send (so nothing can be sent twice) once the pending list is empty.
    await page.locator('#feed-pending .thought').waitFor({ state: 'detached' });
    const stored = await listThoughts(suite.testApp, user);
    expect(stored.map((thought) => thought.content)).toEqual(['Typed while the server was down']);
  });

  it('does not double a thought whose response was lost: the retry replays the same Idempotency-Key', async () => {
    const user = await createUser(suite.testApp);
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    let attempts = 0;
    await page.route(CAPTURE_URL, async (route: Route) => {
      attempts++;
      if (attempts > 1) return route.continue();
      await route.fetch(); // the server stores it...
      return route.abort('connectionreset'); // ...but the answer never arrives
    });
    await captureInUi(page, 'Saved but the answer got lost');
    await page.locator('#feed-pending .thought[data-state="queued"]').waitFor();
    expect(await listThoughts(suite.testApp, user)).toHaveLength(1);
    // The backoff timer retries by itself (first retry after about 2 s).
    await page
      .locator('#feed-list .thought')
      .getByText('Saved but the answer got lost')
      .waitFor({ timeout: 8_000 });
    expect(attempts).toBe(2);
    expect((await listThoughts(suite.testApp, user)).map((thought) => thought.content)).toEqual([
      'Saved but the answer got lost',
    ]);
  });

  it('queues on a 5xx and on going offline, and sends in order when back', async () => {
    const user = await createUser(suite.testApp);
    const dashboard = await suite.open();
    const { page, context } = dashboard;
    await signIn(page, user.key);
    await page.route(CAPTURE_URL, (route: Route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"status_code":503,"message":"down"}',
      }),
    );
    await captureInUi(page, 'First, during a 503');
    await page.locator('#feed-pending .thought[data-state="queued"]').waitFor();
    await page.unroute(CAPTURE_URL);
    await context.setOffline(true);
    await captureInUi(page, 'Second, while offline');
    await page.locator('#conn').getByText('2 waiting to send').waitFor();
    await context.setOffline(false); // fires "online"
    await eventually(async () => (await listThoughts(suite.testApp, user)).length === 2, {
      message: 'both sent',
    });
    await page.locator('#feed-pending .thought').first().waitFor({ state: 'detached' });
    const stored = await listThoughts(suite.testApp, user);
    expect(stored.map((thought) => thought.content)).toEqual([
      'Second, while offline',
      'First, during a 503',
    ]);
  });

  it('does not retry what the server refused for good (413/400): the text stays on screen to edit', async () => {
    const user = await createUser(suite.testApp);
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    await captureInUi(page, 'x'.repeat(10_050));
    const failed = page.locator('#feed-pending .thought[data-state="failed"]');
    await failed.getByText('Not saved').waitFor();
    await failed.getByRole('button', { name: 'Edit and try again' }).click();
    expect((await page.getByLabel('New thought').inputValue()).length).toBe(10_050);
    expect(await listThoughts(suite.testApp, user)).toHaveLength(0);
  });
});
