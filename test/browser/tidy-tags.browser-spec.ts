import { describe, expect, it } from '@jest/globals';
import { bearer, captureThought, createUser } from '../support/factories.js';
import { browserSuite, signIn } from './browser-support.js';

describe('activity page: tidy tags in Chromium', () => {
  const suite = browserSuite({ expectNone: ['problems'] });

  it('lists suggested merges with counts; a click merges one and the list refreshes without it', async () => {
    const user = await createUser(suite.testApp);
    const first = await captureThought(suite.testApp, user.key, {
      content: 'Read about phishing',
      tags: ['cybersecurity'],
    });
    await captureThought(suite.testApp, user.key, {
      content: 'Patch the router',
      tags: ['cybersecurity'],
    });
    const variant = await captureThought(suite.testApp, user.key, {
      content: 'Password manager',
      tags: ['Cyber-Security'],
    });
    await captureThought(suite.testApp, user.key, {
      content: 'Morning run',
      tags: ['running', 'jogging'],
    });
    await captureThought(suite.testApp, user.key, { content: 'Evening run', tags: ['running'] });
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    await page.goto('/dashboard/#/activity');

    const list = page.getByRole('list', { name: 'Suggested tag merges' });
    await list.waitFor();
    const items = list.getByRole('listitem');
    await expect(items.count()).resolves.toBe(2);
    await expect(items.first().textContent()).resolves.toContain(
      '#cybersecurity (2), #cyber-security (1)',
    );

    await page.getByRole('button', { name: 'Merge #cyber-security into #cybersecurity' }).click();
    // The refreshed list has only the other group left.
    await page
      .getByRole('button', { name: 'Merge #cyber-security into #cybersecurity' })
      .waitFor({ state: 'detached' });
    await expect(items.count()).resolves.toBe(1);
    await expect(items.first().textContent()).resolves.toContain('#running (2), #jogging (1)');

    const merged = await suite.testApp
      .http()
      .get(`/api/v1/thoughts/${variant.id}`)
      .set(bearer(user.key));
    expect(merged.body.tags).toEqual(['cybersecurity']);
    expect(
      (await suite.testApp.http().get(`/api/v1/thoughts/${first.id}`).set(bearer(user.key))).body
        .tags,
    ).toEqual(['cybersecurity']);

    await page.getByRole('button', { name: 'Merge #jogging into #running' }).click();
    await page.getByText('Your tags are tidy: no variants of one tag found.').waitFor();
  });
});
