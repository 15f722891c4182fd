import { invalid } from '../common/errors/domain-errors.js';

export const MAX_CONTENT_CHARACTERS = 10_000;

/**
 * Content as stored: surrounding whitespace trimmed, everything else byte for byte (emoji,
 * RTL text, combining marks). Length counts code points, what a person sees as characters
 * more nearly than UTF-16 units.
 */
export function normalizeContent(raw: string): string {
  const content = raw.trim();
  if (content === '') throw invalid('content must not be empty', [{ field: 'content', message: 'content must not be empty' }]);
  if (content.includes('\u0000')) {
    throw invalid('content must not contain NUL characters', [{ field: 'content', message: 'content must not contain NUL characters' }]);
  }
  let count = 0;
  for (const _ of content) {
    if (++count > MAX_CONTENT_CHARACTERS) {
      throw invalid(`content must be at most ${MAX_CONTENT_CHARACTERS} characters`, [
        { field: 'content', message: `content must be at most ${MAX_CONTENT_CHARACTERS} characters` },
      ]);
    }
  }
  return content;
}
