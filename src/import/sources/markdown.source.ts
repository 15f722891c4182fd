import path from 'node:path';
import { THOUGHT_TYPES } from '../../thoughts/thought.entity.js';
import { inlineTags, parseNote } from '../front-matter.js';
import {
  parseDate,
  problem,
  recordFingerprint,
  type SourceRecord,
  stringList,
} from '../source-record.js';
import { zipEntries, type ZipTextEntry } from '../zip-entries.js';

const NOTE = /\.(md|markdown)$/i;

/** A zip of Markdown notes in the Obsidian style (front matter, inline #tags); our own Markdown export reads back too. */
export async function* markdownRecords(file: string): AsyncGenerator<SourceRecord> {
  for await (const entry of zipEntries(file)) {
    if (!isNote(entry.name)) continue;
    if ('error' in entry) {
      yield problem(entry.name, entry.error);
      continue;
    }
    yield noteRecord(entry);
  }
}

/** Notes only: no hidden folders (.obsidian, .trash), no macOS resource forks, no tasks.md of our export. */
function isNote(name: string): boolean {
  if (!NOTE.test(name)) return false;
  const parts = name.split('/');
  if (parts.some((part) => part.startsWith('.') || part === '__MACOSX')) return false;
  return name !== 'tasks.md';
}

function noteRecord(entry: ZipTextEntry): SourceRecord {
  let note;
  try {
    note = parseNote(entry.text);
  } catch (error) {
    return problem(
      entry.name,
      `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const { data, body } = note;
  const title = path.basename(entry.name).replace(NOTE, '');
  let content = body.trim();
  // A note's name is often its title: keep it, unless the note is ours (named after its words) or named by date.
  if (
    data.id === undefined &&
    title &&
    !/^\d{4}-\d{2}-\d{2}/.test(title) &&
    !content.includes(title)
  ) {
    content = content ? `${title}\n\n${content}` : title;
  }
  if (!content) return problem(entry.name, 'the note is empty');
  const created = parseDate(data.created) ?? parseDate(data.date) ?? entry.modified;
  const type =
    typeof data.type === 'string' && (THOUGHT_TYPES as readonly string[]).includes(data.type)
      ? data.type
      : null;
  return {
    kind: 'thought',
    ref: entry.name,
    fingerprint: recordFingerprint('note', content, created),
    thought: {
      content,
      tags: [...stringList(data.tags), ...inlineTags(body)],
      thoughtType: type,
      status: data.status === 'archived' ? 'archived' : 'active',
      createdAt: created,
    },
    analyze: true,
  };
}
