import { jest } from '@jest/globals';
import { Clock } from '../../src/common/time/clock.js';
import type { TestApp } from './test-app.js';

export interface ControlledClock {
  /** The app's time now, in epoch ms. */
  now: () => number;
  /** Moves the app's time forward to `at` (epoch ms); it then keeps ticking with real time. */
  advanceTo: (at: number) => void;
}

/**
 * Moves the app's Clock instead of sleeping. It reads the real time plus everything advanced
 * so far and refuses to go back, so rows written meanwhile stay in order.
 */
export function controlClock(testApp: TestApp): ControlledClock {
  const clock = testApp.app.get(Clock);
  let offset = 0;
  const now = () => Date.now() + offset;
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(now()));
  return {
    now,
    advanceTo: (at) => {
      const current = now();
      if (at < current) throw new Error(`the clock does not run backwards (${at} < ${current})`);
      offset += at - current;
    },
  };
}
