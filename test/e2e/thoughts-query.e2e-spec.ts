import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { SEARCH_CANDIDATES } from '../../src/thoughts/thoughts.repository.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { startTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

describe('reading, searching and editing thoughts', () => {
  let testApp: TestApp;
  let user: CreatedUser;
  let other: CreatedUser;
  const get = (path: string, query: Record<string, unknown> = {}) =>
    testApp.http().get(path).set(bearer(user.key)).query(query);

  async function collect(query: Record<string, unknown>): Promise<string[]> {
    const contents: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const response = await get('/api/v1/thoughts', { ...query, ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      contents.push(...response.body.items.map((item: { content: string }) => item.content));
      cursor = response.body.next_cursor ?? undefined;
      if (!cursor) break;
    }
    return contents;
  }

  beforeAll(async () => {
    testApp = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    user = await createUser(testApp);
    other = await createUser(testApp);
    await captureThought(testApp, other.key, {
      content: 'Other user: tax forms and the secret garden',
      tags: ['family'],
    });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('pages newest first without gaps or repeats while new thoughts arrive in between', async () => {
    for (let i = 0; i < 7; i++) await captureThought(testApp, user.key, `page test ${i}`);
    const seen: string[] = [];
    let cursor: string | undefined;
    let added = 0;
    do {
      const response = await get('/api/v1/thoughts', {
        limit: 2,
        q: undefined,
        ...(cursor ? { cursor } : {}),
      });
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((item: { content: string }) => item.content));
      cursor = response.body.next_cursor ?? undefined;
      // A capture between pages lands before the cursor and must not disturb the walk.
      if (added < 3) await captureThought(testApp, user.key, `inserted while paging ${added++}`);
    } while (cursor);
    const pageTests = seen.filter((content) => content.startsWith('page test'));
    expect(pageTests).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `page test ${i}`));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.some((content) => content.startsWith('inserted while paging'))).toBe(false);
  });

  it('filters by tag (own or AI), status, type, actionability and time', async () => {
    const tagged = await captureThought(testApp, user.key, {
      content: 'Garden: plant tomatoes',
      tags: ['garden'],
      thought_type: 'idea',
    });
    const archived = await captureThought(testApp, user.key, {
      content: 'Garden: old plan',
      tags: ['garden'],
    });
    const actionable = await captureThought(testApp, user.key, {
      content: 'Water the garden',
      thought_type: 'task',
    });
    expect(
      (
        await testApp
          .http()
          .patch(`/api/v1/thoughts/${archived.id}`)
          .set(bearer(user.key))
          .send({ status: 'archived' })
      ).status,
    ).toBe(200);
    expect(
      (
        await testApp
          .http()
          .patch(`/api/v1/thoughts/${actionable.id}`)
          .set(bearer(user.key))
          .send({ is_actionable: true })
      ).status,
    ).toBe(200);

    const ids = async (query: Record<string, unknown>) =>
      (await get('/api/v1/thoughts', query)).body.items.map((item: { id: string }) => item.id);
    expect(await ids({ tag: '#Garden' })).toEqual([tagged.id]);
    expect(await ids({ tag: 'garden', status: 'archived' })).toEqual([archived.id]);
    expect(await ids({ tag: 'garden', status: 'all' })).toEqual([archived.id, tagged.id]);
    expect(await ids({ thought_type: 'idea' })).toEqual([tagged.id]);
    expect(await ids({ is_actionable: 'true' })).toEqual([actionable.id]);
    expect(await ids({ is_actionable: 'false', thought_type: 'task' })).toEqual([]);
    expect(await ids({ since: actionable.created_at })).toEqual([actionable.id]);
    const before = await ids({ until: tagged.created_at, limit: 200 });
    expect(before).not.toContain(tagged.id);
    expect(before.length).toBeGreaterThan(0);
    expect(await ids({ since: '2999-01-01T00:00:00Z' })).toEqual([]);

    for (const bad of [
      { status: 'deleted' },
      { is_actionable: 'maybe' },
      { since: 'yesterday' },
      { thought_type: 'poem' },
      { limit: 500 },
      { cursor: 'x' },
      { colour: 'red' },
    ]) {
      const response = await get('/api/v1/thoughts', bad);
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
    }
  });

  describe('full-text search', () => {
    beforeAll(async () => {
      await captureThought(testApp, user.key, 'Call mom tomorrow at 5pm about the tax forms');
      await captureThought(testApp, user.key, 'Taxes are due in April; find the forms');
      await captureThought(
        testApp,
        user.key,
        'Ask the bank about the mortgage <script>alert(1)</script>',
      );
      await captureThought(
        testApp,
        user.key,
        'Discount: 50% off_sale with back\\slash and it\'s "quoted"',
      );
    });

    it('ranks matches, stems words and highlights an HTML-safe snippet', async () => {
      const response = await get('/api/v1/thoughts', { q: 'tax form' });
      expect(response.status).toBe(200);
      const contents = response.body.items.map((item: { content: string }) => item.content);
      expect(contents).toEqual(
        expect.arrayContaining([
          'Call mom tomorrow at 5pm about the tax forms',
          'Taxes are due in April; find the forms',
        ]),
      );
      expect(contents).not.toContain('Other user: tax forms and the secret garden');
      const first = response.body.items[0];
      expect(first.search.rank).toBeGreaterThan(0);
      expect(first.search.snippet).toMatch(/<mark>[Tt]ax(es)?<\/mark>/);
      const ranks = response.body.items.map(
        (item: { search: { rank: number } }) => item.search.rank,
      );
      expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);

      const escaped = await get('/api/v1/thoughts', { q: 'mortgage' });
      expect(escaped.body.items[0].search.snippet).toContain('&lt;script&gt;');
      expect(escaped.body.items[0].search.snippet).not.toContain('<script>');
    });

    it('supports quotes, -word and OR, and pages through ranked results', async () => {
      const phrase = await collect({ q: '"tax forms"' });
      expect(phrase).toEqual(['Call mom tomorrow at 5pm about the tax forms']);
      const excluded = await collect({ q: 'forms -mom' });
      expect(excluded).toEqual(['Taxes are due in April; find the forms']);
      const either = await collect({ q: 'mortgage or april' });
      expect(either.sort()).toEqual([
        'Ask the bank about the mortgage <script>alert(1)</script>',
        'Taxes are due in April; find the forms',
      ]);
      const paged = await collect({ q: 'forms', limit: 1 });
      expect(paged).toHaveLength(2);
    });

    it('never fails or widens the result on hostile input', async () => {
      const hostile = [
        "' OR 1=1--",
        '%',
        '_',
        '\\',
        '%%%',
        "'; DROP TABLE thoughts; --",
        'tax & | ! <-> :* (',
        '))((',
        '"unterminated',
        '-',
        'a:*',
        '!!!',
        '¯\\_(ツ)_/¯',
        'the',
      ];
      for (const q of hostile) {
        const response = await get('/api/v1/thoughts', { q });
        expect({ q, status: response.status }).toEqual({ q, status: 200 });
        for (const item of response.body.items) {
          // Whatever matched is this user's, and contains the literal text for substring matches.
          expect(item.content).not.toContain('Other user');
        }
      }
      expect(await collect({ q: '%' })).toEqual([
        'Discount: 50% off_sale with back\\slash and it\'s "quoted"',
      ]);
      expect(await collect({ q: '_' })).toEqual([
        'Discount: 50% off_sale with back\\slash and it\'s "quoted"',
      ]);
      expect(await collect({ q: '\\' })).toEqual([
        'Discount: 50% off_sale with back\\slash and it\'s "quoted"',
      ]);
      expect(await collect({ q: "' OR 1=1--" })).toEqual([]);
      const total = (await collect({ status: 'all' })).length;
      expect((await collect({ q: 'tax & | ! <-> :* (' })).length).toBeLessThan(total);
      // The table is still there.
      expect((await get('/api/v1/thoughts')).status).toBe(200);
    });

    it('ranks the newest 500 matches; older ones are reached with until', async () => {
      const prolific = await createUser(testApp, 'Prolific');
      const db = new pg.Client({ connectionString: testDatabaseUrl() });
      await db.connect();
      try {
        // The best match of all is the oldest: outside the newest 500, so not ranked.
        await db.query(
          `INSERT INTO thoughts (user_id, content, tags, created_at)
           SELECT $1, CASE WHEN g = 0 THEN 'lantern lantern lantern, the oldest' ELSE 'lantern note ' || g END, '[]',
                  now() - make_interval(hours => 600 - g)
           FROM generate_series(0, 520) AS g`,
          [prolific.userId],
        );
      } finally {
        await db.end();
      }
      const search = (query: Record<string, unknown>) =>
        testApp.http().get('/api/v1/thoughts').set(bearer(prolific.key)).query(query);
      const contents: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search({ q: 'lantern', limit: 100, ...(cursor ? { cursor } : {}) });
        expect(page.status).toBe(200);
        contents.push(...page.body.items.map((item: { content: string }) => item.content));
        cursor = page.body.next_cursor ?? undefined;
      } while (cursor);
      expect(contents).toHaveLength(SEARCH_CANDIDATES);
      expect(new Set(contents).size).toBe(SEARCH_CANDIDATES);
      expect(contents).not.toContain('lantern lantern lantern, the oldest');
      expect(contents).toContain('lantern note 520');
      const older = await search({
        q: 'lantern',
        until: new Date(Date.now() - 550 * 3_600_000).toISOString(),
      });
      expect(older.body.items[0].content).toBe('lantern lantern lantern, the oldest');
    });

    it('combines search with filters', async () => {
      const withTag = await captureThought(testApp, user.key, {
        content: 'Tax receipts box',
        tags: ['receipts'],
      });
      expect(await collect({ q: 'tax', tag: 'receipts' })).toEqual([withTag.content]);
    });
  });

  it('PATCH edits content, tags, type and status; new content goes back to pending analysis', async () => {
    const thought = await captureThought(testApp, user.key, {
      content: 'Draft idea',
      tags: ['draft'],
    });
    const response = await testApp
      .http()
      .patch(`/api/v1/thoughts/${thought.id}`)
      .set(bearer(user.key))
      .send({
        content: '  Final idea  ',
        tags: ['Final', '#final'],
        thought_type: 'idea',
        status: 'archived',
        local_only: true,
      });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: thought.id,
      content: 'Final idea',
      tags: ['final'],
      thought_type: 'idea',
      status: 'archived',
      local_only: true,
      analysis_status: 'pending',
      created_at: thought.created_at,
    });
    expect(new Date(response.body.updated_at).getTime()).toBeGreaterThanOrEqual(
      new Date(thought.updated_at).getTime(),
    );
    const cleared = await testApp
      .http()
      .patch(`/api/v1/thoughts/${thought.id}`)
      .set(bearer(user.key))
      .send({ thought_type: null, status: 'active' });
    expect(cleared.body).toMatchObject({ thought_type: null, status: 'active' });

    for (const body of [
      {},
      { content: '' },
      { status: 'deleted' },
      { tags: ['x'.repeat(51)] },
      { id: randomUUID() },
      { ai_tags: ['x'] },
    ]) {
      const bad = await testApp
        .http()
        .patch(`/api/v1/thoughts/${thought.id}`)
        .set(bearer(user.key))
        .send(body);
      expect({ body, status: bad.status }).toEqual({ body, status: 400 });
    }
  });

  it('DELETE removes the thought: 204, then 404', async () => {
    const thought = await captureThought(testApp, user.key, 'Delete me');
    expect(
      (await testApp.http().delete(`/api/v1/thoughts/${thought.id}`).set(bearer(user.key))).status,
    ).toBe(204);
    expect((await get(`/api/v1/thoughts/${thought.id}`)).status).toBe(404);
    expect(
      (await testApp.http().delete(`/api/v1/thoughts/${thought.id}`).set(bearer(user.key))).status,
    ).toBe(404);
  });

  it('finds related thoughts by shared tags and words, scored, own thoughts only', async () => {
    const source = await captureThought(testApp, user.key, {
      content: 'Plan the kitchen renovation budget',
      tags: ['renovation', 'home'],
    });
    const byTag = await captureThought(testApp, user.key, {
      content: 'Call the plumber',
      tags: ['renovation'],
    });
    const byWords = await captureThought(
      testApp,
      user.key,
      'Kitchen renovation: compare tiles and budget',
    );
    const unrelated = await captureThought(testApp, user.key, 'Birthday gift for Sam');
    await captureThought(testApp, other.key, {
      content: 'Plan the kitchen renovation budget',
      tags: ['renovation', 'home'],
    });

    const response = await get(`/api/v1/thoughts/${source.id}/related`);
    expect(response.status).toBe(200);
    const ids = response.body.items.map((item: { thought: { id: string } }) => item.thought.id);
    expect(ids).toEqual(expect.arrayContaining([byTag.id, byWords.id]));
    expect(ids).not.toContain(unrelated.id);
    expect(ids).not.toContain(source.id);
    expect(response.body.items).toHaveLength(ids.length);
    for (const item of response.body.items) {
      expect(item.score).toBeGreaterThan(0);
      expect(item.score).toBeLessThanOrEqual(1);
      expect(item.thought.content).not.toBe(undefined);
    }
    expect(
      response.body.items.find((item: { thought: { id: string } }) => item.thought.id === byTag.id)
        .shared_tags,
    ).toEqual(['renovation']);
    const scores = response.body.items.map((item: { score: number }) => item.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(
      (await get(`/api/v1/thoughts/${source.id}/related`, { limit: 1 })).body.items,
    ).toHaveLength(1);
  });

  it('counts tags over active thoughts, most used first', async () => {
    const fresh = await createUser(testApp);
    await captureThought(testApp, fresh.key, { content: 'a', tags: ['work', 'urgent'] });
    await captureThought(testApp, fresh.key, { content: 'b', tags: ['work'] });
    const archived = await captureThought(testApp, fresh.key, { content: 'c', tags: ['old'] });
    await testApp
      .http()
      .patch(`/api/v1/thoughts/${archived.id}`)
      .set(bearer(fresh.key))
      .send({ status: 'archived' });
    const response = await testApp.http().get('/api/v1/tags').set(bearer(fresh.key));
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      { tag: 'work', count: 2 },
      { tag: 'urgent', count: 1 },
    ]);
  });
});
