/**
 * The export document. Bump FORMAT_VERSION on any change a reader would notice, and keep
 * docs/export.schema.json in step (a test validates a real export against it).
 */
export const EXPORT_FORMAT = 'pai-export';
export const FORMAT_VERSION = 1;
/**
 * The order sections appear in: each after those it refers to (a suggestion names its thought,
 * a task its suggestion), so an importer reading once knows every id before it is named.
 */
export const EXPORT_SECTIONS = [
  'thoughts',
  'task_suggestions',
  'tasks',
  'consciousness_checks',
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

export interface ExportedLink {
  thought_id: string;
  score: number;
  shared_tags: string[];
}

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  format_version: typeof FORMAT_VERSION;
  exported_at: string;
  app_version: string;
  profile: Record<string, unknown>;
  settings: Record<string, unknown>;
}
