import { describe, expect, it } from '@jest/globals';
import { forEachLimited } from './for-each-limited.js';

/** A task that finishes only when released, so the test sees how many run together. */
function gated() {
  const releases: (() => void)[] = [];
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  const work = (item: number) =>
    new Promise<void>((resolve) => {
      running++;
      peak = Math.max(peak, running);
      started.push(item);
      releases.push(() => {
        running--;
        resolve();
      });
    });
  return { work, releases, started, peak: () => peak };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('forEachLimited', () => {
  it('never runs more than the limit at once and starts the next as one finishes', async () => {
    const gate = gated();
    const done = forEachLimited([1, 2, 3, 4, 5], 2, gate.work);
    await flush();
    expect(gate.started).toEqual([1, 2]);
    gate.releases.shift()!();
    await flush();
    expect(gate.started).toEqual([1, 2, 3]);
    while (gate.releases.length > 0) {
      gate.releases.shift()!();
      await flush();
    }
    await done;
    expect(gate.started).toEqual([1, 2, 3, 4, 5]);
    expect(gate.peak()).toBe(2);
  });

  it('finishes the work in flight, starts nothing new, then rejects with the first error', async () => {
    const started: number[] = [];
    let finished = 0;
    const run = forEachLimited([1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      await flush();
      if (item === 1) throw new Error('one failed');
      finished++;
    });
    await expect(run).rejects.toThrow('one failed');
    expect(started).toEqual([1, 2]);
    expect(finished).toBe(1);
  });

  it('resolves at once for no items', async () => {
    await expect(
      forEachLimited([], 3, () => Promise.reject(new Error('never called'))),
    ).resolves.toBeUndefined();
  });
});
