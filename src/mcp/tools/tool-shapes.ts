import type { PaiTool } from '../mcp-tool.js';

/**
 * What every tool that only reads declares: it changes nothing, may be repeated, stays inside
 * PAI, and a `read` key may call it. One constant, so no read tool can drift from the others.
 */
export const READS = {
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  narrowScope: 'read',
} as const satisfies Pick<PaiTool, 'annotations' | 'narrowScope'>;

/** The annotations of a tool that writes; each hint is false unless the tool says otherwise. */
export const writes = (
  hints: { destructive?: boolean; idempotent?: boolean; openWorld?: boolean } = {},
): PaiTool['annotations'] => ({
  readOnlyHint: false,
  destructiveHint: hints.destructive ?? false,
  idempotentHint: hints.idempotent ?? false,
  openWorldHint: hints.openWorld ?? false,
});

/** A list as a model reads it: a heading over one line per item, or the words for none. */
export const listing = <T>(
  items: T[],
  heading: string,
  line: (item: T) => string,
  none: string,
): string => (items.length ? `${heading}:\n${items.map(line).join('\n')}` : none);

/** One page of a cursor-paged tool: the page for programs, and in words how to ask for more. */
export const pageOutcome = <T>(text: string, items: T[], nextCursor: string | null) => ({
  text: nextCursor ? `${text}\nMore: call again with cursor "${nextCursor}".` : text,
  data: { items, next_cursor: nextCursor },
});
