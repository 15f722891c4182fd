import type { AuthContext } from './auth-context.js';

interface Entry {
  context: AuthContext;
  keyHash: string;
  /** When the cache must stop trusting this entry: the TTL or the key's own expiry. */
  validUntil: number;
}

const MAX_ENTRIES = 10_000;

type Waiter = () => void;

/**
 * Verified keys by hash, kept briefly so authentication costs no database round trip.
 * Only usable while the invalidation listener is connected: a revocation we cannot hear
 * about must not be answered from memory.
 */
export class VerifiedKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private listening = false;
  /**
   * Bumped by every eviction and listener state change. A verification reads it before its
   * database lookup and may store its answer only if nothing was evicted meanwhile: a
   * revocation notice that lands while the key is being looked up must win.
   */
  private generation = 0;

  constructor(private readonly ttlMs: number) {}

  /** `now` in epoch ms, from the caller's clock (so tests can move it). */
  get(keyHash: string, now: number): AuthContext | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(keyHash);
    if (!entry) return undefined;
    if (entry.validUntil <= now) {
      this.entries.delete(keyHash);
      return undefined;
    }
    return entry.context;
  }

  /** Taken before looking a key up in the database; hand it back to set(). */
  ticket(): number {
    return this.generation;
  }

  set(
    keyHash: string,
    context: AuthContext,
    keyExpiresAt: Date | null,
    now: number,
    ticket = this.generation,
  ): void {
    if (!this.listening || this.ttlMs <= 0 || ticket !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const expiry = keyExpiresAt ? keyExpiresAt.getTime() : Infinity;
    this.entries.set(keyHash, { context, keyHash, validUntil: Math.min(now + this.ttlMs, expiry) });
  }

  evict(keyHash: string): void {
    this.generation++;
    this.entries.delete(keyHash);
    const waiting = this.waiters.get(keyHash);
    this.waiters.delete(keyHash);
    for (const wake of waiting ?? []) wake();
  }

  setListening(listening: boolean): void {
    this.generation++;
    this.listening = listening;
    if (!listening) {
      this.entries.clear();
      // Without a listener nothing is cached, so nobody needs to wait for a notice.
      for (const waiting of this.waiters.values()) for (const wake of waiting) wake();
      this.waiters.clear();
    }
  }

  /**
   * Resolves once this instance has heard that the key changed (or at once when it cannot
   * hear at all), so a revocation answers only after its own instance forgot the key.
   * Register before the change commits: the notice can arrive before the commit's reply.
   */
  untilEvicted(keyHash: string, timeoutMs: number): Promise<void> {
    if (!this.listening) return Promise.resolve();
    return new Promise((resolve) => {
      const waiting = this.waiters.get(keyHash) ?? new Set<Waiter>();
      const timer = setTimeout(() => wake(), timeoutMs);
      timer.unref();
      const wake = () => {
        clearTimeout(timer);
        waiting.delete(wake);
        if (waiting.size === 0 && this.waiters.get(keyHash) === waiting)
          this.waiters.delete(keyHash);
        resolve();
      };
      waiting.add(wake);
      this.waiters.set(keyHash, waiting);
    });
  }

  get size(): number {
    return this.entries.size;
  }
}
