import type { AuthContext } from './auth-context.js';

interface Entry {
  context: AuthContext;
  keyHash: string;
  /** When the cache must stop trusting this entry: the TTL or the key's own expiry. */
  validUntil: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Verified keys by hash, kept briefly so authentication costs no database round trip.
 * Only usable while the invalidation listener is connected: a revocation we cannot hear
 * about must not be answered from memory.
 */
export class VerifiedKeyCache {
  private readonly entries = new Map<string, Entry>();
  private listening = false;

  constructor(private readonly ttlMs: number) {}

  get(keyHash: string, now = Date.now()): AuthContext | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(keyHash);
    if (!entry) return undefined;
    if (entry.validUntil <= now) {
      this.entries.delete(keyHash);
      return undefined;
    }
    return entry.context;
  }

  set(keyHash: string, context: AuthContext, keyExpiresAt: Date | null, now = Date.now()): void {
    if (!this.listening || this.ttlMs <= 0) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const expiry = keyExpiresAt ? keyExpiresAt.getTime() : Infinity;
    this.entries.set(keyHash, { context, keyHash, validUntil: Math.min(now + this.ttlMs, expiry) });
  }

  evict(keyHash: string): void {
    this.entries.delete(keyHash);
  }

  setListening(listening: boolean): void {
    this.listening = listening;
    if (!listening) this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
