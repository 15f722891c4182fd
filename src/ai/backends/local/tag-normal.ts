import { STOP_WORDS } from './lexicon.js';
import { topicOf } from './synonyms.js';
import { singular } from './text.js';

/**
 * The one spelling of a new tag: lower case, words separated by one space (no hyphens or
 * underscores), the last word singular. Null for what is never a tag: empty, a stop word,
 * a bare number. Exported for tag hygiene (suggested merges, merge, rename) as well.
 */
export function tidyTag(raw: string): string | null {
  const words = raw
    .toLowerCase()
    .replace(/^#+/, '')
    .split(/[\s_\-/]+/)
    .filter(Boolean);
  if (words.length === 0) return null;
  words[words.length - 1] = singular(words[words.length - 1]);
  const tag = words.join(' ');
  if (/^\d+$/.test(tag.replace(/ /g, '')) || STOP_WORDS.has(tag)) return null;
  return tag;
}

/**
 * What makes two tags the same: "Cyber-Security", "cyber security" and "cybersecurity" share
 * a key, and so do the forms of one lexicon topic ("jogging", "running").
 */
export function tagKey(tag: string): string {
  const tidy = tidyTag(tag) ?? '';
  const joined = tidy.replace(/ /g, '');
  return topicOf(joined) ?? topicOf(tidy) ?? joined;
}
