import { invalid } from '../errors/domain-errors.js';

/** Position after the last item of a page, in (created_at, id) keyset order. */
export interface KeysetCursor {
  createdAt: Date;
  id: string;
  /** Ranked lists (search) order by rank first. */
  rank?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients; base64url of the ISO time (created_at is stored to the millisecond, so it is exact) and id. */
export function encodeCursor(cursor: { createdAt: Date | string; id: string; rank?: number }): string {
  const at = cursor.createdAt instanceof Date ? cursor.createdAt.toISOString() : cursor.createdAt;
  const parts = cursor.rank === undefined ? [at, cursor.id] : [at, cursor.id, cursor.rank];
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string | undefined): KeysetCursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const [at, id, rank] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof id === 'string' && UUID.test(id) && !Number.isNaN(createdAt.getTime())) {
      if (rank === undefined) return { createdAt, id };
      if (typeof rank === 'number' && Number.isFinite(rank)) return { createdAt, id, rank };
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
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  cursorOf: (row: R) => { createdAt: Date; id: string; rank?: number } = (row) => row as never,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    next_cursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
