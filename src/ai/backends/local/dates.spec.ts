import { describe, expect, it } from '@jest/globals';
import { findDue } from './dates.js';
import { addDays, dayPartOf, localDateOf, zoneOffsetMinutes } from './zone.js';

const at = (iso: string) => new Date(iso);
const due = (text: string, now: string, zone: string) => {
  const match = findDue(text, at(now), zone);
  return match && { date: match.dueDate, time: match.dueTime, text: match.dueText };
};

describe('zone offsets', () => {
  it('follows Europe/Berlin across the 2026-03-29 switch to summer time (01:00 UTC)', () => {
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-03-29T00:59:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-03-29T01:00:00Z'))).toBe(120);
  });

  it('follows America/New_York across the 2026-03-08 switch (07:00 UTC)', () => {
    expect(zoneOffsetMinutes('America/New_York', at('2026-03-08T06:59:00Z'))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', at('2026-03-08T07:00:00Z'))).toBe(-240);
  });

  it('handles half-hour zones and falls back to UTC for an unknown zone', () => {
    expect(zoneOffsetMinutes('Asia/Kolkata', at('2026-03-04T12:00:00Z'))).toBe(330);
    expect(zoneOffsetMinutes('Mars/Olympus', at('2026-03-04T12:00:00Z'))).toBe(0);
  });

  it('reads the local calendar and part of the day', () => {
    expect(localDateOf('America/New_York', at('2026-03-05T03:30:00Z'))).toBe('2026-03-04');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(dayPartOf('Europe/Berlin', at('2026-03-04T19:30:00Z'))).toBe('evening');
    expect(dayPartOf('Europe/Berlin', at('2026-03-04T22:30:00Z'))).toBe('night');
  });
});

describe('findDue', () => {
  const now = '2026-03-04T15:30:00Z'; // Wednesday, 16:30 in Berlin

  it.each([
    ['Call mom tomorrow at 5pm', '2026-03-05', '17:00', 'tomorrow at 5pm'],
    ['book the dentist next Tuesday', '2026-03-10', null, 'next Tuesday'],
    ['send the invoice on the 3rd', '2026-04-03', null, 'the 3rd'],
    ['renew insurance in two weeks', '2026-03-18', null, 'in two weeks'],
    ['pay the bill by Friday noon', '2026-03-06', '12:00', 'by Friday noon'],
    ['water the plants tonight', '2026-03-04', null, 'tonight'],
    ['call at 9am', '2026-03-05', '09:00', 'at 9am'],
    ['call at 6pm', '2026-03-04', '18:00', 'at 6pm'],
    ['call the plumber at 5', '2026-03-04', '17:00', 'at 5'],
    ['return the books tomorow', '2026-03-05', null, 'tomorow'],
    ['hand it in by EOD', '2026-03-04', null, 'by EOD'],
    ['cancel before March 10', '2026-03-10', null, 'before March 10'],
    ['due on 12/03', '2026-03-12', null, '12/03'],
  ])('"%s" is due %s %s', (text, date, time, written) => {
    expect(due(text, now, 'Europe/Berlin')).toEqual({ date, time, text: written });
  });

  it('reads numeric dates month-first in the Americas', () => {
    expect(due('due on 12/03', now, 'America/New_York')?.date).toBe('2026-12-03');
  });

  it('ignores what only looks like a date, and the past', () => {
    for (const text of [
      'a 2 hour meeting',
      'sat with her for a while',
      'do it right now',
      'I called yesterday',
      'water them every morning',
      'no date here',
    ]) {
      expect(findDue(text, at(now), 'Europe/Berlin')).toBeNull();
    }
  });

  it('keeps wall-clock times in the user zone after the DST switch', () => {
    // Saturday 13:00 CET; Sunday 9am is CEST, an hour's offset later.
    expect(due('Sunday at 9am', '2026-03-28T12:00:00Z', 'Europe/Berlin')).toMatchObject({
      date: '2026-03-29',
      time: '09:00',
    });
    // 01:30 CET plus two real hours is 04:30 CEST (the clock jumps from 02:00 to 03:00).
    expect(due('in 2 hours', '2026-03-29T00:30:00Z', 'Europe/Berlin')).toMatchObject({
      date: '2026-03-29',
      time: '04:30',
    });
    // Saturday 18:00 EST; Sunday 8am is EDT.
    expect(due('tomorrow at 8am', '2026-03-07T23:00:00Z', 'America/New_York')).toMatchObject({
      date: '2026-03-08',
      time: '08:00',
    });
  });

  it("resolves relative to the user's day, not UTC's", () => {
    // 22:30 on 4 March in New York is already 5 March in UTC.
    expect(due('tonight at 11pm', '2026-03-05T03:30:00Z', 'America/New_York')).toMatchObject({
      date: '2026-03-04',
      time: '23:00',
    });
    expect(due('tomorrow', '2026-03-05T03:30:00Z', 'America/New_York')?.date).toBe('2026-03-05');
    // 02:00 on 5 March in Berlin: a time already gone today moves to tomorrow.
    expect(due('at 1am', '2026-03-05T01:00:00Z', 'Europe/Berlin')).toMatchObject({
      date: '2026-03-06',
      time: '01:00',
    });
    // Without am/pm, 1 o'clock in a to-do is the afternoon: still ahead today.
    expect(due('at 1', '2026-03-05T01:00:00Z', 'Europe/Berlin')).toMatchObject({
      date: '2026-03-05',
      time: '13:00',
    });
  });

  it('joins a day and a time written apart, and cuts both from the text', () => {
    const text = 'tomorrow I have to drop the kids at school at 7:45';
    const match = findDue(text, at(now), 'Europe/Berlin');
    expect(match).toMatchObject({
      dueDate: '2026-03-05',
      dueTime: '07:45',
      dueText: 'tomorrow at 7:45',
    });
    expect(match?.cuts.map(([start, end]) => text.slice(start, end))).toEqual([
      'tomorrow',
      'at 7:45',
    ]);
  });
});

describe('findDue on phrasings chrono misses', () => {
  const now = '2026-03-04T15:30:00Z'; // Wednesday, 16:30 in Berlin

  it('reads "day after tomorrow" without its article, "Tues" with its time, and "by the end of the month"', () => {
    expect(due('day after tomorrow return the books', now, 'Europe/Berlin')).toEqual({
      date: '2026-03-06',
      time: null,
      text: 'day after tomorrow',
    });
    expect(due('Tues 6:30pm yoga class', now, 'Europe/Berlin')).toMatchObject({
      date: '2026-03-10',
      time: '18:30',
    });
    const month = findDue(
      'by the end of the month i must cancel the gym',
      at(now),
      'Europe/Berlin',
    );
    expect(month).toMatchObject({ dueDate: '2026-03-31', dueText: 'by the end of the month' });
    // The article goes with the date words, so the clause left starts at "i must".
    expect(month?.cuts).toEqual([[0, 23]]);
  });
});

describe('findDue on clock phrases and relative days', () => {
  const now = '2026-03-04T15:30:00Z'; // Wednesday, 16:30 in Berlin
  const zone = 'Europe/Berlin';

  it.each([
    ['call the bank tomorrow at half past 4', '2026-03-05', '16:30'],
    ['quarter past 8 tomorrow drop the car off', '2026-03-05', '08:15'],
    ['quarter to nine tomorrow standup', '2026-03-05', '08:45'],
    ['tmrw by 5 send the invoice', '2026-03-05', '17:00'],
    ['tomorrow at 7 in the evening parents evening', '2026-03-05', '19:00'],
    ['tomorrow at 11 in the morning call the vet', '2026-03-05', '11:00'],
    ['submit the timesheet by Friday EOD', '2026-03-06', null],
    ['by the end of the week send the draft', '2026-03-06', null],
    ['Saturday after next is the tournament', '2026-03-14', null],
    ['a week from Monday the new hire starts', '2026-03-16', null],
    ['a week from tomorrow renew it', '2026-03-12', null],
    ['weds 3pm haircut', '2026-03-11', '15:00'],
    ['Thursday week the boiler service', '2026-03-12', null],
    ['in a fortnight the car inspection', '2026-03-18', null],
    ['in 2 wks renew the insurance', '2026-03-18', null],
    ['at 6ish tomorrow pick up the takeaway', '2026-03-05', '18:00'],
    ['tomorrow @ 3 call the council', '2026-03-05', '15:00'],
  ])('%s', (text, date, time) => {
    expect(due(text, now, zone)).toMatchObject({ date, time });
  });

  it('takes "first thing" and "after lunch" with the date, and no hour from "by 5 people"', () => {
    expect(findDue('first thing tomorrow email the landlord', at(now), zone)?.cuts).toEqual([
      [0, 20],
    ]);
    expect(findDue('print the passes tomorrow after lunch', at(now), zone)).toMatchObject({
      dueText: 'tomorrow after lunch',
      dueTime: null,
    });
    expect(due('tomorrow by 5 people should sign up', now, zone)).toMatchObject({ time: null });
  });

  it.each([
    ['this wknd clean the garage', '2026-03-07', null],
    ['first of the month pay rent', '2026-04-01', null],
    ['start of next month renew the lease', '2026-04-01', null],
    ['two weeks from today the boiler service', '2026-03-18', null],
    ['two weeks from Monday the new hire starts', '2026-03-23', null],
    ['at 8 tmrw morning ring the garage', '2026-03-05', '08:00'],
    ['at 7 tomorrow evening call Jo', '2026-03-05', '19:00'],
  ])('reads texting and spoken spans: %s', (text, date, time) => {
    expect(due(text, now, zone)).toMatchObject({ date, time });
  });

  it('cuts the lead words of a date ("next", "before work") with it, and a bare day part after it', () => {
    expect(findDue('next Tues drop the forms off', at(now), zone)?.cuts).toEqual([[0, 9]]);
    expect(findDue('before work tmrw fill up the tank', at(now), zone)?.cuts).toEqual([[0, 16]]);
    expect(findDue('at 8 tmrw morning ring the garage', at(now), zone)?.cuts).toEqual([[0, 17]]);
  });

  it.each([
    ['pay rent Sat 7th', '2026-03-07', null],
    ['on Fri the 3rd pay the nanny', '2026-04-03', null],
    ['call Jo this arvo', '2026-03-04', null],
    ['mon arvo ring the bank', '2026-03-09', null],
    ['meet at 1730', '2026-03-04', '17:30'],
    ['tues 10.30am physio', '2026-03-10', '10:30'],
    ['end of next week send the draft', '2026-03-13', null],
    ['on Christmas Eve call nan', '2026-12-24', null],
    ['NYE party, buy the drinks', '2026-12-31', null],
    ['9am sharp friday standup', '2026-03-06', '09:00'],
  ])(
    'reads weekday-and-number dates, "arvo", 24-hour times without a colon, holidays: %s',
    (text, date, time) => {
      expect(due(text, now, zone)).toMatchObject({ date, time });
    },
  );

  it('reads "for an hour" as a span, not a due time', () => {
    expect(due('sat with her for an hour', now, zone)).toBeNull();
  });
});

describe('findDue in New Zealand and British English', () => {
  // Monday 16 November 09:30 in Auckland, still Sunday 15 November in UTC.
  const nz = '2026-11-15T20:30:00Z';
  const auckland = 'Pacific/Auckland';

  it.each([
    ['half five tomorrow pick up the togs', '2026-11-17', '17:30'],
    ['half 7 on Friday', '2026-11-20', '07:30'],
    ['after smoko ring the supplier', '2026-11-16', null],
    ['dentist for the kids on 14/12', '2026-12-14', null],
    ['put the Christmas tree up on the 28th', '2026-11-28', null],
    ['Boxing Day drive up to the bach', '2026-12-26', null],
    ['Christmas Eve at 7pm carols', '2026-12-24', '19:00'],
  ])('reads %s in the user zone', (text, date, time) => {
    expect(due(text, nz, auckland)).toMatchObject({ date, time });
  });

  it('reads "half" before an amount as no time', () => {
    expect(due('buy half a dozen eggs tomorrow', nz, auckland)).toMatchObject({
      date: '2026-11-17',
      time: null,
    });
    expect(due('half 6 kg of flour', nz, auckland)).toBeNull();
  });
});
