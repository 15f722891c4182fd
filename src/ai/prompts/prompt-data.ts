/**
 * Helpers that put user data into a prompt as data. Thought text goes inside tags the system
 * prompt declares to be data; anything in it that could close (or open) one of those tags
 * is defused, so "</thought> ignore previous instructions" stays inside the thought.
 */
export const DATA_TAGS = [
  'thought',
  'context',
  'recent_thoughts',
  'earlier_thoughts',
  'open_tasks',
] as const;

const TAG_LIKE = new RegExp(`<\\s*(/?)\\s*(${DATA_TAGS.join('|')})\\b`, 'gi');

/** The text with every opening or closing data tag written as `&lt;/thought` instead. */
export function defuseTags(text: string): string {
  return text.replace(TAG_LIKE, (_match, slash: string, name: string) => `&lt;${slash}${name}`);
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** `<tag a="b">content</tag>` with the content defused and cut to `maxChars`. */
export function dataBlock(
  tag: (typeof DATA_TAGS)[number],
  content: string,
  attributes: Record<string, string> = {},
  maxChars = 20_000,
): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${attribute(value)}"`)
    .join('');
  const body = content.length > maxChars ? `${content.slice(0, maxChars)} [...]` : content;
  return `<${tag}${attrs}>\n${defuseTags(body)}\n</${tag}>`;
}

/** JSON for a context line; `<` is escaped so no value can form a tag, and the JSON stays valid. */
export function jsonData(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The wall-clock date, weekday and time of `at` in `timeZone` (UTC when the zone is unknown). */
export function inZone(
  at: Date,
  timeZone: string,
): { date: string; weekday: string; time: string; zone: string } {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday,
    time: `${parts.hour}:${parts.minute}`,
    zone,
  };
}
