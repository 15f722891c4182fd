import { describe, expect, it } from '@jest/globals';
import { bearer, createKey, createUser } from '../support/factories.js';
import { TEST_ADMIN_KEY } from '../support/test-app.js';
import { browserSuite, DESKTOP, signIn } from './browser-support.js';

describe('key views in Chromium', () => {
  const suite = browserSuite({ expectNone: ['dialogs'] });

  it('an admin sees every key with its scope; a read key sees its own scope and no key list', async () => {
    const user = await createUser(suite.testApp, 'Keys');
    const read = await createKey(suite.testApp, user.userId, {
      scope: 'read',
      name: 'claude desktop',
    });
    const capture = await createKey(suite.testApp, user.userId, {
      scope: 'capture',
      name: 'phone shortcut',
    });

    const dashboard = await suite.open({ viewport: DESKTOP });
    const { page } = dashboard;
    await signIn(page, TEST_ADMIN_KEY);
    await page.goto('/dashboard/#/settings');
    await page.locator('#settings-scope[data-scope="admin"]').waitFor();
    const readRow = page.locator(`#keys-table tr[data-key-id="${read.id}"]`);
    await readRow.waitFor();
    expect(await readRow.locator('.key-scope').textContent()).toBe('read');
    expect(await readRow.textContent()).toContain('claude desktop');
    expect(
      await page.locator(`#keys-table tr[data-key-id="${capture.id}"] .key-scope`).textContent(),
    ).toBe('capture');
    // Never the key itself, only its prefix.
    expect(await page.locator('#keys-table').textContent()).not.toContain(read.key);
    expect(dashboard.problems).toEqual([]);
    await dashboard.close();

    const readOnly = await suite.open({ viewport: DESKTOP });
    await signIn(readOnly.page, read.key);
    await readOnly.page.goto('/dashboard/#/settings');
    await readOnly.page.locator('#settings-scope[data-scope="read"]').waitFor();
    expect(await readOnly.page.locator('#settings-scope').textContent()).toBe(
      'read: look only, no changes',
    );
    expect(await readOnly.page.locator('#keys-panel').isHidden()).toBe(true);
  });

  it('“Connect an assistant” creates a read key for the admin and shows its setup once', async () => {
    const dashboard = await suite.open({ viewport: DESKTOP });
    const { page } = dashboard;
    await signIn(page, TEST_ADMIN_KEY);
    await page.goto('/dashboard/#/settings');
    await page.getByLabel('Name of the key').fill('Claude on the laptop');
    await page.getByLabel('Read only', { exact: false }).check();
    await page.locator('#assistant-form select[name="client"]').selectOption('claude-code');
    await page.getByRole('button', { name: 'Create key and show setup' }).click();
    const snippet = await page.locator('#assistant-snippet').textContent();
    expect(snippet).toMatch(
      new RegExp(
        `^claude mcp add --transport http pai ${suite.testApp.baseUrl}/mcp --header "Authorization: Bearer pai_[A-Za-z0-9_-]+"$`,
      ),
    );
    const key = /Bearer (pai_[A-Za-z0-9_-]+)/.exec(snippet!)![1]!;
    const me = await suite.testApp.http().get('/api/v1/me').set(bearer(key));
    expect(me.body).toMatchObject({ scope: 'read', user: { email: 'admin@localhost' } });
    // The new key is listed with its scope, never in full.
    const row = page.locator(`#keys-table tr[data-key-id="${me.body.key_id}"]`);
    await row.waitFor();
    expect(await row.locator('.key-scope').textContent()).toBe('read');
    expect(await page.locator('#keys-table').textContent()).not.toContain(key);
    // Shown once: Done hides it, and coming back does not show it again.
    await page.getByRole('button', { name: 'Done, hide it' }).click();
    expect(await page.locator('#assistant-snippet').count()).toBe(0);
    await page.goto('/dashboard/#/feed');
    await page.goto('/dashboard/#/settings');
    await page.getByRole('button', { name: 'Create key and show setup' }).waitFor();
    expect(await page.content()).not.toContain(key);
    expect(dashboard.problems).toEqual([]);
  });
});
