import { describe, expect, it } from '@jest/globals';
import { bearer, createUser } from '../support/factories.js';
import { browserSuite, captureInUi, listThoughts, signIn } from './browser-support.js';

/**
 * The whole loop with the analysis pipeline running (mock AI backend: tags are the #words, a
 * thought starting "todo:" becomes a task suggestion), updates arriving over the event stream.
 * A database of its own: the shared one holds other files' unanalyzed thoughts, a backlog
 * the worker would otherwise work through first.
 */
describe('live updates in Chromium (analysis pipeline running)', () => {
  const suite = browserSuite({
    expectNone: ['problems', 'dialogs'],
    env: { WORKERS_ENABLED: 'true' },
    scratchDatabase: true,
  });

  it('captures a thought and sees its AI tags arrive, then a suggested task reach the inbox', async () => {
    const user = await createUser(suite.testApp);
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    await page
      .locator('#live-mode')
      .getByText(/Live updates on|Checking for updates/)
      .waitFor();

    await captureInUi(page, 'Plan the vegetable beds #garden #weekend');
    const card = page.locator('#feed-list .thought').filter({ hasText: 'vegetable beds' });
    await card.waitFor();
    await card
      .getByRole('button', { name: 'Filter by AI tag garden' })
      .waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Filter by AI tag weekend' }).waitFor();
    expect(await card.getByText('Analyzing…').count()).toBe(0);
    const [stored] = await listThoughts(suite.testApp, user);
    expect(stored).toMatchObject({
      analysis_status: 'done',
      ai_tags: expect.arrayContaining(['garden', 'weekend']),
    });

    await captureInUi(page, 'todo: call the plumber about the dripping tap');
    await page.locator('#inbox-badge').getByText('1', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: /Inbox/ }).click();
    const suggestion = page
      .locator('#inbox-list .suggestion')
      .filter({ hasText: 'call the plumber' });
    await suggestion.locator('blockquote').waitFor();
    await suggestion.getByRole('button', { name: 'Accept' }).click();
    await suggestion.getByText('Added to your tasks:').waitFor();
    const tasks = await suite.testApp.http().get('/api/v1/tasks').set(bearer(user.key));
    expect(tasks.body.items.map((task: { title: string }) => task.title)).toEqual([
      expect.stringContaining('call the plumber'),
    ]);
  });

  it('runs a consciousness check from the Insights view and shows what it found', async () => {
    const user = await createUser(suite.testApp);
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    await captureInUi(page, 'Thinking about the garden again #garden');
    await page.locator('#feed-list .thought').first().waitFor();
    await page.getByRole('link', { name: 'Insights' }).click();
    await page.getByRole('button', { name: 'Run a check now' }).click();
    // The mock backend's canned check: a summary and one pattern citing the new thought.
    await page.locator('.check').getByText('1 new thoughts.').first().waitFor({ timeout: 15_000 });
    await page.locator('.check').getByText('Recent thoughts').first().waitFor();
    const checks = await suite.testApp
      .http()
      .get('/api/v1/consciousness-checks')
      .set(bearer(user.key));
    expect(checks.body.items).toEqual([
      expect.objectContaining({ trigger: 'manual', new_thought_count: 1 }),
    ]);
  });
});
