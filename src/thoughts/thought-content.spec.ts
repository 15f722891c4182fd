import { describe, expect, it } from '@jest/globals';
import { normalizeContent } from './thought-content.js';

describe('normalizeContent', () => {
  it('trims surrounding whitespace only', () => {
    expect(normalizeContent('\n  two  spaces  inside \t')).toBe('two  spaces  inside');
  });

  it('refuses empty, whitespace-only and NUL', () => {
    expect(() => normalizeContent('')).toThrow('content must not be empty');
    expect(() => normalizeContent(' \n\t ')).toThrow('content must not be empty');
    expect(() => normalizeContent('a\u0000b')).toThrow('NUL');
  });

  it('allows 10,000 code points and refuses 10,001', () => {
    expect(normalizeContent('😀'.repeat(10_000))).toHaveLength(20_000);
    expect(() => normalizeContent('x'.repeat(10_001))).toThrow('at most 10000 characters');
  });
});
