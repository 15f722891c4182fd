/** Dates, numbers and times for display. Days are 'YYYY-MM-DD' strings compared as text. */

export function relativeTime(iso, now = Date.now()) {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} d ago`;
  return new Date(then).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: days > 300 ? 'numeric' : undefined,
  });
}

/** "25 Nov, 20:04–21:04" (or two dates when the range spans days). */
export function timeRange(startIso, endIso) {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const time = (date) => date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const day = (date) => date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return start.toDateString() === end.toDateString()
    ? `${day(start)}, ${time(start)}–${time(end)}`
    : `${day(start)} ${time(start)} – ${day(end)} ${time(end)}`;
}

export const fullTime = (iso) => (iso ? new Date(iso).toLocaleString() : '');

/** Today's date in a time zone (the profile's), as YYYY-MM-DD. */
export function isoDay(date = new Date(), timeZone) {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(date);
    const get = (type) => parts.find((part) => part.type === type)?.value;
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
    return local.toISOString().slice(0, 10);
  }
}

export function addDays(day, count) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

export function formatDay(day, { weekday = true } = {}) {
  const date = new Date(`${day}T00:00:00Z`);
  return date.toLocaleDateString(undefined, {
    timeZone: 'UTC',
    weekday: weekday ? 'short' : undefined,
    day: 'numeric',
    month: 'short',
  });
}

/** "today", "tomorrow", "yesterday" or a short date (read after "Due "). */
export function dueLabel(day, today) {
  if (!day) return '';
  if (day === today) return 'today';
  if (day === addDays(today, 1)) return 'tomorrow';
  if (day === addDays(today, -1)) return 'yesterday';
  return formatDay(day);
}

export const percent = (value) => `${Math.round(Number(value) * 100)}%`;
export const formatInt = (value) => Math.round(Number(value) || 0).toLocaleString();
export function formatUsd(value) {
  const amount = Number(value) || 0;
  return amount < 0.01 && amount > 0 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`;
}
export function compact(value) {
  const number = Number(value) || 0;
  if (number >= 1e6) return `${(number / 1e6).toFixed(1)}M`;
  if (number >= 1e3) return `${(number / 1e3).toFixed(1)}k`;
  return String(Math.round(number));
}

/** A random UUID, also on plain-HTTP LAN hosts where crypto.randomUUID is missing. */
export function uuid() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
