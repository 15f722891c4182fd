import { describe, expect, it } from '@jest/globals';
import { judgeReplica, mustReadPrimary, pickReplica } from './read-routing.js';

describe('mustReadPrimary', () => {
  it('while a write of the user is in flight', () => {
    expect(mustReadPrimary(1, undefined, 10_000, 3_000)).toBe(true);
  });

  it('within the window after the last write ended, and not after', () => {
    expect(mustReadPrimary(0, 10_000, 12_999, 3_000)).toBe(true);
    expect(mustReadPrimary(0, 10_000, 13_000, 3_000)).toBe(false);
  });

  it('not for a user that has not written', () => {
    expect(mustReadPrimary(0, undefined, 10_000, 3_000)).toBe(false);
  });
});

describe('pickReplica', () => {
  const replicas = [{ healthy: true }, { healthy: false }, { healthy: true }];

  it('takes turns among the healthy replicas, skipping the others', () => {
    expect([0, 1, 2, 3].map((turn) => pickReplica(replicas, turn))).toEqual([0, 2, 2, 0]);
  });

  it('is -1 (the primary) when none is healthy', () => {
    expect(pickReplica([{ healthy: false }, { healthy: false }], 5)).toBe(-1);
    expect(pickReplica([], 0)).toBe(-1);
  });
});

describe('judgeReplica', () => {
  it('takes a standby within the maximum lag', () => {
    expect(judgeReplica('replica-1', { inRecovery: true, lagMs: 999.6 }, 1000)).toEqual({
      name: 'replica-1',
      state: 'in_use',
      healthy: true,
      lagMs: 1000,
      reason: null,
    });
  });

  it('skips one lagging beyond the maximum, or of unknown lag', () => {
    expect(judgeReplica('replica-1', { inRecovery: true, lagMs: 1001 }, 1000)).toMatchObject({
      state: 'lagging',
      healthy: false,
      lagMs: 1001,
    });
    expect(judgeReplica('replica-1', { inRecovery: true, lagMs: Infinity }, 1000)).toMatchObject({
      state: 'lagging',
      healthy: false,
      lagMs: null,
    });
  });

  it('skips one that is down, and one that is no longer a standby (promoted: it would diverge)', () => {
    expect(judgeReplica('replica-2', { error: 'connect ECONNREFUSED' }, 1000)).toMatchObject({
      state: 'down',
      healthy: false,
      reason: 'unreachable: connect ECONNREFUSED',
    });
    expect(judgeReplica('replica-2', { inRecovery: false, lagMs: 0 }, 1000)).toMatchObject({
      state: 'not_standby',
      healthy: false,
    });
  });
});
