import { tagKey, tidyTag } from '../ai/backends/local/tag-normal.js';
import { compareText } from '../ai/backends/local/text.js';

export interface TagCount {
  tag: string;
  count: number;
}

export interface MergeSuggestion {
  /** The most used variant: what the others would be merged into. */
  into: string;
  /** Every variant, the target first, then by use. */
  variants: TagCount[];
  total: number;
  /** `variant`: the same word spelt or inflected differently; `synonym`: near-synonyms of one topic. */
  kind: 'variant' | 'synonym';
}

/** The spelling a variant reduces to: "Cyber-Security", "cyber security", "cybersecurities" alike. */
export function spellingKey(tag: string): string {
  return (tidyTag(tag) ?? '').replace(/ /g, '');
}

/**
 * Groups the user's tags that the local backend would treat as one (tagKey: case, separators,
 * plural, lexicon near-synonyms such as "jogging"/"running"), each group with two or more
 * variants. The target is the most used variant (ties: the tidy spelling, then the shorter).
 */
export function suggestMerges(counts: readonly TagCount[]): MergeSuggestion[] {
  const groups = new Map<string, TagCount[]>();
  for (const entry of counts) {
    const key = tagKey(entry.tag);
    if (key === '') continue;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const suggestions: MergeSuggestion[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const variants = [...group].sort(
      (a, b) =>
        b.count - a.count ||
        Number(tidyTag(b.tag) === b.tag) - Number(tidyTag(a.tag) === a.tag) ||
        a.tag.length - b.tag.length ||
        compareText(a.tag, b.tag),
    );
    const spellings = new Set(variants.map((v) => spellingKey(v.tag)));
    suggestions.push({
      into: variants[0]!.tag,
      variants,
      total: variants.reduce((sum, v) => sum + v.count, 0),
      kind: spellings.size === 1 ? 'variant' : 'synonym',
    });
  }
  return suggestions.sort((a, b) => b.total - a.total || compareText(a.into, b.into));
}
