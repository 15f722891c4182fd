import { load } from 'js-yaml';

export interface Note {
  data: Record<string, unknown>;
  body: string;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Splits YAML front matter from a Markdown note; throws on front matter that is not YAML. */
export function parseNote(text: string): Note {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { data: {}, body: text.replace(/^\uFEFF/, '') };
  const data = load(match[1]!);
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data)))
    throw new Error('front matter is not a mapping');
  return { data: (data ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) };
}

const CODE = /```[\s\S]*?```|`[^`\n]*`/g;
// Obsidian's rule: letters, digits, _, - and / (nesting), and not digits alone.
const INLINE_TAG = /(?:^|[\s([{,;])#([\p{L}\p{N}_/-]+)/gu;

/** The #tags written in a note's text (not in code), as Obsidian and Memos read them. */
export function inlineTags(body: string): string[] {
  const tags: string[] = [];
  for (const match of body.replace(CODE, ' ').matchAll(INLINE_TAG)) {
    const tag = match[1]!.replace(/[/-]+$/, '');
    if (tag && !/^\d+$/.test(tag)) tags.push(tag);
  }
  return tags;
}
