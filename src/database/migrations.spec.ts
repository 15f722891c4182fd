import { describe, expect, it } from '@jest/globals';
import { MIGRATIONS } from './migrations.js';

const timestampOf = (migration: { name: string }) => Number(/(\d{13})$/.exec(migration.name)?.[1]);

describe('MIGRATIONS', () => {
  // Restore replays the list up to a snapshot's migration, so list order must be apply order:
  // branches merged side by side once appended theirs out of order and restore lost a table.
  it('is listed in timestamp order, each name ending in its 13-digit timestamp', () => {
    const timestamps = MIGRATIONS.map(timestampOf);
    expect(timestamps.every(Number.isFinite)).toBe(true);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
    expect(new Set(timestamps).size).toBe(timestamps.length);
  });
});
