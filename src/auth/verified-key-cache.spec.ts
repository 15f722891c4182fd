import { describe, expect, it } from '@jest/globals';
import type { AuthContext } from './auth-context.js';
import { VerifiedKeyCache } from './verified-key-cache.js';

const TTL_MS = 30_000;
const NOW = 1_000_000;
const context: AuthContext = { keyId: 'key-1', userId: 'user-1', scope: 'user' };

function listeningCache(ttlMs = TTL_MS): VerifiedKeyCache {
  const cache = new VerifiedKeyCache(ttlMs);
  cache.setListening(true);
  return cache;
}

describe('VerifiedKeyCache', () => {
  it('neither stores nor answers while not listening', () => {
    const cache = new VerifiedKeyCache(TTL_MS);
    cache.set('hash', context, null, NOW);
    expect(cache.size).toBe(0);
    expect(cache.get('hash', NOW)).toBeUndefined();

    // Nothing was kept from before the listener connected.
    cache.setListening(true);
    expect(cache.get('hash', NOW)).toBeUndefined();
  });

  it('returns what was set while listening', () => {
    const cache = listeningCache();
    cache.set('hash', context, null, NOW);
    expect(cache.size).toBe(1);
    expect(cache.get('hash', NOW)).toEqual(context);
    expect(cache.get('other-hash', NOW)).toBeUndefined();
  });

  it('expires an entry exactly at the TTL', () => {
    const cache = listeningCache();
    cache.set('hash', context, null, NOW);
    expect(cache.get('hash', NOW + TTL_MS - 1)).toEqual(context);
    expect(cache.get('hash', NOW + TTL_MS)).toBeUndefined();
    // The expired entry is dropped, not just hidden.
    expect(cache.size).toBe(0);
    expect(cache.get('hash', NOW)).toBeUndefined();
  });

  it("expires an entry at the key's own expiry when that comes first", () => {
    const cache = listeningCache();
    const keyExpiresAt = new Date(NOW + 5_000);
    cache.set('hash', context, keyExpiresAt, NOW);
    expect(cache.get('hash', NOW + 4_999)).toEqual(context);
    expect(cache.get('hash', NOW + 5_000)).toBeUndefined();
  });

  it("keeps the TTL when the key's expiry is later", () => {
    const cache = listeningCache();
    cache.set('hash', context, new Date(NOW + 10 * TTL_MS), NOW);
    expect(cache.get('hash', NOW + TTL_MS - 1)).toEqual(context);
    expect(cache.get('hash', NOW + TTL_MS)).toBeUndefined();
  });

  it('does not serve a key that has already expired', () => {
    const cache = listeningCache();
    cache.set('hash', context, new Date(NOW - 1), NOW);
    expect(cache.get('hash', NOW)).toBeUndefined();
  });

  it('evicts a single entry', () => {
    const cache = listeningCache();
    const other: AuthContext = { keyId: 'key-2', userId: 'user-2', scope: 'admin' };
    cache.set('hash', context, null, NOW);
    cache.set('other', other, null, NOW);
    cache.evict('hash');
    expect(cache.get('hash', NOW)).toBeUndefined();
    expect(cache.get('other', NOW)).toEqual(other);
    expect(cache.size).toBe(1);
  });

  it('clears everything when the listener disconnects', () => {
    const cache = listeningCache();
    cache.set('hash', context, null, NOW);
    cache.setListening(false);
    expect(cache.size).toBe(0);
    expect(cache.get('hash', NOW)).toBeUndefined();

    cache.setListening(true);
    expect(cache.get('hash', NOW)).toBeUndefined();
  });

  it('caches nothing with a TTL of 0', () => {
    const cache = listeningCache(0);
    cache.set('hash', context, null, NOW);
    expect(cache.size).toBe(0);
    expect(cache.get('hash', NOW)).toBeUndefined();
  });

  it('stays bounded: a full cache starts over', () => {
    const cache = listeningCache();
    for (let i = 0; i < 10_000; i += 1) cache.set(`hash-${i}`, context, null, NOW);
    expect(cache.size).toBe(10_000);
    cache.set('one-more', context, null, NOW);
    expect(cache.size).toBe(1);
    expect(cache.get('one-more', NOW)).toEqual(context);
    expect(cache.get('hash-0', NOW)).toBeUndefined();
  });

  it('does not store an answer looked up before an eviction landed', () => {
    const cache = listeningCache();
    const ticket = cache.ticket();
    // The revocation notice arrives while the database lookup is in flight.
    cache.evict('hash');
    cache.set('hash', context, null, NOW, ticket);
    expect(cache.size).toBe(0);
    expect(cache.get('hash', NOW)).toBeUndefined();
    // A lookup that started after the notice may be stored.
    cache.set('hash', context, null, NOW, cache.ticket());
    expect(cache.get('hash', NOW)).toEqual(context);
  });

  it('does not store an answer looked up across a listener reconnect', () => {
    const cache = listeningCache();
    const ticket = cache.ticket();
    cache.setListening(false);
    cache.setListening(true);
    cache.set('hash', context, null, NOW, ticket);
    expect(cache.size).toBe(0);
  });

  it('wakes whoever waits for a key once its eviction is heard, and at once when not listening', async () => {
    const cache = listeningCache();
    let woken = false;
    const waiting = cache.untilEvicted('hash', 60_000).then(() => (woken = true));
    cache.evict('other-hash');
    await Promise.resolve();
    expect(woken).toBe(false);
    cache.evict('hash');
    await waiting;
    expect(woken).toBe(true);
    await new VerifiedKeyCache(TTL_MS).untilEvicted('hash', 60_000);
  });
});
