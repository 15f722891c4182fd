import type { TestApp } from './test-app.js';
import { bearer } from './factories.js';

export interface OpenedStream {
  status: number;
  body: string;
  /** Resolves when the server ends the stream: everything received and when it ended. */
  ended: Promise<{ text: string; endedAt: number }>;
  /** Everything received so far. */
  received: () => string;
  abort: () => void;
}

/** An /api/v1/events stream read as the dashboard reads it (fetch and a stream reader). */
export async function openEventStream(testApp: TestApp, key: string): Promise<OpenedStream> {
  const controller = new AbortController();
  const response = await fetch(`${testApp.baseUrl}/api/v1/events`, {
    headers: bearer(key),
    signal: controller.signal,
  });
  let text = '';
  if (!response.ok) {
    return {
      status: response.status,
      body: await response.text(),
      ended: Promise.resolve({ text: '', endedAt: Date.now() }),
      received: () => '',
      abort: () => undefined,
    };
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted by the test
    }
    return { text, endedAt: Date.now() };
  })();
  return {
    status: response.status,
    body: '',
    ended,
    received: () => text,
    abort: () => controller.abort(),
  };
}

/** Rejects when `promise` takes longer than `ms`, naming what was awaited. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
