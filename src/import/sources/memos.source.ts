import { inlineTags } from '../front-matter.js';
import { firstCharacter, jsonArrayItems } from '../json-stream.js';
import {
  parseDate,
  problem,
  recordFingerprint,
  type SourceRecord,
  stringList,
} from '../source-record.js';
import { zipEntries } from '../zip-entries.js';

/** Memos' Markdown export names each file after the memo's creation time (RFC 3339) and, lately, its visibility. */
const EXPORT_FILE =
  /^(?:.*\/)?(\d{4}-\d{2}-\d{2}T[^/]*?)(?:-(PUBLIC|PROTECTED|PRIVATE|WORKSPACE))?\.md$/;

/**
 * Memos: its API's memo list (`{"memos": [...]}` from GET /api/v1/memos, or a bare array)
 * or the zip its "export memos" writes. Private memos stay local (never sent to a cloud AI),
 * pinned ones get the tag "pinned", archived ones are archived.
 */
export async function* memosRecords(file: string): AsyncGenerator<SourceRecord> {
  const first = await firstCharacter(file);
  if (first === 'P') {
    yield* zipRecords(file);
    return;
  }
  for await (const { index, value } of jsonArrayItems(file, first === '[' ? null : 'memos'))
    yield memoRecord(`memos[${index}]`, value);
}

function memoRecord(ref: string, value: unknown): SourceRecord {
  if (typeof value !== 'object' || value === null) return problem(ref, 'not an object');
  const memo = value as Record<string, unknown>;
  if (typeof memo.content !== 'string') return problem(ref, 'content is missing');
  const created =
    parseDate(memo.createTime) ??
    parseDate(memo.displayTime) ??
    parseDate(memo.createdTs, 'seconds');
  if (!created) return problem(ref, 'createTime is missing or not a date');
  const archived = memo.state === 'ARCHIVED' || memo.rowStatus === 'ARCHIVED';
  return {
    kind: 'thought',
    ref,
    fingerprint: recordFingerprint('memo', memo.content, created),
    thought: {
      content: memo.content,
      tags: [
        ...stringList(memo.tags),
        ...inlineTags(memo.content),
        ...(memo.pinned === true ? ['pinned'] : []),
      ],
      localOnly: memo.visibility === 'PRIVATE',
      status: archived ? 'archived' : 'active',
      createdAt: created,
      updatedAt: parseDate(memo.updateTime) ?? created,
    },
    analyze: true,
  };
}

async function* zipRecords(file: string): AsyncGenerator<SourceRecord> {
  for await (const entry of zipEntries(file)) {
    const name = EXPORT_FILE.exec(entry.name);
    if (!entry.name.endsWith('.md')) continue;
    if ('error' in entry) {
      yield problem(entry.name, entry.error);
      continue;
    }
    const created = (name && parseDate(name[1])) || entry.modified;
    const content = entry.text.trim();
    if (!content) {
      yield problem(entry.name, 'the memo is empty');
      continue;
    }
    yield {
      kind: 'thought',
      ref: entry.name,
      fingerprint: recordFingerprint('memo', content, created),
      thought: {
        content,
        tags: inlineTags(content),
        localOnly: name?.[2] === 'PRIVATE',
        createdAt: created,
      },
      analyze: true,
    };
  }
}
