/** HH:MM on the wall clock of an IANA zone at `instant`. */
export function localTimeOfDay(timeZone: string, instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** Quiet hours may wrap midnight (22:00-07:00); the end minute is no longer quiet. */
export function isQuiet(
  quietHours: { start: string; end: string } | null,
  timeZone: string,
  instant: Date,
): boolean {
  if (!quietHours) return false;
  const now = localTimeOfDay(timeZone, instant);
  const { start, end } = quietHours;
  return start <= end ? now >= start && now < end : now >= start || now < end;
}
