import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { startOllamaFake, type OllamaFake } from '../fakes/ollama-fake.js';
import { aiEnv, FAKE_ANTHROPIC_KEY } from './ai-test-env.js';
import { findKeyMaterial, startTestApp, type TestApp } from './test-app.js';

export interface AiFakes {
  claude: AnthropicFake;
  ollama: OllamaFake;
  /** The app the running test started, if any. */
  app: TestApp | undefined;
  /** A fresh app wired to the fakes (aiEnv plus `extra`); closed after the test. */
  startApp: (extra?: Record<string, string>) => Promise<TestApp>;
}

/**
 * The hooks of a spec that runs apps against the Claude and Ollama fakes: the fakes started
 * once and reset after each test; the test's app closed after it, with its logs checked for
 * the API key (it must never be logged); the fakes stopped at the end. Call it at the top of
 * a describe.
 */
export function aiFakesSuite(): AiFakes {
  const fakes: AiFakes = {
    // Set in beforeAll, before any test reads them.
    claude: undefined as unknown as AnthropicFake,
    ollama: undefined as unknown as OllamaFake,
    app: undefined,
    startApp: async (extra = {}) => {
      // A test may close its app and start another: never close one twice.
      fakes.app = undefined;
      fakes.app = await startTestApp({ env: aiEnv(fakes.claude, fakes.ollama, extra) });
      return fakes.app;
    },
  };

  beforeAll(async () => {
    fakes.claude = await startAnthropicFake();
    fakes.ollama = await startOllamaFake();
  });

  afterEach(async () => {
    fakes.claude.reset();
    fakes.ollama.reset();
    const app = fakes.app;
    fakes.app = undefined;
    if (app) {
      await app.close();
      expect(findKeyMaterial(app.logs, [FAKE_ANTHROPIC_KEY])).toEqual([]);
    }
  });

  afterAll(async () => {
    // Optional: beforeAll may have failed before either started.
    await fakes.claude?.close();
    await fakes.ollama?.close();
  });

  return fakes;
}
