import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { tsqueryLexemesSql } from '../../src/thoughts/search/query-words.js';
import { tsqueryWords } from '../../src/thoughts/search/user-words.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface Match {
  arm: string;
  terms: string[];
}
interface SearchItem {
  id: string;
  content: string;
  search: { rank: number; snippet: string; matched: Match[] };
}
interface RelatedItem {
  thought: { id: string; content: string };
  score: number;
  shared_tags: string[];
  reasons: string[];
}

/**
 * Hybrid related thoughts and search through the real pipeline: the analysis workers (mock AI)
 * count each thought's words into the user's document frequencies, which search's trigram arm
 * and related thoughts' term vectors read. A database of its own, so the vocabulary is ours.
 */
describe('hybrid related thoughts and search', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let testApp: TestApp;
  let ann: CreatedUser;
  let bob: CreatedUser;
  const thoughts: Record<string, Record<string, any>> = {};

  const search = async (who: CreatedUser, q: string): Promise<SearchItem[]> => {
    const response = await testApp.http().get('/api/v1/thoughts').set(bearer(who.key)).query({ q });
    expect(response.status).toBe(200);
    return response.body.items;
  };
  const related = async (who: CreatedUser, id: string): Promise<RelatedItem[]> => {
    const response = await testApp
      .http()
      .get(`/api/v1/thoughts/${id}/related`)
      .set(bearer(who.key));
    expect(response.status).toBe(200);
    return response.body.items;
  };
  const analysed = (who: CreatedUser, id: string) =>
    waitFor(
      async () =>
        (await testApp.http().get(`/api/v1/thoughts/${id}`).set(bearer(who.key))).body
          .analysis_status,
      (status) => status === 'done',
      { what: `analysis of ${id}`, timeoutMs: 30_000 },
    );

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    testApp = await startTestApp({
      databaseUrl: scratch.url,
      env: {
        WORKERS_ENABLED: 'true',
        WORKER_CONCURRENCY: '2',
        AI_BACKEND: 'mock',
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    ann = await createUser(testApp);
    bob = await createUser(testApp);
    const annsThoughts = {
      source: { content: 'Slept badly again, insomnia kept me awake all night', tags: ['sleep'] },
      pillow: { content: 'Bought a softer pillow at the market', tags: ['sleep'] },
      insomnia: 'Insomnia again last night; counted sheep until three',
      budget: { content: 'Quarterly budget review with the client', tags: ['work'] },
      japanese: '昨日は睡眠不足でした、夜中に何度も目が覚めた',
      filler1: 'Water the tomatoes in the garden',
      filler2: 'Book the train tickets for the conference',
    };
    for (const [name, input] of Object.entries(annsThoughts))
      thoughts[name] = await captureThought(testApp, ann.key, input);
    // Bob writes about the same things: none of it may reach Ann, and his words are not hers.
    thoughts.bobs = await captureThought(testApp, bob.key, {
      content: 'Insomnia and a sleepless night again',
      tags: ['sleep'],
    });
    thoughts.bobsJapanese = await captureThought(testApp, bob.key, '睡眠不足の一週間');
    for (const [name, thought] of Object.entries(thoughts))
      await analysed(name.startsWith('bob') ? bob : ann, thought.id);
  });

  afterAll(async () => {
    await testApp?.close();
    await scratch?.drop();
  });

  it('ranks thoughts sharing a tag or informative words as related, each with its reasons, own thoughts only', async () => {
    const items = await related(ann, thoughts.source!.id);
    const ids = items.map((item) => item.thought.id);
    expect(ids).toEqual(expect.arrayContaining([thoughts.pillow!.id, thoughts.insomnia!.id]));
    expect(ids).not.toContain(thoughts.source!.id);
    expect(ids).not.toContain(thoughts.bobs!.id);
    // Sharing a tag or the source's rarest words outranks whatever else came back.
    expect(ids.indexOf(thoughts.pillow!.id)).toBeLessThan(2);
    expect(ids.indexOf(thoughts.insomnia!.id)).toBeLessThan(2);
    const byId = new Map(items.map((item) => [item.thought.id, item]));
    expect(byId.get(thoughts.pillow!.id)).toMatchObject({
      shared_tags: ['sleep'],
      reasons: expect.arrayContaining(['shared tags: sleep']),
    });
    expect(byId.get(thoughts.insomnia!.id)!.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^similar words: .*insomnia/),
        'full-text match',
      ]),
    );
    for (const item of items) {
      expect(item.reasons.length).toBeGreaterThan(0);
      expect(item.score).toBeGreaterThan(0);
      expect(item.score).toBeLessThanOrEqual(1);
    }
    const scores = items.map((item) => item.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("counts each user's words apart, and takes a deleted thought's words back out", async () => {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const documents = async (userId: string, term: string) =>
        (
          await client.query<{ documents: number }>(
            `SELECT documents FROM user_terms WHERE user_id = $1 AND term = $2`,
            [userId, term],
          )
        ).rows[0]?.documents ?? 0;
      expect(await documents(ann.userId, '')).toBe(7);
      expect(await documents(ann.userId, 'insomnia')).toBe(2);
      expect(await documents(bob.userId, 'insomnia')).toBe(1);
      const gone = await captureThought(testApp, ann.key, 'Insomnia, a third time');
      await analysed(ann, gone.id);
      expect(await documents(ann.userId, 'insomnia')).toBe(3);
      expect(
        (await testApp.http().delete(`/api/v1/thoughts/${gone.id}`).set(bearer(ann.key))).status,
      ).toBe(204);
      expect([await documents(ann.userId, 'insomnia'), await documents(ann.userId, '')]).toEqual([
        2, 7,
      ]);
    } finally {
      await client.end();
    }
  });

  it('finds a misspelt word through the trigram arm, naming the word it read it as', async () => {
    const items = await search(ann, 'insomnai');
    expect(items.map((item) => item.id).sort()).toEqual(
      [thoughts.source!.id, thoughts.insomnia!.id].sort(),
    );
    for (const item of items) {
      expect(item.search.matched).toEqual([{ arm: 'trigram', terms: ['insomnia'] }]);
      expect(item.search.snippet.toLowerCase()).toContain('<mark>insomnia</mark>');
    }
  });

  it('fuses both arms: a correct word matches by full text, with the words it matched', async () => {
    const items = await search(ann, 'insomnia night');
    expect(items.map((item) => item.id).sort()).toEqual(
      [thoughts.source!.id, thoughts.insomnia!.id].sort(),
    );
    for (const item of items) {
      expect(item.search.matched).toEqual([
        { arm: 'full_text', terms: expect.arrayContaining(['insomnia', 'night']) },
      ]);
      expect(item.search.rank).toBeGreaterThan(0);
    }
    // A known word and a misspelt one: the misspelling is read as Ann's word, the other kept.
    const mixed = await search(ann, 'insomnai night');
    expect(mixed.map((item) => item.id).sort()).toEqual(
      [thoughts.source!.id, thoughts.insomnia!.id].sort(),
    );
    expect(mixed[0]!.search.matched).toEqual([{ arm: 'trigram', terms: ['insomnia'] }]);
  });

  it('finds CJK text by a word inside a run the English parser keeps whole', async () => {
    for (const q of ['睡眠', '睡眠不足', '目が覚めた']) {
      const items = await search(ann, q);
      expect({ q, ids: items.map((item) => item.id) }).toEqual({ q, ids: [thoughts.japanese!.id] });
      expect(items[0]!.search.matched).toEqual([
        { arm: 'trigram', terms: [expect.stringContaining(q)] },
      ]);
    }
    expect((await search(bob, '睡眠')).map((item) => item.id)).toEqual([thoughts.bobsJapanese!.id]);
  });

  it('ranks the newest 500 matches whether it reads the words index or walks the newest thoughts', async () => {
    // 3,000 thoughts straight into SQL, all with "walk", every 5th with "heron", counted as the
    // analysis would count them. By these counts "walk" (in all of them) walks the newest
    // thoughts, and "heron" (600 matches, 1 in 5) reads them through the per-user words index:
    // either way the answer is the 500 newest matches.
    const carol = await createUser(testApp);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    let newest: { walk: string[]; heron: string[] };
    try {
      await client.query(
        `INSERT INTO thoughts (user_id, content, analysis_status, created_at)
         SELECT $1, 'walk number ' || g || CASE WHEN g % 5 = 0 THEN ' heron' ELSE '' END, 'done', now() - g * interval '1 minute'
         FROM generate_series(1, 3000) g`,
        [carol.userId],
      );
      await client.query(
        `INSERT INTO user_terms (user_id, term, documents)
         SELECT $1, term, count(*) FROM thoughts t, unnest(array_prepend('', tsvector_to_array(t.search_vector))) term WHERE t.user_id = $1 GROUP BY term`,
        [carol.userId],
      );
      const newestMatches = async (word: string) =>
        (
          await client.query<{ id: string }>(
            `SELECT id FROM thoughts WHERE user_id = $1 AND search_vector @@ to_tsquery('english', $2) ORDER BY created_at DESC LIMIT 500`,
            [carol.userId, word],
          )
        ).rows.map((row) => row.id);
      newest = { walk: await newestMatches('walk'), heron: await newestMatches('heron') };
    } finally {
      await client.end();
    }
    const allPages = async (q: string) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const response = await testApp
          .http()
          .get('/api/v1/thoughts')
          .set(bearer(carol.key))
          .query({ q, limit: 200, ...(cursor ? { cursor } : {}) });
        expect(response.status).toBe(200);
        ids.push(...response.body.items.map((item: SearchItem) => item.id));
        cursor = response.body.next_cursor ?? undefined;
        if (!cursor) return ids;
      }
    };
    for (const word of ['walk', 'heron'] as const) {
      const ids = await allPages(word);
      expect({ word, count: ids.length, distinct: new Set(ids).size }).toEqual({
        word,
        count: 500,
        distinct: 500,
      });
      expect({ word, ids: [...ids].sort() }).toEqual({ word, ids: [...newest[word]].sort() });
    }
  });

  it('reads the words of a tsquery in SQL as the code does (a search looks their counts up in its first statement)', async () => {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const wordsOf = async (tsquery: string, value: string) => {
        const { rows } = await client.query<{ text: string; words: string[] }>(
          `SELECT q::text AS text, ${tsqueryLexemesSql('q::text')} AS words FROM ${tsquery} AS q`,
          [value],
        );
        // Once each, in any order: they only go into `term = ANY(...)`.
        return {
          sql: [...new Set(rows[0]!.words)].sort(),
          code: tsqueryWords(rows[0]!.text).sort(),
        };
      };
      // As typed in tsquery syntax: quotes and backslashes inside lexemes, NOT, phrases, prefixes.
      const typed = [
        String.raw`'a\\b' & 'it''s' & !'x''y':*`,
        String.raw`'''q''' <-> ( 'tax' | 'tax' ) <2> '\\'`,
        `'睡眠' & !( 'mom' | 'call' )`,
      ];
      for (const text of typed) {
        const words = await wordsOf('CAST($1 AS tsquery)', text);
        expect(words.sql).toEqual(words.code);
        expect(words.sql.length).toBeGreaterThan(2);
      }
      expect((await wordsOf('CAST($1 AS tsquery)', typed[0]!)).sql).toEqual([
        String.raw`a\b`,
        "it's",
        "x'y",
      ]);
      // As a search makes them from what the user typed.
      const searched = [
        'tax -mom "call the bank" OR e-mail',
        String.raw`o'neil's \ back\slash`,
        '昨日は睡眠不足でした',
        'the',
        '%',
      ];
      for (const q of searched) {
        const words = await wordsOf(`websearch_to_tsquery('english', $1)`, q);
        expect({ q, words: words.sql }).toEqual({ q, words: words.code });
      }
    } finally {
      await client.end();
    }
  });

  it("keeps search and related within the caller's thoughts", async () => {
    expect((await search(bob, 'insomnai')).map((item) => item.id)).toEqual([thoughts.bobs!.id]);
    expect(
      (
        await testApp
          .http()
          .get(`/api/v1/thoughts/${thoughts.source!.id}/related`)
          .set(bearer(bob.key))
      ).status,
    ).toBe(404);
    const bobsRelated = await related(bob, thoughts.bobs!.id);
    expect(bobsRelated.map((item) => item.thought.id)).not.toEqual(
      expect.arrayContaining([thoughts.source!.id]),
    );
    expect(bobsRelated.every((item) => item.thought.id === thoughts.bobsJapanese!.id)).toBe(true);
  });
});
