import { describe, expect, it } from '@jest/globals';
import { localWindow, startOfLocalDay } from './local-window.js';
import { originAllowed } from './origin-policy.js';

describe('local days as UTC instants', () => {
  it('finds local midnight across a DST change (Berlin, spring forward and fall back)', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(startOfLocalDay('2026-10-26', 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T23:00:00.000Z',
    );
  });

  it('a window of whole local days ending on a given day, and today by default', () => {
    expect(localWindow('America/New_York', 7, '2026-01-10')).toEqual({
      time_zone: 'America/New_York',
      from_date: '2026-01-04',
      to_date: '2026-01-10',
      since: '2026-01-04T05:00:00.000Z',
      until: '2026-01-11T05:00:00.000Z',
    });
    // 23:30 UTC on Jan 1 is already Jan 2 in Auckland (UTC+13 in summer).
    expect(
      localWindow('Pacific/Auckland', 1, undefined, new Date('2026-01-01T23:30:00Z')).from_date,
    ).toBe('2026-01-02');
  });
});

describe('originAllowed', () => {
  it('lets requests without Origin through and browsers only from listed origins', () => {
    expect(originAllowed(undefined, [])).toBe(true);
    expect(originAllowed('http://evil.example', [])).toBe(false);
    expect(originAllowed('http://ok.example/', ['http://ok.example'])).toBe(true);
    expect(originAllowed('http://ok.example:8080', ['http://ok.example'])).toBe(false);
  });
});
