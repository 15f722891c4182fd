import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import yauzl from 'yauzl';
import { expect } from '@jest/globals';
import { AI_BACKENDS } from '../../src/ai/ai.tokens.js';
import type { AiBackend } from '../../src/ai/ai.types.js';
import type { MockBackend } from '../../src/ai/backends/mock.backend.js';
import { ThoughtAnalysisService } from '../../src/intelligence/thought-analysis.service.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { bearer, captureThought, type CreatedUser } from './factories.js';
import type { TestApp } from './test-app.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The repository's JSON Schema for exports, compiled once. */
export function exportSchemaValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync('docs/export.schema.json', 'utf8')) as object);
}

export async function exportJson(testApp: TestApp, key: string): Promise<Record<string, any>> {
  const response = await testApp
    .http()
    .get('/api/v1/export')
    .query({ format: 'json' })
    .set(bearer(key));
  if (response.status !== 200)
    throw new Error(`export: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, any>;
}

/** The bytes of a binary response (supertest buffers text only). */
export async function exportZip(
  testApp: TestApp,
  key: string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const response = await testApp
    .http()
    .get('/api/v1/export')
    .query({ format: 'markdown' })
    .set(bearer(key))
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  return {
    status: response.status,
    headers: response.headers as Record<string, string>,
    body: response.body as Buffer,
  };
}

export interface ZipEntry {
  name: string;
  modified: Date;
  text: string;
}

export function readZip(buffer: Buffer): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries: ZipEntry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.push({
              name: entry.fileName,
              modified: entry.getLastModDate(),
              text: Buffer.concat(chunks).toString('utf8'),
            });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** A user with something in every section of the export, built through the API and the pipeline. */
export async function seedEverything(testApp: TestApp, user: CreatedUser) {
  const api = (method: 'post' | 'patch' | 'put', path: string, body?: object) =>
    testApp.http()[method](path).set(bearer(user.key)).send(body);
  const garden = await captureThought(testApp, user.key, {
    content: 'Fix the garden shed roof #garden #weekend',
    tags: ['Home'],
  });
  const shed = await captureThought(testApp, user.key, {
    content: 'Buy nails for the #garden shed',
    local_only: true,
  });
  const tricky = await captureThought(testApp, user.key, {
    content: 'Line one: "quotes", a \\ backslash\n# Heading? [[not a link]] émoji 🚀',
    thought_type: 'note',
  });
  expect((await api('patch', `/api/v1/thoughts/${tricky.id}`, { status: 'archived' })).status).toBe(
    200,
  );
  const analysis = testApp.app.get(ThoughtAnalysisService);
  for (const thought of [garden, shed])
    await analysis.analyze({ thoughtId: thought.id, userId: user.userId, reason: 'capture' });
  const task = await api('post', '/api/v1/tasks', {
    title: 'Fix the roof',
    priority: 'high',
    due_date: '2030-05-01',
    source_thought_id: garden.id,
  });
  expect(task.status).toBe(201);
  expect(
    (await api('post', '/api/v1/tasks', { title: 'Sweep the shed', status: 'done' })).status,
  ).toBe(201);
  const offered = await testApp.app.get(SuggestionsService).offer(
    user.userId,
    [
      {
        title: 'Buy nails',
        priority: 'low',
        confidence: 0.7,
        evidence: 'buy nails for the #garden shed',
      },
    ],
    {
      sourceThoughtId: shed.id,
      origin: 'analysis',
      backend: 'mock',
      model: 'mock-1',
      mode: 'suggest',
      threshold: 0.9,
    },
  );
  expect(offered.offered).toHaveLength(1);
  const mock = testApp.app
    .get<AiBackend[]>(AI_BACKENDS)
    .find((backend) => backend.name === 'mock') as MockBackend;
  mock.script((call) =>
    call.operation === 'consciousness_check'
      ? {
          summary: 'One insight.',
          patterns: [],
          insights: [
            {
              title: 'The shed keeps coming up',
              description: 'Twice this week.',
              thought_ids: call.input.recentThoughts.map((t) => t.id),
            },
          ],
          suggestions: [],
        }
      : null,
  );
  const check = await Promise.resolve(api('post', '/api/v1/consciousness-check')).finally(() =>
    mock.script(null),
  );
  expect(check.status).toBe(201);
  expect(check.body.insights.length).toBeGreaterThan(0);
  expect(
    (await api('post', `/api/v1/consciousness-checks/${check.body.id}/insights/0/pin`)).status,
  ).toBe(200);
  expect(
    (
      await api('put', '/api/v1/profile', {
        ongoing_projects: [{ name: 'Garden shed', status: 'active' }],
        work_patterns: { notes: 'mornings' },
        goals: [{ title: 'Finish the shed' }],
        preferences: { language: 'en' },
        timezone: 'Europe/Berlin',
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await testApp
        .http()
        .patch('/api/v1/settings')
        .set(bearer(user.key))
        .send({ task_suggestion_mode: 'suggest', consciousness_check_interval_minutes: 120 })
    ).status,
  ).toBe(200);
  return { garden, shed, tricky, task: task.body, check: check.body };
}
