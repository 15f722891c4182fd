import { Matches } from 'class-validator';

export const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** YYYY-MM-DD that is also a real calendar day (no 2026-02-30). */
export function isRealDate(value: string): boolean {
  if (!DATE_ONLY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export const IsDateOnly = (field: string) => Matches(DATE_ONLY, { message: `${field} must be a date (YYYY-MM-DD)` });
export const IsTimeOfDay = (field: string) => Matches(TIME_OF_DAY, { message: `${field} must be a time (HH:MM, 24 h)` });
