import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-errors.js';
import { type CursorKind, decodeCursor, encodeCursor, toPage } from './cursor.js';

const ID = '6f1c2b3a-4d5e-4f60-8a1b-2c3d4e5f6a7b';

function decodeError(raw: string, kind?: CursorKind): DomainError {
  let thrown: unknown;
  try {
    decodeCursor(raw, kind);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  return thrown as DomainError;
}

const encodeRaw = (value: unknown) =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a Date and an id', () => {
    const createdAt = new Date('2024-05-06T07:08:09.123Z');
    const decoded = decodeCursor(encodeCursor({ createdAt, id: ID }));
    expect(decoded).toEqual({ createdAt, id: ID });
    expect(decoded?.createdAt).toBeInstanceOf(Date);
  });

  it('accepts an ISO string for createdAt', () => {
    const decoded = decodeCursor(encodeCursor({ createdAt: '2024-05-06T07:08:09.123Z', id: ID }));
    expect(decoded?.createdAt.toISOString()).toBe('2024-05-06T07:08:09.123Z');
    expect(decoded?.id).toBe(ID);
  });

  it('produces an opaque, URL-safe string', () => {
    const cursor = encodeCursor({ createdAt: new Date('2024-05-06T07:08:09.123Z'), id: ID });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(ID);
  });

  it('treats a missing or empty cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    ['garbage', 'not a cursor at all!!'],
    ['a non-uuid id', encodeCursor({ createdAt: new Date('2024-05-06T07:08:09.123Z'), id: 'abc' })],
    ['an invalid date', encodeCursor({ createdAt: 'yesterday-ish', id: ID })],
    ['a numeric id', encodeRaw(['2024-05-06T07:08:09.123Z', 42])],
    ['a JSON object', encodeRaw({ at: '2024-05-06T07:08:09.123Z', id: ID })],
    ['JSON null', encodeRaw(null)],
  ])('rejects %s as invalid', (_case, raw) => {
    const error = decodeError(raw);
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(/cursor/);
  });
});

describe('decodeCursor against hostile cursors', () => {
  const AT = '2024-05-06T07:08:09.123Z';
  const TASKS_BY_DUE: CursorKind = { list: 'tasks:due_date', rank: 'integer' };
  const SEARCH: CursorKind = { list: 'thoughts', rank: 'real' };

  it('round-trips a cursor tagged with its list and rank', () => {
    const raw = encodeCursor({ createdAt: new Date(AT), id: ID, rank: 20_500 }, TASKS_BY_DUE.list);
    expect(decodeCursor(raw, TASKS_BY_DUE)).toEqual({
      createdAt: new Date(AT),
      id: ID,
      rank: 20_500,
    });
    const ranked = encodeCursor({ createdAt: new Date(AT), id: ID, rank: 0.0607927 }, SEARCH.list);
    expect(decodeCursor(ranked, SEARCH)?.rank).toBe(0.0607927);
  });

  it('still reads the untagged cursors handed out before lists were named', () => {
    expect(decodeCursor(encodeRaw([AT, ID]), SEARCH)).toEqual({ createdAt: new Date(AT), id: ID });
    expect(decodeCursor(encodeRaw([AT, ID, 3]), TASKS_BY_DUE)).toEqual({
      createdAt: new Date(AT),
      id: ID,
      rank: 3,
    });
  });

  it('refuses a cursor from another list or another sort order', () => {
    const fromThoughts = encodeCursor({ createdAt: new Date(AT), id: ID }, 'thoughts');
    expect(decodeError(fromThoughts, TASKS_BY_DUE).message).toMatch(/another list/);
    const byPriority = encodeCursor({ createdAt: new Date(AT), id: ID, rank: 4 }, 'tasks:priority');
    expect(decodeError(byPriority, TASKS_BY_DUE).message).toMatch(/another list/);
  });

  it.each([
    [
      'a fractional rank on an integer sort key',
      encodeRaw([AT, ID, 1.5, 'tasks:due_date']),
      TASKS_BY_DUE,
    ],
    ['an integer rank past int4', encodeRaw([AT, ID, 2 ** 31, 'tasks:due_date']), TASKS_BY_DUE],
    ['a rank real cannot hold (overflow)', encodeRaw([AT, ID, 1e300, 'thoughts']), SEARCH],
    ['a rank real cannot hold (underflow)', encodeRaw([AT, ID, 1e-300, 'thoughts']), SEARCH],
    ['a string rank', encodeRaw([AT, ID, '1', 'thoughts']), SEARCH],
    [
      'a time before year 0001 (PostgreSQL would 500)',
      encodeRaw(['-271821-04-20T00:00:00.000Z', ID]),
      SEARCH,
    ],
    ['a time JavaScript rolls over', encodeRaw(['2026-02-30T00:00:00.000Z', ID]), SEARCH],
    ['a numeric time', encodeRaw([1e20, ID]), SEARCH],
    ['a non-string list', encodeRaw([AT, ID, null, 7]), SEARCH],
    ['too many parts', encodeRaw([AT, ID, null, 'thoughts', 'x']), SEARCH],
    ['invalid base64 and UTF-8', '\u00ff\u00fe%%%', SEARCH],
    ['a huge number as the whole cursor', encodeRaw(1e308), SEARCH],
  ])('refuses %s', (_case, raw, kind) => {
    const error = decodeError(raw, kind);
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(/cursor/);
  });
});

describe('toPage', () => {
  const rows = Array.from({ length: 4 }, (_, i) => ({
    id: `6f1c2b3a-4d5e-4f60-8a1b-2c3d4e5f6a7${i}`,
    createdAt: new Date(Date.UTC(2024, 0, 10 - i)),
    name: `row-${i}`,
  }));
  const map = (row: (typeof rows)[number]) => row.name;

  it('with limit + 1 rows returns limit items and a cursor at the last item of the page', () => {
    const page = toPage(rows, 3, map);
    expect(page.items).toEqual(['row-0', 'row-1', 'row-2']);
    expect(page.next_cursor).not.toBeNull();
    expect(decodeCursor(page.next_cursor ?? undefined)).toEqual({
      createdAt: rows[2].createdAt,
      id: rows[2].id,
    });
  });

  it('with exactly limit rows returns them all and no cursor', () => {
    const page = toPage(rows.slice(0, 3), 3, map);
    expect(page.items).toEqual(['row-0', 'row-1', 'row-2']);
    expect(page.next_cursor).toBeNull();
  });

  it('tags the cursor with the list it belongs to', () => {
    const page = toPage(rows, 3, map, undefined, 'things');
    expect(decodeCursor(page.next_cursor ?? undefined, { list: 'things' })?.id).toBe(rows[2].id);
    expect(() => decodeCursor(page.next_cursor ?? undefined, { list: 'others' })).toThrow(
      /another list/,
    );
  });

  it('with fewer than limit rows returns no cursor', () => {
    expect(toPage(rows.slice(0, 1), 3, map)).toEqual({ items: ['row-0'], next_cursor: null });
    expect(toPage([], 3, map)).toEqual({ items: [], next_cursor: null });
  });
});
