import { describe, expect, it } from '@jest/globals';
import { abortFailure, classifyHttpFailure, parseRetryAfter } from './http-failure.js';

const headers = (values: Record<string, string>) => new Headers(values);

describe('classifyHttpFailure', () => {
  it.each([
    [400, 'bad', 'bad_request', false],
    [401, 'invalid x-api-key', 'auth', false],
    [403, 'no', 'forbidden', false],
    [404, 'no model', 'not_found', false],
    [429, 'Number of request tokens has exceeded your per-minute rate limit', 'rate_limited', true],
    [429, 'You have reached your specified API usage limits', 'spend_cap', false],
    [429, 'Your credit balance is too low', 'spend_cap', false],
    [400, 'Your credit balance is too low to access the Anthropic API', 'spend_cap', false],
    [402, 'payment required', 'spend_cap', false],
    [500, 'boom', 'server_error', true],
    [503, 'unavailable', 'server_error', true],
    [529, 'Overloaded', 'overloaded', true],
    [408, 'timeout', 'timeout', true],
  ])('%i "%s" is %s (retryable: %s)', (status, message, errorClass, retryable) => {
    const error = classifyHttpFailure(status, message);
    expect(error.errorClass).toBe(errorClass);
    expect(error.retryable).toBe(retryable);
    expect(error.options.status).toBe(status);
  });

  it("treats Anthropic's overloaded_error as an overload whatever the status", () => {
    expect(classifyHttpFailure(500, 'Overloaded', { type: 'overloaded_error' }).errorClass).toBe(
      'overloaded',
    );
  });

  it('keeps retry-after only for retryable errors', () => {
    expect(
      classifyHttpFailure(429, 'rate limit', { retryAfterMs: 2000 }).options.retryAfterMs,
    ).toBe(2000);
    expect(
      classifyHttpFailure(429, 'usage limit', { retryAfterMs: 2000 }).options.retryAfterMs,
    ).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, milliseconds and HTTP dates, capped at ten minutes', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '3' }))).toBe(3000);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '3' }))).toBe(250);
    const now = Date.parse('2026-01-04T12:00:00Z');
    expect(parseRetryAfter(headers({ 'retry-after': 'Sun, 04 Jan 2026 12:00:05 GMT' }), now)).toBe(
      5000,
    );
    expect(parseRetryAfter(headers({ 'retry-after': '86400' }))).toBe(600_000);
  });

  it('ignores absent or nonsense values', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(headers({}))).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('abortFailure', () => {
  it('a timeout is retryable, a caller abort is not', () => {
    expect(abortFailure(AbortSignal.abort(new DOMException('t', 'TimeoutError'))).errorClass).toBe(
      'timeout',
    );
    expect(abortFailure(undefined).errorClass).toBe('timeout');
    const cancelled = abortFailure(AbortSignal.abort());
    expect(cancelled.errorClass).toBe('aborted');
    expect(cancelled.retryable).toBe(false);
  });
});
