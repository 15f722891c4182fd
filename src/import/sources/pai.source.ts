import { EXPORT_FORMAT, FORMAT_VERSION } from '../../export/export-format.js';
import { ImportFileError } from '../import-file-error.js';
import { firstCharacter, jsonArrayItems, jsonValue } from '../json-stream.js';
import {
  parseDate,
  problem,
  recordFingerprint,
  type SourceRecord,
  stringList,
} from '../source-record.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** Sections in the order they depend on each other: thoughts, then what refers to them. */
const SECTIONS = [
  ['task_suggestions', 'suggestion', 'title'],
  ['tasks', 'task', 'title'],
  ['consciousness_checks', 'check', 'summary'],
] as const;

/** Our own JSON export (GET /export?format=json), read one record at a time. */
export async function* paiRecords(file: string): AsyncGenerator<SourceRecord> {
  if ((await firstCharacter(file)) !== '{')
    throw new ImportFileError('not a PAI export: the file is not a JSON object');
  const format = await jsonValue(file, 'format');
  if (format !== EXPORT_FORMAT)
    throw new ImportFileError(`not a PAI export: "format" is not "${EXPORT_FORMAT}"`);
  const version = await jsonValue(file, 'format_version');
  if (version !== FORMAT_VERSION)
    throw new ImportFileError(
      `format_version ${JSON.stringify(version)} is not one this server reads (${FORMAT_VERSION})`,
    );
  for (const kind of ['profile', 'settings'] as const) {
    const record = await jsonValue(file, kind);
    if (record === undefined) continue;
    yield isObject(record)
      ? { kind, ref: kind, record }
      : problem(kind, `${kind} is not an object`);
  }
  for await (const { index, value } of jsonArrayItems(file, 'thoughts'))
    yield thoughtRecord(`thoughts[${index}]`, value);
  for (const [section, kind, textField] of SECTIONS) {
    for await (const { index, value } of jsonArrayItems(file, section)) {
      const ref = `${section}[${index}]`;
      if (!isObject(value)) {
        yield problem(ref, 'not an object');
        continue;
      }
      const created = parseDate(value.created_at);
      if (!created) {
        yield problem(ref, 'created_at is missing or not a date');
        continue;
      }
      yield {
        kind,
        ref,
        record: value,
        fingerprint: recordFingerprint(kind, String(value[textField] ?? ''), created),
      };
    }
  }
}

function thoughtRecord(ref: string, value: unknown): SourceRecord {
  if (!isObject(value)) return problem(ref, 'not an object');
  const content = text(value.content);
  if (content === undefined) return problem(ref, 'content is missing');
  const createdAt = parseDate(value.created_at);
  if (!createdAt) return problem(ref, 'created_at is missing or not a date');
  const links = Array.isArray(value.links) ? value.links.filter(isObject) : [];
  const analysisStatus = text(value.analysis_status) ?? 'pending';
  return {
    kind: 'thought',
    ref,
    fingerprint: recordFingerprint('thought', content, createdAt),
    originalId: text(value.id),
    thought: {
      content,
      tags: stringList(value.tags),
      aiTags: stringList(value.ai_tags),
      status: text(value.status),
      thoughtType: text(value.thought_type) ?? null,
      isActionable: value.is_actionable === true,
      localOnly: value.local_only === true,
      source: text(value.source),
      analysisStatus,
      analyzedAt: parseDate(value.analyzed_at),
      duplicateOfId: text(value.duplicate_of_id) ?? null,
      createdAt,
      updatedAt: parseDate(value.updated_at) ?? createdAt,
    },
    links: links
      .filter((link) => typeof link.thought_id === 'string' && typeof link.score === 'number')
      .map((link) => ({
        thoughtId: link.thought_id as string,
        score: link.score as number,
        sharedTags: stringList(link.shared_tags),
      })),
    // A thought that was waiting for analysis still is; an analysed one keeps its results.
    analyze: analysisStatus === 'pending',
  };
}
