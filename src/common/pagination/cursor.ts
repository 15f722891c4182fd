import { invalid } from '../errors/domain-errors.js';

/** Position after the last item of a page, in (created_at, id) keyset order. */
export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients; base64url of the ISO time with microseconds kept as text. */
export function encodeCursor(cursor: { createdAt: Date | string; id: string }): string {
  const at = cursor.createdAt instanceof Date ? cursor.createdAt.toISOString() : cursor.createdAt;
  return Buffer.from(JSON.stringify([at, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string | undefined): KeysetCursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof id === 'string' && UUID.test(id) && !Number.isNaN(createdAt.getTime())) {
      return { createdAt, id };
    }
  } catch {
    // fall through to the single error below
  }
  throw invalid('cursor is not a cursor this API returned');
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Rows were fetched with limit + 1: the extra one only tells whether a next page exists. */
export function toPage<R extends { createdAt: Date; id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    next_cursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
