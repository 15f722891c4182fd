import { describe, expect, it } from '@jest/globals';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { browserSuite, eventually, signIn } from './browser-support.js';

interface ApiTask {
  id: string;
  title: string;
  priority: string;
  status: string;
  due_date: string | null;
}

describe('suggestions inbox and tasks in Chromium', () => {
  const suite = browserSuite({ expectNone: ['problems', 'dialogs'] });

  /** A thought with one pending suggestion, as the analysis pipeline leaves it. */
  async function suggest(user: CreatedUser, title: string, content: string) {
    const thought = await captureThought(suite.testApp, user.key, content);
    const result = await suite.testApp.app
      .get(SuggestionsService)
      .offer(
        user.userId,
        [{ title, priority: 'high', confidence: 0.9, evidence: content.toLowerCase() }],
        {
          sourceThoughtId: thought.id,
          origin: 'analysis',
          backend: 'mock',
          model: 'mock',
          mode: 'suggest',
          threshold: 0.85,
        },
      );
    return result.offered[0]!.suggestion;
  }

  const tasksOf = async (user: CreatedUser, query: Record<string, string> = {}) =>
    (
      await suite.testApp
        .http()
        .get('/api/v1/tasks')
        .set(bearer(user.key))
        .query({ limit: '100', ...query })
    ).body.items as ApiTask[];

  it('accepts a suggestion (edited), finds the task under Today, completes it and sees it under Done', async () => {
    const user = await createUser(suite.testApp);
    await suggest(user, 'Call mom about the tax forms', 'Call mom about the tax forms this week');
    await suggest(user, 'Water the plants', 'I keep forgetting to water the plants');
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    await page.locator('#inbox-badge').getByText('2', { exact: true }).waitFor();

    await page.getByRole('link', { name: /Inbox/ }).click();
    const card = page.locator('#inbox-list .suggestion').filter({ hasText: 'Call mom' });
    await card.getByText('90% sure').waitFor();
    await card.locator('blockquote').getByText('call mom about the tax forms this week').waitFor();
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel('Task title').fill('Call mom on Friday about the tax forms');
    await card.getByLabel('Priority').selectOption('urgent');
    await card.getByRole('button', { name: 'Accept with changes' }).click();
    await card.getByText('Added to your tasks:').waitFor();
    await page.locator('#inbox-badge').getByText('1', { exact: true }).waitFor();

    const other = page.locator('#inbox-list .suggestion').filter({ hasText: 'Water the plants' });
    await other.getByRole('button', { name: 'Reject' }).click();
    await other.getByLabel('Why not? (optional)').fill('Already automated');
    await other.getByRole('button', { name: 'Reject suggestion' }).click();
    await other.getByText('won’t be suggested again').waitFor();
    await page.locator('#inbox-badge').waitFor({ state: 'hidden' });
    const rejected = await suite.testApp
      .http()
      .get('/api/v1/task-suggestions')
      .set(bearer(user.key))
      .query({ status: 'rejected' });
    expect(
      rejected.body.items.map((item: { title: string; reject_reason: string }) => [
        item.title,
        item.reject_reason,
      ]),
    ).toEqual([['Water the plants', 'Already automated']]);

    await card.getByRole('link', { name: 'Open tasks' }).click();
    const task = page
      .locator('#task-panel .task')
      .filter({ hasText: 'Call mom on Friday about the tax forms' });
    await task.waitFor();
    await task.getByText('urgent').waitFor();
    const [created] = await tasksOf(user);
    expect(created).toMatchObject({
      title: 'Call mom on Friday about the tax forms',
      priority: 'urgent',
      status: 'pending',
    });

    await task.getByRole('checkbox', { name: 'Call mom on Friday about the tax forms' }).check();
    await eventually(async () => (await tasksOf(user, { status: 'done' })).length === 1, {
      message: 'task done',
    });
    await task.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Done' }).click();
    const done = page.locator('#task-panel .task').filter({ hasText: 'Call mom on Friday' });
    await done.waitFor();
    expect(await done.getByRole('checkbox').isChecked()).toBe(true);
  });

  it('adds, edits and sorts tasks into today, upcoming and overdue', async () => {
    const user = await createUser(suite.testApp);
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const [title, due] of [
      ['Pay rent', day(-3)],
      ['Dentist', day(5)],
    ] as const) {
      await suite.testApp
        .http()
        .post('/api/v1/tasks')
        .set(bearer(user.key))
        .send({ title, due_date: due })
        .expect(201);
    }
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    await page.goto('/dashboard/#/tasks');
    await page.getByLabel('New task').fill('Buy stamps');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const stamps = page.locator('#task-panel .task').filter({ hasText: 'Buy stamps' });
    await stamps.waitFor();
    await stamps.getByRole('button', { name: 'Edit task Buy stamps' }).click();
    await stamps.getByLabel('Title').fill('Buy stamps and envelopes');
    await stamps.getByLabel('Priority').selectOption('high');
    await stamps.getByRole('button', { name: 'Save' }).click();
    await page
      .locator('#task-panel .task')
      .filter({ hasText: 'Buy stamps and envelopes' })
      .getByText('high')
      .waitFor();
    expect((await tasksOf(user)).find((task) => task.title.startsWith('Buy stamps'))).toMatchObject(
      { priority: 'high' },
    );

    await page.getByRole('tab', { name: 'Overdue' }).click();
    await page.locator('#task-panel').getByText('Pay rent').waitFor();
    await page
      .locator('#task-panel')
      .getByText(/Overdue ·/)
      .waitFor();
    await page.getByRole('tab', { name: 'Upcoming' }).click();
    await page.locator('#task-panel').getByText('Dentist').waitFor();
    expect(await page.locator('#task-panel').textContent()).not.toContain('Pay rent');
  });
});
