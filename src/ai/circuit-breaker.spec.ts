import { describe, expect, it } from '@jest/globals';
import { CircuitBreaker } from './circuit-breaker.js';

function breaker(threshold = 3, cooldownMs = 1000) {
  const clock = { now: 1_000_000 };
  return {
    clock,
    breaker: new CircuitBreaker({ failureThreshold: threshold, cooldownMs, now: () => clock.now }),
  };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and a success resets the count', () => {
    const { breaker: b } = breaker();
    b.recordFailure('server_error');
    b.recordFailure('server_error');
    expect(b.state).toBe('closed');
    expect(b.consecutiveFailures).toBe(2);
    b.recordSuccess();
    b.recordFailure('timeout');
    expect(b.consecutiveFailures).toBe(1);
    expect(b.tryAcquire()).toBe(true);
  });

  it('opens after N consecutive failures and refuses calls during the cool-down', () => {
    const { breaker: b, clock } = breaker(3, 1000);
    for (let i = 0; i < 3; i++) b.recordFailure('server_error');
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    clock.now += 999;
    expect(b.tryAcquire()).toBe(false);
    expect(b.lastFailure).toEqual({ errorClass: 'server_error', at: new Date(1_000_000) });
  });

  it('lets exactly one probe through when half-open; success closes', () => {
    const { breaker: b, clock } = breaker(2, 1000);
    b.recordFailure('timeout');
    b.recordFailure('timeout');
    clock.now += 1000;
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.recordSuccess();
    expect(b.state).toBe('closed');
    expect(b.consecutiveFailures).toBe(0);
    expect(b.tryAcquire()).toBe(true);
  });

  it('a failed probe re-opens for a fresh cool-down', () => {
    const { breaker: b, clock } = breaker(2, 1000);
    b.recordFailure('timeout');
    b.recordFailure('timeout');
    clock.now += 1500;
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure('overloaded');
    expect(b.state).toBe('open');
    clock.now += 999;
    expect(b.state).toBe('open');
    clock.now += 1;
    expect(b.state).toBe('half_open');
  });

  it('release() frees the probe slot of a call that was never made', () => {
    const { breaker: b, clock } = breaker(1, 10);
    b.recordFailure('timeout');
    clock.now += 10;
    expect(b.tryAcquire()).toBe(true);
    b.release();
    expect(b.tryAcquire()).toBe(true);
  });
});
