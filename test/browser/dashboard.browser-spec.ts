import { describe, expect, it } from '@jest/globals';
import { bearer, captureThought, createUser } from '../support/factories.js';
import { browserSuite, captureInUi, eventually, listThoughts, signIn } from './browser-support.js';

describe('dashboard in Chromium', () => {
  const suite = browserSuite({ expectNone: ['problems', 'dialogs'] });

  async function signedIn() {
    const user = await createUser(suite.testApp);
    const dashboard = await suite.open();
    await signIn(dashboard.page, user.key);
    return { user, page: dashboard.page, dashboard };
  }

  it('is served at /dashboard/ under a CSP without inline script, and / redirects there', async () => {
    const root = await suite.testApp.http().get('/').redirects(0);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/dashboard/');
    const html = await suite.testApp.http().get('/dashboard/');
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    const csp = String(html.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/script-src-attr 'none'/);
    // Every script is a file; no inline handlers.
    expect(html.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html.text).not.toMatch(/\son[a-z]+=/);
    const bare = await suite.testApp.http().get('/dashboard').redirects(0);
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/dashboard/');
    const script = await suite.testApp.http().get('/dashboard/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('signs in: a clear message for a bad key, then "signed in as" the key prefix, and out again', async () => {
    const user = await createUser(suite.testApp);
    const dashboard = await suite.open();
    const { page } = dashboard;
    await page.getByLabel('API key').fill('pai_this_key_does_not_exist_0123456789');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That key was not accepted (401)').waitFor();
    expect(await page.getByLabel('API key').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate("localStorage.getItem('pai.apiKey')")).toBeNull();

    await signIn(page, user.key);
    await page.getByRole('button', { name: /Account/ }).click();
    const menu = page.locator('#account-menu');
    await menu.getByText(`Signed in as ${user.key.slice(0, 12)}`).waitFor();
    // The key never shows up in the address bar.
    expect(page.url()).not.toContain(user.key);
    await menu.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate("localStorage.getItem('pai.apiKey')")).toBeNull();
  });

  it('captures with Enter (Shift+Enter is a new line) and shows the thought in the feed', async () => {
    const { user, page } = await signedIn();
    const box = page.getByLabel('New thought');
    await box.fill('Buy oat milk');
    await box.press('Shift+Enter');
    await box.pressSequentially('and coffee beans');
    await box.press('Enter');
    const card = page.locator('#feed-list .thought').filter({ hasText: 'and coffee beans' });
    await card.waitFor();
    expect(await box.inputValue()).toBe('');
    expect(await card.locator('.content').textContent()).toBe('Buy oat milk\nand coffee beans');
    await card.getByText('Analyzing…').waitFor();
    const stored = await listThoughts(suite.testApp, user);
    expect(stored.map((thought) => [thought.content, thought.source])).toEqual([
      ['Buy oat milk\nand coffee beans', 'dashboard'],
    ]);
    // An empty box saves nothing.
    await box.press('Enter');
    expect(await listThoughts(suite.testApp, user)).toHaveLength(1);
  });

  it('searches with a highlighted snippet and filters by tag, type and status', async () => {
    const user = await createUser(suite.testApp);
    await captureThought(suite.testApp, user.key, {
      content: 'Call mom about the tax forms',
      tags: ['family'],
      thought_type: 'task',
    });
    await captureThought(suite.testApp, user.key, {
      content: 'Idea: a garden <b>bench</b> & a pond',
      tags: ['home'],
      thought_type: 'idea',
    });
    const archived = await captureThought(suite.testApp, user.key, {
      content: 'Old note about taxes',
      tags: ['family'],
    });
    await suite.testApp
      .http()
      .patch(`/api/v1/thoughts/${archived.id}`)
      .set(bearer(user.key))
      .send({ status: 'archived' })
      .expect(200);
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    const items = page.locator('#feed-list .thought');
    await eventually(async () => (await items.count()) === 2, { message: 'two active thoughts' });

    await page.getByLabel('Search thoughts').fill('garden');
    await eventually(
      async () => (await items.count()) === 1 && (await items.locator('mark').count()) > 0,
      { message: 'one hit with a mark' },
    );
    expect(await items.locator('mark').first().textContent()).toBe('garden');
    // The snippet's escaped text is shown as text, not as markup.
    expect(await items.locator('.content').textContent()).toContain('<b>bench</b> & a pond');
    expect(await items.locator('.content b').count()).toBe(0);
    await page.locator('#feed-summary').getByText('matching “garden”').waitFor();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await eventually(async () => (await items.count()) === 2, { message: 'filters cleared' });
    await page.getByRole('combobox', { name: 'Tag' }).selectOption('family');
    await eventually(async () => (await items.count()) === 1, { message: 'tag filter' });
    expect(await items.first().textContent()).toContain('Call mom');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('all');
    await eventually(async () => (await items.count()) === 2, { message: 'family, all statuses' });
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('combobox', { name: 'Type' }).selectOption('idea');
    await eventually(
      async () =>
        (await items.count()) === 1 && (await items.first().textContent())!.includes('garden'),
      { message: 'type filter' },
    );
    // A tag chip filters too.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await items
      .filter({ hasText: 'Call mom' })
      .getByRole('button', { name: 'Filter by tag family' })
      .click();
    await eventually(async () => (await items.count()) === 1, { message: 'chip filter' });
  });

  it('loads more thoughts as you scroll (keyset cursor)', async () => {
    const user = await createUser(suite.testApp);
    for (let index = 1; index <= 35; index++)
      await captureThought(suite.testApp, user.key, `Numbered thought ${index}`);
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    const items = page.locator('#feed-list .thought');
    await eventually(async () => (await items.count()) >= 30, { message: 'first page' });
    await page.locator('#feed-sentinel').scrollIntoViewIfNeeded();
    await eventually(async () => (await items.count()) === 35, { message: 'second page' });
    await page.getByText('That’s everything.').waitFor();
    expect(await items.last().textContent()).toContain('Numbered thought 1');
  });

  it('edits, archives (with undo) and deletes a thought', async () => {
    const { user, page } = await signedIn();
    await captureInUi(page, 'Plan the tirp to Lisbon');
    const card = page.locator('#feed-list .thought').first();
    await card.getByText('Plan the tirp').waitFor();
    await card.getByRole('button', { name: 'Actions for this thought' }).click();
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel('Thought', { exact: true }).fill('Plan the trip to Lisbon');
    await card.getByLabel('Your tags').fill('travel, summer');
    await card.getByLabel('Type').selectOption('idea');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByText('Plan the trip to Lisbon').waitFor();
    await card.getByRole('button', { name: 'Filter by tag travel' }).waitFor();
    let [stored] = await listThoughts(suite.testApp, user);
    expect(stored).toMatchObject({
      content: 'Plan the trip to Lisbon',
      tags: ['travel', 'summer'],
      thought_type: 'idea',
    });

    // An invalid edit shows the server's message in the form.
    await card.getByRole('button', { name: 'Actions for this thought' }).click();
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel('Thought', { exact: true }).fill('   ');
    await card.getByRole('button', { name: 'Save' }).click();
    await card
      .locator('.edit-form .field-error, .edit-form .form-error')
      .filter({ hasText: /content/ })
      .first()
      .waitFor();
    await card.getByRole('button', { name: 'Cancel' }).click();

    await card.getByRole('button', { name: 'Actions for this thought' }).click();
    await card.getByRole('button', { name: 'Archive' }).click();
    await eventually(async () => (await page.locator('#feed-list .thought').count()) === 0, {
      message: 'archived leaves the feed',
    });
    [stored] = await listThoughts(suite.testApp, user);
    expect(stored.status).toBe('archived');
    await page.locator('#toasts').getByRole('button', { name: 'Undo' }).click();
    await page.locator('#feed-list .thought').getByText('Plan the trip').waitFor();
    [stored] = await listThoughts(suite.testApp, user);
    expect(stored.status).toBe('active');

    const again = page.locator('#feed-list .thought').first();
    await again.getByRole('button', { name: 'Actions for this thought' }).click();
    await again.getByRole('button', { name: 'Delete' }).click();
    await again.getByRole('button', { name: 'Tap again to delete' }).click();
    await eventually(async () => (await listThoughts(suite.testApp, user)).length === 0, {
      message: 'deleted',
    });
  });

  it('shows related thoughts and queues a re-analysis', async () => {
    const user = await createUser(suite.testApp);
    await captureThought(suite.testApp, user.key, {
      content: 'Renew the car insurance before March',
      tags: ['car'],
    });
    await captureThought(suite.testApp, user.key, {
      content: 'Car insurance quote from the broker',
      tags: ['car'],
    });
    const dashboard = await suite.open();
    const { page } = dashboard;
    await signIn(page, user.key);
    const card = page.locator('#feed-list .thought').filter({ hasText: 'broker' });
    await card.getByRole('button', { name: 'Actions for this thought' }).click();
    await card.getByRole('button', { name: 'Related' }).click();
    await card.locator('.related').getByText('Renew the car insurance before March').waitFor();
    await card
      .locator('.related')
      .getByText(/% related/)
      .waitFor();
    const queued = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' &&
        /\/api\/v1\/thoughts\/[^/]+\/analyze$/.test(response.url()),
    );
    await card.getByRole('button', { name: 'Re-analyze' }).click();
    expect((await queued).status()).toBe(202);
    await card.getByText('Analyzing…').waitFor();
  });

  it('renders an XSS payload as plain text: no dialog, no element, the text visible literally', async () => {
    const { user, page, dashboard } = await signedIn();
    const payload = '<img src=x onerror=alert(1)> and <script>alert("xss")</script> #evil';
    await captureInUi(page, payload);
    const card = page.locator('#feed-list .thought').first();
    await card.getByText('<img src=x onerror=alert(1)>', { exact: false }).waitFor();
    expect(await card.locator('.content').textContent()).toBe(payload);
    expect(await page.locator('#feed-list img, #feed-list script').count()).toBe(0);
    // Also through a search snippet and a reload of the feed.
    await captureThought(suite.testApp, user.key, {
      content: 'payload <img src=y onerror=alert(2)> in a search hit',
      tags: ['<b>x</b>'],
    });
    await page.getByLabel('Search thoughts').fill('payload');
    const hit = page.locator('#feed-list .thought').filter({ hasText: 'in a search' });
    await hit.locator('mark').first().waitFor();
    // The snippet (ts_headline may shorten it) is text; the whole thought is one tap away.
    expect(await hit.locator('.content.snippet').textContent()).toMatch(
      /^payload <img src=y onerror=alert\(2\)> in a search/,
    );
    await hit.getByText('Whole thought').click();
    await hit
      .getByText('payload <img src=y onerror=alert(2)> in a search hit', { exact: true })
      .waitFor();
    await hit.getByRole('button', { name: 'Filter by tag <b>x</b>' }).waitFor();
    expect(await page.locator('#feed-list img, #feed-list script, #feed-list b').count()).toBe(0);
    // A payload that ran would have shown its alert when its image failed to load: wait for
    // the same failure on a control image, then look for dialogs.
    await page.evaluate(
      "new Promise((resolve) => { const img = new Image(); img.onerror = resolve; img.src = 'x?control'; })",
    );
    expect(dashboard.dialogs).toEqual([]);
  });

  it('changes settings, shows the server’s 400 next to the field, and the change persists', async () => {
    const { user, page } = await signedIn();
    await page.goto('/dashboard/#/settings');
    const interval = page.getByLabel('Check every (minutes)');
    await interval.waitFor();
    await interval.fill('10');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const error = page.locator(`#${await interval.getAttribute('id')}-error`);
    await error.getByText(/consciousness_check_interval_minutes/).waitFor();
    expect(await interval.getAttribute('aria-invalid')).toBe('true');

    await interval.fill('90');
    await page.getByLabel('Tag new thoughts automatically').uncheck();
    await page.getByLabel('Automatic', { exact: true }).check();
    await page.getByLabel('Quiet hours (no checks or notifications)').check();
    await page.getByLabel('Quiet from').fill('22:30');
    await page.getByLabel('Quiet until').fill('06:45');
    await page.getByLabel('AI backend').selectOption('local');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#settings-form .save-status').getByText('Saved').waitFor();
    const settings = await suite.testApp.http().get('/api/v1/settings').set(bearer(user.key));
    expect(settings.body).toMatchObject({
      consciousness_check_interval_minutes: 90,
      auto_tagging_enabled: false,
      task_suggestion_mode: 'auto',
      auto_task_creation_enabled: true,
      quiet_hours: { start: '22:30', end: '06:45' },
      ai_backend: 'local',
    });
    // The form shows what the server kept after a reload.
    await page.reload();
    await page.getByLabel('Check every (minutes)').waitFor();
    expect(await page.getByLabel('Check every (minutes)').inputValue()).toBe('90');
    expect(
      await page.getByLabel('Create tasks automatically from confident suggestions').isChecked(),
    ).toBe(true);
  });

  it('saves the profile and puts a nested validation error next to its field', async () => {
    const { user, page } = await signedIn();
    await page.goto('/dashboard/#/settings');
    await page.getByLabel('Time zone').waitFor();
    await page.getByLabel('Time zone').fill('Europe/Berlin');
    await page.getByRole('button', { name: '+ Add project' }).click();
    await page.getByLabel('Project', { exact: true }).fill('Home automation');
    await page.getByLabel('Tags', { exact: true }).fill('iot, weekend');
    await page.getByRole('button', { name: '+ Add goal' }).click();
    await page.getByLabel('Goal', { exact: true }).fill('Run a half marathon');
    await page.getByLabel('Horizon').selectOption('quarter');
    await page.getByLabel('morning').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.locator('#profile-form .save-status').getByText('Saved').waitFor();
    const profile = await suite.testApp.http().get('/api/v1/profile').set(bearer(user.key));
    expect(profile.body).toMatchObject({
      timezone: 'Europe/Berlin',
      ongoing_projects: [{ name: 'Home automation', status: 'active', tags: ['iot', 'weekend'] }],
      goals: [{ title: 'Run a half marathon', horizon: 'quarter' }],
      work_patterns: { energy_peaks: ['morning'] },
    });

    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save profile' }).click();
    const zone = page.getByLabel('Time zone');
    await eventually(async () => (await zone.getAttribute('aria-invalid')) === 'true', {
      message: 'timezone marked invalid',
    });
    expect(await page.locator(`#${await zone.getAttribute('id')}-error`).textContent()).toMatch(
      /time ?zone/i,
    );
  });
});
