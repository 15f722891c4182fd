import { describe, expect, it } from '@jest/globals';
import { WriteBatcher } from './write-batcher.js';

/** A write whose completion the test controls, recording the batches it was given. */
function controlledWrite() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const write = (items: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      batches.push(items);
      pending.push(() =>
        items.includes(13) && items.length > 0
          ? reject(new Error('bad item 13'))
          : resolve(items.map((n) => n * 10)),
      );
    });
  const finishNext = async () => {
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { write, batches, pending, finishNext };
}

describe('WriteBatcher', () => {
  it('writes a lone item at once, and groups what arrives while a write runs', async () => {
    const c = controlledWrite();
    const batcher = new WriteBatcher(c.write, { maxInFlight: 1, maxBatch: 10 });
    const first = batcher.submit(1);
    expect(c.batches).toEqual([[1]]);
    const later = [batcher.submit(2), batcher.submit(3), batcher.submit(4)];
    expect(c.batches).toEqual([[1]]);
    await c.finishNext();
    expect(await first).toBe(10);
    expect(c.batches).toEqual([[1], [2, 3, 4]]);
    await c.finishNext();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
  });

  it('keeps maxInFlight writes running and caps a batch at maxBatch', async () => {
    const c = controlledWrite();
    const batcher = new WriteBatcher(c.write, { maxInFlight: 2, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n));
    expect(c.batches).toEqual([[1], [2]]);
    await c.finishNext();
    expect(c.batches).toEqual([[1], [2], [3, 4]]);
    while (c.pending.length) await c.finishNext();
    expect(c.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const c = controlledWrite();
    const batcher = new WriteBatcher(c.write, { maxInFlight: 1, maxBatch: 10 });
    const first = batcher.submit(1);
    const rest = [12, 13, 14].map((n) =>
      batcher.submit(n).then(
        (v) => ({ ok: v }),
        (e: Error) => ({ failed: e.message }),
      ),
    );
    await c.finishNext();
    await first;
    await c.finishNext(); // [12, 13, 14] fails: each is retried alone
    expect(c.batches.slice(2)).toEqual([[12], [13], [14]]);
    while (c.pending.length) await c.finishNext();
    expect(await Promise.all(rest)).toEqual([{ ok: 120 }, { failed: 'bad item 13' }, { ok: 140 }]);
  });
});
