import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { load as loadYaml } from 'js-yaml';
import {
  exportJson,
  exportSchemaValidator,
  exportZip,
  readZip,
  seedEverything,
} from '../support/export-helpers.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('export', () => {
  let testApp: TestApp;
  let user: CreatedUser;
  let seeded: Awaited<ReturnType<typeof seedEverything>>;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    user = await createUser(testApp);
    seeded = await seedEverything(testApp, user);
    // Someone else's data must never leak into the export.
    const stranger = await createUser(testApp);
    await captureThought(testApp, stranger.key, 'A stranger thought that must stay out');
  });

  afterAll(async () => {
    await testApp.close();
  });

  describe('format=json', () => {
    it('streams a versioned document that the repository JSON Schema accepts', async () => {
      const response = await testApp.http().get('/api/v1/export?format=json').set(bearer(user.key));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="pai-export-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      // Written as it goes: chunked, never a precomputed length.
      expect(response.headers['transfer-encoding']).toBe('chunked');
      expect(response.headers['content-length']).toBeUndefined();
      const validate = exportSchemaValidator();
      const valid = validate(response.body);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(response.body).toMatchObject({ format: 'pai-export', format_version: 1 });
    });

    it('holds every thought as its own GET shows it, with AI tags, type, status, local_only and links, oldest first', async () => {
      const document = await exportJson(testApp, user.key);
      expect(document.thoughts.map((thought: { id: string }) => thought.id)).toEqual([
        seeded.garden.id,
        seeded.shed.id,
        seeded.tricky.id,
      ]);
      for (const exported of document.thoughts) {
        const { links, ...thought } = exported;
        const current = await testApp
          .http()
          .get(`/api/v1/thoughts/${thought.id}`)
          .set(bearer(user.key));
        expect(thought).toEqual(current.body);
        expect(Array.isArray(links)).toBe(true);
      }
      const [garden, shed, tricky] = document.thoughts;
      expect(garden).toMatchObject({
        tags: ['home'],
        ai_tags: ['garden', 'weekend'],
        analysis_status: 'done',
      });
      expect(shed).toMatchObject({ local_only: true, analysis_status: 'done' });
      expect(tricky).toMatchObject({
        status: 'archived',
        thought_type: 'note',
        analysis_status: 'pending',
        content: seeded.tricky.content,
      });
      // Both garden thoughts share a tag: analysis linked them, and the export keeps the link.
      expect(shed.links).toEqual([
        expect.objectContaining({ thought_id: garden.id, shared_tags: ['garden'] }),
      ]);
    });

    it('holds tasks, suggestions with their evidence, checks with their pins, the profile and the settings', async () => {
      const document = await exportJson(testApp, user.key);
      expect(document.tasks.map((task: { title: string }) => task.title)).toEqual([
        'Fix the roof',
        'Sweep the shed',
      ]);
      expect(document.tasks[0]).toEqual(seeded.task);
      expect(document.tasks[1]).toMatchObject({ status: 'done', completed_at: expect.any(String) });
      expect(document.task_suggestions).toEqual([
        expect.objectContaining({
          title: 'Buy nails',
          evidence: 'buy nails for the #garden shed',
          source_thought_id: seeded.shed.id,
          status: 'pending',
        }),
      ]);
      expect(document.consciousness_checks).toHaveLength(1);
      expect(document.consciousness_checks[0]).toMatchObject({ id: seeded.check.id, pinned: true });
      expect(document.consciousness_checks[0].insights[0]).toMatchObject({ pinned: true });
      expect(document.profile).toMatchObject({
        timezone: 'Europe/Berlin',
        ongoing_projects: [{ name: 'Garden shed', status: 'active' }],
      });
      expect(document.settings).toMatchObject({
        task_suggestion_mode: 'suggest',
        consciousness_check_interval_minutes: 120,
      });
      expect(JSON.stringify(document)).not.toContain('stranger');
    });

    it('exports an empty account as a valid document with empty sections', async () => {
      const empty = await createUser(testApp);
      const document = await exportJson(testApp, empty.key);
      expect(exportSchemaValidator()(document)).toBe(true);
      expect([
        document.thoughts,
        document.tasks,
        document.task_suggestions,
        document.consciousness_checks,
      ]).toEqual([[], [], [], []]);
    });

    it('answers an unknown format with 400 and no key with 401', async () => {
      const bad = await testApp.http().get('/api/v1/export?format=xml').set(bearer(user.key));
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({
        status_code: 400,
        message: expect.stringContaining('format must be json or markdown'),
      });
      expect((await testApp.http().get('/api/v1/export')).status).toBe(401);
    });
  });

  describe('format=markdown', () => {
    it('streams a zip with one note per thought (front matter) and tasks.md as a checklist', async () => {
      const response = await exportZip(testApp, user.key);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/zip');
      expect(response.headers['content-disposition']).toMatch(
        /filename="pai-export-\d{4}-\d{2}-\d{2}\.zip"/,
      );
      const entries = await readZip(response.body);
      const notes = entries.filter((entry) => entry.name.startsWith('thoughts/'));
      expect(notes).toHaveLength(3);
      expect(new Set(notes.map((entry) => entry.name)).size).toBe(3);
      for (const entry of notes) {
        // Names Obsidian, Windows and macOS all accept.
        expect(entry.name.slice('thoughts/'.length)).toMatch(
          /^\d{4}-\d{2}-\d{2} [^\\/:*?"<>|#^[\]]* [0-9a-f]{8}\.md$/,
        );
      }
      const garden = notes.find((entry) => entry.name.includes(seeded.garden.id.slice(0, 8)))!;
      expect(garden.name).toBe(
        `thoughts/${seeded.garden.created_at.slice(0, 10)} Fix the garden shed roof garden weekend ${seeded.garden.id.slice(0, 8)}.md`,
      );
      const [, front, body] = garden.text.split(/^---$/m);
      expect(loadYaml(front!)).toEqual({
        id: seeded.garden.id,
        created: seeded.garden.created_at,
        tags: ['home'],
        ai_tags: ['garden', 'weekend'],
        type: expect.any(String),
        status: 'active',
      });
      expect(body!.trim()).toBe(seeded.garden.content);
      expect(garden.modified.getTime()).toBeGreaterThan(0);
      const tricky = notes.find((entry) => entry.name.includes(seeded.tricky.id.slice(0, 8)))!;
      expect(tricky.text.endsWith(`---\n${seeded.tricky.content}\n`)).toBe(true);
      expect((loadYaml(tricky.text.split(/^---$/m)[1]!) as { type: string }).type).toBe('note');

      const tasks = entries.find((entry) => entry.name === 'tasks.md')!;
      expect(tasks.text.split('\n').filter((line) => line.startsWith('- ['))).toEqual([
        '- [ ] Fix the roof 📅 2030-05-01 (high, pending)',
        '- [x] Sweep the shed (medium, done)',
      ]);
    });
  });
});
