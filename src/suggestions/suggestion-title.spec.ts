import { describe, expect, it } from '@jest/globals';
import { normalizeSuggestionTitle } from './suggestion-title.js';

describe('normalizeSuggestionTitle', () => {
  it('ignores case, punctuation and spacing', () => {
    expect(normalizeSuggestionTitle('  Email   Sam, the slides! ')).toBe('email sam the slides');
    expect(normalizeSuggestionTitle('email sam the slides')).toBe('email sam the slides');
  });

  it('keeps letters and digits of any script, folding compatibility forms', () => {
    expect(normalizeSuggestionTitle('Café №5 — 日本')).toBe('café no5 日本');
  });

  it('gives an empty string for a title of punctuation only', () => {
    expect(normalizeSuggestionTitle('?!…')).toBe('');
  });
});
