import { createHash } from 'node:crypto';
import { invalid } from '../common/errors/domain-errors.js';

export const MAX_CONTENT_CHARACTERS = 10_000;

/**
 * Content as stored: surrounding whitespace trimmed, everything else byte for byte (emoji,
 * RTL text, combining marks). Length counts code points, what a person sees as characters
 * more nearly than UTF-16 units.
 */
export function normalizeContent(raw: string): string {
  const content = raw.trim();
  if (content === '')
    throw invalid('content must not be empty', [
      { field: 'content', message: 'content must not be empty' },
    ]);
  if (content.includes('\u0000')) {
    throw invalid('content must not contain NUL characters', [
      { field: 'content', message: 'content must not contain NUL characters' },
    ]);
  }
  let count = 0;
  for (const _ of content) {
    if (++count > MAX_CONTENT_CHARACTERS) {
      throw invalid(`content must be at most ${MAX_CONTENT_CHARACTERS} characters`, [
        {
          field: 'content',
          message: `content must be at most ${MAX_CONTENT_CHARACTERS} characters`,
        },
      ]);
    }
  }
  return content;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * What near-duplicate detection compares exactly: the words in order, case-folded, with
 * punctuation, spacing and emoji ignored ("Call mom!" and "call  mom" match). A thought
 * without words is compared as written. Shaped as a UUID: a compact, indexable column.
 */
export function contentFingerprint(content: string): string {
  const words = content.normalize('NFKC').toLowerCase().match(WORD);
  const hex = createHash('sha256')
    .update(words ? words.join(' ') : content)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
