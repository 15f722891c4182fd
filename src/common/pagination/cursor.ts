import { invalid } from '../errors/domain-errors.js';
import { parseIsoDateTime } from '../validation/date-time.js';

/** Position after the last item of a page, in (created_at, id) keyset order. */
export interface KeysetCursor {
  createdAt: Date;
  id: string;
  /** Ranked lists (search) order by rank first. */
  rank?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a list's cursors look like: its name (a cursor from another list, or from the same
 * list sorted another way, is refused rather than read as a position in this one) and the
 * type its rank is compared as in SQL. A rank PostgreSQL cannot hold as that type
 * (1.5 for an integer sort key, 1e300 for a real) would fail in the query as a 500.
 */
export interface CursorKind {
  list: string;
  rank?: 'integer' | 'real';
}

const RANK_FITS: Record<NonNullable<CursorKind['rank']>, (rank: number) => boolean> = {
  integer: (rank) => Number.isInteger(rank) && rank >= -2_147_483_648 && rank <= 2_147_483_647,
  // float4's normal range; ts_rank gives 0 or a value well inside it.
  real: (rank) => rank === 0 || (Math.abs(rank) >= 1e-37 && Math.abs(rank) <= 3e38),
};

/**
 * Opaque to clients; base64url of JSON [ISO time, id, rank or null, list]. created_at is stored
 * to the millisecond, so the time is exact.
 */
export function encodeCursor(
  cursor: { createdAt: Date | string; id: string; rank?: number },
  list?: string,
): string {
  const at = cursor.createdAt instanceof Date ? cursor.createdAt.toISOString() : cursor.createdAt;
  const parts: unknown[] = [at, cursor.id];
  if (cursor.rank !== undefined || list !== undefined) parts.push(cursor.rank ?? null);
  if (list !== undefined) parts.push(list);
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/**
 * The position a cursor names, or a 400 for anything this API did not hand out for this list:
 * garbage, a time outside years 0001..9999, a rank the list's SQL cannot compare, another
 * list's cursor. Cursors carry no user: the queries that use them are scoped to the caller,
 * so another user's cursor is only a position in the caller's own rows.
 */
export function decodeCursor(raw: string | undefined, kind?: CursorKind): KeysetCursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw notACursor();
  }
  if (!Array.isArray(parts) || parts.length < 2 || parts.length > 4) throw notACursor();
  const [at, id, rank, list] = parts as unknown[];
  const createdAt = parseIsoDateTime(at);
  if (createdAt === null || typeof id !== 'string' || !UUID.test(id)) throw notACursor();
  if (
    list !== undefined &&
    (typeof list !== 'string' || (kind !== undefined && list !== kind.list))
  ) {
    throw invalid(
      'cursor belongs to another list (or another sort order): start again without cursor',
    );
  }
  if (rank === undefined || rank === null) return { createdAt, id };
  if (
    typeof rank !== 'number' ||
    !Number.isFinite(rank) ||
    (kind?.rank !== undefined && !RANK_FITS[kind.rank](rank))
  ) {
    throw notACursor();
  }
  return { createdAt, id, rank };
}

const notACursor = () => invalid('cursor is not a cursor this API returned');

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
  list?: string,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    next_cursor:
      rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last), list) : null,
  };
}
