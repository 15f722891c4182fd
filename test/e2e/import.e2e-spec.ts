import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ImportService } from '../../src/import/import.service.js';
import { ThoughtAnalysisService } from '../../src/intelligence/thought-analysis.service.js';
import { exportJson, seedEverything } from '../support/export-helpers.js';
import { bearer, createUser, type CreatedUser } from '../support/factories.js';
import { startTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

const FIXTURES = 'test/fixtures/import';
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`);
const MAX_BYTES = 64 * 1024;

type Json = Record<string, any>;

/**
 * The document with every id replaced by the position of what it names, and the export's
 * and the import's own timestamps left out: two accounts holding the same data compare equal.
 */
function comparable(document: Json): Json {
  const aliases = new Map<string, string>();
  document.thoughts.forEach((thought: Json, index: number) =>
    aliases.set(thought.id, `thought-${index}`),
  );
  document.task_suggestions.forEach((row: Json, index: number) =>
    aliases.set(row.id, `suggestion-${index}`),
  );
  document.tasks.forEach((row: Json, index: number) => aliases.set(row.id, `task-${index}`));
  document.consciousness_checks.forEach((row: Json, index: number) =>
    aliases.set(row.id, `check-${index}`),
  );
  const { exported_at: _exported, profile, settings, ...rest } = document;
  const { created_at: _pc, updated_at: _pu, ...profileFields } = profile;
  const { created_at: _sc, updated_at: _su, ...settingsFields } = settings;
  const text = JSON.stringify({ ...rest, profile: profileFields, settings: settingsFields });
  return JSON.parse(
    text.replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      (id) => aliases.get(id) ?? `unknown:${id}`,
    ),
  );
}

describe('import', () => {
  let testApp: TestApp;
  let db: pg.Client;

  /** Posts a file and waits for its operation to finish (the import runs in this process). */
  async function importFile(
    user: CreatedUser,
    source: string,
    body: Buffer,
    options: { dryRun?: boolean; contentType?: string; multipart?: string } = {},
  ) {
    const request = testApp
      .http()
      .post('/api/v1/import')
      .query({ source, ...(options.dryRun ? { dry_run: 'true' } : {}) })
      .set(bearer(user.key));
    const response = options.multipart
      ? await request.attach('file', body, options.multipart)
      : // superagent would JSON-encode a Buffer sent as application/json: send its text.
        await request
          .set('Content-Type', options.contentType ?? 'application/octet-stream')
          .send(options.contentType === 'application/json' ? body.toString('utf8') : body);
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      kind: 'import',
      state: 'running',
      parameters: { source, dry_run: options.dryRun === true },
    });
    await testApp.app.get(ImportService).idle();
    const operation = await testApp
      .http()
      .get(`/api/v1/operations/${response.body.id}`)
      .set(bearer(user.key));
    expect(operation.status).toBe(200);
    return operation.body as Json;
  }

  const thoughtsOf = async (user: CreatedUser) =>
    (
      await testApp
        .http()
        .get('/api/v1/thoughts')
        .query({ status: 'all', limit: 200 })
        .set(bearer(user.key))
    ).body.items as Json[];
  const byContent = (thoughts: Json[], start: string) =>
    thoughts.find((thought) => thought.content.startsWith(start));

  beforeAll(async () => {
    testApp = await startTestApp({
      env: { RATE_LIMIT_PER_MINUTE: '100000', IMPORT_MAX_BYTES: String(MAX_BYTES) },
    });
    db = new pg.Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await testApp.close();
  });

  describe('our own JSON export', () => {
    let original: Json;
    let target: CreatedUser;

    beforeAll(async () => {
      const source = await createUser(testApp);
      await seedEverything(testApp, source);
      original = await exportJson(testApp, source.key);
      target = await createUser(testApp);
    });

    it('round-trips exactly: export, import into an empty account, export again gives the same document but ids', async () => {
      const operation = await importFile(target, 'pai', Buffer.from(JSON.stringify(original)), {
        contentType: 'application/json',
      });
      expect(operation).toMatchObject({
        state: 'completed',
        total: 1 + 1 + 3 + 1 + 2 + 1,
        failed: 0,
      });
      expect(operation.result).toMatchObject({
        dry_run: false,
        created: { profile: 1, settings: 1, thought: 3, suggestion: 1, task: 2, check: 1 },
        already_imported: {},
        problems: [],
      });
      const again = await exportJson(testApp, target.key);
      expect(again.thoughts.map((thought: Json) => thought.id)).not.toEqual(
        original.thoughts.map((thought: Json) => thought.id),
      );
      expect(comparable(again)).toEqual(comparable(original));
    });

    it('re-importing the same file creates nothing new', async () => {
      const before = await exportJson(testApp, target.key);
      const operation = await importFile(target, 'pai', Buffer.from(JSON.stringify(original)), {
        contentType: 'application/json',
      });
      expect(operation.state).toBe('completed');
      expect(operation.result).toMatchObject({
        created: { profile: 1, settings: 1 },
        already_imported: { thought: 3, suggestion: 1, task: 2, check: 1 },
      });
      expect(comparable(await exportJson(testApp, target.key))).toEqual(comparable(before));
    });

    it('a dry run reports what it would create and writes nothing', async () => {
      const empty = await createUser(testApp);
      const operation = await importFile(empty, 'pai', Buffer.from(JSON.stringify(original)), {
        dryRun: true,
      });
      expect(operation).toMatchObject({ state: 'completed', failed: 0 });
      expect(operation.result).toMatchObject({
        dry_run: true,
        would_create: { thought: 3, suggestion: 1, task: 2, check: 1 },
        problems: [],
      });
      const after = await exportJson(testApp, empty.key);
      expect([
        after.thoughts,
        after.tasks,
        after.task_suggestions,
        after.consciousness_checks,
      ]).toEqual([[], [], [], []]);
      expect(after.profile.timezone).toBe('UTC');
      const fingerprints = await db.query(
        `SELECT count(*)::int AS n FROM import_records WHERE user_id = $1`,
        [empty.userId],
      );
      expect(fingerprints.rows[0].n).toBe(0);
    });

    it('reports corrupt records by position and imports the rest', async () => {
      const user = await createUser(testApp);
      const operation = await importFile(user, 'pai', fixture('pai-corrupt-records.json'));
      expect(operation.state).toBe('completed_with_failures');
      expect(operation.result.problems).toEqual([
        { record: 'thoughts[1]', message: 'content is missing' },
        { record: 'thoughts[2]', message: 'created_at is missing or not a date' },
        { record: 'thoughts[3]', message: expect.stringContaining('thought_type must be one of') },
        { record: 'thoughts[4]', message: 'not an object' },
        { record: 'tasks[0]', message: 'priority is not one of low, medium, high, urgent' },
        { record: 'tasks[1]', message: 'due_date is not a calendar day' },
      ]);
      expect(operation).toMatchObject({ total: 10, failed: 6, done: 4 });
      const [thought] = await thoughtsOf(user);
      expect(thought).toMatchObject({
        content: 'A good thought that imports',
        created_at: '2026-01-02T10:00:00.000Z',
        analysis_status: 'done',
      });
      const tasks = (await testApp.http().get('/api/v1/tasks').set(bearer(user.key))).body.items;
      expect(tasks).toEqual([
        expect.objectContaining({
          title: 'Another fine task',
          source_thought_id: thought!.id,
          due_time: '09:30',
        }),
      ]);
    });

    it('refuses a file that is not an export: the operation fails with the reason', async () => {
      const user = await createUser(testApp);
      const operation = await importFile(user, 'pai', fixture('karakeep-export.json'));
      expect(operation).toMatchObject({
        state: 'failed',
        result: { error: 'not a PAI export: "format" is not "pai-export"' },
      });
      const broken = await importFile(
        user,
        'pai',
        Buffer.from('{"format": "pai-export", "format_version": 1, "thoughts": [{"content": "x",'),
      );
      expect(broken).toMatchObject({
        state: 'failed',
        result: { error: expect.stringContaining('the file could not be read') },
      });
      expect(await thoughtsOf(user)).toEqual([]);
    });
  });

  describe('other tools', () => {
    it('imports an Obsidian-style Markdown zip with dates from front matter or the file, and front matter plus inline tags', async () => {
      const user = await createUser(testApp);
      const operation = await importFile(user, 'markdown', fixture('obsidian-vault.zip'), {
        multipart: 'vault.zip',
      });
      expect(operation.parameters.file_name).toBe('vault.zip');
      expect(operation.state).toBe('completed_with_failures');
      expect(operation.result.created).toEqual({ thought: 3 });
      expect(operation.result.problems).toEqual([
        { record: 'Broken.md', message: expect.stringContaining('front matter is not valid YAML') },
        { record: '2024-05-03.md', message: 'the note is empty' },
      ]);
      const thoughts = await thoughtsOf(user);
      expect(byContent(thoughts, 'Garden shed')).toMatchObject({
        content:
          'Garden shed\n\nThe roof leaks on the north side. Buy felt and nails #shopping\n- [ ] measure the roof',
        created_at: '2024-03-10T09:30:00.000Z',
        tags: ['garden', 'diy', 'shopping'],
        source: 'import',
        analysis_status: 'pending',
      });
      expect(byContent(thoughts, 'Slept badly')).toMatchObject({
        created_at: '2024-04-05T00:00:00.000Z',
        tags: ['journal', 'mood', 'sleep'],
      });
      // No date in the note: the file's modification time in the zip.
      expect(byContent(thoughts, 'Call the plumber')).toMatchObject({
        created_at: '2024-05-01T12:30:00.000Z',
        tags: ['home/maintenance'],
      });
    });

    it('imports Memos from its API memo list: content, createTime, tags, pinned, visibility and state', async () => {
      const user = await createUser(testApp);
      const operation = await importFile(user, 'memos', fixture('memos-api.json'), {
        contentType: 'application/json',
      });
      expect(operation.result).toMatchObject({
        created: { thought: 2 },
        problems: [{ record: 'memos[2]', message: 'createTime is missing or not a date' }],
      });
      const thoughts = await thoughtsOf(user);
      expect(byContent(thoughts, 'Try the new')).toMatchObject({
        created_at: '2024-05-02T08:30:00.000Z',
        tags: ['coffee', 'errands', 'pinned'],
        local_only: true,
        status: 'active',
      });
      expect(byContent(thoughts, 'Gift list')).toMatchObject({
        created_at: '2023-12-24T20:00:00.000Z',
        status: 'archived',
        local_only: false,
      });
    });

    it('imports Memos from its Markdown zip export, dated by the file names', async () => {
      const user = await createUser(testApp);
      const operation = await importFile(user, 'memos', fixture('memos-export.zip'));
      expect(operation.result).toMatchObject({
        created: { thought: 3 },
        problems: [{ record: '2024-03-03T08:00:00Z-PROTECTED.md', message: 'the memo is empty' }],
      });
      const thoughts = await thoughtsOf(user);
      expect(byContent(thoughts, 'Idea: a bird')).toMatchObject({
        created_at: '2024-03-01T09:15:00.000Z',
        tags: ['project', 'birds'],
        local_only: true,
      });
      expect(byContent(thoughts, 'Read *Deep Work*')).toMatchObject({
        created_at: '2024-03-02T10:40:12.000Z',
        tags: ['reading'],
        local_only: false,
      });
      expect(byContent(thoughts, 'Older release')).toMatchObject({
        created_at: '2023-11-20T07:00:00.000Z',
      });
    });

    it('imports a Karakeep export: text bookmarks as thoughts, links with title, URL and note, tags kept', async () => {
      const user = await createUser(testApp);
      const operation = await importFile(user, 'karakeep', fixture('karakeep-export.json'));
      expect(operation.result).toMatchObject({
        created: { thought: 3 },
        problems: [
          { record: 'bookmarks[3]', message: 'only text and link bookmarks can become thoughts' },
        ],
      });
      const thoughts = await thoughtsOf(user);
      expect(byContent(thoughts, 'A standing desk')).toMatchObject({
        created_at: '2024-05-01T10:00:00.000Z',
        tags: ['ideas'],
      });
      expect(byContent(thoughts, 'PostgreSQL SKIP LOCKED')).toMatchObject({
        content:
          'PostgreSQL SKIP LOCKED explained\n\nhttps://example.com/skip-locked\n\nUse for the job queue',
        tags: ['postgres', 'queues'],
        created_at: '2024-05-02T10:00:00.000Z',
      });
      expect(byContent(thoughts, 'https://example.com/untitled')).toMatchObject({
        status: 'archived',
      });
    });

    it("re-importing another tool's file creates nothing new", async () => {
      const user = await createUser(testApp);
      await importFile(user, 'karakeep', fixture('karakeep-export.json'));
      const second = await importFile(user, 'karakeep', fixture('karakeep-export.json'));
      expect(second.result).toMatchObject({ created: {}, already_imported: { thought: 3 } });
      expect(await thoughtsOf(user)).toHaveLength(3);
    });
  });

  describe('analysis of imported thoughts', () => {
    it('queues each one as bulk work with reason import, and never lets it create a task by itself', async () => {
      const user = await createUser(testApp);
      expect(
        (
          await testApp
            .http()
            .patch('/api/v1/settings')
            .set(bearer(user.key))
            .send({ task_suggestion_mode: 'auto', auto_task_confidence_threshold: 0.1 })
        ).status,
      ).toBe(200);
      const body = Buffer.from(
        JSON.stringify({
          memos: [
            {
              content: 'todo: renew the passport',
              createTime: '2024-01-05T10:00:00Z',
              tags: [],
              visibility: 'PUBLIC',
            },
          ],
        }),
      );
      const operation = await importFile(user, 'memos', body);
      const [thought] = await thoughtsOf(user);
      const jobs = await db.query(`SELECT data FROM pgboss.job WHERE data->>'thoughtId' = $1`, [
        thought!.id,
      ]);
      expect(jobs.rows.map((row) => row.data)).toEqual([
        {
          thoughtId: thought!.id,
          userId: user.userId,
          reason: 'import',
          operationId: operation.id,
        },
      ]);

      await testApp.app.get(ThoughtAnalysisService).analyze(jobs.rows[0].data);
      const suggestions = (
        await testApp.http().get('/api/v1/task-suggestions').set(bearer(user.key))
      ).body.items;
      expect(suggestions).toEqual([
        expect.objectContaining({ source_thought_id: thought!.id, status: 'pending' }),
      ]);
      expect((await testApp.http().get('/api/v1/tasks').set(bearer(user.key))).body.items).toEqual(
        [],
      );
      // The import's own counts are about records, not analyses.
      const after = await testApp
        .http()
        .get(`/api/v1/operations/${operation.id}`)
        .set(bearer(user.key));
      expect(after.body).toMatchObject({ total: 1, done: 1, failed: 0 });
    });
  });

  describe('the request', () => {
    it("takes up to IMPORT_MAX_BYTES, beyond the 1 MiB JSON limit's route rules, and answers 413 past it", async () => {
      const user = await createUser(testApp);
      const tooLarge = await testApp
        .http()
        .post('/api/v1/import?source=memos')
        .set(bearer(user.key))
        .set('Content-Type', 'application/json')
        .send(Buffer.alloc(MAX_BYTES + 1, 32));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body).toMatchObject({
        status_code: 413,
        message: `the file is larger than IMPORT_MAX_BYTES (${MAX_BYTES} bytes)`,
      });
      const chunked = await testApp
        .http()
        .post('/api/v1/import?source=memos')
        .set(bearer(user.key))
        .attach('file', Buffer.alloc(MAX_BYTES + 10, 32), 'big.json');
      expect(chunked.status).toBe(413);
    });

    it('answers 400 for an unknown source, a bad dry_run, no file or a multipart body without one, and 401 without a key', async () => {
      const user = await createUser(testApp);
      const post = (query: string) =>
        testApp.http().post(`/api/v1/import${query}`).set(bearer(user.key));
      expect((await post('?source=evernote').send('x')).status).toBe(400);
      expect((await post('?source=memos&dry_run=maybe').send('x')).status).toBe(400);
      const none = await post('?source=memos');
      expect(none.status).toBe(400);
      expect(none.body.message).toContain('no file');
      const noFile = await post('?source=memos').field('note', 'no file here');
      expect(noFile.status).toBe(400);
      expect(noFile.body.message).toContain('no file part');
      expect((await testApp.http().post('/api/v1/import?source=memos').send('x')).status).toBe(401);
    });

    it("keeps one user's import away from another: their operation is a 404", async () => {
      const owner = await createUser(testApp);
      const stranger = await createUser(testApp);
      const operation = await importFile(owner, 'karakeep', fixture('karakeep-export.json'), {
        dryRun: true,
      });
      expect(
        (await testApp.http().get(`/api/v1/operations/${operation.id}`).set(bearer(stranger.key)))
          .status,
      ).toBe(404);
    });
  });
});
