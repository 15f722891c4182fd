import { describe, expect, it, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/time/clock.js';
import type { ApiKey } from './api-key.entity.js';
import { generateApiKey } from './api-key-secret.js';
import type { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { VerifiedKeyCache } from './verified-key-cache.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const TTL_MS = 30_000;

type UsableRow = Pick<ApiKey, 'id' | 'userId' | 'scope' | 'expiresAt' | 'keyHash'>;

/** verify() against a stand-in table that answers as the SQL does: usable while expires_at > now. */
function setUp(expiresAt: Date | null) {
  const secret = generateApiKey();
  const row: UsableRow = {
    id: 'key-1',
    userId: 'user-1',
    scope: 'user',
    expiresAt,
    keyHash: secret.hash,
  };
  let now = T0;
  const clock = new Clock();
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
  const findUsableByHash = jest.fn(async (keyHash: string, at: Date): Promise<UsableRow | null> =>
    keyHash === row.keyHash && (!row.expiresAt || row.expiresAt > at) ? row : null,
  );
  const repository = {
    findUsableByHash,
    touchLastUsed: jest.fn(async () => undefined),
  } as unknown as ApiKeysRepository;
  const cache = new VerifiedKeyCache(TTL_MS);
  cache.setListening(true);
  const service = new ApiKeysService({} as DataSource, repository, cache, clock);
  return {
    key: secret.key,
    service,
    findUsableByHash,
    touchLastUsed: repository.touchLastUsed as jest.Mock,
    setNow: (at: number) => void (now = at),
  };
}

describe('ApiKeysService.verify on an injected clock', () => {
  it('asks the database at the clock’s time and caches the answer until the key expires', async () => {
    const expiresAt = new Date(T0 + 10_000);
    const { key, service, findUsableByHash, setNow } = setUp(expiresAt);
    const caller = { keyId: 'key-1', userId: 'user-1', scope: 'user' };

    await expect(service.verify(key)).resolves.toEqual(caller);
    expect(findUsableByHash).toHaveBeenCalledTimes(1);
    expect(findUsableByHash.mock.calls[0]![1]).toEqual(new Date(T0));

    setNow(T0 + 9_999);
    await expect(service.verify(key)).resolves.toEqual(caller);
    expect(findUsableByHash).toHaveBeenCalledTimes(1); // from the cache

    // At the expiry the cache lets go (before its TTL) and the lookup refuses.
    setNow(T0 + 10_000);
    await expect(service.verify(key)).resolves.toBeNull();
    expect(findUsableByHash).toHaveBeenCalledTimes(2);
    expect(findUsableByHash.mock.calls[1]![1]).toEqual(new Date(T0 + 10_000));
  });

  it('re-checks a key without expiry once the cache TTL has passed on the clock', async () => {
    const { key, service, findUsableByHash, setNow } = setUp(null);
    await service.verify(key);
    setNow(T0 + TTL_MS - 1);
    await service.verify(key);
    expect(findUsableByHash).toHaveBeenCalledTimes(1);
    setNow(T0 + TTL_MS);
    await expect(service.verify(key)).resolves.not.toBeNull();
    expect(findUsableByHash).toHaveBeenCalledTimes(2);
  });

  it('stamps last use with the clock’s time, at most once a minute per key', async () => {
    const { key, service, touchLastUsed, setNow } = setUp(null);
    await service.verify(key);
    setNow(T0 + 59_999);
    await service.verify(key);
    expect(touchLastUsed.mock.calls).toEqual([['key-1', new Date(T0)]]);
    setNow(T0 + 60_000);
    await service.verify(key);
    expect(touchLastUsed.mock.calls).toEqual([
      ['key-1', new Date(T0)],
      ['key-1', new Date(T0 + 60_000)],
    ]);
  });

  it('refuses a malformed key without asking the database', async () => {
    const { service, findUsableByHash } = setUp(null);
    await expect(service.verify('not-a-key')).resolves.toBeNull();
    expect(findUsableByHash).not.toHaveBeenCalled();
  });
});
