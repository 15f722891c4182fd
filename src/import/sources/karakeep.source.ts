import { ImportFileError } from '../import-file-error.js';
import { firstCharacter, jsonArrayItems } from '../json-stream.js';
import {
  parseDate,
  problem,
  recordFingerprint,
  type SourceRecord,
  stringList,
} from '../source-record.js';

/** Karakeep writes createdAt in seconds; a value this large can only be milliseconds. */
const MILLISECONDS_FROM = 1e11;

/**
 * Karakeep's JSON export (`{"bookmarks": [...]}`): a text bookmark becomes a thought with its
 * text; a link bookmark a thought with its title, URL and note. Tags are kept, archived
 * bookmarks are archived. Other kinds (images, PDFs, with no content) are reported.
 */
export async function* karakeepRecords(file: string): AsyncGenerator<SourceRecord> {
  if ((await firstCharacter(file)) !== '{')
    throw new ImportFileError('not a Karakeep export: expected a JSON object with "bookmarks"');
  for await (const { index, value } of jsonArrayItems(file, 'bookmarks'))
    yield bookmarkRecord(`bookmarks[${index}]`, value);
}

function bookmarkRecord(ref: string, value: unknown): SourceRecord {
  if (typeof value !== 'object' || value === null) return problem(ref, 'not an object');
  const bookmark = value as Record<string, unknown>;
  const raw = bookmark.createdAt;
  const created = parseDate(
    raw,
    typeof raw === 'number' && raw < MILLISECONDS_FROM ? 'seconds' : 'milliseconds',
  );
  if (!created) return problem(ref, 'createdAt is missing or not a date');
  const title = typeof bookmark.title === 'string' ? bookmark.title.trim() : '';
  const note = typeof bookmark.note === 'string' ? bookmark.note.trim() : '';
  const body = bookmark.content as
    { type?: unknown; url?: unknown; text?: unknown } | null | undefined;
  let parts: string[];
  if (body?.type === 'text' && typeof body.text === 'string') {
    parts = [title && !body.text.includes(title) ? title : '', body.text.trim(), note];
  } else if (body?.type === 'link' && typeof body.url === 'string') {
    parts = [title, body.url, note];
  } else {
    return problem(ref, 'only text and link bookmarks can become thoughts');
  }
  const content = parts.filter(Boolean).join('\n\n');
  if (!content) return problem(ref, 'the bookmark is empty');
  return {
    kind: 'thought',
    ref,
    fingerprint: recordFingerprint('bookmark', content, created),
    thought: {
      content,
      tags: stringList(bookmark.tags),
      status: bookmark.archived === true ? 'archived' : 'active',
      createdAt: created,
    },
    analyze: true,
  };
}
