import { AsyncResource } from 'node:async_hooks';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often keys with nothing left to remember are dropped (the library's default). */
export const SWEEP_INTERVAL_MS = 60_000;

/** Below this many spent entries a queue is not worth compacting. */
const MIN_COMPACTION = 64;

/**
 * The expiry times of one key's hits under one throttler, oldest first. Expired hits are
 * dropped by moving the head past them, so counting, pruning and finding the oldest live hit
 * cost O(1) amortized instead of a pass over every hit in the window.
 */
class HitQueue {
  private times: number[] = [];
  private head = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  /** The earliest expiry; only when size > 0. */
  get first(): number {
    return this.times[this.head]!;
  }

  /** The latest expiry; only when size > 0. */
  get last(): number {
    return this.times[this.times.length - 1]!;
  }

  /** Forgets every hit that expired at or before `now`. */
  prune(now: number): void {
    const times = this.times;
    let head = this.head;
    while (head < times.length && times[head]! <= now) head++;
    if (head === times.length) {
      this.clear();
    } else if (head >= MIN_COMPACTION && head * 2 >= times.length) {
      this.times = times.slice(head);
      this.head = 0;
    } else {
      this.head = head;
    }
  }

  add(expiresAt: number): void {
    const times = this.times;
    if (this.size === 0 || expiresAt >= times[times.length - 1]!) {
      times.push(expiresAt);
      return;
    }
    // Out of order only when the window length changed or the clock stepped back: keep the
    // queue sorted so pruning stays a matter of moving the head.
    let low = this.head;
    let high = times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (times[mid]! <= expiresAt) low = mid + 1;
      else high = mid;
    }
    times.splice(low, 0, expiresAt);
  }

  clear(): void {
    this.times = [];
    this.head = 0;
  }
}

interface KeyRecord {
  expiresAt: number;
  blockExpiresAt: number;
  isBlocked: boolean;
  hits: Map<string, HitQueue>;
}

/**
 * In-process rate-limit counters with exactly the behaviour of @nestjs/throttler 6.7.1's
 * ThrottlerStorageService (the same records for the same calls at the same times, the same
 * sweep of idle keys on an unref'd timer, cleared on shutdown), without its per-request cost:
 * the library filters an array of every hit in the window and spreads it into Math.min on
 * each request, O(requests per window) per request.
 *
 * Kept as the library has it: a key's window expiry and block are shared by the throttlers
 * counting under that key, and with a block duration a blocked key's hits are not counted.
 */
export class InMemoryThrottlerStorage implements ThrottlerStorage {
  private readonly records = new Map<string, KeyRecord>();
  private sweepInterval?: ReturnType<typeof setInterval>;
  /** Bound to the constructor's async context, so the timer holds no request's context. */
  private readonly startSweep = AsyncResource.bind(() => {
    this.sweepInterval = setInterval(() => this.evictIdleRecords(), SWEEP_INTERVAL_MS);
    this.sweepInterval.unref?.();
  });

  /** How many keys are remembered. */
  get size(): number {
    return this.records.size;
  }

  has(key: string): boolean {
    return this.records.has(key);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    if (!this.sweepInterval) this.startSweep();
    const now = Date.now();
    let record = this.records.get(key);
    if (!record) {
      record = { expiresAt: now + ttl, blockExpiresAt: 0, isBlocked: false, hits: new Map() };
      this.records.set(key, record);
    }
    let hits = record.hits.get(throttlerName);
    if (!hits) {
      hits = new HitQueue();
      record.hits.set(throttlerName, hits);
    }
    hits.prune(now);

    let timeToExpire = Math.ceil((record.expiresAt - now) / 1000);
    if (timeToExpire <= 0) {
      record.expiresAt = now + ttl;
      timeToExpire = Math.ceil((record.expiresAt - now) / 1000);
    }

    if (blockDuration <= 0) {
      // Over the limit means refused, not counted: the window slides on the counted hits.
      const isBlocked = hits.size >= limit;
      if (!isBlocked) hits.add(now + ttl);
      const timeToBlockExpire = hits.size > 0 ? Math.ceil((hits.first - now) / 1000) : timeToExpire;
      return {
        totalHits: hits.size + (isBlocked ? 1 : 0),
        timeToExpire,
        isBlocked,
        timeToBlockExpire: isBlocked ? timeToBlockExpire : 0,
      };
    }

    if (!record.isBlocked) hits.add(now + ttl);
    if (hits.size > limit && !record.isBlocked) {
      record.isBlocked = true;
      record.blockExpiresAt = now + blockDuration;
    }
    // As in the library: negative (not 0) while the key has never been blocked.
    const timeToBlockExpire = Math.ceil((record.blockExpiresAt - now) / 1000);
    if (timeToBlockExpire <= 0 && record.isBlocked) {
      // The block is over: this request starts a fresh count.
      record.isBlocked = false;
      hits.clear();
      hits.add(now + ttl);
    }
    return {
      totalHits: hits.size,
      timeToExpire,
      isBlocked: record.isBlocked,
      timeToBlockExpire,
    };
  }

  /** Drops keys with no window, block or hit still running at `now`. */
  evictIdleRecords(now = Date.now()): void {
    for (const [key, record] of this.records) {
      if (record.isBlocked && record.blockExpiresAt > now) continue;
      if (record.expiresAt > now) continue;
      if (hasLiveHits(record, now)) continue;
      this.records.delete(key);
    }
  }

  onApplicationShutdown(): void {
    if (this.sweepInterval) {
      clearInterval(this.sweepInterval);
      this.sweepInterval = undefined;
    }
    this.records.clear();
  }
}

function hasLiveHits(record: KeyRecord, now: number): boolean {
  for (const hits of record.hits.values()) {
    if (hits.size > 0 && hits.last > now) return true;
  }
  return false;
}
