import { describe, expect, it } from '@jest/globals';
import { substringSnippet } from './substring-snippet.js';

describe('substringSnippet', () => {
  it('marks the match case-insensitively and escapes HTML around it', () => {
    expect(substringSnippet('<b>50% OFF</b> today', '50%')).toBe(
      '&lt;b&gt;<mark>50%</mark> OFF&lt;/b&gt; today',
    );
    expect(substringSnippet('Hello World', 'world')).toBe('Hello <mark>World</mark>');
  });

  it('cuts long content around the match with ellipses', () => {
    const content = `${'a'.repeat(200)}needle${'b'.repeat(200)}`;
    const snippet = substringSnippet(content, 'needle');
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippet).toContain('<mark>needle</mark>');
    expect(snippet.length).toBeLessThan(200);
  });

  it('falls back to the escaped start when there is no match', () => {
    expect(substringSnippet('<i>x</i>', 'zzz')).toBe('&lt;i&gt;x&lt;/i&gt;');
  });
});
