import { describe, expect, it } from '@jest/globals';
import { parseTrustProxy } from './app.setup.js';

describe('parseTrustProxy', () => {
  it.each([
    ['false', false],
    ['', false],
    ['  false  ', false],
    ['2', 2],
    ['0', 0],
    ['10.0.0.1, 10.0.0.0/8', ['10.0.0.1', '10.0.0.0/8']],
    ['10.0.0.1,,', ['10.0.0.1']],
    ['loopback', ['loopback']],
  ])('maps %j to %j', (input, expected) => {
    expect(parseTrustProxy(input)).toStrictEqual(expected);
  });
});
