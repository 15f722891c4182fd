import { describe, expect, it } from '@jest/globals';
import { contentFingerprint, normalizeContent } from './thought-content.js';

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

describe('contentFingerprint', () => {
  it('ignores case, punctuation, spacing and emoji, and is shaped as a UUID', () => {
    const fingerprint = contentFingerprint('Call mom about the tax forms!');
    expect(fingerprint).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(contentFingerprint('call  MOM, about the tax forms 📞')).toBe(fingerprint);
    expect(contentFingerprint('Cafe\u0301 at noon')).toBe(contentFingerprint('café at noon'));
  });

  it('tells different words, and the same words in another order, apart', () => {
    const fingerprint = contentFingerprint('call mom not dad');
    expect(contentFingerprint('call mom not dads')).not.toBe(fingerprint);
    expect(contentFingerprint('call dad not mom')).not.toBe(fingerprint);
  });

  it('compares a thought without words as written', () => {
    expect(contentFingerprint('🎉🎉')).toBe(contentFingerprint('🎉🎉'));
    expect(contentFingerprint('🎉🎉')).not.toBe(contentFingerprint('🎉'));
  });
});
