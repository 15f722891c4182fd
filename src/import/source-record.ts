import { createHash } from 'node:crypto';
import type { ImportedThought } from '../thoughts/thoughts.service.js';

export const IMPORT_SOURCES = ['pai', 'markdown', 'memos', 'karakeep'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** Where a record came from in the file, for the problems list ("thoughts[12]", "notes/a.md"). */
interface Located {
  ref: string;
}

export interface ThoughtRecord extends Located {
  kind: 'thought';
  fingerprint: string;
  thought: ImportedThought;
  /** Our own export's id: tasks, suggestions, checks and links refer to it. */
  originalId?: string;
  links?: { thoughtId: string; score: number; sharedTags: string[] }[];
  /** False when the record brings its own analysis (our export, already analysed). */
  analyze: boolean;
}

/** Records only our own export has; their fields are as the export wrote them (snake_case). */
export interface ExportSectionRecord extends Located {
  kind: 'task' | 'suggestion' | 'check';
  fingerprint: string;
  record: Record<string, unknown>;
}

export interface DocumentRecord extends Located {
  kind: 'profile' | 'settings';
  record: Record<string, unknown>;
}

export interface ProblemRecord extends Located {
  kind: 'problem';
  message: string;
}

export type SourceRecord = ThoughtRecord | ExportSectionRecord | DocumentRecord | ProblemRecord;
export type RecordKind = Exclude<SourceRecord['kind'], 'problem'>;

/**
 * What makes two source records "the same" across imports: their kind, their words and
 * their date. Re-importing a file finds every record's fingerprint already stored.
 */
export function recordFingerprint(kind: string, text: string, date: Date): string {
  return createHash('sha256')
    .update(JSON.stringify([kind, text, date.toISOString()]))
    .digest('hex');
}

export const problem = (ref: string, message: string): ProblemRecord => ({
  kind: 'problem',
  ref,
  message,
});

/** A Date from an ISO string, epoch seconds or milliseconds; null when it is not one. */
export function parseDate(
  value: unknown,
  unit: 'seconds' | 'milliseconds' = 'milliseconds',
): Date | null {
  let date: Date | null = null;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number' && Number.isFinite(value))
    date = new Date(unit === 'seconds' ? value * 1000 : value);
  else if (typeof value === 'string' && value.trim() !== '') date = new Date(value.trim());
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return value.split(/[,\s]+/).filter(Boolean);
  return [];
}
