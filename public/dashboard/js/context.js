import { isoDay } from './format.js';

/** What several views share: the profile time zone decides what "today" is. */
export const context = { timezone: undefined };

export const today = () => isoDay(new Date(), context.timezone);
