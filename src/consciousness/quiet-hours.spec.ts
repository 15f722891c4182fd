import { describe, expect, it } from '@jest/globals';
import { isQuiet, localTimeOfDay } from './quiet-hours.js';

describe('quiet hours', () => {
  it("reads the wall clock of the user's zone, across daylight saving", () => {
    expect(localTimeOfDay('Europe/Berlin', new Date('2030-01-15T22:30:00Z'))).toBe('23:30');
    expect(localTimeOfDay('Europe/Berlin', new Date('2030-07-15T22:30:00Z'))).toBe('00:30');
    expect(localTimeOfDay('America/New_York', new Date('2030-01-15T22:30:00Z'))).toBe('17:30');
  });

  it('handles ranges within a day and across midnight, end excluded', () => {
    const night = { start: '22:00', end: '07:00' };
    expect(isQuiet(night, 'UTC', new Date('2030-01-15T23:00:00Z'))).toBe(true);
    expect(isQuiet(night, 'UTC', new Date('2030-01-15T06:59:00Z'))).toBe(true);
    expect(isQuiet(night, 'UTC', new Date('2030-01-15T07:00:00Z'))).toBe(false);
    expect(isQuiet(night, 'UTC', new Date('2030-01-15T12:00:00Z'))).toBe(false);
    const lunch = { start: '12:00', end: '13:00' };
    expect(isQuiet(lunch, 'UTC', new Date('2030-01-15T12:30:00Z'))).toBe(true);
    expect(isQuiet(lunch, 'UTC', new Date('2030-01-15T13:00:00Z'))).toBe(false);
    expect(isQuiet(null, 'UTC', new Date())).toBe(false);
  });
});
