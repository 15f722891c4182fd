import { Injectable } from '@nestjs/common';

/**
 * The clock, the sleep and the randomness the orchestrator uses, in one injectable so tests
 * can move time (circuit cool-downs, the RPM budget) and see waits without waiting.
 */
@Injectable()
export class AiRuntime {
  now(): number {
    return Date.now();
  }

  random(): number {
    return Math.random();
  }

  /** Resolves after `ms`, or at once when `signal` aborts (the caller then sees the abort). */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
