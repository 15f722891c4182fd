import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { readZip } from '../support/export-helpers.js';
import { captureThought, createUser } from '../support/factories.js';
import { browserSuite, signIn } from './browser-support.js';

describe('settings page: export buttons in Chromium', () => {
  const suite = browserSuite({ expectNone: ['problems'] });

  it("downloads the JSON export and the Markdown zip with the caller's thoughts", async () => {
    const user = await createUser(suite.testApp);
    const thought = await captureThought(suite.testApp, user.key, {
      content: 'Export me please #garden',
      tags: ['mine'],
    });
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    await page.goto('/dashboard/#/settings');

    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export as JSON' }).click(),
    ]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^pai-export-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8'));
    expect(document).toMatchObject({ format: 'pai-export', format_version: 1 });
    expect(document.thoughts).toEqual([
      expect.objectContaining({
        id: thought.id,
        content: 'Export me please #garden',
        tags: ['mine'],
      }),
    ]);
    await page.getByRole('status').filter({ hasText: 'Downloaded pai-export-' }).first().waitFor();

    const [zipDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export as Markdown (zip)' }).click(),
    ]);
    expect(zipDownload.suggestedFilename()).toMatch(/^pai-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = await readZip(await readFile((await zipDownload.path())!));
    expect(entries.map((entry) => entry.name)).toEqual([
      `thoughts/${thought.created_at.slice(0, 10)} Export me please garden ${thought.id.slice(0, 8)}.md`,
      'tasks.md',
    ]);
  });
});
