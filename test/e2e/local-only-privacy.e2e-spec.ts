import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ThoughtAnalysisService } from '../../src/intelligence/thought-analysis.service.js';
import {
  anthropic,
  goodAnalysis,
  startAnthropicFake,
  systemText,
  type AnthropicFake,
} from '../fakes/anthropic-fake.js';
import { startOllamaFake, type OllamaFake } from '../fakes/ollama-fake.js';
import { aiEnv } from '../support/ai-test-env.js';
import { bearer, captureThought, createUser, type CreatedUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The analysis pipeline as the worker runs it, with the real Anthropic SDK against the fake. */
describe('local_only stays local', () => {
  let claudeFake: AnthropicFake;
  let ollamaFake: OllamaFake;
  let testApp: TestApp;
  let user: CreatedUser;

  beforeAll(async () => {
    claudeFake = await startAnthropicFake();
    ollamaFake = await startOllamaFake();
    testApp = await startTestApp({ env: aiEnv(claudeFake, ollamaFake) });
  });

  beforeEach(async () => {
    claudeFake.reset();
    ollamaFake.reset();
    user = await createUser(testApp);
  });

  afterAll(async () => {
    await testApp?.close();
    await claudeFake?.close();
    await ollamaFake?.close();
  });

  const analyse = (thoughtId: string) =>
    testApp.app
      .get(ThoughtAnalysisService)
      .analyze({ thoughtId, userId: user.userId, reason: 'manual' });

  it('leaves tags seen only on local_only thoughts out of the vocabulary sent to Claude', async () => {
    await captureThought(testApp, user.key, {
      content: 'Results from the clinic',
      tags: ['oncology', 'health'],
      local_only: true,
    });
    await captureThought(testApp, user.key, {
      content: 'Second opinion appointment',
      tags: ['oncology'],
      local_only: true,
    });
    await captureThought(testApp, user.key, {
      content: 'Buy oat milk',
      tags: ['groceries', 'health'],
    });
    const fresh = await captureThought(testApp, user.key, 'Plan the week');
    claudeFake.enqueue(anthropic.toolUse(goodAnalysis()));

    await analyse(fresh.id);

    expect(claudeFake.requests).toHaveLength(1);
    const body = JSON.stringify(claudeFake.requests[0]!.body);
    // The vocabulary rides in the cached system prefix (analyze-thought@2).
    const prompt = systemText(claudeFake.requests[0]!);
    // The vocabulary still went (so this is not vacuous): the shared tags, including one
    // that is on a local_only thought too.
    expect(prompt).toContain('existing_tags');
    expect(prompt).toContain('groceries');
    expect(prompt).toContain('health');
    expect(body).not.toContain('oncology');
    expect(body).not.toContain('clinic');
  });

  it('deleting a thought removes the analysis text the ledger kept for it, and keeps tokens and cost', async () => {
    const doomed = await captureThought(testApp, user.key, 'Draft the resignation letter to Acme');
    const kept = await captureThought(testApp, user.key, 'Water the plants');
    claudeFake.enqueue(
      anthropic.toolUse(
        goodAnalysis({
          summary: 'Quitting Acme soon.',
          tags: [{ tag: 'career', confidence: 0.9 }],
        }),
        { input_tokens: 900, output_tokens: 120 },
      ),
      anthropic.toolUse(goodAnalysis({ summary: 'Plants need water.' })),
    );
    await analyse(doomed.id);
    await analyse(kept.id);
    const db = testApp.app.get(DataSource);
    const ledger = async () =>
      (await db.query(
        `SELECT id, thought_id, outcome, input_tokens, output_tokens, cost_usd::float AS cost_usd, result
         FROM ai_analysis_results WHERE user_id = $1 ORDER BY created_at, id`,
        [user.userId],
      )) as {
        id: string;
        thought_id: string | null;
        outcome: string;
        input_tokens: number;
        output_tokens: number;
        cost_usd: number;
        result: unknown;
      }[];
    const before = await ledger();
    expect(before).toHaveLength(2);
    const doomedRow = before.find((row) => row.thought_id === doomed.id)!;
    expect(JSON.stringify(doomedRow.result)).toContain('Quitting Acme soon.');
    expect(doomedRow.cost_usd).toBeGreaterThan(0);

    expect(
      (await testApp.http().delete(`/api/v1/thoughts/${doomed.id}`).set(bearer(user.key))).status,
    ).toBe(204);

    const after = await ledger();
    expect(after.find((row) => row.id === doomedRow.id)).toEqual({
      ...doomedRow,
      thought_id: null,
      result: null,
    });
    expect(after.find((row) => row.thought_id === kept.id)?.result).toMatchObject({
      summary: 'Plants need water.',
    });
    expect(JSON.stringify(after)).not.toContain('Acme');
    // The spend report still counts the call.
    const usage = await testApp.http().get('/api/v1/ai/usage').set(bearer(user.key));
    expect(usage.status).toBe(200);
    // 900 from the deleted thought's call plus the fake's default 1200 for the other.
    expect(usage.body.totals).toMatchObject({ requests: 2, input_tokens: 2100 });
  });
});
