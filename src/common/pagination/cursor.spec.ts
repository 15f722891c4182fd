import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-errors.js';
import { decodeCursor, encodeCursor, toPage } from './cursor.js';

const ID = '6f1c2b3a-4d5e-4f60-8a1b-2c3d4e5f6a7b';

function decodeError(raw: string): DomainError {
  let thrown: unknown;
  try {
    decodeCursor(raw);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  return thrown as DomainError;
}

const encodeRaw = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

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

  it('with fewer than limit rows returns no cursor', () => {
    expect(toPage(rows.slice(0, 1), 3, map)).toEqual({ items: ['row-0'], next_cursor: null });
    expect(toPage([], 3, map)).toEqual({ items: [], next_cursor: null });
  });
});
