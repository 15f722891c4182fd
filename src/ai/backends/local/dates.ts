import * as chrono from 'chrono-node';
import {
  addDays,
  formatDate,
  formatTime,
  localDateOf,
  zonedParts,
  zoneOffsetMinutes,
} from './zone.js';

/** A due date found in a piece of text, in the user's zone. */
export interface DueMatch {
  /** YYYY-MM-DD. */
  dueDate: string;
  /** HH:MM, only when the text named a time. */
  dueTime: string | null;
  /** The words as written, with a deadline word in front ("by Friday noon"). */
  dueText: string;
  /** Spans to cut from a task title (the date words and the prepositions that led to them), in order. */
  cuts: [number, number][];
}

const MONTH_AHEAD = /^\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** The reference's wall-clock date, computed from the instant and offset chrono was given (not the host's zone). */
function referenceDay(context: chrono.ParsingContext): {
  year: number;
  month: number;
  day: number;
} {
  const shifted = new Date(
    context.reference.instant.getTime() + context.reference.getTimezoneOffset() * 60_000,
  );
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

function dayAfter(
  context: chrono.ParsingContext,
  days: number,
): { year: number; month: number; day: number } {
  const { year, month, day } = referenceDay(context);
  const [y, m, d] = addDays(formatDate(year, month, day), days)
    .split('-')
    .map(Number);
  return { year: y, month: m, day: d };
}

/** The coming `wanted` day of a month: this month's, or next month's once it has passed. */
function nextDayOfMonth(
  context: chrono.ParsingContext,
  wanted: number,
): { year: number; month: number; day: number } | null {
  const today = referenceDay(context);
  let { year, month } = today;
  if (wanted < today.day) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (wanted < 1 || wanted > daysInMonth) return null;
  return { year, month, day: wanted };
}

/** What people write in notes that chrono does not read: "the 3rd", typos of "tomorrow", "tonite", "EOD". */
const EXTRA_PARSERS: chrono.Parser[] = [
  {
    pattern: () => /\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b/i,
    extract(context, match) {
      // "the 3rd of April" is chrono's own; only the bare day of the month is ours.
      if (MONTH_AHEAD.test(context.text.slice((match.index ?? 0) + match[0].length))) return null;
      return nextDayOfMonth(context, Number(match[1]));
    },
  },
  {
    pattern: () => /\b(?:tomorow|tommorow|tommorrow|tomorrrow|2moro|2morrow|tmrrw|tmrw|tmr)\b/i,
    extract: (context) => dayAfter(context, 1),
  },
  {
    // chrono knows "the day after tomorrow" but not the phrase without its article.
    pattern: () => /(?<!\bthe\s)\bday after (?:tomorrow|tomorow|tommorow|tmrw)\b/i,
    extract: (context) => dayAfter(context, 2),
  },
  {
    // "Tues 6:30pm", "weds 3pm": chrono reads "tue" and "tuesday" only; the time is the one written after it.
    pattern: () => /\b(tues|weds)\b\.?(?:\s+(?:at\s+)?(\d{1,2})(?:[:.](\d\d))?\s*(am|pm)?)?/i,
    extract(context, fullMatch) {
      const [, name, ...rest] = fullMatch;
      const match = [fullMatch[0], ...rest];
      const wanted = name.toLowerCase() === 'tues' ? 2 : 3;
      const ahead = (wanted - weekdayOf(context) + 7) % 7 || 7;
      const components = context.createParsingComponents(dayAfter(context, ahead));
      components.assign('weekday', wanted);
      if (match[1] !== undefined && (match[2] !== undefined || match[3] !== undefined)) {
        const hour = (Number(match[1]) % 12) + (match[3]?.toLowerCase() === 'pm' ? 12 : 0);
        components.assign('hour', match[3] === undefined ? Number(match[1]) : hour);
        components.assign('minute', Number(match[2] ?? 0));
        if (match[3] !== undefined)
          components.assign('meridiem', match[3].toLowerCase() === 'pm' ? 1 : 0);
      }
      return components;
    },
  },
  {
    pattern: () => /\btonite\b/i,
    extract: (context) => context.createParsingComponents(dayAfter(context, 0)).imply('hour', 22),
  },
  {
    // Not after a day ("Friday EOD" is Friday's end: chrono would merge the two into today).
    pattern: () =>
      new RegExp(
        String.raw`(?<!\b(?:today|tomorrow|tomorow|tmrw|tmr|${ANY_WEEKDAY})\s+)\b(?:eod|end of (?:the )?day|cob|close of business)\b`,
        'i',
      ),
    extract: (context) => dayAfter(context, 0),
  },
  {
    // "by the end of the week": the working week ends on the coming Friday (today on a Friday).
    pattern: () => /\bend of (?:the |this |(next) )?(?:work\s?)?week\b/i,
    extract: (context, match) =>
      dayAfter(context, ((5 - weekdayOf(context) + 7) % 7) + (match[1] ? 7 : 0)),
  },
  {
    // "Sat 21st", "Fri the 4th": the number settles the day; the weekday only confirms it.
    pattern: () =>
      new RegExp(String.raw`\b${WEEKDAY_NAME}\.?,?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b`, 'i'),
    extract(context, match) {
      if (MONTH_AHEAD.test(context.text.slice((match.index ?? 0) + match[0].length))) return null;
      return nextDayOfMonth(context, Number(match[2]));
    },
  },
  {
    // "this arvo" (Australian and New Zealand English): this afternoon. "after smoko": after
    // today's tea break, also later today.
    pattern: () => /\b(?:this\s+arvo|(?:after|before|at)\s+smoko)\b/i,
    extract: (context) => dayAfter(context, 0),
  },
  {
    // "meet at 1730", "1730h": a 24-hour time written without a colon.
    pattern: () => /\b(?:at\s+([01]\d|2[0-3])([0-5]\d)|([01]\d|2[0-3])([0-5]\d)\s*h(?:rs)?)\b/i,
    extract(context, match) {
      const components = context.createParsingComponents();
      components.assign('hour', Number(match[1] ?? match[3]));
      components.assign('minute', Number(match[2] ?? match[4]));
      components.assign('meridiem', Number(match[1] ?? match[3]) >= 12 ? 1 : 0);
      return components;
    },
  },
  {
    // Holidays people date things by: the next one.
    pattern: () => HOLIDAY,
    extract(context, match) {
      const [month, day] = match[1]
        ? [12, 24]
        : match[2]
          ? [12, 25]
          : /boxing/i.test(match[0])
            ? [12, 26]
            : match[3]
              ? [12, 31]
              : match[4]
                ? [10, 31]
                : match[5]
                  ? [2, 14]
                  : [1, 1];
      const today = referenceDay(context);
      const passed = today.month > month || (today.month === month && today.day > day);
      return { year: today.year + (passed ? 1 : 0), month, day };
    },
  },
  {
    // "this wknd", "over the w/e": texting spellings of the weekend, which starts on the coming Saturday.
    pattern: () => /\b(?:wknd|wkend|w\/e)\b/i,
    extract: (context) => dayAfter(context, (6 - weekdayOf(context) + 7) % 7),
  },
  {
    // "first of the month", "start of next month": the coming 1st (today when it is the 1st).
    pattern: () =>
      /\b(?:(?:the\s+)?(?:first|1st)\s+of\s+(?:the|next)\s+month|(?:the\s+)?(?:start|beginning)\s+of\s+next\s+month)\b/i,
    extract(context) {
      const today = referenceDay(context);
      if (today.day === 1 && !/next/i.test(context.text)) return today;
      const [year, month] =
        today.month === 12 ? [today.year + 1, 1] : [today.year, today.month + 1];
      return { year, month, day: 1 };
    },
  },
  {
    // "Saturday after next": the one after the coming Saturday.
    pattern: () => new RegExp(String.raw`\b${WEEKDAY_NAME}\s+after\s+next\b`, 'i'),
    extract: (context, match) => dayAfter(context, aheadTo(context, match[1]) + 7),
  },
  {
    // "a week from Monday", "two weeks from today": the named day, then seven days a week more.
    pattern: () =>
      new RegExp(
        String.raw`\b(a|one|two|three|four|\d)\s+weeks?\s+from\s+(?:(today|tomorrow|now)|${WEEKDAY_NAME})\b`,
        'i',
      ),
    extract(context, match) {
      const counts = ['a', 'one', 'two', 'three', 'four'];
      const word = match[1].toLowerCase();
      const weeks = /^\d$/.test(word) ? Number(word) : Math.max(1, counts.indexOf(word));
      if (match[2] !== undefined)
        return dayAfter(context, (match[2].toLowerCase() === 'tomorrow' ? 1 : 0) + 7 * weeks);
      return dayAfter(context, aheadTo(context, match[3]) + 7 * weeks);
    },
  },
  {
    // "Wednesday week" (British): the Wednesday after the coming one. Not "Friday weekend".
    pattern: () => new RegExp(String.raw`\b${WEEKDAY_NAME}\s+week\b`, 'i'),
    extract: (context, match) => dayAfter(context, aheadTo(context, match[1]) + 7),
  },
  {
    // "in a fortnight", "in 2 wks": spans chrono does not know by these names.
    pattern: () =>
      /\bin\s+(?:(?:a|one)\s+(fortnight)|(\d{1,2}|a|one|two|three|four|five|six)\s+(?:wks?|fortnights?))\b/i,
    extract(context, match) {
      if (match[1] !== undefined) return dayAfter(context, 14);
      const counts = ['a', 'one', 'two', 'three', 'four', 'five', 'six'];
      const word = match[2].toLowerCase();
      const n = /^\d+$/.test(word) ? Number(word) : Math.max(1, counts.indexOf(word));
      return dayAfter(context, n * (/fortnight/i.test(match[0]) ? 14 : 7));
    },
  },
  {
    // "at 6ish", "@ 3": a clock hour written loosely; am/pm is left to the caller.
    pattern: () =>
      /(?:\b(\d{1,2})(?::(\d\d))?\s*ish\b|@\s*(\d{1,2})(?::(\d\d))?\b(?!\s*(?:%|(?:reps?|sets?|each|per|x)\b)))/i,
    extract(context, match) {
      const hour = Number(match[1] ?? match[3]);
      if (hour < 1 || hour > 12) return null;
      const components = context.createParsingComponents();
      components.assign('hour', hour);
      components.assign('minute', Number(match[2] ?? match[4] ?? 0));
      return components;
    },
  },
  {
    // "half five" (British and New Zealand English): half past five; am/pm is left to the caller.
    pattern: () =>
      new RegExp(
        String.raw`\bhalf\s+(${HOUR_WORD})\b(?!\s*(?:%|percent|kg|kilos?|g\b|grams?|litres?|liters?|l\b|ml\b|dozen|hours?|hrs?|mins?|minutes?|days?|weeks?|of\b))`,
        'i',
      ),
    extract(context, match) {
      const hour = hourOf(match[1]);
      if (hour === null || hour < 1 || hour > 12) return null;
      const components = context.createParsingComponents();
      components.assign('hour', hour);
      components.assign('minute', 30);
      return components;
    },
  },
  {
    // "half past 4", "quarter to 9": clock phrases chrono does not read; am/pm is left to the caller.
    pattern: () =>
      new RegExp(
        String.raw`\b(?:(half|quarter)\s+(past|after|to)|(\d{1,2})\s+o'?clock)\b\s*(${HOUR_WORD})?`,
        'i',
      ),
    extract(context, match) {
      const hour = match[3] !== undefined ? Number(match[3]) : hourOf(match[4]);
      if (hour === null || hour < 1 || hour > 12) return null;
      let minute = 0;
      let at = hour;
      if (match[1] !== undefined) {
        const part = match[1].toLowerCase() === 'half' ? 30 : 15;
        if (match[2].toLowerCase() === 'to') {
          if (part === 30) return null;
          minute = 45;
          at = hour === 1 ? 12 : hour - 1;
        } else minute = part;
      }
      const components = context.createParsingComponents();
      components.assign('hour', at);
      components.assign('minute', minute);
      return components;
    },
  },
  {
    // "tmrw by 5": a deadline hour right after a day word (not "by 5 people" elsewhere).
    pattern: () =>
      new RegExp(
        String.raw`(?<=\b(?:today|tonight|tomorrow|tomorow|tmrw|tmr|${ANY_WEEKDAY})\s+)by\s+(\d{1,2})(?::(\d\d))?(?:\s*(am|pm))?\b(?!\s*(?:%|(?:people|persons|percent|points|pages|items|mins?|minutes|hours?|days|weeks|of)\b))`,
        'i',
      ),
    extract(context, match) {
      const hour = Number(match[1]);
      if (hour < 1 || hour > 12) return null;
      const components = context.createParsingComponents();
      const pm = match[3]?.toLowerCase() === 'pm';
      components.assign('hour', match[3] === undefined ? hour : (hour % 12) + (pm ? 12 : 0));
      components.assign('minute', Number(match[2] ?? 0));
      if (match[3] !== undefined) components.assign('meridiem', pm ? 1 : 0);
      return components;
    },
  },
];

const WEEKDAY_NAME = String.raw`(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?`;
const ANY_WEEKDAY = String.raw`(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?`;
const HOUR_WORDS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];
const HOLIDAY =
  /\b(?:(christmas|xmas)\s+eve|(christmas|xmas)(?:\s+day)?|boxing\s+day|(new\s+year'?s\s+eve|nye)|new\s+year'?s(?:\s+day)?|(halloween)|(valentine'?s(?:\s+day)?))\b/i;

const HOUR_WORD = String.raw`\d{1,2}|${HOUR_WORDS.join('|')}`;

function hourOf(word: string | undefined): number | null {
  if (word === undefined) return null;
  if (/^\d+$/.test(word)) return Number(word);
  const index = HOUR_WORDS.indexOf(word.toLowerCase());
  return index < 0 ? null : index + 1;
}

function weekdayOf(context: chrono.ParsingContext): number {
  const today = referenceDay(context);
  return new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
}

/** Days from today to the coming `name` day (a week ahead when it is today). */
function aheadTo(context: chrono.ParsingContext, name: string): number {
  const wanted = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(
    name.slice(0, 3).toLowerCase(),
  );
  return (wanted - weekdayOf(context) + 7) % 7 || 7;
}

/** A date chrono found: where, as written, and its components. */
interface Found {
  index: number;
  text: string;
  start: chrono.ParsedComponents;
}

let casualParser: chrono.Chrono | undefined;
let dayFirstParser: chrono.Chrono | undefined;
const NUMERIC_DATE = /\d{1,2}[/.]\d{1,2}/;

function withExtras(parser: chrono.Chrono): chrono.Chrono {
  parser.parsers.push(...EXTRA_PARSERS);
  return parser;
}

/**
 * "3/4" is 4 March in the Americas and 3 April nearly everywhere else, so numeric dates are read
 * day-first outside the Americas. Only those: chrono's day-first (en-GB) reading also turns
 * "March 10" into March 2010.
 */
function parseDates(text: string, reference: chrono.ParsingReference, timeZone: string): Found[] {
  const options = { forwardDate: true };
  casualParser ??= withExtras(chrono.casual.clone());
  const found: Found[] = casualParser
    .parse(text, reference, options)
    .map((r) => ({ index: r.index, text: r.text, start: r.start }));
  if (timeZone.startsWith('America/') || timeZone.startsWith('US/')) return found;
  dayFirstParser ??= withExtras(chrono.en.GB.clone());
  const reader = dayFirstParser;
  return found.map((f) => {
    if (!NUMERIC_DATE.test(f.text)) return f;
    const again = reader.parse(f.text, reference, options)[0];
    return again ? { index: f.index + again.index, text: again.text, start: again.start } : f;
  });
}

/**
 * Words without which chrono finds nothing. chrono runs ~50 patterns per call, so this gate saves
 * most of the cost of a consciousness check over hundreds of thoughts.
 */
const DATE_HINT = new RegExp(
  [
    String.raw`\d`,
    String.raw`\b(?:today|tonight|tonite|tomorrow|tomorow|tommorow|tommorrow|tomorrrow|2moro|2morrow|tmrw?|tmrrw|yesterday|overmorrow)\b`,
    String.raw`\b(?:arvo|smoko|half|christmas|xmas|nye|new year|boxing day|halloween|valentine|weekend|wknd|wkend|w\/e|week|weeks|month|months|year|years|day|days|hour|hours|minute|minutes|fortnight|morning|afternoon|evening|night|noon|midday|midnight|eod|cob|end of|close of business)\b`,
    String.raw`\b(?:mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b`,
    String.raw`\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b`,
  ].join('|'),
  'i',
);

const DEADLINE_BEFORE = /\b(?:by|before|until|till|due|no later than)\s+(?:the\s+)?$/i;
// "by the end of the month": chrono's match starts at "end", so the article is a lead word too.
const LEAD_BEFORE =
  /(?:\b(?:by|before|until|till|due|no later than|on|at|for|this|next|coming|first thing(?: on)?|(?:before|after) (?:work|lunch|school|dinner|breakfast))\s+)+(?:the\s+)?$/i;
// Words around a date that belong to it and must leave the task's title with it: "first thing tomorrow",
// "tomorrow after lunch", "at 7 in the evening" (the first group: a day part that means pm).
const DAY_PART_AFTER =
  /^(?:\s+(?:((?:in the )?(?:evening|afternoon)|at night|night|arvo)|(?:in the )?morning|after (?:lunch|work|school|dinner)|first thing|at the latest|eod|end of (?:the )?day))+\b/i;
const DURATION_ONLY =
  /^(?:for\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|couple of)\s*(?:min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?|years?)$/i;
const SHORT_NAME =
  /^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\.?$/i;
const SHORT_NAME_LEAD = /\b(?:on|by|next|this|until|before)\s+$/i;

/**
 * Noise chrono reads as dates in free text: "a 2 hour meeting" (a duration, not "in 2 hours"),
 * "sat with her" / "mar" (three-letter day and month names), "now", "every morning".
 */
function isNoise(text: string, result: Found): boolean {
  const written = result.text.trim();
  if (/^(?:right\s+)?now$/i.test(written)) return true;
  if (DURATION_ONLY.test(written)) return true;
  // "meal prep for the week": a span, where a due date would say "this week" or "next week".
  if (/^(?:the|a)\s+week$/i.test(written)) return true;
  // "wed - submit the report": a short day name heading the note is a date; "sat with her" is not.
  const after = text.slice(result.index + result.text.length);
  const heading =
    (text.slice(0, result.index).trim() === '' && /^\s*(?:[-–—:,]|$)/.test(after)) ||
    // "mon arvo", "sat morning": a day part settles that the short name is a day.
    /^\s+(?:arvo|morning|afternoon|evening|night)\b/i.test(after);
  if (SHORT_NAME.test(written) && !heading && !SHORT_NAME_LEAD.test(text.slice(0, result.index)))
    return true;
  // "every morning", "each Friday": a recurrence, not a due date.
  if (/\b(?:every|each)\s+$/i.test(text.slice(0, result.index))) return true;
  return false;
}

const WEEKDAY_ONLY =
  /^(?:on\s+)?(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;

/** A weekday name alone ("monday", "on Friday"), not "this Monday" or "today". */
function isBareWeekday({ start, text: written, index }: Found, text: string): boolean {
  return (
    start.isCertain('weekday') &&
    !start.isCertain('day') &&
    WEEKDAY_ONLY.test(written.trim()) &&
    !/\bthis\s+$/i.test(text.slice(0, index))
  );
}

/** Hour 1-6 without am/pm in a to-do means the afternoon: nobody schedules a call for 5 in the morning. */
function humanHour(start: chrono.ParsedComponents): number {
  const hour = start.get('hour') ?? 0;
  const meridiemCertain = start.isCertain('meridiem');
  return !meridiemCertain && hour >= 1 && hour <= 6 ? hour + 12 : hour;
}

/** A time with no day of its own ("at 7:45"), which can complete a day named earlier in the clause. */
function isBareTime({ start }: Found): boolean {
  return (
    start.isCertain('hour') &&
    !start.isCertain('day') &&
    !start.isCertain('weekday') &&
    !start.tags().has('result/relativeDate')
  );
}

/**
 * The first date or time in `text` that lies ahead of `now` in the user's zone. chrono knows no IANA
 * zones, so it gets the zone's offset at `now`; the wall-clock components it returns are then the
 * user's, even when the date itself falls after a DST change.
 */
export function findDue(text: string, now: Date, timeZone: string): DueMatch | null {
  if (!DATE_HINT.test(text)) return null;
  const reference = { instant: now, timezone: zoneOffsetMinutes(timeZone, now) };
  const today = localDateOf(timeZone, now);
  const nowLocal = zonedParts(timeZone, now);
  const read = parseDates(text, reference, timeZone).filter((result) => !isNoise(text, result));
  // "put the Christmas tree up on the 28th": a holiday names what the thing is for when the text
  // also writes out its own day.
  const holiday = (r: Found) => HOLIDAY.test(r.text) && !/\d/.test(r.text);
  const results = read.some((r) => !holiday(r) && !isBareTime(r))
    ? read.filter((r) => !holiday(r))
    : read;
  for (const [i, first] of results.entries()) {
    // "9am sharp friday": a time written before its day belongs to that day, not to today.
    const dayAfterTime = isBareTime(first)
      ? results.slice(i + 1).find((r) => !isBareTime(r) && !r.start.isCertain('hour'))
      : undefined;
    const result = dayAfterTime ?? first;
    const resolved = resolve(
      result.start,
      timeZone,
      today,
      formatTime(nowLocal.hour, nowLocal.minute),
    );
    if (resolved && dayAfterTime)
      resolved.time = formatTime(humanHour(first.start), first.start.get('minute') ?? 0);
    if (!resolved || resolved.date < today) continue;
    // "monday - start the course" written on a Monday evening means next Monday: today would be "today".
    if (
      resolved.date === today &&
      isBareWeekday(result, text) &&
      (resolved.time === null || resolved.time <= formatTime(nowLocal.hour, nowLocal.minute))
    )
      resolved.date = addDays(today, 7);
    const match = {
      dueDate: resolved.date,
      dueTime: resolved.time,
      dueText: '',
      cuts: [] as [number, number][],
    };
    const parts = dayAfterTime ? [first, dayAfterTime] : [result];
    // "tomorrow I have to drop the kids at school at 7:45": chrono sees two results; they are one due time.
    const later = results.slice(i + 1).find(isBareTime);
    if (resolved.time === null && later) {
      match.dueTime = formatTime(humanHour(later.start), later.start.get('minute') ?? 0);
      parts.push(later);
    }
    const written: string[] = [];
    for (const part of parts) {
      const before = text.slice(0, part.index);
      const deadline = DEADLINE_BEFORE.exec(before);
      const lead = LEAD_BEFORE.exec(before);
      const after = DAY_PART_AFTER.exec(text.slice(part.index + part.text.length));
      const end = part.index + part.text.length + (after?.[0].length ?? 0);
      // "at 7 in the evening": the day part settles am or pm where chrono left it open.
      if (after?.[1] !== undefined && match.dueTime !== null && match.dueTime < '12:00')
        match.dueTime = `${String(Number(match.dueTime.slice(0, 2)) + 12).padStart(2, '0')}${match.dueTime.slice(2)}`;
      written.push(text.slice(deadline ? deadline.index : part.index, end));
      match.cuts.push([lead ? lead.index : part.index, end]);
    }
    match.dueText = written.join(' ');
    return match;
  }
  return null;
}

function resolve(
  start: chrono.ParsedComponents,
  timeZone: string,
  today: string,
  nowTime: string,
): { date: string; time: string | null } | null {
  const tags = start.tags();
  if (tags.has('result/relativeDateAndTime')) {
    // "in 2 hours" is a span of real time: add it to the instant, then read the user's clock
    // (adding it to the wall clock would be an hour off across a DST change).
    const at = zonedParts(timeZone, start.date());
    return { date: formatDate(at.year, at.month, at.day), time: formatTime(at.hour, at.minute) };
  }
  const year = start.get('year');
  const month = start.get('month');
  const day = start.get('day');
  if (year === null || month === null || day === null) return null;
  const time = start.isCertain('hour')
    ? formatTime(humanHour(start), start.get('minute') ?? 0)
    : null;
  const dayNamed =
    start.isCertain('day') || start.isCertain('weekday') || tags.has('result/relativeDate');
  if (time !== null && !dayNamed) {
    // A bare time: today while it is still ahead, else tomorrow.
    return { date: time > nowTime ? today : addDays(today, 1), time };
  }
  // forwardDate pushes "4/3" written on 4 March to next year once noon has passed; the day is today.
  const sameDayThisYear = formatDate(Number(today.slice(0, 4)), month, day);
  if (!start.isCertain('year') && sameDayThisYear === today) return { date: today, time };
  return { date: formatDate(year, month, day), time };
}
