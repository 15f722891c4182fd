import { describe, expect, it } from '@jest/globals';
import { RowDigest } from './row-digest.js';

const digestOf = (...chunks: string[]) => {
  const digest = new RowDigest();
  for (const chunk of chunks) digest.addLines(Buffer.from(chunk));
  return digest;
};

describe('RowDigest', () => {
  it('ignores row order and chunk boundaries, but not content or duplicates', () => {
    const base = digestOf('a\tb\n', 'c\td\n');
    expect(digestOf('c\td\na\tb\n').value).toBe(base.value);
    expect(digestOf('a\t', 'b\nc\t', 'd\n').value).toBe(base.value);
    expect(base.rows).toBe(2);
    expect(digestOf('a\tb\n', 'c\te\n').value).not.toBe(base.value);
    expect(digestOf('a\tb\na\tb\n').value).not.toBe(digestOf('a\tb\n').value);
  });
});
