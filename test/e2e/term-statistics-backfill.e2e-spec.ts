import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { TermStatisticsRepository } from '../../src/thoughts/search/term-statistics.repository.js';
import { ThoughtsService } from '../../src/thoughts/thoughts.service.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const TERMS = `SELECT user_id, term, documents FROM user_terms WHERE documents <> 0 ORDER BY user_id, term`;
const COUNTED = `SELECT thought_id, terms FROM thought_terms ORDER BY thought_id`;

/**
 * An upgraded install: thoughts stored before term statistics existed, so nothing counted
 * their words. The app counts them in the background after it starts (the migration no longer
 * does), to exactly what the analysis job's count would have produced, however many counters
 * (analysis jobs, other instances) run beside it.
 */
describe('term statistics backfill after an upgrade', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let client: pg.Client;
  let testApp: TestApp | undefined;
  const users: CreatedUser[] = [];
  const thoughts: { id: string; userId: string }[] = [];
  let expectedTerms: unknown[];
  let expectedCounted: unknown[];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    testApp = await startTestApp({ databaseUrl: scratch.url });
    // A new database has nothing to count: its migration marked the backfill finished.
    expect(
      (await client.query(`SELECT finished_at FROM term_statistics_backfill`)).rows[0].finished_at,
    ).not.toBeNull();
    const contents = [
      'Slept badly again, insomnia kept me awake all night',
      'Bought a softer pillow at the market #sleep',
      'Quarterly budget review with the client',
      '昨日は睡眠不足でした',
      'Water the tomatoes in the garden, then the basil',
      'Insomnia and a sleepless night again',
      'Book the train tickets for the conference',
      'The budget for the garden: tomatoes, basil and a pillow',
    ];
    for (const name of ['Ann', 'Bob']) users.push(await createUser(testApp, name));
    for (const [index, content] of contents.entries()) {
      const user = users[index % 2]!;
      const thought = await captureThought(testApp, user.key, content);
      thoughts.push({ id: thought.id as string, userId: user.userId });
    }
    // What the analysis job's count (ThoughtsService.countTerms) makes of them: the reference.
    const service = testApp.app.get(ThoughtsService);
    for (const thought of thoughts) await service.countTerms(thought.userId, thought.id);
    expectedTerms = (await client.query(TERMS)).rows;
    expectedCounted = (await client.query(COUNTED)).rows;
    expect(expectedTerms.length).toBeGreaterThan(20);
    expect(expectedCounted).toHaveLength(thoughts.length);
    await testApp.close();
    testApp = undefined;

    // The upgrade: the thoughts are there, no counts, the backfill due.
    await client.query(`DELETE FROM thought_terms`);
    await client.query(`DELETE FROM user_terms`);
    await client.query(
      `UPDATE term_statistics_backfill SET after_id = NULL, counted = 0, finished_at = NULL`,
    );
  });

  afterAll(async () => {
    await testApp?.close();
    await client?.end();
    await scratch?.drop();
  });

  it('starts without counting, searches meanwhile, then counts every thought once in the background', async () => {
    // Another instance's batch in hand: the state row locked, so this app's backfill waits.
    const other = new pg.Client({ connectionString: scratch.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM term_statistics_backfill FOR UPDATE`);
      testApp = await startTestApp({ databaseUrl: scratch.url });
      expect((await client.query(`SELECT count(*)::int AS n FROM thought_terms`)).rows[0].n).toBe(
        0,
      );
      // Search works on an uncounted database: words user_terms does not know yet still match.
      const found = await testApp
        .http()
        .get('/api/v1/thoughts')
        .set(bearer(users[0]!.key))
        .query({ q: 'insomnia' });
      expect(found.status).toBe(200);
      expect(found.body.items.map((item: { content: string }) => item.content)).toContain(
        'Slept badly again, insomnia kept me awake all night',
      );
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }

    // Racing it as the lock goes: analysis jobs counting the same thoughts.
    const service = testApp.app.get(ThoughtsService);
    await Promise.all(thoughts.map((thought) => service.countTerms(thought.userId, thought.id)));
    await waitFor(
      async () =>
        (await client.query(`SELECT finished_at FROM term_statistics_backfill`)).rows[0]
          .finished_at,
      (finished) => finished !== null,
      { what: 'the backfill to finish', timeoutMs: 30_000 },
    );
    expect(testApp.logs.some((line) => line.includes('term statistics backfill finished'))).toBe(
      true,
    );
    expect((await client.query(COUNTED)).rows).toEqual(expectedCounted);
    expect((await client.query(TERMS)).rows).toEqual(expectedTerms);
  });

  it('counts each thought once with two instances batching side by side', async () => {
    await client.query(`DELETE FROM thought_terms`);
    await client.query(`DELETE FROM user_terms`);
    await client.query(
      `UPDATE term_statistics_backfill SET after_id = NULL, counted = 0, finished_at = NULL`,
    );
    // This app's own loop has finished; two more, in small batches, stand for two instances.
    const repository = testApp!.app.get(TermStatisticsRepository);
    const instance = async () => {
      let batches = 0;
      for (;;) {
        const batch = await repository.backfillBatch(3);
        if (batch.state === 'finished' || (batch.state === 'counted' && batch.finished))
          return batches;
        if (batch.state === 'counted') batches++;
      }
    };
    const batches = await Promise.all([instance(), instance()]);
    expect(batches[0]! + batches[1]!).toBeGreaterThanOrEqual(2);
    expect(
      (await client.query(`SELECT counted FROM term_statistics_backfill`)).rows[0].counted,
    ).toBe(thoughts.length);
    expect((await client.query(COUNTED)).rows).toEqual(expectedCounted);
    expect((await client.query(TERMS)).rows).toEqual(expectedTerms);
  });

  it('does not run again once finished: a restart counts nothing twice', async () => {
    await testApp!.close();
    testApp = await startTestApp({ databaseUrl: scratch.url });
    const repository = testApp.app.get(TermStatisticsRepository);
    expect(await repository.backfillBatch(100)).toEqual({ state: 'finished' });
    expect((await client.query(TERMS)).rows).toEqual(expectedTerms);
  });
});
