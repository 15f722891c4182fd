/**
 * A snapshot file is gzip over lines: a header, then per table a table line, its rows in
 * PostgreSQL's COPY text format (one row per line: COPY escapes newlines and backslashes)
 * and an end-of-data line `\.` (which no escaped row can be), then a trailer with the
 * per-table counts and checksums. A `.sha256` file beside it checksums the compressed bytes.
 */
export const SNAPSHOT_FORMAT = 'pai-snapshot';
export const SNAPSHOT_VERSION = 1;
export const END_OF_DATA = '\\.';

export interface SnapshotSequence {
  name: string;
  last_value: string | null;
}

export interface SnapshotHeader {
  kind: 'header';
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  created_at: string;
  /** The last migration applied to the source, e.g. `CaptureQueuesItsAnalysis1764900000000`. */
  migration: string;
  /** pg-boss's schema version in the source, or null when it had no queue schema yet. */
  queue_schema_version: number | null;
  server_version: string;
  sequences: SnapshotSequence[];
}

export interface SnapshotTableLine {
  kind: 'table';
  /** Schema-qualified, quoted: `"public"."thoughts"`. */
  name: string;
  columns: string[];
}

export interface TableSummary {
  rows: number;
  checksum: string;
}

export interface SnapshotTrailer {
  kind: 'trailer';
  tables: Record<string, TableSummary>;
}

/** Settings under which COPY text output is byte-for-byte reproducible across sessions. */
export const STABLE_COPY_SETTINGS = [
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL DateStyle = 'ISO, MDY'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  `SET LOCAL extra_float_digits = 3`,
  `SET LOCAL bytea_output = 'hex'`,
];

/** `pai-backup-20261206T020000Z-1764900000000.pai.gz`: sortable by time, tagged with the schema. */
export function snapshotFileName(at: Date, migration: string): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const tag = /(\d{13})$/.exec(migration)?.[1] ?? 'none';
  return `pai-backup-${stamp}-${tag}.pai.gz`;
}
