import { invalid } from '../common/errors/domain-errors.js';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;

/**
 * One spelling per tag: trimmed, lower-cased, leading '#' removed, duplicates and empties
 * dropped. Too many or too long is the caller's mistake (400), not something to cut silently.
 */
export function normalizeTags(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const value of raw) {
    const tag = value.trim().replace(/^#+/, '').trim().toLowerCase();
    if (tag === '') continue;
    if ([...tag].length > MAX_TAG_LENGTH) {
      throw invalid(`each tag must be at most ${MAX_TAG_LENGTH} characters`, [
        { field: 'tags', message: `"${tag.slice(0, 60)}" is too long` },
      ]);
    }
    seen.add(tag);
  }
  if (seen.size > MAX_TAGS) {
    throw invalid(`at most ${MAX_TAGS} tags`, [
      { field: 'tags', message: `${seen.size} distinct tags given` },
    ]);
  }
  return [...seen];
}
