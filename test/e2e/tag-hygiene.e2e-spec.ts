import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { AiBackend } from '../../src/ai/ai.types.js';
import { AI_BACKENDS } from '../../src/ai/ai.tokens.js';
import type { MockBackend, MockCall } from '../../src/ai/backends/mock.backend.js';
import { ThoughtAnalysisService } from '../../src/intelligence/thought-analysis.service.js';
import {
  bearer,
  captureThought,
  createKey,
  createUser,
  type CreatedUser,
} from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Tag hygiene through HTTP: suggested merges, merge, rename, and AI-tag removal as feedback.
 * Analysis runs through the real pipeline service (no worker, so no other test's jobs), the
 * mock backend scripted to propose the tags each test needs.
 */
describe('tag hygiene', () => {
  let testApp: TestApp;
  let mock: MockBackend;
  let pipeline: ThoughtAnalysisService;

  const api = (who: CreatedUser) => ({
    get: (path: string) => testApp.http().get(path).set(bearer(who.key)),
    post: (path: string, body: object) => testApp.http().post(path).set(bearer(who.key)).send(body),
    patch: (path: string, body: object) =>
      testApp.http().patch(path).set(bearer(who.key)).send(body),
  });
  const thought = async (who: CreatedUser, id: string) =>
    (await api(who).get(`/api/v1/thoughts/${id}`)).body;
  /** The mock proposes these tags for every thought analysed until the next call. */
  const proposing = (tags: string[]) => {
    const calls: MockCall[] = [];
    mock.script((call) => {
      calls.push(call);
      return call.operation === 'analyze_thought'
        ? {
            tags: tags.map((tag) => ({ tag, confidence: 0.8 })),
            thought_type: 'note',
            is_actionable: false,
            tasks: [],
            summary: 'a note',
          }
        : null;
    });
    return calls;
  };
  const analyse = async (who: CreatedUser, id: string) => {
    await pipeline.analyze({ thoughtId: id, userId: who.userId, reason: 'manual' });
    return thought(who, id);
  };
  /** A thought whose AI tags are exactly these, written by the pipeline. */
  const analysedWith = async (
    who: CreatedUser,
    content: string,
    aiTags: string[],
    ownTags: string[] = [],
  ) => {
    proposing(aiTags);
    const captured = await captureThought(testApp, who.key, { content, tags: ownTags });
    return analyse(who, captured.id);
  };

  beforeAll(async () => {
    testApp = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    mock = testApp.app
      .get<AiBackend[]>(AI_BACKENDS)
      .find((backend) => backend.name === 'mock') as MockBackend;
    pipeline = testApp.app.get(ThoughtAnalysisService);
  });

  afterEach(() => mock.script(null));

  afterAll(async () => {
    await testApp.close();
  });

  describe('GET /tags/suggested-merges', () => {
    it("groups spelling variants and near-synonyms of the caller's tags, with counts and the most used as target", async () => {
      const user = await createUser(testApp);
      const other = await createUser(testApp);
      for (let i = 0; i < 3; i += 1)
        await captureThought(testApp, user.key, { content: `note ${i}`, tags: ['cybersecurity'] });
      await captureThought(testApp, user.key, {
        content: 'a',
        tags: ['cyber-security', 'running'],
      });
      await analysedWith(user, 'b', ['cyber security', 'jogging'], ['garden']);
      await captureThought(testApp, user.key, { content: 'c', tags: ['running'] });
      // Another user's variants are not the caller's business.
      await captureThought(testApp, other.key, {
        content: 'x',
        tags: ['cyber_security', 'gardens'],
      });

      const response = await api(user).get('/api/v1/tags/suggested-merges');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        items: [
          {
            into: 'cybersecurity',
            // On equal use the tidy spelling comes first.
            from: ['cyber security', 'cyber-security'],
            variants: [
              { tag: 'cybersecurity', count: 3 },
              { tag: 'cyber security', count: 1 },
              { tag: 'cyber-security', count: 1 },
            ],
            total: 5,
            kind: 'variant',
          },
          {
            into: 'running',
            from: ['jogging'],
            variants: [
              { tag: 'running', count: 2 },
              { tag: 'jogging', count: 1 },
            ],
            total: 3,
            kind: 'synonym',
          },
        ],
      });
      expect((await api(other).get('/api/v1/tags/suggested-merges')).body).toEqual({ items: [] });
    });

    it('is open to read keys; merge and rename are not (nor to capture keys)', async () => {
      const user = await createUser(testApp);
      await captureThought(testApp, user.key, { content: 'a', tags: ['books', 'book'] });
      const read = { ...user, key: (await createKey(testApp, user.userId, { scope: 'read' })).key };
      const capture = {
        ...user,
        key: (await createKey(testApp, user.userId, { scope: 'capture' })).key,
      };
      expect((await api(read).get('/api/v1/tags/suggested-merges')).status).toBe(200);
      expect((await api(capture).get('/api/v1/tags/suggested-merges')).status).toBe(403);
      for (const who of [read, capture]) {
        expect(
          (await api(who).post('/api/v1/tags/merge', { from: ['books'], into: 'book' })).status,
        ).toBe(403);
        expect(
          (await api(who).post('/api/v1/tags/rename', { from: 'books', to: 'reading' })).status,
        ).toBe(403);
      }
      expect(
        (await thought(user, (await api(user).get('/api/v1/thoughts')).body.items[0].id)).tags,
      ).toEqual(['books', 'book']);
    });
  });

  describe('POST /tags/merge', () => {
    it('rewrites user and AI tags on every thought of the caller, one of each per thought, and leaves other users alone', async () => {
      const user = await createUser(testApp);
      const other = await createUser(testApp);
      const own = await captureThought(testApp, user.key, {
        content: 'own',
        tags: ['cyber-security', 'work', 'cybersecurity'],
      });
      const ai = await analysedWith(user, 'ai', [
        'cyber security',
        'infosec-news',
        'cybersecurity',
      ]);
      const mixed = await analysedWith(
        user,
        'mixed',
        ['cyber-security', 'laptop'],
        ['Cyber Security'],
      );
      const archived = await captureThought(testApp, user.key, {
        content: 'old',
        tags: ['cyber security'],
      });
      await api(user).patch(`/api/v1/thoughts/${archived.id}`, { status: 'archived' });
      const untouched = await captureThought(testApp, user.key, {
        content: 'n/a',
        tags: ['garden'],
      });
      const theirs = await captureThought(testApp, other.key, {
        content: 'theirs',
        tags: ['cyber-security'],
      });

      const response = await api(user).post('/api/v1/tags/merge', {
        from: ['cyber-security', '#Cyber Security', 'cybersecurity'],
        into: 'cybersecurity',
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        from: ['cyber-security', 'cyber security'],
        into: 'cybersecurity',
        thoughts_updated: 4,
      });

      expect((await thought(user, own.id)).tags).toEqual(['cybersecurity', 'work']);
      expect(await thought(user, ai.id)).toMatchObject({
        tags: [],
        ai_tags: ['cybersecurity', 'infosec-news'],
      });
      // The AI's copy of an own tag goes, as analysis keeps them apart.
      expect(await thought(user, mixed.id)).toMatchObject({
        tags: ['cybersecurity'],
        ai_tags: ['laptop'],
      });
      expect((await thought(user, archived.id)).tags).toEqual(['cybersecurity']);
      const unchanged = await thought(user, untouched.id);
      expect(unchanged).toMatchObject({ tags: ['garden'], updated_at: untouched.updated_at });
      expect((await thought(other, theirs.id)).tags).toEqual(['cyber-security']);
      expect((await api(user).get('/api/v1/tags/suggested-merges')).body.items).toEqual([]);
    });

    it('is remembered: a later analysis proposing a merged tag, in any spelling, writes the target', async () => {
      const user = await createUser(testApp);
      await captureThought(testApp, user.key, { content: 'ml notes', tags: ['ml'] });
      await captureThought(testApp, user.key, { content: 'security', tags: ['cyber-security'] });
      expect(
        (await api(user).post('/api/v1/tags/merge', { from: ['ml'], into: 'machine learning' }))
          .status,
      ).toBe(200);
      expect(
        (
          await api(user).post('/api/v1/tags/merge', {
            from: ['cyber-security'],
            into: 'cybersecurity',
          })
        ).status,
      ).toBe(200);

      const later = await analysedWith(user, 'Trained a model and read about cyber security', [
        'ml',
        'Cyber Security',
        'cybersecurity',
        'models',
      ]);
      expect(later.ai_tags).toEqual(['machine learning', 'cybersecurity', 'models']);
    });

    it('follows chains and never loops: renaming a merged tag back', async () => {
      const user = await createUser(testApp);
      await captureThought(testApp, user.key, { content: 'a', tags: ['js'] });
      expect(
        (await api(user).post('/api/v1/tags/merge', { from: ['js'], into: 'javascript' })).status,
      ).toBe(200);
      expect(
        (await api(user).post('/api/v1/tags/rename', { from: 'javascript', to: 'ecmascript' }))
          .status,
      ).toBe(200);
      expect((await analysedWith(user, 'b', ['js', 'javascript'])).ai_tags).toEqual(['ecmascript']);
      expect(
        (await api(user).post('/api/v1/tags/rename', { from: 'ecmascript', to: 'js' })).status,
      ).toBe(200);
      expect((await analysedWith(user, 'c', ['javascript', 'ecmascript', 'js'])).ai_tags).toEqual([
        'js',
      ]);
    });

    it('answers 400 for empty or invalid names and 404 when no thought of the caller carries the tags', async () => {
      const user = await createUser(testApp);
      const other = await createUser(testApp);
      await captureThought(testApp, other.key, { content: 'theirs', tags: ['secret'] });
      const bad = [
        { from: [], into: 'x' },
        { from: ['a'], into: '   ' },
        { from: ['a'], into: '#' },
        { from: [''], into: 'x' },
        { from: ['x'], into: 'x' },
        { from: ['a'], into: 'x'.repeat(51) },
        { from: 'a', into: 'x' },
        { from: ['a'], into: 'x', extra: true },
      ];
      for (const body of bad) {
        const response = await api(user).post('/api/v1/tags/merge', body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(response.body).toMatchObject({
          status_code: 400,
          error: 'Bad Request',
          message: expect.any(String),
          request_id: expect.any(String),
        });
      }
      const missing = await api(user).post('/api/v1/tags/merge', {
        from: ['secret'],
        into: 'public',
      });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ status_code: 404, message: 'tag "secret" not found' });
      // Nothing was remembered either: a later analysis keeps the tag.
      expect((await analysedWith(user, 'd', ['secret'])).ai_tags).toEqual(['secret']);
    });
  });

  describe('POST /tags/rename', () => {
    it('renames a tag on every thought; into an existing tag it merges them', async () => {
      const user = await createUser(testApp);
      const a = await captureThought(testApp, user.key, { content: 'a', tags: ['ml', 'notes'] });
      const b = await analysedWith(user, 'b', ['ml']);
      const renamed = await api(user).post('/api/v1/tags/rename', {
        from: 'ML',
        to: 'Machine Learning',
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toEqual({ from: 'ml', to: 'machine learning', thoughts_updated: 2 });
      expect((await thought(user, a.id)).tags).toEqual(['machine learning', 'notes']);
      expect((await thought(user, b.id)).ai_tags).toEqual(['machine learning']);

      const merged = await api(user).post('/api/v1/tags/rename', {
        from: 'notes',
        to: 'machine learning',
      });
      expect(merged.body).toEqual({ from: 'notes', to: 'machine learning', thoughts_updated: 1 });
      expect((await thought(user, a.id)).tags).toEqual(['machine learning']);
    });

    it('answers 400 for a blank or unchanged name and 404 for a tag the caller does not use', async () => {
      const user = await createUser(testApp);
      await captureThought(testApp, user.key, { content: 'a', tags: ['ml'] });
      expect((await api(user).post('/api/v1/tags/rename', { from: 'ml', to: '' })).status).toBe(
        400,
      );
      expect((await api(user).post('/api/v1/tags/rename', { from: 'ml', to: '#ML' })).status).toBe(
        400,
      );
      expect((await api(user).post('/api/v1/tags/rename', { from: ['ml'], to: 'x' })).status).toBe(
        400,
      );
      const missing = await api(user).post('/api/v1/tags/rename', { from: 'nope', to: 'x' });
      expect(missing.status).toBe(404);
      expect(missing.body.message).toBe('tag "nope" not found');
    });
  });

  describe('removing an AI tag (PATCH ai_tags) is feedback', () => {
    it('the removed tag never comes back on that thought when it is analysed again', async () => {
      const user = await createUser(testApp);
      const analysed = await analysedWith(user, 'Tax forms for mom', [
        'taxes',
        'family',
        'paperwork',
      ]);
      expect(analysed.ai_tags).toEqual(['taxes', 'family', 'paperwork']);

      const edited = await api(user).patch(`/api/v1/thoughts/${analysed.id}`, {
        ai_tags: ['family', 'taxes'],
      });
      expect(edited.status).toBe(200);
      expect(edited.body.ai_tags).toEqual(['taxes', 'family']);

      proposing(['taxes', 'paperwork', 'admin']);
      expect((await analyse(user, analysed.id)).ai_tags).toEqual(['taxes', 'admin']);
      // One removal is about that thought only: another thought still gets the tag.
      expect((await analysedWith(user, 'More forms', ['paperwork'])).ai_tags).toEqual([
        'paperwork',
      ]);
    });

    it('a tag removed from two thoughts leaves the vocabulary backends see and is no longer written', async () => {
      const user = await createUser(testApp);
      const first = await analysedWith(user, 'one', ['work', 'garden']);
      const second = await analysedWith(user, 'two', ['work', 'books']);
      await analysedWith(user, 'three', ['work']);
      await api(user).patch(`/api/v1/thoughts/${first.id}`, { ai_tags: ['garden'] });

      expect((await analysedWith(user, 'four', ['work', 'garden'])).ai_tags).toEqual([
        'work',
        'garden',
      ]);
      await api(user).patch(`/api/v1/thoughts/${second.id}`, { ai_tags: ['books'] });

      const calls = proposing(['work', 'garden']);
      const captured = await captureThought(testApp, user.key, 'five');
      expect((await analyse(user, captured.id)).ai_tags).toEqual(['garden']);
      const context = (calls[0] as Extract<MockCall, { operation: 'analyze_thought' }>).context;
      expect(context.rejectedTags).toEqual(['work']);
      expect(context.existingTags).not.toContain('work');
      expect(context.existingTags).toEqual(expect.arrayContaining(['garden', 'books']));
    });

    it("moving an AI tag to the user's own is no rejection; adding AI tags is a 400; another user's thought is a 404", async () => {
      const user = await createUser(testApp);
      const other = await createUser(testApp);
      const analysed = await analysedWith(user, 'x', ['garden', 'shed']);
      const moved = await api(user).patch(`/api/v1/thoughts/${analysed.id}`, {
        tags: ['garden'],
        ai_tags: ['shed'],
      });
      expect(moved.body).toMatchObject({ tags: ['garden'], ai_tags: ['shed'] });
      await api(user).patch(`/api/v1/thoughts/${analysed.id}`, { tags: [] });
      proposing(['garden', 'shed']);
      expect((await analyse(user, analysed.id)).ai_tags).toEqual(['garden', 'shed']);

      const added = await api(user).patch(`/api/v1/thoughts/${analysed.id}`, {
        ai_tags: ['garden', 'new-one'],
      });
      expect(added.status).toBe(400);
      expect(added.body.details).toEqual([
        { field: 'ai_tags', message: 'not an AI tag of this thought: "new-one"' },
      ]);
      expect((await thought(user, analysed.id)).ai_tags).toEqual(['garden', 'shed']);

      expect(
        (await api(other).patch(`/api/v1/thoughts/${analysed.id}`, { ai_tags: [] })).status,
      ).toBe(404);
      expect((await thought(user, analysed.id)).ai_tags).toEqual(['garden', 'shed']);
    });
  });
});
