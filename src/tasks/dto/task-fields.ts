import { Matches, ValidateBy } from 'class-validator';
import { isCalendarDate } from '../../common/validation/time.js';

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** YYYY-MM-DD that is also a real calendar day (no 2026-02-30, no year 0000). */
export const isRealDate = isCalendarDate;

export const IsDateOnly = (field: string) =>
  ValidateBy({
    name: 'isDateOnly',
    validator: {
      validate: isCalendarDate,
      defaultMessage: () => `${field} must be a real calendar date (YYYY-MM-DD)`,
    },
  });
export const IsTimeOfDay = (field: string) =>
  Matches(TIME_OF_DAY, { message: `${field} must be a time (HH:MM, 24 h)` });
